#include "optiscope/render/sweep_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>

#include "optiscope/render/chart.hpp"
#include "optiscope/render/colors.hpp"
#include "optiscope/render/contour.hpp"
#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/legend.hpp"
#include "optiscope/render/markers.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/surface_map.hpp"
#include "optiscope/render/text.hpp"
#include "sweep_frame.hpp"
#include "sweep_parts.hpp"
#include "sweep_theory.hpp"

namespace optiscope::render {
using namespace sweep_detail;

namespace {

// Black, where every other line is kInk: the SVG tags tell the boundary
// on the map from its legend sample by this colour.
constexpr Color kBoundaryColor{0.0, 0.0, 0.0};

// Okabe-Ito indices for basins: every colour but vermillion, which marks
// divergence, and black, which the minimizer markers use.
constexpr std::size_t kBasinPalette[] = {0, 2, 3, 4, 5};

Color mix_with_white(Color c, double white) {
  return {c.r + (1.0 - c.r) * white, c.g + (1.0 - c.g) * white, c.b + (1.0 - c.b) * white};
}

Color basin_color(int basin) {
  const std::size_t count = std::size(kBasinPalette);
  return mix_with_white(path_color(kBasinPalette[static_cast<std::size_t>(basin) % count]), 0.35);
}

// ---------------------------------------------------------------------------
// Maps of 2-D sweeps

// Everything a map of a 2-D sweep draws, computed before drawing so that
// the drawing owns its data. Overlays are stored as axis values and mapped
// to pixels when drawn.
struct MapPlan {
  Layout layout;
  std::string title;
  std::string subtitle;
  std::string x_title;
  std::string y_title;
  SweepFrame frame{{}, {}, {}};
  std::vector<SweepAxis> axes;
  /// Which axis runs left to right: 0 or 1.
  std::size_t horizontal = 0;
  /// The colour of every cell of the full grid, first axis fastest; empty
  /// for cells of other shards.
  std::vector<std::optional<Color>> cells;
  /// The colorbar's title and its ticks as (position on the scale, label);
  /// an empty title means no colorbar.
  std::string colorbar_title;
  std::vector<std::pair<double, std::string>> colorbar_ticks;
  std::vector<LegendEntry> legend;
  /// The stability boundary in pixels.
  std::vector<std::pair<Vec2, Vec2>> boundary;
  /// Heavy ball's best pair as (horizontal, vertical) values.
  std::optional<Vec2> best_pair;
  /// Gradient descent's best lr and whether it runs along the horizontal
  /// axis (a vertical line).
  std::optional<std::pair<double, bool>> best_lr;
  std::vector<Vec2> minimizers;
  /// Isolines of the surface under a basin map, in pixels.
  std::vector<std::pair<Vec2, Vec2>> isolines;

