#include "optiscope/render/hessian_overlay.hpp"

#include <cmath>
#include <vector>

#include "optiscope/render/text.hpp"

namespace optiscope::render {

std::optional<LevelEllipse> level_ellipse(const Surface& surface, const Box& view) {
  for (Vec2 minimizer : surface.info().minimizers) {
    if (!contains(view, minimizer)) {
      continue;
    }
    const SymmetricEigen eigen = eigen_decompose(surface.hessian(minimizer));
    if (!(eigen.lambda_min > 0.0) || !std::isfinite(eigen.lambda_max)) {
      continue;
    }
    const double semi_flat = 0.3 * std::min(view.x_max - view.x_min, view.y_max - view.y_min);
    const double level = 0.5 * eigen.lambda_min * semi_flat * semi_flat;
    return LevelEllipse{minimizer, eigen, std::sqrt(2.0 * level / eigen.lambda_max), semi_flat};
  }
  return std::nullopt;
}

void draw_level_ellipse(cairo_t* cr, const PlotFrame& frame, const LevelEllipse& ellipse,
                        const Style& style) {
  const Vec2 steep = ellipse.semi_steep * ellipse.eigen.v_max;
  const Vec2 flat = ellipse.semi_flat * ellipse.eigen.v_min;

  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  const double dashes[] = {style.base * 0.5, style.base * 0.3};
  cairo_set_dash(cr, dashes, 2, 0.0);
  cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 0.85);
  cairo_set_line_width(cr, style.base * 0.1);

  constexpr int kSegments = 96;
  for (int k = 0; k <= kSegments; ++k) {
    const double t = 2.0 * M_PI * k / kSegments;
    const Vec2 p = frame.to_pixel(ellipse.centre + std::cos(t) * steep + std::sin(t) * flat);
    k == 0 ? cairo_move_to(cr, p.x, p.y) : cairo_line_to(cr, p.x, p.y);
  }
  cairo_close_path(cr);
  cairo_stroke(cr);

  for (Vec2 axis : {steep, flat}) {
    const Vec2 a = frame.to_pixel(ellipse.centre - 1.0 * axis);
    const Vec2 b = frame.to_pixel(ellipse.centre + axis);
    cairo_move_to(cr, a.x, a.y);
    cairo_line_to(cr, b.x, b.y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

namespace {

// Candidate label boxes beyond a tip, nearest first, sliding sideways.
std::vector<Rect> candidates_beyond(Vec2 tip, Vec2 outward, TextExtent extent, double gap) {
  std::vector<Rect> candidates;
  const Vec2 across{-outward.y, outward.x};
  for (double distance : {1.0, 2.0, 3.5}) {
    for (double slide : {0.0, 0.6, -0.6, 1.2, -1.2}) {
      // The box half-size along the outward direction keeps the box clear of the tip.
      const double reach =
          0.5 * (std::abs(outward.x) * extent.width + std::abs(outward.y) * extent.height);
      const Vec2 centre = tip + (reach + distance * gap) * outward + slide * extent.height * across;
      candidates.push_back({centre.x - extent.width / 2.0, centre.y - extent.height / 2.0,
                            extent.width, extent.height});
    }
  }
  return candidates;
}

}  // namespace

void draw_eigenvalue_labels(cairo_t* cr, const PlotFrame& frame, const LevelEllipse& ellipse,
                            Occupancy& occupancy, Language language, const Style& style) {
  const struct {
    Vec2 axis;
    double lambda;
  } axes[] = {{ellipse.semi_steep * ellipse.eigen.v_max, ellipse.eigen.lambda_max},
              {ellipse.semi_flat * ellipse.eigen.v_min, ellipse.eigen.lambda_min}};

  const Font font = style.label();
  for (const auto& [axis, lambda] : axes) {
    const std::string label = text(language, Text::eigenvalue_label, {format_number(lambda)});
    const TextExtent extent = measure_text(cr, label, font);
    std::vector<Rect> candidates;
    for (double sign : {1.0, -1.0}) {
      const Vec2 tip_pixel = frame.to_pixel(ellipse.centre + sign * axis);
      Vec2 outward = tip_pixel - frame.to_pixel(ellipse.centre);
      outward = (1.0 / std::max(norm(outward), 1e-9)) * outward;
      for (const Rect& rect : candidates_beyond(tip_pixel, outward, extent, style.gap())) {
        candidates.push_back(rect);
      }
    }
    const std::optional<Rect> spot = occupancy.claim_first_free(candidates, frame.area());
    if (!spot) {
      continue;
    }
    cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.8);
    cairo_rectangle(cr, spot->left - 2.0, spot->top, spot->width + 4.0, spot->height);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    draw_text(cr, label, {spot->left, spot->top + spot->height / 2.0}, font);
  }
}

}  // namespace optiscope::render
