#pragma once

#include <cairo.h>

#include <optional>

#include "optiscope/render/chart.hpp"
#include "optiscope/render/figure.hpp"
#include "optiscope/render/figure_file.hpp"
#include "optiscope/render/strings.hpp"

namespace optiscope::render {

/// How the loss chart shows loss: as the offset above a reference (the known
/// minimum, or the lowest loss of any path) on a log scale.
struct LossScale {
  double reference = 0.0;
  Text axis = Text::loss_axis;
  Range values;
};

/// Chooses the reference and the value range. Diverged paths widen the range
/// by at most three decades, so they cannot flatten the other curves.
LossScale choose_loss_scale(const FigureInput& input);

/// Returns the frame of the loss chart inside `panel`, below its heading.
ChartFrame loss_chart_frame(const FigureInput& input, const LossScale& scale, const Rect& panel,
                            const Style& style);

/// Draws the axes and grid of the loss chart, and its heading if asked.
void draw_loss_axes(cairo_t* cr, const FigureInput& input, const LossScale& scale,
                    const ChartFrame& frame, const Style& style, bool heading);

/// Draws every loss curve up to `last_step` and the divergence marks.
void draw_loss_curves(cairo_t* cr, const FigureInput& input, const LossScale& scale,
                      const ChartFrame& frame, const Style& style, long last_step);

/// Draws the loss chart inside `panel` with every curve up to `last_step`
/// and an x and a dotted line where a path diverged. A figure whose title
/// already names the chart leaves out the heading.
void draw_loss_panel(cairo_t* cr, const FigureInput& input, const LossScale& scale,
                     const Rect& panel, const Style& style, long last_step, bool heading);

/// Which Hessian eigendirection an eigencomponent panel follows.
enum class Eigendirection { steep, flat };

/// The frame the eigencomponents are measured in: the Hessian eigenvectors
/// at the first known minimizer with that minimizer as origin, or, when the
/// surface lists none, at the start.
struct EigenBasis {
  Vec2 origin;
  SymmetricEigen eigen;
  bool from_minimizer = true;

  /// Returns the coordinate of `p` along the direction.
  double component(Vec2 p, Eigendirection direction) const;
};

EigenBasis choose_eigen_basis(const FigureInput& input);

/// Draws one eigencomponent chart with a heading naming the direction and
/// its eigenvalue.
void draw_eigen_panel(cairo_t* cr, const FigureInput& input, const EigenBasis& basis,
                      Eigendirection direction, const Rect& panel, const Style& style,
                      long last_step);

/// The loss curves figure: title, chart and legend.
FigureDrawing loss_curves_figure(const FigureInput& input, FigureSize size = {1200, 800});

/// The eigencomponents figure: the steep and the flat panel stacked, with a
/// shared legend.
FigureDrawing eigencomponents_figure(const FigureInput& input, FigureSize size = {1200, 1000});

/// SVG tags for the curves of every optimizer, class `css_class` and id
/// "<css_class>-K".
std::vector<SvgPathTag> curve_tags(const FigureInput& input, const Style& style,
                                   const std::string& css_class);

}  // namespace optiscope::render