  const SweepAxis& across() const { return axes[horizontal]; }
  const SweepAxis& up() const { return axes[1 - horizontal]; }
};

void check_two_axes(const SweepResult& result) {
  if (result.axes.size() != 2) {
    throw std::invalid_argument("sweep figure: this map needs a 2-D sweep, not " +
                                std::to_string(result.axes.size()) + " axes");
  }
}

// A start grid puts x across, whichever order the axes were given in.
std::size_t horizontal_axis(const SweepResult& result) {
  return result.axes[1].key == "x" && result.axes[0].key == "y" ? 1 : 0;
}

// Shrinks `area` around its centre so that one unit of x and of y take the
// same number of pixels.
Rect equal_aspect(const Rect& area, const AxisScale& x, const AxisScale& y) {
  const double scale = std::min(area.width / (x.high - x.low), area.height / (y.high - y.low));
  const double width = scale * (x.high - x.low);
  const double height = scale * (y.high - y.low);
  return {area.left + (area.width - width) / 2.0, area.top + (area.height - height) / 2.0, width,
          height};
}

bool inside(const AxisScale& scale, double value) {
  if (scale.log && !(value > 0.0)) {
    return false;
  }
  const double coordinate = scale.plotted(value);
  return coordinate >= scale.low && coordinate <= scale.high;
}

MapPlan start_plan(const SweepResult& result, const SweepTable& table,
                   const std::function<std::optional<Color>(const SweepCell&)>& color_of,
                   Language language) {
  MapPlan plan;
  plan.axes = result.axes;
  plan.horizontal = horizontal_axis(result);
  plan.subtitle = sweep_subtitle(result, language);
  plan.x_title = axis_title(plan.across(), language);
  plan.y_title = axis_title(plan.up(), language);
  plan.cells.resize(result.axes[0].values.size() * result.axes[1].values.size());
  for (const SweepCell& cell : table.cells) {
    if (cell.index >= 0 && static_cast<std::size_t>(cell.index) < plan.cells.size()) {
      plan.cells[static_cast<std::size_t>(cell.index)] = color_of(cell);
    }
  }
  if (table.cells.size() < plan.cells.size()) {
    plan.legend.push_back(
        swatch_entry(kMissingColor, std::string(text(language, Text::sweep_key_missing))));
  }
  return plan;
}

// Adds the theory overlays of `table` that fall inside the map, with their
// legend entries.
void add_theory(MapPlan& plan, const SweepResult& result, const SweepTable& table,
                Language language) {
  const std::optional<TableTheory> theory = table_theory(result, table);
  if (!theory) {
    return;
  }
  const AxisScale x = cell_scale(plan.across());
  const AxisScale y = cell_scale(plan.up());
  const SweepFrame unit_frame({0.0, 0.0, 1.0, 1.0}, x, y);
  if (!boundary_segments(*theory, {plan.across(), plan.up()}, unit_frame).empty()) {
    plan.legend.push_back(
        line_entry(kInk, Dash::solid, true, std::string(text(language, Text::sweep_key_boundary))));
  }

  if (const std::optional<Vec2> pair = best_pair(*theory, plan.axes)) {
    const Vec2 on_frame = plan.horizontal == 0 ? *pair : Vec2{pair->y, pair->x};
    if (inside(x, on_frame.x) && inside(y, on_frame.y)) {
      plan.best_pair = on_frame;
      const HeavyBallLimits limits = heavy_ball_limits(theory->model);
      plan.legend.push_back(
          marker_entry(text(language, Text::sweep_key_best_pair,
                            {format_number(*limits.best_lr), format_number(*limits.best_momentum),
                             format_number(*limits.best_rate)}),
                       [](cairo_t* cr, Vec2 centre, const Style& style) {
                         draw_best_marker(cr, centre, style.base * 0.55);
                       }));
    }
  }

  for (std::size_t k = 0; k < 2; ++k) {
    const std::optional<double> lr = best_gradient_descent_lr(*theory, plan.axes, k);
    const bool vertical = k == plan.horizontal;
    if (lr && inside(vertical ? x : y, *lr)) {
      plan.best_lr = std::make_pair(*lr, vertical);
      plan.legend.push_back(
          line_entry(kInk, Dash::dashed, true,
                     text(language, Text::sweep_key_best_gd_lr, {format_number(*lr)})));
    }
  }
}

// Keeps the surface's minimizers that fall inside a start grid's map.
void add_minimizers(MapPlan& plan, const SweepResult& result, Language language) {
  const AxisScale x = cell_scale(plan.across());
  const AxisScale y = cell_scale(plan.up());
  for (Vec2 minimizer : result.scenario.surface->info().minimizers) {
    if (inside(x, minimizer.x) && inside(y, minimizer.y)) {
      plan.minimizers.push_back(minimizer);
    }
  }
  if (!plan.minimizers.empty()) {
    plan.legend.push_back(marker_entry(std::string(text(language, Text::key_minimum)),
                                       [](cairo_t* cr, Vec2 centre, const Style& style) {
                                         draw_minimum_marker(cr, centre, style.base * 0.55);
                                       }));
  }
}

// Lays out the figure once the legend is known: the frame inside the plot
// region, right of a colorbar band when there is one, with an equal aspect
// on start grids; then the boundary in pixels.
void place_frame(MapPlan& plan, const SweepResult& result, const SweepTable& table,
                 FigureSize size) {
  plan.layout = layout_figure(size, plan.legend);
  const Style& style = plan.layout.style;
  Rect area = inner_plot_area(plan.layout.plot_region, style);
  if (!plan.colorbar_title.empty()) {
    area.width -= colorbar_band_width(style);
  }
  const AxisScale x = cell_scale(plan.across());
  const AxisScale y = cell_scale(plan.up());
  if (is_start_grid(result) && !x.log && !y.log) {
    area = equal_aspect(area, x, y);
  }
  plan.frame = SweepFrame(area, x, y);
  if (const std::optional<TableTheory> theory = table_theory(result, table)) {
    plan.boundary = boundary_segments(*theory, {plan.across(), plan.up()}, plan.frame);
  }
}

// Fills the map's plot area with its cells, one image pixel per figure pixel.
void draw_cells(cairo_t* cr, const MapPlan& plan) {
  const Rect& area = plan.frame.area();
  const int nx = std::max(1, static_cast<int>(std::ceil(area.width)));
  const int ny = std::max(1, static_cast<int>(std::ceil(area.height)));
  const SweepAxis& across = plan.across();
  const SweepAxis& up = plan.up();
  const std::vector<double> across_edges = cell_edges(across);
  const std::vector<double> up_edges = cell_edges(up);
  const std::size_t first_count = plan.axes[0].values.size();

  std::vector<long> columns(static_cast<std::size_t>(nx));
  for (int i = 0; i < nx; ++i) {
    const Vec2 plotted = plan.frame.pixel_to_plotted({area.left + i + 0.5, area.top});
    columns[static_cast<std::size_t>(i)] = cell_at(across, across_edges, plotted.x);
  }

  cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, nx, ny);
  cairo_surface_flush(image);
  unsigned char* pixels = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  const auto channel = [](double v) { return static_cast<std::uint32_t>(std::lround(v * 255.0)); };
  for (int j = 0; j < ny; ++j) {
    const Vec2 plotted = plan.frame.pixel_to_plotted({area.left, area.top + j + 0.5});
    const long row = cell_at(up, up_edges, plotted.y);
    auto* line = reinterpret_cast<std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(j) * stride);
    for (int i = 0; i < nx; ++i) {
      const long column = columns[static_cast<std::size_t>(i)];
      Color color = kMissingColor;
      if (row >= 0 && column >= 0) {
        const std::size_t first = static_cast<std::size_t>(plan.horizontal == 0 ? column : row);
        const std::size_t second = static_cast<std::size_t>(plan.horizontal == 0 ? row : column);
        color = plan.cells[first + second * first_count].value_or(kMissingColor);
      }
      line[i] = (channel(color.r) << 16) | (channel(color.g) << 8) | channel(color.b);
    }
  }
  cairo_surface_mark_dirty(image);

