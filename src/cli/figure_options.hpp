#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "optiscope/core/scenario.hpp"
#include "optiscope/render/figures.hpp"

namespace optiscope::cli {

/// The figure options that `run` and `plot` share, as typed. Empty text
/// means the option was not given.
struct FigureOptions {
  std::string figures;
  std::string formats;
  std::string language;
  std::string arrows;
  std::string gif_frames;
  std::string gif_fps;
  std::string gif_size;
};

/// Declares --figures, --format, --lang, --arrows, --gif-frames, --gif-fps
/// and --gif-size on `command`.
void add_figure_options(CLI::App* command, FigureOptions& options);

/// The validated figure options.
struct FigurePlan {
  render::FigureSettings settings;
  render::Language language = render::Language::en;
  std::optional<long> arrows_step;
};

/// Validates the options for a run of `steps` steps. Throws UsageError
/// naming the option, the value and the valid values.
FigurePlan plan_figures(const FigureOptions& options, long steps);

/// Writes the planned figures of `results` into `directory`, creating it if
/// needed, and returns the files written.
std::vector<std::filesystem::path> write_planned_figures(
    const std::filesystem::path& directory, const FigurePlan& plan, const Surface& surface,
    Vec2 start, long steps, const std::vector<OptimizerResult>& results);

}  // namespace optiscope::cli
