#include "optiscope/render/surface_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "optiscope/render/markers.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {

constexpr int kMaxLevels = 14;

}  // namespace

std::size_t Shading::band(double value) const {
  const double offset = value - reference;
  return static_cast<std::size_t>(std::upper_bound(levels.begin(), levels.end(), offset) -
                                  levels.begin());
}

Color Shading::band_color(std::size_t band_index) const {
  const double t =
      levels.empty() ? 0.0 : static_cast<double>(band_index) / static_cast<double>(levels.size());
  return surface_color(1.0 - t);
}

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
    shading.quantity =
        info.minimum_value == 0.0 ? Text::colorbar_loss : Text::colorbar_loss_above_minimum;
  } else {
    shading.reference = grid_min;
    shading.quantity = Text::colorbar_loss_above_lowest;
  }
  const double high = grid_max - shading.reference;
  shading.levels = log_levels(high * 1e-4, high, kMaxLevels);
  return shading;
}

void draw_surface(cairo_t* cr, const PlotFrame& frame, const Surface& surface,
                  const Shading& shading) {
  const int nx = static_cast<int>(std::ceil(frame.width()));
  const int ny = static_cast<int>(std::ceil(frame.height()));
  const Grid grid = sample_grid(surface, frame.view(), nx, ny);

  cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, nx, ny);
  unsigned char* pixels = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  cairo_surface_flush(image);
  const auto channel = [](double v) { return static_cast<std::uint32_t>(std::lround(v * 255.0)); };
  for (int j = 0; j < ny; ++j) {
    // Image rows run top to bottom, grid rows bottom to top.
    auto* row = reinterpret_cast<std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(j) * stride);
    for (int i = 0; i < nx; ++i) {
      const double value = grid.at(i, ny - 1 - j);
      const Color c =
          std::isnan(value) ? Color{0.85, 0.85, 0.85} : shading.band_color(shading.band(value));
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
                   const Shading& shading, const Style& style) {
  const Grid grid = sample_grid(surface, frame.view(), 241, 241);
  cairo_save(cr);
  cairo_rectangle(cr, frame.left(), frame.top(), frame.width(), frame.height());
  cairo_clip(cr);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.55);
  cairo_set_line_width(cr, style.base * 0.06);
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

double colorbar_band_width(const Style& style) { return style.base * 9.5; }

void draw_colorbar(cairo_t* cr, const PlotFrame& frame, const Shading& shading, Language language,
                   const Style& style) {
  if (shading.levels.empty()) {
    return;
  }
  const double left = frame.left() + frame.width() + style.base * 3.2;
  const double bar_width = style.base * 1.4;
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
  cairo_set_line_width(cr, std::max(1.0, style.base * 0.07));
  cairo_rectangle(cr, left, top, bar_width, height);
  cairo_stroke(cr);

  const Font tick_font{style.base * 0.85};
  for (std::size_t k = 0; k < shading.levels.size(); ++k) {
    const double y = top + height - band_height * static_cast<double>(k + 1);
    cairo_move_to(cr, left + bar_width, y);
    cairo_line_to(cr, left + bar_width + style.base * 0.35, y);
    cairo_stroke(cr);
    draw_text(cr, format_number(shading.levels[k]), {left + bar_width + style.base * 0.55, y},
              tick_font);
  }

  draw_vertical_text(cr, text(language, shading.quantity),
                     {left - style.base * 1.3, top + height / 2.0}, style.tick());
}

}  // namespace optiscope::render
