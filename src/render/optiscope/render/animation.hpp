#pragma once

#include <filesystem>

#include "optiscope/render/figure.hpp"

namespace optiscope::render {

/// How the animation is played and sized.
struct AnimationSettings {
  /// Frames from the start to the last step, at least 1. More frames than
  /// steps + 1 repeat steps.
  int frames = 100;
  /// Frames per second. GIF stores delays in hundredths of a second, so the
  /// rate is rounded to 100 / round(100 / fps); rates above 50 are slowed
  /// to 50 because browsers stretch shorter delays.
  double fps = 10.0;
  FigureSize size{800, 600};
  /// How long the last frame stays before the loop starts again.
  double final_hold_seconds = 2.0;
};

/// Returns the last step that frame `frame` of `frames` shows: 0 for the
/// first frame and `steps` for the last, evenly spaced between.
long frame_step(int frame, int frames, long steps);

/// Returns the GIF delay of one frame in hundredths of a second.
int frame_delay_centiseconds(double fps);

/// Writes the animation to `path` atomically: the paths drawn step by step
/// on the contour map beside the growing loss curves, with the step number
/// as the title. Throws RuntimeFailure naming the file when writing fails.
void write_animation(const std::filesystem::path& path, const FigureInput& input,
                     const AnimationSettings& settings);

}  // namespace optiscope::render
