#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "optiscope/core/surface.hpp"
#include "optiscope/render/figure.hpp"

namespace optiscope::render {

/// Maps data coordinates to pixels for a plot area with equal aspect: one
/// unit of x and of y take the same number of pixels, and y grows upwards.
class PlotFrame {
 public:
  /// Fits `view` into the pixel rectangle (left, top, width, height),
  /// widening the view along one axis so that the aspect stays equal.
  PlotFrame(Box view, double left, double top, double width, double height);

  Vec2 to_pixel(Vec2 data) const;
  const Box& view() const { return view_; }
  double left() const { return left_; }
  double top() const { return top_; }
  double width() const { return width_; }
  double height() const { return height_; }
  Rect area() const { return {left_, top_, width_, height_}; }
  /// Pixels per data unit, the same along x and y.
  double scale() const { return scale_; }

 private:
  Box view_;
  double left_;
  double top_;
  double width_;
  double height_;
  double scale_;
};

/// Grows `box` to contain `p`.
void extend(Box& box, Vec2 p);

/// Returns true when `p` lies in `box`, edges included.
bool contains(const Box& box, Vec2 p);

/// Returns "nice" tick positions (1, 2 or 5 times a power of ten apart)
/// inside [low, high], about `target` of them.
std::vector<double> nice_ticks(double low, double high, int target);

/// Formats a tick value without trailing zeros or float noise ("0.5", "-2").
std::string format_tick(double value);

/// Clips the segment a-b to `box` (Liang-Barsky). Returns false when no part
/// of it lies inside; otherwise a and b are moved onto the box.
bool clip_segment(Vec2& a, Vec2& b, const Box& box);

/// Draws the frame of a plot area in dark grey.
void draw_area_frame(cairo_t* cr, const Rect& area, const Style& style);

/// Draws a tick below the plot area at pixel column `x`, labelled.
void draw_bottom_tick(cairo_t* cr, const Rect& area, double x, const std::string& label,
                      const Style& style);

/// Draws a tick left of the plot area at pixel row `y`, labelled, and
/// returns the label's width.
double draw_left_tick(cairo_t* cr, const Rect& area, double y, const std::string& label,
                      const Style& style);

/// Draws the axis titles below and left of the plot area; `widest_label` is
/// the widest left tick label, which the vertical title stays clear of.
void draw_axis_titles(cairo_t* cr, const Rect& area, const std::string& x_title,
                      const std::string& y_title, double widest_label, const Style& style);

/// Draws the axes frame, ticks, tick labels and axis titles around `frame`.
void draw_axes(cairo_t* cr, const PlotFrame& frame, const std::string& x_title,
               const std::string& y_title, const Style& style);

/// The room a panel leaves around its plot area for ticks and titles.
Rect inner_plot_area(const Rect& panel, const Style& style);

}  // namespace optiscope::render
