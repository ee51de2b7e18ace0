#include "optiscope/render/plot_frame.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "optiscope/render/text.hpp"

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

void extend(Box& box, Vec2 p) {
  box.x_min = std::min(box.x_min, p.x);
  box.x_max = std::max(box.x_max, p.x);
  box.y_min = std::min(box.y_min, p.y);
  box.y_max = std::max(box.y_max, p.y);
}

bool contains(const Box& box, Vec2 p) {
  return p.x >= box.x_min && p.x <= box.x_max && p.y >= box.y_min && p.y <= box.y_max;
}

namespace {

double tick_length(const Style& style) { return style.base * 0.4; }

void use_axis_ink(cairo_t* cr, const Style& style) {
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_set_line_width(cr, std::max(1.0, style.base * 0.08));
}

}  // namespace

void draw_area_frame(cairo_t* cr, const Rect& area, const Style& style) {
  use_axis_ink(cr, style);
  cairo_rectangle(cr, area.left, area.top, area.width, area.height);
  cairo_stroke(cr);
}

void draw_bottom_tick(cairo_t* cr, const Rect& area, double x, const std::string& label,
                      const Style& style) {
  use_axis_ink(cr, style);
  cairo_move_to(cr, x, area.bottom());
  cairo_line_to(cr, x, area.bottom() + tick_length(style));
  cairo_stroke(cr);
  draw_text(cr, label, {x, area.bottom() + tick_length(style) + style.base * 0.85}, style.tick(),
            Align::center);
}

double draw_left_tick(cairo_t* cr, const Rect& area, double y, const std::string& label,
                      const Style& style) {
  use_axis_ink(cr, style);
  cairo_move_to(cr, area.left - tick_length(style), y);
  cairo_line_to(cr, area.left, y);
  cairo_stroke(cr);
  draw_text(cr, label, {area.left - tick_length(style) - style.base * 0.35, y}, style.tick(),
            Align::right);
  return measure_text(cr, label, style.tick()).width;
}

void draw_axis_titles(cairo_t* cr, const Rect& area, const std::string& x_title,
                      const std::string& y_title, double widest_label, const Style& style) {
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  draw_text(cr, x_title, {area.left + area.width / 2.0, area.bottom() + style.base * 2.5},
            style.label(), Align::center);
  // A title longer than the axis wraps, and its lines grow away from the
  // tick labels.
  const double right_edge =
      area.left - tick_length(style) - style.base * 0.35 - widest_label - style.base * 0.45;
  const double thickness = measure_text(cr, y_title, style.label(), area.height).height;
  draw_vertical_text(cr, y_title, {right_edge - thickness / 2.0, area.top + area.height / 2.0},
                     style.label(), area.height);
}

void draw_axes(cairo_t* cr, const PlotFrame& frame, const std::string& x_title,
               const std::string& y_title, const Style& style) {
  const Box& view = frame.view();
  const Rect area = frame.area();
  draw_area_frame(cr, area, style);
  for (double tick : nice_ticks(view.x_min, view.x_max, 7)) {
    draw_bottom_tick(cr, area, frame.to_pixel({tick, view.y_min}).x, format_tick(tick), style);
  }
  double widest_label = 0.0;
  for (double tick : nice_ticks(view.y_min, view.y_max, 7)) {
    widest_label = std::max(
        widest_label,
        draw_left_tick(cr, area, frame.to_pixel({view.x_min, tick}).y, format_tick(tick), style));
  }
  draw_axis_titles(cr, area, x_title, y_title, widest_label, style);
}

Rect inner_plot_area(const Rect& panel, const Style& style) {
  const double left = style.base * 5.0;
  const double bottom = style.base * 3.4;
  const double top = style.base * 0.5;
  const double right = style.base * 0.8;
  return {panel.left + left, panel.top + top, panel.width - left - right,
          panel.height - top - bottom};
}

}  // namespace optiscope::render
