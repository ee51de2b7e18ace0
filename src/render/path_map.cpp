#include "optiscope/render/path_map.hpp"

#include <algorithm>
#include <cmath>

#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/markers.hpp"
#include "optiscope/render/step_arrows.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {

// A box three times the view in each direction. Paths are clipped to it in
// data space before they reach cairo, whose fixed-point coordinates would
// overflow on the huge values a diverging path reaches.
Box guard_box(const Box& view) {
  const double margin_x = view.x_max - view.x_min;
  const double margin_y = view.y_max - view.y_min;
  return {view.x_min - margin_x, view.x_max + margin_x, view.y_min - margin_y,
          view.y_max + margin_y};
}

// At most about 200 step markers per path, so long runs stay readable.
long marker_stride(long steps) { return std::max(1L, (steps + 199) / 200); }

// Adds one "M a L b" sub-path per segment up to `last_step`. Separate
// sub-paths keep cairo from merging collinear segments, so the SVG contains
// one move per step.
void add_segments(cairo_t* cr, const PlotFrame& frame, const Trajectory& trajectory,
                  long last_step) {
  const auto& records = trajectory.records;
  const Box guard = guard_box(frame.view());
  const std::size_t end = std::min(records.size(), static_cast<std::size_t>(last_step) + 1);
  for (std::size_t k = 1; k < end; ++k) {
    Vec2 a = records[k - 1].position;
    Vec2 b = records[k].position;
    if (!clip_segment(a, b, guard)) {
      continue;
    }
    const Vec2 pa = frame.to_pixel(a);
    const Vec2 pb = frame.to_pixel(b);
    cairo_move_to(cr, pa.x, pa.y);
    cairo_line_to(cr, pb.x, pb.y);
  }
}

void draw_path_line(cairo_t* cr, const PlotFrame& frame, const Trajectory& trajectory, Color color,
                    const Style& style, long last_step) {
  // A diverging path sweeps across the whole map; a thinner, lighter line
  // keeps the other paths readable beneath it.
  const bool diverged = trajectory.status == RunStatus::diverged;
  const double width = path_stroke_width(style, diverged);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);

  // A white halo under the line keeps it visible on every band colour.
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, diverged ? 0.5 : 0.85);
  cairo_set_line_width(cr, width * 2.1);
  add_segments(cr, frame, trajectory, last_step);
  cairo_stroke(cr);

  set_color(cr, color, diverged ? 0.75 : 1.0);
  cairo_set_line_width(cr, width);
  add_segments(cr, frame, trajectory, last_step);
  cairo_stroke(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

// Step markers fade and shrink with time, so the direction of travel shows
// and the crowd of late steps near the minimum does not hide the path.
void draw_step_markers(cairo_t* cr, const PlotFrame& frame, const Trajectory& trajectory,
                       Color color, const Style& style, long steps, long last_step) {
  const auto& records = trajectory.records;
  const long stride = marker_stride(steps);
  const double span = static_cast<double>(std::max(steps, 1L));
  for (const StepRecord& record : records) {
    if (record.step == 0 || record.step > last_step || record.step % stride != 0 ||
        !contains(frame.view(), record.position)) {
      continue;
    }
    const double age = static_cast<double>(record.step) / span;
    draw_step_dot(cr, frame.to_pixel(record.position), style.base * (0.27 - 0.11 * age), color,
                  1.0 - 0.7 * age);
  }
}

void draw_end_marker(cairo_t* cr, const PlotFrame& frame, const Trajectory& trajectory, Color color,
                     const Style& style, long last_step) {
  const auto& records = trajectory.records;
  const std::size_t index = std::min(records.size() - 1, static_cast<std::size_t>(last_step));
  const Vec2 end = records[index].position;
  if (contains(frame.view(), end)) {
    draw_final_marker(cr, frame.to_pixel(end), style.base * 0.42, color);
  }
}

ArrowLine arrow_line(ArrowKind kind) {
  switch (kind) {
    case ArrowKind::update:
      return ArrowLine::solid;
    case ArrowKind::gradient_step:
      return ArrowLine::dashed;
    case ArrowKind::state:
      return ArrowLine::dotted;
  }
  return ArrowLine::solid;
}

void draw_step_arrows(cairo_t* cr, const PlotFrame& frame, const FigureInput& input,
                      const Style& style, long last_step) {
  if (!input.arrows_step || *input.arrows_step >= last_step) {
    return;
  }
  const Box guard = guard_box(frame.view());
  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    for (const StepArrow& arrow : step_arrows((*input.results)[k], *input.arrows_step)) {
      Vec2 tail = arrow.tail;
      Vec2 head = arrow.head;
      if (!clip_segment(tail, head, guard)) {
        continue;
      }
      // Slightly thinner than the path, so the SVG tags do not take
      // arrow shafts for paths.
      draw_arrow(cr, frame.to_pixel(tail), frame.to_pixel(head), path_color(k), style.base * 0.15,
                 arrow_line(arrow.kind), style.base * 0.9);
    }
  }
  cairo_restore(cr);
}

