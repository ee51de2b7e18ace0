#include "optiscope/render/figure_parts.hpp"

#include "optiscope/render/strings.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {

MeasuringContext::MeasuringContext()
    : surface_(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)),
      cr_(cairo_create(surface_)) {}

MeasuringContext::~MeasuringContext() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

double title_band_height(const Style& style, bool with_subtitle) {
  return style.base * (with_subtitle ? 4.6 : 3.2);
}

void draw_title_band(cairo_t* cr, const std::string& title, const std::string& subtitle,
                     double width, const Style& style) {
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  draw_text(cr, title, {width / 2.0, style.base * 1.7}, style.title(), Align::center);
  if (!subtitle.empty()) {
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    draw_text(cr, subtitle, {width / 2.0, style.base * 3.6}, style.label(), Align::center);
  }
}

bool paths_share_start(const FigureInput& input) {
  for (const OptimizerResult& result : *input.results) {
    if (result.trajectory.records.front().position != input.start) {
      return false;
    }
  }
  return true;
}

std::string scenario_subtitle(const FigureInput& input) {
  if (!paths_share_start(input)) {
    return text(input.language, Text::scenario_subtitle_many_starts, {std::to_string(input.steps)});
  }
  return text(input.language, Text::scenario_subtitle,
              {format_number(input.start.x, 6), format_number(input.start.y, 6),
               std::to_string(input.steps)});
}

}  // namespace optiscope::render