  cairo_save(cr);
  cairo_rectangle(cr, area.left, area.top, area.width, area.height);
  cairo_clip(cr);
  cairo_set_source_surface(cr, image, area.left, area.top);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

void stroke_segments(cairo_t* cr, const std::vector<std::pair<Vec2, Vec2>>& segments) {
  for (const auto& [a, b] : segments) {
    cairo_move_to(cr, a.x, a.y);
    cairo_line_to(cr, b.x, b.y);
  }
  cairo_stroke(cr);
}

void draw_best_lr_line(cairo_t* cr, const MapPlan& plan, const Style& style) {
  const Rect& area = plan.frame.area();
  const auto [lr, vertical] = *plan.best_lr;
  const SweepFrame& frame = plan.frame;
  const Vec2 a = vertical ? frame.to_pixel(lr, frame.y().value_at(frame.y().low))
                          : frame.to_pixel(frame.x().value_at(frame.x().low), lr);
  const Vec2 b = vertical ? Vec2{a.x, area.top} : Vec2{area.right(), a.y};
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_set_line_width(cr, halo_width(style));
  cairo_move_to(cr, a.x, a.y);
  cairo_line_to(cr, b.x, b.y);
  cairo_stroke(cr);
  set_dash(cr, Dash::dashed, style);
  set_color(cr, kInk);
  cairo_set_line_width(cr, theory_line_width(style));
  cairo_move_to(cr, a.x, a.y);
  cairo_line_to(cr, b.x, b.y);
  cairo_stroke(cr);
  reset_dash(cr);
}

void draw_overlays(cairo_t* cr, const MapPlan& plan, const Style& style) {
  const Rect& area = plan.frame.area();
  cairo_save(cr);
  cairo_rectangle(cr, area.left, area.top, area.width, area.height);
  cairo_clip(cr);

  if (!plan.isolines.empty()) {
    cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 0.28);
    cairo_set_line_width(cr, std::max(1.0, style.base * 0.06));
    stroke_segments(cr, plan.isolines);
  }
  if (plan.best_lr) {
    draw_best_lr_line(cr, plan, style);
  }
  if (!plan.boundary.empty()) {
    // White first, so the black line reads on dark and light cells alike.
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_set_line_width(cr, halo_width(style));
    stroke_segments(cr, plan.boundary);
    set_color(cr, kBoundaryColor);
    cairo_set_line_width(cr, theory_line_width(style));
    stroke_segments(cr, plan.boundary);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  }
  cairo_restore(cr);

