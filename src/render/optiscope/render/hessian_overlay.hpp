#pragma once

#include <cairo.h>

#include <optional>

#include "optiscope/core/surface.hpp"
#include "optiscope/render/placement.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/strings.hpp"

namespace optiscope::render {

/// A level set L = L* + c of the local quadratic at a minimizer: an ellipse
/// whose axes point along the Hessian's eigenvectors, with semi-axes
/// sqrt(2c / lambda), so the steep axis is the short one.
struct LevelEllipse {
  Vec2 centre;
  SymmetricEigen eigen;
  double semi_steep = 0.0;
  double semi_flat = 0.0;
};

/// Returns the level ellipse around the first known minimizer inside `view`
/// whose Hessian is positive definite, sized so that its flat semi-axis is
/// 30% of the shorter side of the view; nothing when there is none.
std::optional<LevelEllipse> level_ellipse(const Surface& surface, const Box& view);

/// Draws the ellipse and its two axes as dark dashed lines.
void draw_level_ellipse(cairo_t* cr, const PlotFrame& frame, const LevelEllipse& ellipse,
                        const Style& style);

/// Labels each axis with its eigenvalue at one of its tips, where the label
/// covers no path and no other label. An axis whose tips are both crowded
/// stays unlabelled; the legend lists the eigenvalues as well.
void draw_eigenvalue_labels(cairo_t* cr, const PlotFrame& frame, const LevelEllipse& ellipse,
                            Occupancy& occupancy, Language language, const Style& style);

}  // namespace optiscope::render