// Marks every segment of a path that crosses the plot area as taken, so
// labels avoid diverged paths that only pass through the view too.
void occupy_path(Occupancy& occupancy, const PlotFrame& frame, const Trajectory& trajectory,
                 double clearance) {
  const auto& records = trajectory.records;
  for (std::size_t k = 1; k < records.size(); ++k) {
    Vec2 a = records[k - 1].position;
    Vec2 b = records[k].position;
    if (clip_segment(a, b, frame.view())) {
      occupancy.add_polyline({frame.to_pixel(a), frame.to_pixel(b)}, clearance);
    }
  }
  if (records.size() == 1 && contains(frame.view(), records[0].position)) {
    occupancy.add_polyline({frame.to_pixel(records[0].position)}, clearance);
  }
}

}  // namespace

double start_marker_radius(const Style& style) { return style.base * 0.55; }

double path_stroke_width(const Style& style, bool diverged) {
  return diverged ? style.path_width() * 0.55 : style.path_width();
}

Box choose_view(const FigureInput& input) {
  const SurfaceInfo& info = input.surface->info();
  Box box{input.start.x, input.start.x, input.start.y, input.start.y};
  for (Vec2 minimizer : info.minimizers) {
    extend(box, minimizer);
  }
  for (const OptimizerResult& result : *input.results) {
    if (result.trajectory.status != RunStatus::diverged) {
      for (const StepRecord& record : result.trajectory.records) {
        extend(box, record.position);
      }
    } else {
      extend(box, result.trajectory.records.front().position);
    }
  }

  // Runaway paths may widen the view up to twice the settled region.
  const double span = std::max({box.x_max - box.x_min, box.y_max - box.y_min, 1e-9});
  const Box limit{box.x_min - span / 2.0, box.x_max + span / 2.0, box.y_min - span / 2.0,
                  box.y_max + span / 2.0};
  for (const OptimizerResult& result : *input.results) {
    if (result.trajectory.status == RunStatus::diverged) {
      for (const StepRecord& record : result.trajectory.records) {
        if (contains(limit, record.position)) {
          extend(box, record.position);
        }
      }
    }
  }

  // A single point (every optimizer stuck at the start) gets the default view.
  if (box.x_max - box.x_min < 1e-12 && box.y_max - box.y_min < 1e-12) {
    return info.view;
  }
  const double pad = 0.08 * std::max(box.x_max - box.x_min, box.y_max - box.y_min);
  return {box.x_min - pad, box.x_max + pad, box.y_min - pad, box.y_max + pad};
}

MapPanel layout_map_panel(const FigureInput& input, const Rect& panel, const Style& style,
                          bool colorbar) {
  Rect area = inner_plot_area(panel, style);
  if (colorbar) {
    area.width -= colorbar_band_width(style);
  }
  const PlotFrame frame(choose_view(input), area.left, area.top, area.width, area.height);
  const Grid coarse = sample_grid(*input.surface, frame.view(), 161, 161);
  return {frame, choose_shading(*input.surface, coarse),
          level_ellipse(*input.surface, frame.view()), colorbar};
}

void draw_map_background(cairo_t* cr, const MapPanel& map, const FigureInput& input,
                         const Style& style) {
  draw_surface(cr, map.frame, *input.surface, map.shading);
  draw_isolines(cr, map.frame, *input.surface, map.shading, style);
  if (map.ellipse) {
    draw_level_ellipse(cr, map.frame, *map.ellipse, style);
  }
  draw_axes(cr, map.frame, std::string(text(input.language, Text::axis_x)),
            std::string(text(input.language, Text::axis_y)), style);
  if (map.colorbar) {
    draw_colorbar(cr, map.frame, map.shading, input.language, style);
  }
}

void draw_map_paths(cairo_t* cr, const MapPanel& map, const FigureInput& input, const Style& style,
                    long last_step) {
  const PlotFrame& frame = map.frame;
  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    const Trajectory& trajectory = (*input.results)[k].trajectory;
    draw_path_line(cr, frame, trajectory, path_color(k), style, last_step);
  }
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    const Trajectory& trajectory = (*input.results)[k].trajectory;
    draw_step_markers(cr, frame, trajectory, path_color(k), style, input.steps, last_step);
    draw_end_marker(cr, frame, trajectory, path_color(k), style, last_step);
  }
  cairo_restore(cr);
  draw_step_arrows(cr, frame, input, style, last_step);
}

void draw_map_foreground(cairo_t* cr, const MapPanel& map, const FigureInput& input,
                         const Style& style) {
  const PlotFrame& frame = map.frame;
  Occupancy occupancy;
  for (const OptimizerResult& result : *input.results) {
    occupy_path(occupancy, frame, result.trajectory, style.base * 0.5);
  }

  const double radius = start_marker_radius(style);
  for (Vec2 minimizer : input.surface->info().minimizers) {
    if (contains(frame.view(), minimizer)) {
      const Vec2 p = frame.to_pixel(minimizer);
      draw_minimum_marker(cr, p, radius * 1.2);
      occupancy.add_rect({p.x - radius * 1.5, p.y - radius * 1.5, radius * 3.0, radius * 3.0});
    }
  }
  for (const OptimizerResult& result : *input.results) {
    const Vec2 start = result.trajectory.records.front().position;
    if (contains(frame.view(), start)) {
      const Vec2 p = frame.to_pixel(start);
      draw_start_marker(cr, p, radius);
      occupancy.add_rect({p.x - radius * 1.5, p.y - radius * 1.5, radius * 3.0, radius * 3.0});
    }
  }
  if (map.ellipse) {
    draw_eigenvalue_labels(cr, frame, *map.ellipse, occupancy, input.language, style);
  }
}