  if (plan.best_pair) {
    draw_best_marker(cr, plan.frame.to_pixel(plan.best_pair->x, plan.best_pair->y),
                     style.base * 0.55);
  }
  for (Vec2 minimizer : plan.minimizers) {
    draw_minimum_marker(cr, plan.frame.to_pixel(minimizer.x, minimizer.y), style.base * 0.55);
  }
}

// A continuous colorbar right of the map: the scale's colours from bottom
// (fraction 0) to top, ticks at `ticks` (fraction, label).
void draw_colorbar_band(cairo_t* cr, const MapPlan& plan, const Style& style) {
  const Rect& area = plan.frame.area();
  const double left = area.right() + style.base * 3.2;
  const double bar_width = style.base * 1.4;
  constexpr int kBands = 128;
  for (int k = 0; k < kBands; ++k) {
    const double fraction = (k + 0.5) / kBands;
    set_color(cr, scale_color(fraction));
    const double y = area.bottom() - area.height * (k + 1) / kBands;
    cairo_rectangle(cr, left, y, bar_width, area.height / kBands + 0.6);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_set_line_width(cr, std::max(1.0, style.base * 0.07));
  cairo_rectangle(cr, left, area.top, bar_width, area.height);
  cairo_stroke(cr);

  const Font tick_font{style.base * 0.85};
  for (const auto& [fraction, label] : plan.colorbar_ticks) {
    const double y = area.bottom() - area.height * fraction;
    cairo_move_to(cr, left + bar_width, y);
    cairo_line_to(cr, left + bar_width + style.base * 0.35, y);
    cairo_stroke(cr);
    draw_text(cr, label, {left + bar_width + style.base * 0.55, y}, tick_font);
  }
  draw_vertical_text(cr, plan.colorbar_title,
                     {left - style.base * 1.3, area.top + area.height / 2.0}, style.tick());
}

std::vector<std::pair<double, std::string>> loss_colorbar_ticks(const LossColors& losses) {
  std::vector<std::pair<double, std::string>> ticks;
  const double low = std::pow(10.0, losses.low_decade);
  const double high = std::pow(10.0, losses.high_decade);
  for (double tick : log_ticks(low, high, 9)) {
    ticks.emplace_back(losses.fraction(tick),
                       format_power_of_ten(static_cast<int>(std::round(std::log10(tick)))));
  }
  return ticks;
}

std::vector<std::pair<double, std::string>> steps_colorbar_ticks(long steps) {
  std::vector<std::pair<double, std::string>> ticks;
  for (double tick : nice_ticks(0.0, static_cast<double>(steps), 6)) {
    ticks.emplace_back(tick / static_cast<double>(steps), format_tick(tick));
  }
  return ticks;
}

FigureDrawing map_drawing(std::shared_ptr<const MapPlan> plan) {
  FigureDrawing drawing;
  drawing.size = plan->layout.size;
  const Style style = plan->layout.style;
  drawing.svg_tags.push_back({kBoundaryColor, theory_line_width(style), kBoundaryClass,
                              std::string(kBoundaryClass) + "-1"});
  drawing.draw = [plan, style](cairo_t* cr) {
    draw_title_band(cr, plan->title, plan->subtitle, plan->layout.size.width, style);
    draw_cells(cr, *plan);
    draw_overlays(cr, *plan, style);
    draw_frame_axes(cr, plan->frame, plan->x_title, plan->y_title, style);
    if (!plan->colorbar_title.empty()) {
      draw_colorbar_band(cr, *plan, style);
    }
    draw_legend(cr, plan->legend, plan->layout.legend, style);
  };
  return drawing;
}

// The isolines of the surface over a basin map, in pixels, at the levels
// the path map uses.
std::vector<std::pair<Vec2, Vec2>> surface_isolines(const Surface& surface,
                                                    const SweepFrame& frame) {
  const Box box{frame.x().low, frame.x().high, frame.y().low, frame.y().high};
  const Grid grid = sample_grid(surface, box, 181, 181);
  const Shading shading = choose_shading(surface, grid);
  std::vector<std::pair<Vec2, Vec2>> segments;
  for (double level : shading.levels) {
    for (const Segment& segment : trace_isoline(grid, shading.reference + level)) {
      segments.emplace_back(frame.plotted_to_pixel(segment.a.x, segment.a.y),
                            frame.plotted_to_pixel(segment.b.x, segment.b.y));
    }
  }
  return segments;
}

std::string file_label(const std::string& label) {
  std::string stem;
  for (char c : label) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    stem += plain ? c : '-';
  }
  return stem;
}

}  // namespace

