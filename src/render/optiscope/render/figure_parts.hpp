#pragma once

#include <cairo.h>

#include <string>

#include "optiscope/render/figure.hpp"

namespace optiscope::render {

/// A 1x1 image context for measuring text before a figure's size is known.
class MeasuringContext {
 public:
  MeasuringContext();
  ~MeasuringContext();
  MeasuringContext(const MeasuringContext&) = delete;
  MeasuringContext& operator=(const MeasuringContext&) = delete;

  cairo_t* get() const { return cr_; }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

/// Returns the height of a title band with an optional subtitle.
double title_band_height(const Style& style, bool with_subtitle);

/// Paints the figure white and draws a centred bold title and, if not
/// empty, a grey subtitle below it.
void draw_title_band(cairo_t* cr, const std::string& title, const std::string& subtitle,
                     double width, const Style& style);

/// Returns "start (x, y), N steps" in the input's language, or the variant
/// for paths with different starts.
std::string scenario_subtitle(const FigureInput& input);

/// Returns true when every path starts at the same point.
bool paths_share_start(const FigureInput& input);

}  // namespace optiscope::render
