#pragma once

#include <cairo.h>

#include <optional>
#include <vector>

#include "optiscope/render/figure.hpp"
#include "optiscope/render/figure_file.hpp"
#include "optiscope/render/hessian_overlay.hpp"
#include "optiscope/render/legend.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/surface_map.hpp"

namespace optiscope::render {

/// Chooses the region to show: every point of the runs that did not diverge,
/// the start and the minimizers, padded by 8%. Points of diverged runs are
/// included only while they stay within twice that region, so one runaway
/// path cannot shrink the others to a dot.
Box choose_view(const FigureInput& input);

/// The geometry of a contour map panel, computed once and shared by its
/// drawing steps so that an animation can draw the background only once.
struct MapPanel {
  PlotFrame frame;
  Shading shading;
  std::optional<LevelEllipse> ellipse;
  bool colorbar = true;
};

/// Lays out a map inside `panel`, leaving room for axes and, if asked, a
/// colorbar on the right.
MapPanel layout_map_panel(const FigureInput& input, const Rect& panel, const Style& style,
                          bool colorbar);

/// Draws what does not change as the paths grow: filled contours, isolines,
/// the level ellipse, the axes and the colorbar.
void draw_map_background(cairo_t* cr, const MapPanel& map, const FigureInput& input,
                         const Style& style);

/// Draws every path up to `last_step`: the line, a fading marker per step
/// and a square at its current end, then the step arrows if they are due.
void draw_map_paths(cairo_t* cr, const MapPanel& map, const FigureInput& input, const Style& style,
                    long last_step);

/// Draws the start and minimum markers and the eigenvalue labels over the
/// paths; the labels avoid every complete path.
void draw_map_foreground(cairo_t* cr, const MapPanel& map, const FigureInput& input,
                         const Style& style);

/// The legend entries that explain the map's symbols: start, minimum, steps,
/// final points, the ellipse with its eigenvalues and the arrows.
std::vector<LegendEntry> map_key_entries(const FigureInput& input, const MapPanel& map);

/// The radius of the start ring; the test of marker positions uses it.
double start_marker_radius(const Style& style);

/// The stroke width of a path on the map; thinner for a diverged path.
double path_stroke_width(const Style& style, bool diverged);

/// SVG tags that give each optimizer's map path the class "optimizer-path"
/// and the id "optimizer-path-K", K counting from 1 in legend order.
std::vector<SvgPathTag> map_path_tags(const FigureInput& input, const Style& style);

/// Returns the map panel exactly as path_map_figure lays it out, so that
/// tests can map data points to the figure's pixels.
MapPanel path_map_figure_panel(const FigureInput& input, std::optional<FigureSize> size = {});

/// The path map figure: title, map with colorbar, and legend below. Without
/// a size, the figure is 1200 wide and as tall as its legend needs.
FigureDrawing path_map_figure(const FigureInput& input, std::optional<FigureSize> size = {});

}  // namespace optiscope::render
