#include "optiscope/render/path_map.hpp"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "optiscope/core/error.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/render/colors.hpp"
#include "optiscope/render/contour.hpp"
#include "optiscope/render/plot_frame.hpp"

namespace optiscope::render {
namespace {

constexpr int kMaxLevels = 14;

void set_color(cairo_t* cr, Color c, double alpha = 1.0) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

std::string format_number(double value, const char* format = "%.3g") {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

void extend(Box& box, Vec2 p) {
  box.x_min = std::min(box.x_min, p.x);
  box.x_max = std::max(box.x_max, p.x);
  box.y_min = std::min(box.y_min, p.y);
  box.y_max = std::max(box.y_max, p.y);
}

bool contains(const Box& box, Vec2 p) {
  return p.x >= box.x_min && p.x <= box.x_max && p.y >= box.y_min && p.y <= box.y_max;
}

// The contour levels shown, as offsets above the reference minimum.
struct Shading {
  double reference = 0.0;
  std::vector<double> levels;
  std::string quantity;

  // Index of the band a value falls in: 0 below the first level,
  // levels.size() above the last.
  std::size_t band(double value) const {
    const double offset = value - reference;
    return static_cast<std::size_t>(std::upper_bound(levels.begin(), levels.end(), offset) -
                                    levels.begin());
  }
  Color band_color(std::size_t band_index) const {
    const double t =
        levels.empty() ? 0.0 : static_cast<double>(band_index) / static_cast<double>(levels.size());
    // Low loss is light, so the minimum stands out and paths end on a
    // bright background.
    return surface_color(1.0 - t);
  }
};

Shading choose_shading(const Surface& surface, const Grid& grid) {
  double grid_min = std::numeric_limits<double>::infinity();
  double grid_max = -std::numeric_limits<double>::infinity();
  for (double value : grid.values) {
    if (!std::isnan(value)) {
      grid_min = std::min(grid_min, value);
      grid_max = std::max(grid_max, value);
    }
  }

  Shading shading;
  const SurfaceInfo& info = surface.info();
  if (!info.minimizers.empty()) {
    shading.reference = info.minimum_value;
    shading.quantity = info.minimum_value == 0.0 ? "loss" : "loss - minimum";
  } else {
    shading.reference = grid_min;
    shading.quantity = "loss - lowest shown";
  }
  const double high = grid_max - shading.reference;
  shading.levels = log_levels(high * 1e-4, high, kMaxLevels);
  return shading;
}

void draw_surface(cairo_t* cr, const PlotFrame& frame, const Surface& surface,
                  const Shading& shading) {
  // One sample per pixel keeps band edges crisp.
  const int nx = static_cast<int>(std::ceil(frame.width()));
  const int ny = static_cast<int>(std::ceil(frame.height()));
  const Grid grid = sample_grid(surface, frame.view(), nx, ny);

  cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, nx, ny);
  unsigned char* pixels = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  cairo_surface_flush(image);
  for (int j = 0; j < ny; ++j) {
    // Image rows run top to bottom, grid rows bottom to top.
    auto* row = reinterpret_cast<std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(j) * stride);
    for (int i = 0; i < nx; ++i) {
      const double value = grid.at(i, ny - 1 - j);
      const Color c =
          std::isnan(value) ? Color{0.85, 0.85, 0.85} : shading.band_color(shading.band(value));
      const auto channel = [](double v) {
        return static_cast<std::uint32_t>(std::lround(v * 255.0));
      };
      row[i] = (channel(c.r) << 16) | (channel(c.g) << 8) | channel(c.b);
    }
  }
  cairo_surface_mark_dirty(image);

  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  cairo_set_source_surface(cr, image, frame.left(), frame.top());
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

void draw_isolines(cairo_t* cr, const PlotFrame& frame, const Surface& surface,
                   const Shading& shading) {
  const Grid grid = sample_grid(surface, frame.view(), 241, 241);
  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.55);
  cairo_set_line_width(cr, 0.9);
  for (double level : shading.levels) {
    for (const Segment& segment : trace_isoline(grid, shading.reference + level)) {
      const Vec2 a = frame.to_pixel(segment.a);
      const Vec2 b = frame.to_pixel(segment.b);
      cairo_move_to(cr, a.x, a.y);
      cairo_line_to(cr, b.x, b.y);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

void draw_path(cairo_t* cr, const PlotFrame& frame, const Trajectory& trajectory, Color color) {
  const auto& records = trajectory.records;
  // A diverging path sweeps across the whole map; a thinner, lighter line
  // keeps the other paths readable beneath it.
  const bool diverged = trajectory.status == RunStatus::diverged;
  // Clip in data space first: cairo's fixed-point coordinates overflow on
  // the huge values a diverging path reaches.
  const Box& view = frame.view();
  const double margin_x = view.x_max - view.x_min;
  const double margin_y = view.y_max - view.y_min;
  const Box guard{view.x_min - margin_x, view.x_max + margin_x, view.y_min - margin_y,
                  view.y_max + margin_y};

  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);

  for (int pass = 0; pass < 2; ++pass) {
    // A white halo under the line keeps it visible on every band colour.
    if (pass == 0) {
      cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, diverged ? 0.5 : 0.85);
      cairo_set_line_width(cr, diverged ? 3.0 : 5.0);
    } else {
      set_color(cr, color, diverged ? 0.75 : 1.0);
      cairo_set_line_width(cr, diverged ? 1.3 : 2.4);
    }
    for (std::size_t k = 1; k < records.size(); ++k) {
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
    cairo_stroke(cr);
  }

  // Step markers.
  for (std::size_t k = 1; k < records.size(); ++k) {
    if (!contains(guard, records[k].position)) {
      continue;
    }
    const Vec2 p = frame.to_pixel(records[k].position);
    cairo_arc(cr, p.x, p.y, 3.2, 0.0, 2.0 * M_PI);
    set_color(cr, color);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.9);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
  }

  // End marker: a square in the path colour.
  const Vec2 end = records.back().position;
  if (contains(guard, end)) {
    const Vec2 p = frame.to_pixel(end);
    cairo_rectangle(cr, p.x - 6.0, p.y - 6.0, 12.0, 12.0);
    set_color(cr, color);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

// Draws the minimum (a cross) or the start (a ring) marker. The subtitle
// explains them, so no text label covers the paths.
void draw_marker(cairo_t* cr, Vec2 p, bool cross) {
  cairo_new_path(cr);
  if (cross) {
    for (int pass = 0; pass < 2; ++pass) {
      cairo_set_line_width(cr, pass == 0 ? 6.0 : 3.0);
      if (pass == 0) {
        cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
      } else {
        cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
      }
      cairo_move_to(cr, p.x - 8.0, p.y - 8.0);
      cairo_line_to(cr, p.x + 8.0, p.y + 8.0);
      cairo_move_to(cr, p.x - 8.0, p.y + 8.0);
      cairo_line_to(cr, p.x + 8.0, p.y - 8.0);
      cairo_stroke(cr);
    }
  } else {
    cairo_arc(cr, p.x, p.y, 8.0, 0.0, 2.0 * M_PI);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    cairo_set_line_width(cr, 2.5);
    cairo_stroke(cr);
  }
}

std::string legend_text(const OptimizerResult& result) {
  const Trajectory& trajectory = result.trajectory;
  std::string text =
      result.choice.label + " (lr " + format_number(result.choice.optimizer->lr(), "%g") + "): ";
  if (trajectory.status == RunStatus::diverged) {
    return text + "diverged at step " + std::to_string(*trajectory.ended_at_step);
  }
  return text + "final loss " + format_number(trajectory.last().loss) + ", " +
         std::string(to_string(trajectory.status));
}

constexpr double kLegendRow = 26.0;

// Draws the legend below the plot, outside it, so that it never hides a
// path: one row per optimizer with its colour, label, lr and outcome.
void draw_legend(cairo_t* cr, const PlotFrame& frame, const std::vector<OptimizerResult>& results,
                 double top) {
  use_font(cr, 15);
  for (std::size_t k = 0; k < results.size(); ++k) {
    const double y = top + kLegendRow * (static_cast<double>(k) + 0.5);
    const double x = frame.left();
    set_color(cr, path_color(k));
    cairo_set_line_width(cr, 3.0);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + 36.0, y);
    cairo_stroke(cr);
    cairo_arc(cr, x + 18.0, y, 4.0, 0.0, 2.0 * M_PI);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    draw_text(cr, legend_text(results[k]), x + 46.0, y);
  }
}

void draw_colorbar(cairo_t* cr, const PlotFrame& frame, const Shading& shading) {
  if (shading.levels.empty()) {
    return;
  }
  const double left = frame.left() + frame.width() + 28.0;
  const double bar_width = 22.0;
  const double top = frame.top();
  const double height = frame.height();
  const std::size_t bands = shading.levels.size() + 1;
  const double band_height = height / static_cast<double>(bands);

  for (std::size_t band = 0; band < bands; ++band) {
    const double y = top + height - band_height * static_cast<double>(band + 1);
    set_color(cr, shading.band_color(band));
    cairo_rectangle(cr, left, y, bar_width, band_height + 0.5);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_set_line_width(cr, 1.0);
  cairo_rectangle(cr, left, top, bar_width, height);
  cairo_stroke(cr);

  use_font(cr, 13);
  for (std::size_t k = 0; k < shading.levels.size(); ++k) {
    const double y = top + height - band_height * static_cast<double>(k + 1);
    cairo_move_to(cr, left + bar_width, y);
    cairo_line_to(cr, left + bar_width + 5.0, y);
    cairo_stroke(cr);
    draw_text(cr, format_number(shading.levels[k], "%g"), left + bar_width + 8.0, y);
  }

  use_font(cr, 15);
  cairo_save(cr);
  cairo_translate(cr, left - 10.0, top + height / 2.0);
  cairo_rotate(cr, -M_PI / 2.0);
  draw_text(cr, shading.quantity + " (log-spaced levels)",
            -text_width(cr, shading.quantity + " (log-spaced levels)") / 2.0, 0.0);
  cairo_restore(cr);
}

double legend_band_height(std::size_t entries) {
  return kLegendRow * static_cast<double>(entries) + 12.0;
}

void draw_title(cairo_t* cr, const PathMapInput& input, double width) {
  const SurfaceInfo& info = input.surface->info();
  const std::string title = "Optimizer paths on L(x, y) = " + info.formula;
  const std::string subtitle =
      "start (" + format_number(input.start.x, "%g") + ", " + format_number(input.start.y, "%g") +
      "), " + std::to_string(input.steps) +
      " steps;  ○ start,  × minimum,  dots every step,  squares the final points";
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  use_font(cr, 22, true);
  draw_text(cr, title, (width - text_width(cr, title)) / 2.0, 28.0);
  use_font(cr, 15);
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  draw_text(cr, subtitle, (width - text_width(cr, subtitle)) / 2.0, 56.0);
}

void draw_path_map(cairo_t* cr, const PathMapInput& input, FigureSize size) {
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_paint(cr);

  const double left = 100.0;
  const double top = 80.0;
  const double right_band = 150.0;
  const double axis_band = 78.0;
  const double legend_height = legend_band_height(input.results->size());
  const PlotFrame frame(choose_view(input), left, top, size.width - left - right_band,
                        size.height - top - axis_band - legend_height);

  const Grid coarse = sample_grid(*input.surface, frame.view(), 161, 161);
  const Shading shading = choose_shading(*input.surface, coarse);

  draw_title(cr, input, size.width);
  draw_surface(cr, frame, *input.surface, shading);
  draw_isolines(cr, frame, *input.surface, shading);
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    draw_path(cr, frame, (*input.results)[k].trajectory, path_color(k));
  }
  for (Vec2 minimizer : input.surface->info().minimizers) {
    if (contains(frame.view(), minimizer)) {
      draw_marker(cr, frame.to_pixel(minimizer), true);
    }
  }
  draw_marker(cr, frame.to_pixel(input.start), false);
  draw_axes(cr, frame, "x", "y");
  draw_legend(cr, frame, *input.results, frame.top() + frame.height() + axis_band);
  draw_colorbar(cr, frame, shading);
}

void check_cairo(cairo_status_t status, const std::filesystem::path& path) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw RuntimeFailure("cannot write '" + path.string() + "': " + cairo_status_to_string(status));
  }
}

}  // namespace

FigureSize default_figure_size(std::size_t optimizers) {
  return {1200, 820 + static_cast<int>(legend_band_height(optimizers))};
}

Box choose_view(const PathMapInput& input) {
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

void write_path_map_png(const std::filesystem::path& path, const PathMapInput& input,
                        FigureSize size) {
  io::write_atomically(path, [&](const std::filesystem::path& temporary) {
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size.width, size.height);
    cairo_t* cr = cairo_create(surface);
    draw_path_map(cr, input, size);
    cairo_destroy(cr);
    const cairo_status_t status = cairo_surface_write_to_png(surface, temporary.c_str());
    cairo_surface_destroy(surface);
    check_cairo(status, path);
  });
}

void write_path_map_svg(const std::filesystem::path& path, const PathMapInput& input,
                        FigureSize size) {
  io::write_atomically(path, [&](const std::filesystem::path& temporary) {
    cairo_surface_t* surface = cairo_svg_surface_create(temporary.c_str(), size.width, size.height);
    cairo_t* cr = cairo_create(surface);
    draw_path_map(cr, input, size);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    check_cairo(status, path);
  });
}

}  // namespace optiscope::render