std::vector<LegendEntry> map_key_entries(const FigureInput& input, const MapPanel& map) {
  const Language language = input.language;
  const Color ink{0.3, 0.3, 0.3};
  std::vector<LegendEntry> entries = {
      {Symbol::start, ink, std::string(text(language, Text::key_start)), true},
      {Symbol::minimum, ink, std::string(text(language, Text::key_minimum)), false},
      {Symbol::step_dots, ink, std::string(text(language, Text::key_steps)), false},
      {Symbol::final_point, ink, std::string(text(language, Text::key_final_point)), false},
  };
  if (map.ellipse) {
    const std::string eigenvalues = format_number(map.ellipse->eigen.lambda_max) + ", " +
                                    format_number(map.ellipse->eigen.lambda_min);
    entries.push_back(
        {Symbol::ellipse, ink, text(language, Text::key_ellipse, {eigenvalues}), false});
  }
  if (input.arrows_step) {
    entries.push_back(
        {Symbol::none, ink,
         text(language, Text::key_arrows_at_step, {std::to_string(*input.arrows_step)}), true});
    entries.push_back(
        {Symbol::arrow_solid, ink, std::string(text(language, Text::arrow_update)), false});
    entries.push_back(
        {Symbol::arrow_dashed, ink, std::string(text(language, Text::arrow_gradient_step)), false});
    entries.push_back(
        {Symbol::arrow_dotted, ink, std::string(text(language, Text::arrow_velocity)), false});
  }
  return entries;
}

std::vector<SvgPathTag> map_path_tags(const FigureInput& input, const Style& style) {
  std::vector<SvgPathTag> tags;
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    const bool diverged = (*input.results)[k].trajectory.status == RunStatus::diverged;
    tags.push_back({path_color(k), path_stroke_width(style, diverged), "optimizer-path",
                    "optimizer-path-" + std::to_string(k + 1)});
  }
  return tags;
}

namespace {

// The size, style, legend entries and rectangles of the path map figure.
struct PathMapLayout {
  FigureSize size;
  Style style;
  std::vector<LegendEntry> entries;
  Rect panel;
  Rect legend;
};

PathMapLayout layout_path_map(const FigureInput& input, std::optional<FigureSize> size) {
  PathMapLayout layout;
  layout.size = size.value_or(FigureSize{1200, 0});
  layout.style = style_for(layout.size);
  const Style& style = layout.style;
  const double margin = style.base * 2.0;

  // The legend's height depends on its text, so measure it before sizing.
  const MeasuringContext measuring;
  const double legend_left = margin + inner_plot_area({}, style).left;
  const double legend_width = layout.size.width - legend_left - margin;
  const MapPanel probe = layout_map_panel(input, {0, 0, 800, 800}, style, true);
  layout.entries = optimizer_entries(input);
  for (LegendEntry& entry : map_key_entries(input, probe)) {
    layout.entries.push_back(std::move(entry));
  }
  const double legend = legend_height(measuring.get(), layout.entries, legend_width, style);
  const double title = title_band_height(style, true);
  if (!size) {
    layout.size.height = static_cast<int>(std::ceil(title + style.base * 52.0 + legend + margin));
  }
  layout.panel = {margin, title, layout.size.width - 2.0 * margin,
                  layout.size.height - title - legend - margin};
  layout.legend = {legend_left, layout.panel.bottom(), legend_width, legend};
  return layout;
}

}  // namespace

MapPanel path_map_figure_panel(const FigureInput& input, std::optional<FigureSize> size) {
  const PathMapLayout layout = layout_path_map(input, size);
  return layout_map_panel(input, layout.panel, layout.style, true);
}

FigureDrawing path_map_figure(const FigureInput& input, std::optional<FigureSize> size) {
  const PathMapLayout layout = layout_path_map(input, size);
  FigureDrawing drawing;
  drawing.size = layout.size;
  drawing.svg_tags = map_path_tags(input, layout.style);
  drawing.draw = [input, layout](cairo_t* cr) {
    const Style& style = layout.style;
    const MapPanel map = layout_map_panel(input, layout.panel, style, true);
    draw_title_band(cr, text(input.language, Text::path_map_title, {input.surface->info().formula}),
                    scenario_subtitle(input), layout.size.width, style);
    draw_map_background(cr, map, input, style);
    draw_map_paths(cr, map, input, style, input.steps);
    draw_map_foreground(cr, map, input, style);
    draw_legend(cr, layout.entries, layout.legend, style);
  };
  return drawing;
}

}  // namespace optiscope::render
