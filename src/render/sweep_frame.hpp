#pragma once

// Axes of sweep figures: a swept value on a linear or base-10 log scale,
// mapped to pixels. Private to the render library.

#include <cairo.h>

#include <string>
#include <vector>

#include "optiscope/core/sweep.hpp"
#include "optiscope/render/figure.hpp"

namespace optiscope::render::sweep_detail {

/// A closed interval of an axis in plotted coordinates: the value itself,
/// or its log10 on a log scale.
struct AxisScale {
  double low = 0.0;
  double high = 1.0;
  bool log = false;

  /// Returns the plotted coordinate of a value (log10 on a log scale).
  double plotted(double value) const;
  /// Returns the value at a plotted coordinate.
  double value_at(double coordinate) const;
  /// Returns where `value` falls between low (0) and high (1).
  double fraction(double value) const;
};

/// The cell boundaries of a sweep axis in plotted coordinates, ascending:
/// halfway between neighbouring values, and half a spacing beyond the ends.
/// A single value gets a cell one unit wide (a factor of 10 on a log axis,
/// 10% of the value, or 1 around zero, on a linear one).
std::vector<double> cell_edges(const SweepAxis& axis);

/// The scale spanning every cell of `axis`.
AxisScale cell_scale(const SweepAxis& axis);

/// Returns the cell of `axis` (an index into axis.values) whose span
/// contains the plotted coordinate, or -1 outside every cell. `edges` comes
/// from cell_edges, which sorts them; the values may run in either order.
long cell_at(const SweepAxis& axis, const std::vector<double>& edges, double coordinate);

/// Maps (x, y) values to pixels inside a plot area, y growing upwards.
class SweepFrame {
 public:
  SweepFrame(Rect area, AxisScale x, AxisScale y) : area_(area), x_(x), y_(y) {}

  Vec2 to_pixel(double x, double y) const;
  /// Returns the pixel of plotted coordinates (log10 of log-scale values).
  Vec2 plotted_to_pixel(double u, double v) const;
  /// Returns the plotted coordinates at a pixel.
  Vec2 pixel_to_plotted(Vec2 pixel) const;
  const Rect& area() const { return area_; }
  const AxisScale& x() const { return x_; }
  const AxisScale& y() const { return y_; }

 private:
  Rect area_;
  AxisScale x_;
  AxisScale y_;
};

/// Returns tick values inside the scale: powers of ten on a log scale that
/// spans at least one of them, else "nice" values.
std::vector<double> axis_ticks(const AxisScale& scale, int target);

/// Formats a tick: "10⁻³" for a power of ten on a log scale, else "0.25".
std::string tick_label(const AxisScale& scale, double value);

/// Draws the frame, ticks, tick labels and titles around the frame's area.
void draw_frame_axes(cairo_t* cr, const SweepFrame& frame, const std::string& x_title,
                     const std::string& y_title, const Style& style);

/// The title of a sweep axis: its key, "start x" for a start coordinate,
/// and "(log scale)" where it is log-scaled.
std::string axis_title(const SweepAxis& axis, Language language);

}  // namespace optiscope::render::sweep_detail
