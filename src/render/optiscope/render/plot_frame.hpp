#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "optiscope/core/surface.hpp"

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

 private:
  Box view_;
  double left_;
  double top_;
  double width_;
  double height_;
  double scale_;
};

/// Returns "nice" tick positions (1, 2 or 5 times a power of ten apart)
/// inside [low, high], about `target` of them.
std::vector<double> nice_ticks(double low, double high, int target);

/// Formats a tick value without trailing zeros or float noise ("0.5", "-2").
std::string format_tick(double value);

/// Clips the segment a-b to `box` (Liang-Barsky). Returns false when no part
/// of it lies inside; otherwise a and b are moved onto the box.
bool clip_segment(Vec2& a, Vec2& b, const Box& box);

/// Draws the axes frame, ticks, tick labels and axis titles around `frame`.
void draw_axes(cairo_t* cr, const PlotFrame& frame, const std::string& x_title,
               const std::string& y_title);

/// Sets the sans-serif face used in every figure at `size` pixels.
void use_font(cairo_t* cr, double size, bool bold = false);

/// Draws `text` with its left end at x, centred on y vertically, and
/// returns its advance width.
double draw_text(cairo_t* cr, const std::string& text, double x, double y);

/// Returns the advance width of `text` in the current font.
double text_width(cairo_t* cr, const std::string& text);

}  // namespace optiscope::render
