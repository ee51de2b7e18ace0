#include "optiscope/render/chart.hpp"

#include <algorithm>
#include <cmath>

#include "optiscope/render/plot_frame.hpp"

namespace optiscope::render {

ChartFrame::ChartFrame(Rect area, Range steps, Range values, bool log_values)
    : area_(area), steps_(steps), values_(values), log_values_(log_values) {}

Vec2 ChartFrame::to_pixel(double step, double value) const {
  const double fx = (step - steps_.low) / (steps_.high - steps_.low);
  double fy = 0.0;
  if (log_values_) {
    const double clamped = std::max(value, values_.low);
    fy = std::log10(clamped / values_.low) / std::log10(values_.high / values_.low);
  } else {
    fy = (value - values_.low) / (values_.high - values_.low);
  }
  return {area_.left + fx * area_.width, area_.bottom() - fy * area_.height};
}

std::vector<double> log_ticks(double low, double high, int max_ticks) {
  const int first = static_cast<int>(std::ceil(std::log10(low) - 1e-9));
  const int last = static_cast<int>(std::floor(std::log10(high) + 1e-9));
  const int count = last - first + 1;
  int stride = 1;
  for (int candidate : {1, 2, 3, 5, 10, 20, 50}) {
    stride = candidate;
    if ((count + candidate - 1) / candidate <= max_ticks) {
      break;
    }
  }
  std::vector<double> ticks;
  for (int exponent = first; exponent <= last; ++exponent) {
    if (exponent % stride == 0) {
      ticks.push_back(std::pow(10.0, exponent));
    }
  }
  return ticks;
}

std::string format_power_of_ten(int exponent) {
  static constexpr const char* kSuperscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  if (exponent == 0) {
    return "1";
  }
  if (exponent == 1) {
    return "10";
  }
  std::string text = "10";
  if (exponent < 0) {
    text += "⁻";
  }
  for (char digit : std::to_string(std::abs(exponent))) {
    text += kSuperscripts[digit - '0'];
  }
  return text;
}

std::vector<double> step_ticks(double last_step, int target) {
  std::vector<double> ticks;
  for (double tick : nice_ticks(0.0, std::max(last_step, 1.0), target)) {
    if (tick == std::round(tick)) {
      ticks.push_back(tick);
    }
  }
  return ticks;
}

void draw_chart_axes(cairo_t* cr, const ChartFrame& frame, const std::string& x_title,
                     const std::string& y_title, const Style& style) {
  const Rect& area = frame.area();
  const Range& values = frame.values();
  const std::vector<double> value_ticks = frame.log_values()
                                              ? log_ticks(values.low, values.high, 8)
                                              : nice_ticks(values.low, values.high, 6);

  // Grid lines first, so curves and the frame draw over them.
  cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
  cairo_set_line_width(cr, std::max(1.0, style.base * 0.06));
  for (double tick : value_ticks) {
    const double y = frame.to_pixel(frame.steps().low, tick).y;
    cairo_move_to(cr, area.left, y);
    cairo_line_to(cr, area.right(), y);
  }
  cairo_stroke(cr);

  draw_area_frame(cr, area, style);
  for (double tick : step_ticks(frame.steps().high, 6)) {
    draw_bottom_tick(cr, area, frame.to_pixel(tick, values.low).x, format_tick(tick), style);
  }
  double widest_label = 0.0;
  for (double tick : value_ticks) {
    const std::string label =
        frame.log_values() ? format_power_of_ten(static_cast<int>(std::round(std::log10(tick))))
                           : format_tick(tick);
    widest_label =
        std::max(widest_label,
                 draw_left_tick(cr, area, frame.to_pixel(frame.steps().low, tick).y, label, style));
  }
  draw_axis_titles(cr, area, x_title, y_title, widest_label, style);
}

}  // namespace optiscope::render
