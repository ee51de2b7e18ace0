#include "optiscope/render/legend.hpp"

#include <cmath>

#include "optiscope/render/markers.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {

double row_height(const Style& style) { return style.base * 1.75; }
double symbol_width(const Style& style) { return style.base * 2.6; }
double entry_spacing(const Style& style) { return style.base * 1.6; }

double entry_width(cairo_t* cr, const LegendEntry& entry, const Style& style) {
  const double symbol = entry.symbol == Symbol::none ? 0.0 : symbol_width(style) + style.gap();
  return symbol + measure_text(cr, entry.text, style.tick()).width;
}

// Calls place(entry, left, row_centre) for each entry in flow order and
// returns the number of rows used.
template <typename Place>
int flow(cairo_t* cr, const std::vector<LegendEntry>& entries, const Rect& area, const Style& style,
         Place place) {
  int row = 0;
  double x = area.left;
  bool row_empty = true;
  for (const LegendEntry& entry : entries) {
    const double width = entry_width(cr, entry, style);
    if (!row_empty && (entry.starts_row || x + width > area.right())) {
      ++row;
      x = area.left;
      row_empty = true;
    }
    place(entry, x, area.top + row_height(style) * (row + 0.5));
    x += width + entry_spacing(style);
    row_empty = false;
  }
  return entries.empty() ? 0 : row + 1;
}

void draw_symbol(cairo_t* cr, const LegendEntry& entry, Vec2 left_centre, const Style& style) {
  const double width = symbol_width(style);
  const Vec2 middle{left_centre.x + width / 2.0, left_centre.y};
  const Vec2 right{left_centre.x + width, left_centre.y};
  switch (entry.symbol) {
    case Symbol::path:
      set_color(cr, entry.color);
      cairo_set_line_width(cr, style.legend_line_width());
      cairo_move_to(cr, left_centre.x, left_centre.y);
      cairo_line_to(cr, right.x, right.y);
      cairo_stroke(cr);
      draw_step_dot(cr, middle, style.base * 0.3, entry.color, 1.0);
      return;
    case Symbol::start:
      draw_start_marker(cr, middle, style.base * 0.45);
      return;
    case Symbol::minimum:
      draw_minimum_marker(cr, middle, style.base * 0.55);
      return;
    case Symbol::final_point:
      draw_final_marker(cr, middle, style.base * 0.38, entry.color);
      return;
    case Symbol::step_dots:
      for (int k = 0; k < 3; ++k) {
        draw_step_dot(cr, {left_centre.x + width * (0.2 + 0.3 * k), left_centre.y},
                      style.base * (0.3 - 0.05 * k), entry.color, 1.0 - 0.3 * k);
      }
      return;
    case Symbol::ellipse:
      cairo_save(cr);
      cairo_translate(cr, middle.x, middle.y);
      cairo_scale(cr, width * 0.45, style.base * 0.4);
      cairo_arc(cr, 0.0, 0.0, 1.0, 0.0, 2.0 * M_PI);
      cairo_restore(cr);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      cairo_set_line_width(cr, style.base * 0.1);
      cairo_stroke(cr);
      return;
    case Symbol::arrow_solid:
    case Symbol::arrow_dashed:
    case Symbol::arrow_dotted: {
      const ArrowLine line = entry.symbol == Symbol::arrow_solid    ? ArrowLine::solid
                             : entry.symbol == Symbol::arrow_dashed ? ArrowLine::dashed
                                                                    : ArrowLine::dotted;
      draw_arrow(cr, left_centre, right, entry.color, style.base * 0.13, line, style.base * 0.7);
      return;
    }
    case Symbol::none:
      return;
    case Symbol::custom:
      if (entry.draw_custom) {
        entry.draw_custom(cr, {left_centre.x, left_centre.y - style.base * 0.6, width, style.base * 1.2},
                          style);
      }
      return;
  }
}

}  // namespace

std::vector<LegendEntry> optimizer_entries(const FigureInput& input, bool with_outcome) {
  std::vector<LegendEntry> entries;
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    const OptimizerResult& result = (*input.results)[k];
    const Trajectory& trajectory = result.trajectory;
    const std::string label = result.choice.label;
    const std::string lr = format_number(result.choice.optimizer->lr(), 6);
    std::string line;
    if (!with_outcome) {
      line = text(input.language, Text::legend_label, {label, lr});
    } else if (trajectory.status == RunStatus::diverged) {
      line = text(input.language, Text::legend_diverged,
                  {label, lr, std::to_string(trajectory.ended_at_step.value_or(0))});
    } else if (trajectory.status == RunStatus::stopped) {
      line = text(input.language, Text::legend_stopped,
                  {label, lr, std::to_string(trajectory.last().step),
                   format_number(trajectory.last().loss)});
    } else {
      line = text(input.language, Text::legend_final_loss,
                  {label, lr, format_number(trajectory.last().loss)});
    }
    entries.push_back({Symbol::path, path_color(k), line, true});
  }
  return entries;
}

double legend_height(cairo_t* cr, const std::vector<LegendEntry>& entries, double width,
                     const Style& style) {
  const int rows = flow(cr, entries, {0.0, 0.0, width, 0.0}, style, [](auto&&...) {});
  return rows * row_height(style);
}

void draw_legend(cairo_t* cr, const std::vector<LegendEntry>& entries, const Rect& area,
                 const Style& style) {
  flow(cr, entries, area, style, [&](const LegendEntry& entry, double left, double centre) {
    double x = left;
    if (entry.symbol != Symbol::none) {
      draw_symbol(cr, entry, {x, centre}, style);
      x += symbol_width(style) + style.gap();
    }
    cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    draw_text(cr, entry.text, {x, centre}, style.tick());
  });
}

}  // namespace optiscope::render
