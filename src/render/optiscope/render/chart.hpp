#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "optiscope/render/figure.hpp"

namespace optiscope::render {

/// A closed interval of data values.
struct Range {
  double low = 0.0;
  double high = 1.0;
};

/// Maps (step, value) to pixels for a line chart: steps run left to right,
/// values bottom to top on a linear or a base-10 logarithmic scale.
class ChartFrame {
 public:
  ChartFrame(Rect area, Range steps, Range values, bool log_values);

  /// Returns the pixel of (step, value). On a log scale, values at or below
  /// zero map to the bottom edge.
  Vec2 to_pixel(double step, double value) const;
  const Rect& area() const { return area_; }
  const Range& steps() const { return steps_; }
  const Range& values() const { return values_; }
  bool log_values() const { return log_values_; }

 private:
  Rect area_;
  Range steps_;
  Range values_;
  bool log_values_;
};

/// Returns the powers of ten inside [low, high] (low > 0), every second or
/// fifth one when there would be more than `max_ticks`.
std::vector<double> log_ticks(double low, double high, int max_ticks);

/// Formats 10^exponent with superscript digits, such as "10⁻³".
std::string format_power_of_ten(int exponent);

/// Draws the frame, ticks, tick labels and axis titles of `frame`, with a
/// thin grid line at each value tick.
void draw_chart_axes(cairo_t* cr, const ChartFrame& frame, const std::string& x_title,
                     const std::string& y_title, const Style& style);

/// Returns "nice" whole-number step ticks for [0, steps].
std::vector<double> step_ticks(double last_step, int target);

}  // namespace optiscope::render
