#include "optiscope/render/lab_sheet.hpp"

#include <algorithm>
#include <cmath>

#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/legend.hpp"
#include "optiscope/render/line_charts.hpp"
#include "optiscope/render/path_map.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {

// Formats every hyperparameter as key=value, booleans as true or false.
std::string describe_hyperparameters(const Optimizer& optimizer) {
  const OptimizerInfo* info = find_optimizer(optimizer.name());
  std::string described;
  for (const auto& [key, value] : optimizer.hyperparameters().values()) {
    std::string formatted = format_number(value, 6);
    if (info != nullptr) {
      for (const HyperparameterSpec& spec : info->hyperparameters) {
        if (spec.key == key) {
          formatted = format_value(spec, value);
        }
      }
    }
    described += (described.empty() ? "" : ", ") + key + "=" + formatted;
  }
  return described;
}

double caption_line_height(const Style& style) { return style.base * 1.45; }

// Shrinks the caption font, down to three quarters of its size, until the
// longest line fits `width`; many hyperparameters make long lines.
Font fit_caption_font(cairo_t* cr, const std::vector<std::string>& lines, double width,
                      const Style& style) {
  Font font = style.caption();
  double longest = 0.0;
  for (const std::string& line : lines) {
    longest = std::max(longest, measure_text(cr, line, font).width);
  }
  if (longest > width) {
    font.size *= std::max(0.75, width / longest);
  }
  return font;
}

// The map's share of the width; the charts take the rest.
constexpr double kMapShare = 0.6;

// Returns a body height that gives the map the aspect of its view, so it
// fills its panel, within limits that keep the three charts readable.
double body_height_for(const FigureInput& input, double map_width, const Style& style) {
  const Rect probe{0.0, 0.0, map_width, 1000.0};
  const Rect area = inner_plot_area(probe, style);
  const double plot_width = area.width - colorbar_band_width(style);
  const Box view = choose_view(input);
  const double aspect = (view.y_max - view.y_min) / (view.x_max - view.x_min);
  const double body = plot_width * aspect + (probe.height - area.height);
  return std::clamp(body, style.base * 36.0, style.base * 56.0);
}

}  // namespace

std::vector<std::string> caption_lines(const FigureInput& input) {
  const SurfaceInfo& info = input.surface->info();
  std::vector<std::string> lines = {
      text(input.language, Text::caption_surface, {info.name, info.formula}),
      paths_share_start(input)
          ? text(input.language, Text::caption_start,
                 {format_number(input.start.x, 6), format_number(input.start.y, 6),
                  std::to_string(input.steps)})
          : scenario_subtitle(input),
  };
  for (const OptimizerResult& result : *input.results) {
    const Optimizer& optimizer = *result.choice.optimizer;
    const OptimizerInfo* info_entry = find_optimizer(optimizer.name());
    const std::string kind =
        info_entry != nullptr ? std::string(info_entry->pytorch_equivalent) : optimizer.name();
    lines.push_back(text(input.language, Text::caption_optimizer,
                         {result.choice.label, kind, describe_hyperparameters(optimizer)}));
  }
  return lines;
}

FigureDrawing lab_sheet_figure(const FigureInput& input, FigureSize size) {
  const Style style = style_for(size);
  const double margin = style.base * 2.0;
  const double legend_left = margin + inner_plot_area({}, style).left;
  const double legend_width = size.width - legend_left - margin;

  const MeasuringContext measuring;
  const MapPanel probe = layout_map_panel(input, {0, 0, 800, 800}, style, true);
  std::vector<LegendEntry> entries = optimizer_entries(input);
  for (LegendEntry& entry : map_key_entries(input, probe)) {
    entries.push_back(std::move(entry));
  }
  const double legend = legend_height(measuring.get(), entries, legend_width, style);
  const std::vector<std::string> caption = caption_lines(input);
  const Font caption_font = fit_caption_font(measuring.get(), caption, legend_width, style);
  const double caption_height =
      caption_line_height(style) * static_cast<double>(caption.size()) + style.base;
  const double title = title_band_height(style, false);
  const double map_width = (size.width - 2.0 * margin) * kMapShare;
  if (size.height == 0) {
    size.height = static_cast<int>(std::ceil(title + body_height_for(input, map_width, style) +
                                             legend + caption_height + margin));
  }

  FigureDrawing drawing;
  drawing.size = size;
  drawing.svg_tags = map_path_tags(input, style);
  for (SvgPathTag& tag : curve_tags(input, style, "chart-curve")) {
    drawing.svg_tags.push_back(std::move(tag));
  }
  drawing.draw = [=](cairo_t* cr) {
    draw_title_band(cr, text(input.language, Text::sheet_title, {input.surface->info().formula}),
                    "", size.width, style);
    const double body_height = size.height - title - legend - caption_height - margin;
    const Rect map_panel{margin, title, map_width, body_height};
    const MapPanel map = layout_map_panel(input, map_panel, style, true);
    draw_map_background(cr, map, input, style);
    draw_map_paths(cr, map, input, style, input.steps);
    draw_map_foreground(cr, map, input, style);

    const double right = margin + map_width;
    const double chart_width = size.width - margin - right;
    const double chart_height = body_height / 3.0;
    draw_loss_panel(cr, input, choose_loss_scale(input), {right, title, chart_width, chart_height},
                    style, input.steps, true);
    const EigenBasis basis = choose_eigen_basis(input);
    draw_eigen_panel(cr, input, basis, Eigendirection::steep,
                     {right, title + chart_height, chart_width, chart_height}, style, input.steps);
    draw_eigen_panel(cr, input, basis, Eigendirection::flat,
                     {right, title + 2.0 * chart_height, chart_width, chart_height}, style,
                     input.steps);

    const double legend_top = title + body_height;
    draw_legend(cr, entries, {legend_left, legend_top, legend_width, legend}, style);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    for (std::size_t k = 0; k < caption.size(); ++k) {
      draw_text(cr, caption[k],
                {legend_left, legend_top + legend + style.base * 0.8 +
                                  caption_line_height(style) * (static_cast<double>(k) + 0.5)},
                caption_font);
    }
  };
  return drawing;
}

}  // namespace optiscope::render
