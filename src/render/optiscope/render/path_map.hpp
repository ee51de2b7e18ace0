#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope::render {

/// What a path map shows: the surface, the common start and every
/// optimizer's trajectory.
struct PathMapInput {
  const Surface* surface = nullptr;
  Vec2 start;
  long steps = 0;
  const std::vector<OptimizerResult>* results = nullptr;
};

/// Size of the figure in pixels (PNG) or points (SVG).
struct FigureSize {
  int width = 1200;
  int height = 900;
};

/// Returns the default size for `optimizers` paths: the legend sits below
/// the plot, so the figure grows by one row per optimizer.
FigureSize default_figure_size(std::size_t optimizers);

/// Chooses the region to show: every point of the runs that did not diverge,
/// the start and the minimizers, padded by 8%. Points of diverged runs are
/// included only while they stay within twice that region, so one runaway
/// path cannot shrink the others to a dot.
Box choose_view(const PathMapInput& input);

/// Writes the path map as PNG, atomically.
void write_path_map_png(const std::filesystem::path& path, const PathMapInput& input,
                        FigureSize size);

/// Writes the path map as SVG, atomically.
void write_path_map_svg(const std::filesystem::path& path, const PathMapInput& input,
                        FigureSize size);

}  // namespace optiscope::render