bool is_start_grid(const SweepResult& result) {
  if (result.axes.size() != 2) {
    return false;
  }
  const std::string& a = result.axes[0].key;
  const std::string& b = result.axes[1].key;
  return (a == "x" && b == "y") || (a == "y" && b == "x");
}

FigureDrawing sweep_heatmap_figure(const SweepResult& result, std::size_t table_index,
                                   Language language, SweepMeasure measure, FigureSize size) {
  check_two_axes(result);
  const SweepTable& table = table_at(result, table_index);
  const LossColors losses = loss_colors(result);
  const long steps = result.scenario.run.steps;
  const std::string tolerance = format_tolerance(result.tolerance);

  auto plan = std::make_shared<MapPlan>(start_plan(
      result, table,
      [&](const SweepCell& cell) -> std::optional<Color> {
        if (is_diverged(cell)) {
          return kDivergedColor;
        }
        if (measure == SweepMeasure::final_loss) {
          return scale_color(losses.fraction(losses.gap(cell)));
        }
        if (!cell.reached_at) {
          return kNotReachedColor;
        }
        return scale_color(static_cast<double>(*cell.reached_at) / static_cast<double>(steps));
      },
      language));

  if (measure == SweepMeasure::final_loss) {
    plan->title =
        text(language, Text::sweep_heatmap_title, {table.base.label, std::to_string(steps)});
    plan->colorbar_title = std::string(text(language, losses.quantity));
    plan->colorbar_ticks = loss_colorbar_ticks(losses);
  } else {
    plan->title = text(language, Text::sweep_steps_title, {table.base.label, tolerance});
    plan->colorbar_title = text(language, Text::sweep_colorbar_steps, {tolerance});
    plan->colorbar_ticks = steps_colorbar_ticks(steps);
    plan->legend.push_back(swatch_entry(kNotReachedColor, not_reached_text(result, language)));
  }
  plan->legend.push_back(
      swatch_entry(kDivergedColor, std::string(text(language, Text::sweep_key_diverged))));
  add_theory(*plan, result, table, language);
  if (is_start_grid(result)) {
    add_minimizers(*plan, result, language);
  }
  place_frame(*plan, result, table, size);
  return map_drawing(plan);
}

