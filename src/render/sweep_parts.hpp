#pragma once

// Colours, legend samples and layout shared by the sweep figures. Private
// to the render library.

#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "optiscope/core/sweep.hpp"
#include "optiscope/render/colors.hpp"
#include "optiscope/render/figure.hpp"
#include "optiscope/render/legend.hpp"
#include "optiscope/render/strings.hpp"

namespace optiscope::render::sweep_detail {

/// Okabe-Ito vermillion: the loss colormap runs from blue through green to
/// cream and never reaches it.
inline constexpr Color kDivergedColor{213.0 / 255.0, 94.0 / 255.0, 0.0};
inline constexpr Color kNotReachedColor{0.62, 0.62, 0.62};
inline constexpr Color kMissingColor{1.0, 1.0, 1.0};
inline constexpr Color kInk{0.05, 0.05, 0.05};

/// Returns table `index`; throws std::invalid_argument when out of range.
const SweepTable& table_at(const SweepResult& result, std::size_t index);

bool is_diverged(const SweepCell& cell);
/// A cell that completed without getting below the tolerance.
bool is_not_reached(const SweepCell& cell);
bool any_cell(const SweepResult& result, bool (*test)(const SweepCell&));

/// Returns the start point of a cell: the scenario's start with any swept
/// start coordinate replaced.
Vec2 cell_start(const SweepResult& result, const SweepCell& cell);

/// Formats a tolerance without padded exponents: "1e-6", "0.001".
std::string format_tolerance(double value);

/// The colour scale of final losses: log10 of the loss above a reference,
/// over whole decades. One scale serves every table of a sweep, so that the
/// maps and curves of two optimizers compare directly.
struct LossColors {
  /// The surface's minimum, or the lowest final loss of the sweep when the
  /// minimum is unknown.
  double reference = 0.0;
  /// The quantity's name: loss, loss − minimum or loss − lowest.
  Text quantity = Text::loss_axis;
  double low_decade = -1.0;
  double high_decade = 1.0;

  double gap(const SweepCell& cell) const { return cell.final_loss - reference; }
  /// The position of a loss gap on the scale: 0 at 10^low_decade and below,
  /// 1 at 10^high_decade and above.
  double fraction(double loss_gap) const;
};

/// Chooses the scale from every cell that did not diverge: whole decades
/// from the lowest gap to the highest. The top is at most 10 times the
/// highest gap at a start, and the bottom at most 24 decades below the top,
/// so that neither a run about to diverge nor an exact hit of the minimum
/// squeezes the other cells into one colour.
LossColors loss_colors(const SweepResult& result);

/// The colour of a position on a scale: light at 0 (low loss, few steps),
/// dark at 1, as on the path map.
Color scale_color(double fraction);

/// Line patterns of theory overlays.
enum class Dash { solid, dashed, dotted };

void set_dash(cairo_t* cr, Dash dash, const Style& style);
void reset_dash(cairo_t* cr);
double theory_line_width(const Style& style);
double halo_width(const Style& style);

/// Heavy ball's best pair: a white diamond with a black rim.
void draw_best_marker(cairo_t* cr, Vec2 centre, double radius);
/// A white disc with a ring in `color`, for a cell that never got below the
/// tolerance.
void draw_open_circle(cairo_t* cr, Vec2 centre, double radius, Color color);

/// A legend entry whose sample is a filled square.
LegendEntry swatch_entry(Color color, std::string label);
/// A legend entry whose sample is a line, over a white halo if `halo`.
LegendEntry line_entry(Color color, Dash dash, bool halo, std::string label);
/// A legend entry whose sample `draw` draws around the sample's centre.
LegendEntry marker_entry(std::string label,
                         std::function<void(cairo_t*, Vec2 centre, const Style&)> draw);

/// "L(x, y) = …; start (x, y), N steps", or "… N steps from every start" when
/// an axis is a start coordinate.
std::string sweep_subtitle(const SweepResult& result, Language language);

/// "not below TOL within N steps".
std::string not_reached_text(const SweepResult& result, Language language);

/// The parts of a figure: the title band on top, one plot region, and the
/// legend below it.
struct Layout {
  FigureSize size;
  Style style;
  Rect plot_region;
  Rect legend;
};

Layout layout_figure(FigureSize size, const std::vector<LegendEntry>& entries);

}  // namespace optiscope::render::sweep_detail
