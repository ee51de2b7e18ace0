#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "optiscope/core/surface.hpp"
#include "optiscope/render/colors.hpp"
#include "optiscope/render/contour.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/strings.hpp"

namespace optiscope::render {

/// The contour levels of a map, as offsets above a reference value: the
/// known minimum, or the lowest value on the map when none is known.
struct Shading {
  double reference = 0.0;
  std::vector<double> levels;
  /// What the colorbar shows: the loss, or the loss above the reference.
  Text quantity = Text::colorbar_loss;

  /// Returns the band a value falls in: 0 below the first level,
  /// levels.size() above the last.
  std::size_t band(double value) const;
  /// Returns the colour of a band; low loss is light, so the minimum stands
  /// out and paths end on a bright background.
  Color band_color(std::size_t band_index) const;
};

/// Chooses up to 14 log-spaced levels spanning four decades below the
/// highest value of `grid`.
Shading choose_shading(const Surface& surface, const Grid& grid);

/// Fills the plot area with the band colours, one sample per pixel.
void draw_surface(cairo_t* cr, const PlotFrame& frame, const Surface& surface,
                  const Shading& shading);

/// Draws the isolines of every level as thin white lines.
void draw_isolines(cairo_t* cr, const PlotFrame& frame, const Surface& surface,
                   const Shading& shading, const Style& style);

/// The width a colorbar with its labels takes right of a plot area.
double colorbar_band_width(const Style& style);

/// Draws the colorbar right of the plot area, with a label per level.
void draw_colorbar(cairo_t* cr, const PlotFrame& frame, const Shading& shading, Language language,
                   const Style& style);

}  // namespace optiscope::render
