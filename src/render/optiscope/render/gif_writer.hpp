#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "optiscope/render/colors.hpp"

namespace optiscope::render {

/// An 8-bit sRGB colour.
struct Rgb8 {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;

  friend bool operator==(Rgb8, Rgb8) = default;
};

Rgb8 to_rgb8(Color color);

/// A fixed GIF palette of at most 255 colours; index 255 is kept for
/// transparency. Every frame maps each pixel to its nearest palette colour
/// without dithering, so lines and band edges stay crisp.
class Palette {
 public:
  /// Builds a palette from the colours that must appear exactly (surface
  /// bands, path colours, text), their half-way blends with white and with
  /// each other, a grey ramp and a coarse colour cube for the rest.
  explicit Palette(const std::vector<Color>& key_colors);

  const std::vector<Rgb8>& colors() const { return colors_; }

  /// Returns the index of the palette colour nearest to (r, g, b).
  std::uint8_t nearest(std::uint8_t r, std::uint8_t g, std::uint8_t b) const {
    return lookup_[(static_cast<std::size_t>(r >> 3) << 10) |
                   (static_cast<std::size_t>(g >> 3) << 5) | (b >> 3)];
  }

 private:
  std::vector<Rgb8> colors_;
  /// The nearest colour of every 5-bit-per-channel cell, indexed rrrrrgggggbbbbb.
  std::vector<std::uint8_t> lookup_;
};

/// The palette index that marks a pixel as unchanged from the previous frame.
inline constexpr std::uint8_t kTransparentIndex = 255;

/// Writes an animated GIF that loops forever. Frames after the first store
/// only the rectangle that changed, with unchanged pixels transparent,
/// which keeps files small when a frame adds a few line segments.
class GifWriter {
 public:
  /// Opens `path` for writing; throws RuntimeFailure naming `target`, the
  /// file the caller promises to the user, when giflib cannot open it.
  GifWriter(const std::filesystem::path& path, const std::filesystem::path& target, int width,
            int height, Palette palette);
  ~GifWriter();
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  /// Adds a frame from 32-bit cairo pixels (0xAARRGGBB, opaque) with rows
  /// `stride` bytes apart, shown for `delay_centiseconds`.
  void add_frame(const unsigned char* pixels, int stride, int delay_centiseconds);

  /// Writes the trailer and closes the file; throws RuntimeFailure on error.
  void finish();

  int frame_count() const { return frames_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  int frames_ = 0;
};

}  // namespace optiscope::render
