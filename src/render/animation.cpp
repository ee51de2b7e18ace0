#include "optiscope/render/animation.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "optiscope/io/atomic_file.hpp"
#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/gif_writer.hpp"
#include "optiscope/render/legend.hpp"
#include "optiscope/render/line_charts.hpp"
#include "optiscope/render/path_map.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace fs = std::filesystem;

namespace {

// The colours the frames are made of, which the palette keeps exactly.
std::vector<Color> key_colors(const MapPanel& map, std::size_t optimizers) {
  std::vector<Color> colors = {
      {1.0, 1.0, 1.0}, {0.0, 0.0, 0.0}, {0.15, 0.15, 0.15}, {0.25, 0.25, 0.25}, {0.88, 0.88, 0.88}};
  for (std::size_t k = 0; k < optimizers; ++k) {
    colors.push_back(path_color(k));
  }
  for (std::size_t band = 0; band <= map.shading.levels.size(); ++band) {
    colors.push_back(map.shading.band_color(band));
  }
  return colors;
}

// The parts of a frame and where they go.
struct FrameLayout {
  Style style;
  double title_height = 0.0;
  Rect map_panel;
  Rect loss_panel;
  Rect legend;
};

FrameLayout layout_frames(FigureSize size, const std::vector<LegendEntry>& entries) {
  FrameLayout layout;
  layout.style = style_for(size);
  const Style& style = layout.style;
  const double margin = style.base * 1.2;
  layout.title_height = title_band_height(style, false);

  const MeasuringContext measuring;
  const double legend_left = margin + inner_plot_area({}, style).left;
  const double legend_width = size.width - legend_left - margin;
  const double legend = legend_height(measuring.get(), entries, legend_width, style);

  const double body_top = layout.title_height;
  const double body_height = size.height - body_top - legend - margin * 0.5;
  const double map_width = (size.width - 2.0 * margin) * 0.56;
  layout.map_panel = {margin, body_top, map_width, body_height};
  layout.loss_panel = {margin + map_width, body_top, size.width - 2.0 * margin - map_width,
                       body_height};
  layout.legend = {legend_left, body_top + body_height, legend_width, legend};
  return layout;
}

}  // namespace

long frame_step(int frame, int frames, long steps) {
  if (frames <= 1) {
    return steps;
  }
  return std::lround(static_cast<double>(frame) * static_cast<double>(steps) /
                     static_cast<double>(frames - 1));
}

int frame_delay_centiseconds(double fps) {
  return std::max(2, static_cast<int>(std::lround(100.0 / fps)));
}

void write_animation(const fs::path& path, const FigureInput& input,
                     const AnimationSettings& settings) {
  const FigureSize size = settings.size;
  std::vector<LegendEntry> entries = optimizer_entries(input, false);
  for (std::size_t k = 1; k < entries.size(); ++k) {
    entries[k].starts_row = false;
  }
  const FrameLayout layout = layout_frames(size, entries);
  const Style& style = layout.style;
  const MapPanel map = layout_map_panel(input, layout.map_panel, style, false);
  const LossScale scale = choose_loss_scale(input);
  const ChartFrame loss_frame = loss_chart_frame(input, scale, layout.loss_panel, style);

  // Everything that stays the same is drawn once.
  cairo_surface_t* background =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size.width, size.height);
  cairo_t* cr = cairo_create(background);
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_paint(cr);
  draw_map_background(cr, map, input, style);
  draw_loss_axes(cr, input, scale, loss_frame, style, true);
  draw_legend(cr, entries, layout.legend, style);
  cairo_destroy(cr);
  cairo_surface_flush(background);

  cairo_surface_t* frame = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size.width, size.height);
  const int stride = cairo_image_surface_get_stride(frame);
  const std::size_t bytes =
      static_cast<std::size_t>(stride) * static_cast<std::size_t>(size.height);
  const int delay = frame_delay_centiseconds(settings.fps);
  const int hold = static_cast<int>(std::lround(settings.final_hold_seconds * 100.0));

  try {
    io::write_atomically(path, [&](const fs::path& temporary) {
      GifWriter writer(temporary, path, size.width, size.height,
                       Palette(key_colors(map, input.results->size())));
      for (int k = 0; k < settings.frames; ++k) {
        const long step = frame_step(k, settings.frames, input.steps);
        cairo_surface_flush(frame);
        std::memcpy(cairo_image_surface_get_data(frame), cairo_image_surface_get_data(background),
                    bytes);
        cairo_surface_mark_dirty(frame);

        cairo_t* frame_cr = cairo_create(frame);
        draw_map_paths(frame_cr, map, input, style, step);
        draw_map_foreground(frame_cr, map, input, style);
        draw_loss_curves(frame_cr, input, scale, loss_frame, style, step);
        cairo_set_source_rgb(frame_cr, 0.0, 0.0, 0.0);
        draw_text(frame_cr,
                  text(input.language, Text::animation_step,
                       {std::to_string(step), std::to_string(input.steps)}),
                  {size.width / 2.0, style.base * 1.7}, style.title(), Align::center);
        cairo_destroy(frame_cr);
        cairo_surface_flush(frame);

        const bool last = k + 1 == settings.frames;
        writer.add_frame(cairo_image_surface_get_data(frame), stride, delay + (last ? hold : 0));
      }
      writer.finish();
    });
  } catch (...) {
    cairo_surface_destroy(frame);
    cairo_surface_destroy(background);
    throw;
  }
  cairo_surface_destroy(frame);
  cairo_surface_destroy(background);
}

}  // namespace optiscope::render
