#include "optiscope/render/plot_frame.hpp"

#include <cmath>
#include <cstdio>

namespace optiscope::render {

PlotFrame::PlotFrame(Box view, double left, double top, double width, double height)
    : view_(view), left_(left), top_(top), width_(width), height_(height) {
  const double span_x = view.x_max - view.x_min;
  const double span_y = view.y_max - view.y_min;
  scale_ = std::min(width / span_x, height / span_y);

  // Widen the axis that has room left so the plot fills its rectangle.
  const double extra_x = (width / scale_ - span_x) / 2.0;
  const double extra_y = (height / scale_ - span_y) / 2.0;
  view_.x_min -= extra_x;
  view_.x_max += extra_x;
  view_.y_min -= extra_y;
  view_.y_max += extra_y;
}

Vec2 PlotFrame::to_pixel(Vec2 data) const {
  return {left_ + (data.x - view_.x_min) * scale_, top_ + (view_.y_max - data.y) * scale_};
}

std::vector<double> nice_ticks(double low, double high, int target) {
  const double raw_step = (high - low) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw_step) {
      break;
    }
  }
  std::vector<double> ticks;
  for (double tick = std::ceil(low / step) * step; tick <= high + 1e-9 * step; tick += step) {
    // Snap to the step grid so that 0 prints as 0, not 1e-17.
    ticks.push_back(std::round(tick / step) * step);
  }
  return ticks;
}

std::string format_tick(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value == 0.0 ? 0.0 : value);
  return buffer;
}

bool clip_segment(Vec2& a, Vec2& b, const Box& box) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  double t0 = 0.0;
  double t1 = 1.0;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - box.x_min, box.x_max - a.x, a.y - box.y_min, box.y_max - a.y};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0.0) {
      if (q[k] < 0.0) {
        return false;
      }
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0.0) {
      t0 = std::max(t0, t);
    } else {
      t1 = std::min(t1, t);
    }
    if (t0 > t1) {
      return false;
    }
  }
  const Vec2 start = a;
  a = {start.x + t0 * dx, start.y + t0 * dy};
  b = {start.x + t1 * dx, start.y + t1 * dy};
  return true;
}

void use_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

double draw_text(cairo_t* cr, const std::string& text, double x, double y) {
  cairo_font_extents_t font;
  cairo_font_extents(cr, &font);
  cairo_move_to(cr, x, y + (font.ascent - font.descent) / 2.0);
  cairo_show_text(cr, text.c_str());
  return text_width(cr, text);
}

void draw_axes(cairo_t* cr, const PlotFrame& frame, const std::string& x_title,
               const std::string& y_title) {
  const Box& view = frame.view();
  const double right = frame.left() + frame.width();
  const double bottom = frame.top() + frame.height();

  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_set_line_width(cr, 1.2);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_stroke(cr);

  use_font(cr, 15);
  const double tick_length = 6.0;
  for (double tick : nice_ticks(view.x_min, view.x_max, 7)) {
    const double x = frame.to_pixel({tick, view.y_min}).x;
    cairo_move_to(cr, x, bottom);
    cairo_line_to(cr, x, bottom + tick_length);
    cairo_stroke(cr);
    const std::string label = format_tick(tick);
    draw_text(cr, label, x - text_width(cr, label) / 2.0, bottom + tick_length + 12.0);
  }
  double widest_label = 0.0;
  for (double tick : nice_ticks(view.y_min, view.y_max, 7)) {
    const double y = frame.to_pixel({view.x_min, tick}).y;
    cairo_move_to(cr, frame.left() - tick_length, y);
    cairo_line_to(cr, frame.left(), y);
    cairo_stroke(cr);
    const std::string label = format_tick(tick);
    const double width = text_width(cr, label);
    widest_label = std::max(widest_label, width);
    draw_text(cr, label, frame.left() - tick_length - 6.0 - width, y);
  }

  use_font(cr, 17);
  draw_text(cr, x_title, (frame.left() + right) / 2.0 - text_width(cr, x_title) / 2.0,
            bottom + tick_length + 38.0);
  cairo_save(cr);
  cairo_translate(cr, frame.left() - tick_length - widest_label - 24.0,
                  (frame.top() + bottom) / 2.0);
  cairo_rotate(cr, -M_PI / 2.0);
  draw_text(cr, y_title, -text_width(cr, y_title) / 2.0, 0.0);
  cairo_restore(cr);
}

}  // namespace optiscope::render
