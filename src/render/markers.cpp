#include "optiscope/render/markers.hpp"

#include <cmath>

namespace optiscope::render {

void set_color(cairo_t* cr, Color color, double alpha) {
  cairo_set_source_rgba(cr, color.r, color.g, color.b, alpha);
}

void draw_start_marker(cairo_t* cr, Vec2 centre, double radius) {
  cairo_new_path(cr);
  cairo_arc(cr, centre.x, centre.y, radius, 0.0, 2.0 * M_PI);
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  cairo_set_line_width(cr, radius * 0.32);
  cairo_stroke(cr);
}

void draw_minimum_marker(cairo_t* cr, Vec2 centre, double radius) {
  draw_cross_marker(cr, centre, radius, {0.0, 0.0, 0.0});
}

void draw_cross_marker(cairo_t* cr, Vec2 centre, double radius, Color color) {
  cairo_new_path(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; ++pass) {
    // A wide white stroke first, so the cross reads on dark and light bands.
    const bool halo = pass == 0;
    cairo_set_line_width(cr, halo ? radius * 0.75 : radius * 0.38);
    set_color(cr, halo ? Color{1.0, 1.0, 1.0} : color);
    const double d = radius / std::sqrt(2.0);
    cairo_move_to(cr, centre.x - d, centre.y - d);
    cairo_line_to(cr, centre.x + d, centre.y + d);
    cairo_move_to(cr, centre.x - d, centre.y + d);
    cairo_line_to(cr, centre.x + d, centre.y - d);
    cairo_stroke(cr);
  }
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

void draw_final_marker(cairo_t* cr, Vec2 centre, double half_side, Color color) {
  cairo_new_path(cr);
  cairo_rectangle(cr, centre.x - half_side, centre.y - half_side, 2.0 * half_side, 2.0 * half_side);
  set_color(cr, color);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_set_line_width(cr, half_side * 0.25);
  cairo_stroke(cr);
}

void draw_step_dot(cairo_t* cr, Vec2 centre, double radius, Color color, double alpha) {
  cairo_new_path(cr);
  cairo_arc(cr, centre.x, centre.y, radius, 0.0, 2.0 * M_PI);
  set_color(cr, color, alpha);
  cairo_fill_preserve(cr);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.9 * alpha);
  cairo_set_line_width(cr, radius * 0.25);
  cairo_stroke(cr);
}

void draw_arrow(cairo_t* cr, Vec2 tail, Vec2 head, Color color, double width, ArrowLine line,
                double head_length) {
  const Vec2 along = head - tail;
  const double length = norm(along);
  if (length < 1e-9) {
    return;
  }
  const Vec2 unit = (1.0 / length) * along;
  const Vec2 normal{-unit.y, unit.x};
  // A short arrow gets a smaller head, so the shaft stays visible.
  const double head_size = std::min(head_length, 0.6 * length);
  const Vec2 shaft_end = head - head_size * unit;

  cairo_new_path(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; ++pass) {
    const bool halo = pass == 0;
    if (line == ArrowLine::dashed) {
      const double dashes[] = {width * 3.0, width * 2.0};
      cairo_set_dash(cr, dashes, 2, 0.0);
    } else if (line == ArrowLine::dotted) {
      // Round caps turn zero-length dashes into dots.
      const double dots[] = {0.0, width * 2.0};
      cairo_set_dash(cr, dots, 2, 0.0);
    }
    if (halo) {
      cairo_set_line_width(cr, width * 2.2);
      cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.85);
    } else {
      // Dots need a wider pen than dashes to read as a line.
      cairo_set_line_width(cr, line == ArrowLine::dotted ? width * 1.5 : width);
      set_color(cr, color);
    }
    cairo_move_to(cr, tail.x, tail.y);
    cairo_line_to(cr, shaft_end.x, shaft_end.y);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);

    const double half_base = 0.45 * head_size;
    cairo_move_to(cr, head.x, head.y);
    cairo_line_to(cr, shaft_end.x + half_base * normal.x, shaft_end.y + half_base * normal.y);
    cairo_line_to(cr, shaft_end.x - half_base * normal.x, shaft_end.y - half_base * normal.y);
    cairo_close_path(cr);
    if (halo) {
      cairo_set_line_width(cr, width * 1.2);
      cairo_stroke(cr);
    } else {
      cairo_fill(cr);
    }
  }
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

}  // namespace optiscope::render