FigureDrawing sweep_basin_figure(const SweepResult& result, std::size_t table_index,
                                 Language language, FigureSize size) {
  if (!is_start_grid(result)) {
    throw std::invalid_argument("sweep figure: a basin map needs a sweep over x and y");
  }
  const SweepTable& table = table_at(result, table_index);
  auto plan = std::make_shared<MapPlan>(start_plan(
      result, table,
      [](const SweepCell& cell) -> std::optional<Color> {
        if (is_diverged(cell)) {
          return kDivergedColor;
        }
        return cell.basin >= 0 ? basin_color(cell.basin) : kNotReachedColor;
      },
      language));
  plan->title = text(language, Text::sweep_basin_title, {table.base.label});

  // One key per basin that some start reached, in the minimizers' order.
  const std::vector<Vec2>& minimizers = result.scenario.surface->info().minimizers;
  for (std::size_t k = 0; k < minimizers.size(); ++k) {
    const bool reached = std::any_of(
        table.cells.begin(), table.cells.end(),
        [&](const SweepCell& c) { return !is_diverged(c) && c.basin == static_cast<int>(k); });
    if (reached) {
      plan->legend.push_back(swatch_entry(
          basin_color(static_cast<int>(k)),
          text(language, Text::sweep_key_basin,
               {format_number(minimizers[k].x, 4), format_number(minimizers[k].y, 4)})));
    }
  }
  if (std::any_of(table.cells.begin(), table.cells.end(),
                  [](const SweepCell& c) { return !is_diverged(c) && c.basin < 0; })) {
    plan->legend.push_back(
        swatch_entry(kNotReachedColor, std::string(text(language, Text::sweep_key_no_basin))));
  }
  if (std::any_of(table.cells.begin(), table.cells.end(), is_diverged)) {
    plan->legend.push_back(
        swatch_entry(kDivergedColor, std::string(text(language, Text::sweep_key_diverged))));
  }
  add_minimizers(*plan, result, language);
  place_frame(*plan, result, table, size);
  plan->isolines = surface_isolines(*result.scenario.surface, plan->frame);
  return map_drawing(plan);
}

std::vector<NamedFigure> sweep_figures(const SweepResult& result, Language language) {
  std::vector<NamedFigure> figures;
  if (result.axes.size() == 1) {
    figures.push_back({"sweep-curves", sweep_curves_figure(result, language)});
    return figures;
  }
  for (std::size_t k = 0; k < result.tables.size(); ++k) {
    const std::string label = file_label(result.tables[k].base.label);
    figures.push_back({"stability-map-" + label,
                       sweep_heatmap_figure(result, k, language, SweepMeasure::final_loss)});
    figures.push_back(
        {"steps-map-" + label,
         sweep_heatmap_figure(result, k, language, SweepMeasure::steps_to_tolerance)});
    if (is_start_grid(result)) {
      figures.push_back({"basin-map-" + label, sweep_basin_figure(result, k, language)});
    }
  }
  return figures;
}

}  // namespace optiscope::render
