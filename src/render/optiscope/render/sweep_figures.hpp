#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "optiscope/core/sweep.hpp"
#include "optiscope/render/figure_file.hpp"
#include "optiscope/render/strings.hpp"

namespace optiscope::render {

// Figures of a hyperparameter or start-point sweep. Every figure draws the
// cells of the result it is given; cells of other shards stay blank.
//
// Colours: low loss and few steps are light, as on the path map, and
// diverged cells are Okabe-Ito vermillion, which the loss colormap never
// produces. On a quadratic surface without noise, and for sgd, gd,
// momentum or nesterov with a constant lr, the figures overlay what
// docs/theory.md predicts: the stability boundary (predicted contraction
// rate 1), gradient descent's best lr and heavy ball's best pair.

/// The quantity a 2-D heatmap colours each cell by. One colour scale
/// serves every table of a sweep, so maps of two optimizers compare
/// directly.
enum class SweepMeasure {
  /// log10 of the final loss above the surface's minimum (or above the
  /// lowest final loss of the sweep when the minimum is unknown).
  final_loss,
  /// The first step with loss below the sweep's tolerance; cells that never
  /// get there are grey.
  steps_to_tolerance,
};

/// Returns true when the sweep has two axes, the start point's x and y.
bool is_start_grid(const SweepResult& result);

/// The heatmap of table `table` of a 2-D sweep: the first axis runs left to
/// right, the second bottom to top, each on a log scale where the axis is.
/// A colorbar explains the measure, a legend the diverged colour and the
/// theory overlays. Throws std::invalid_argument for a 1-D sweep or a
/// table index out of range, which are programming errors.
FigureDrawing sweep_heatmap_figure(const SweepResult& result, std::size_t table, Language language,
                                   SweepMeasure measure = SweepMeasure::final_loss,
                                   FigureSize size = {1200, 1060});

/// The basin map of table `table` of a start-point grid: every start
/// coloured by the minimizer its run ended at, grey where it reached none
/// and vermillion where it diverged, over the surface's isolines, with the
/// minimizers marked. Throws std::invalid_argument unless
/// is_start_grid(result).
FigureDrawing sweep_basin_figure(const SweepResult& result, std::size_t table, Language language,
                                 FigureSize size = {1200, 1060});

/// The curves of a 1-D sweep: final loss (log scale) above and steps to the
/// tolerance below, against the swept value, one curve per optimizer. A
/// diverged cell breaks its curve and is marked with an x along the top of
/// both panels. A cell that never gets below the tolerance is marked with an
/// open circle along the top of the steps panel. On a quadratic, each
/// SGD-family optimizer's predicted stability limit is a dashed vertical
/// line in its colour, and gradient descent's best lr a dotted one. Throws
/// std::invalid_argument for a 2-D sweep.
FigureDrawing sweep_curves_figure(const SweepResult& result, Language language,
                                  FigureSize size = {1200, 1100});

/// A figure with the file name it is written under, without extension.
struct NamedFigure {
  std::string stem;
  FigureDrawing drawing;
};

/// Returns every figure that applies to `result`. A 1-D sweep gives
/// "sweep-curves". A 2-D sweep gives, per optimizer, "stability-map-LABEL"
/// (final loss) and "steps-map-LABEL" (steps to tolerance), plus
/// "basin-map-LABEL" on a start-point grid. LABEL is the optimizer's label
/// with every character other than letters, digits, '-', '_' and '.'
/// replaced by '-'.
std::vector<NamedFigure> sweep_figures(const SweepResult& result, Language language);

/// The SVG class of the drawn stability boundary, "theory-boundary"; the
/// boundary paths get the ids "theory-boundary-1", "-2", ...
inline constexpr const char* kBoundaryClass = "theory-boundary";

}  // namespace optiscope::render
