#include "sweep_frame.hpp"

#include <algorithm>
#include <cmath>

#include "optiscope/render/chart.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/strings.hpp"

namespace optiscope::render::sweep_detail {

double AxisScale::plotted(double value) const { return log ? std::log10(value) : value; }

double AxisScale::value_at(double coordinate) const {
  return log ? std::pow(10.0, coordinate) : coordinate;
}

double AxisScale::fraction(double value) const { return (plotted(value) - low) / (high - low); }

std::vector<double> cell_edges(const SweepAxis& axis) {
  std::vector<double> coordinates;
  for (double value : axis.values) {
    coordinates.push_back(axis.log_scale ? std::log10(value) : value);
  }
  std::sort(coordinates.begin(), coordinates.end());
  std::vector<double> edges;
  if (coordinates.size() == 1) {
    const double c = coordinates.front();
    const double half = axis.log_scale ? 0.5 : (c == 0.0 ? 0.5 : 0.05 * std::abs(c));
    return {c - half, c + half};
  }
  edges.push_back(coordinates[0] - 0.5 * (coordinates[1] - coordinates[0]));
  for (std::size_t k = 0; k + 1 < coordinates.size(); ++k) {
    edges.push_back(0.5 * (coordinates[k] + coordinates[k + 1]));
  }
  const std::size_t n = coordinates.size();
  edges.push_back(coordinates[n - 1] + 0.5 * (coordinates[n - 1] - coordinates[n - 2]));
  return edges;
}

AxisScale cell_scale(const SweepAxis& axis) {
  const std::vector<double> edges = cell_edges(axis);
  return {edges.front(), edges.back(), axis.log_scale};
}

long cell_at(const SweepAxis& axis, const std::vector<double>& edges, double coordinate) {
  if (coordinate < edges.front() || coordinate > edges.back()) {
    return -1;
  }
  const auto upper = std::upper_bound(edges.begin(), edges.end(), coordinate);
  const long sorted_index = std::clamp<long>(static_cast<long>(upper - edges.begin()) - 1, 0,
                                             static_cast<long>(axis.values.size()) - 1);
  // cell_edges sorts ascending; a descending axis numbers its cells from
  // the other end.
  const bool descending = axis.values.size() > 1 && axis.values.front() > axis.values.back();
  return descending ? static_cast<long>(axis.values.size()) - 1 - sorted_index : sorted_index;
}

Vec2 SweepFrame::to_pixel(double x, double y) const {
  return plotted_to_pixel(x_.plotted(x), y_.plotted(y));
}

Vec2 SweepFrame::plotted_to_pixel(double u, double v) const {
  const double fx = (u - x_.low) / (x_.high - x_.low);
  const double fy = (v - y_.low) / (y_.high - y_.low);
  return {area_.left + fx * area_.width, area_.bottom() - fy * area_.height};
}

Vec2 SweepFrame::pixel_to_plotted(Vec2 pixel) const {
  const double fx = (pixel.x - area_.left) / area_.width;
  const double fy = (area_.bottom() - pixel.y) / area_.height;
  return {x_.low + fx * (x_.high - x_.low), y_.low + fy * (y_.high - y_.low)};
}

std::vector<double> axis_ticks(const AxisScale& scale, int target) {
  if (scale.log) {
    const double low = std::pow(10.0, scale.low);
    const double high = std::pow(10.0, scale.high);
    std::vector<double> ticks = log_ticks(low, high, target);
    if (ticks.size() >= 2) {
      return ticks;
    }
    // Less than a decade: plain values, placed on the log scale.
    return nice_ticks(low, high, std::max(target / 2, 2));
  }
  return nice_ticks(scale.low, scale.high, target);
}

std::string tick_label(const AxisScale& scale, double value) {
  if (scale.log) {
    const double exponent = std::round(std::log10(value));
    if (std::abs(std::log10(value) - exponent) < 1e-9) {
      return format_power_of_ten(static_cast<int>(exponent));
    }
  }
  return format_tick(value);
}

void draw_frame_axes(cairo_t* cr, const SweepFrame& frame, const std::string& x_title,
                     const std::string& y_title, const Style& style) {
  const Rect& area = frame.area();
  draw_area_frame(cr, area, style);
  for (double tick : axis_ticks(frame.x(), 7)) {
    draw_bottom_tick(cr, area, frame.plotted_to_pixel(frame.x().plotted(tick), frame.y().low).x,
                     tick_label(frame.x(), tick), style);
  }
  double widest_label = 0.0;
  for (double tick : axis_ticks(frame.y(), 7)) {
    const double y = frame.plotted_to_pixel(frame.x().low, frame.y().plotted(tick)).y;
    widest_label =
        std::max(widest_label, draw_left_tick(cr, area, y, tick_label(frame.y(), tick), style));
  }
  draw_axis_titles(cr, area, x_title, y_title, widest_label, style);
}

std::string axis_title(const SweepAxis& axis, Language language) {
  const std::string name =
      axis.is_start_coordinate() ? text(language, Text::sweep_axis_start, {axis.key}) : axis.key;
  return axis.log_scale ? text(language, Text::sweep_axis_log, {name}) : name;
}

}  // namespace optiscope::render::sweep_detail
