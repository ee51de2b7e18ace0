// The curves figure of a 1-D sweep: final loss and steps to the tolerance
// against the swept value.

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "optiscope/render/chart.hpp"
#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/markers.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/sweep_figures.hpp"
#include "optiscope/render/text.hpp"
#include "sweep_frame.hpp"
#include "sweep_parts.hpp"
#include "sweep_theory.hpp"

namespace optiscope::render {
using namespace sweep_detail;

namespace {

// Above this many cells a curve is drawn without a dot per cell.
constexpr std::size_t kMaxDottedCells = 40;

// A vertical line of the theory: where an optimizer's predicted rate
// crosses 1, or gradient descent's best lr.
struct TheoryLine {
  std::size_t table = 0;
  double value = 0.0;
  Dash dash = Dash::dashed;
};

enum class Panel { loss, steps };

struct CurvesPlan {
  Layout layout;
  std::string title;
  std::string subtitle;
  std::string x_title;
  SweepAxis axis;
  /// Each table's cells sorted by the swept value.
  std::vector<std::vector<SweepCell>> tables;
  LossColors losses;
  long steps = 0;
  SweepFrame loss_frame{{}, {}, {}};
  SweepFrame steps_frame{{}, {}, {}};
  std::string loss_heading;
  std::string steps_heading;
  std::string loss_axis;
  std::string steps_axis;
  std::vector<TheoryLine> theory;
  std::vector<LegendEntry> legend;
};

double mark_size(const CurvesPlan& plan, const Style& style) {
  const double spacing = plan.loss_frame.area().width /
                         static_cast<double>(std::max<std::size_t>(plan.axis.values.size(), 1));
  return std::clamp(spacing * 0.45, style.base * 0.12, style.base * 0.35);
}

// The row of marks of table `k` just inside the top edge of a panel.
double mark_row(const Rect& area, std::size_t k, const Style& style) {
  return area.top + style.base * (0.7 + 0.8 * static_cast<double>(k));
}

// Returns the plotted value of a cell in a panel, or nothing where the
// curve breaks.
std::optional<double> panel_value(const CurvesPlan& plan, Panel panel, const SweepCell& cell) {
  if (is_diverged(cell)) {
    return std::nullopt;
  }
  if (panel == Panel::steps) {
    if (!cell.reached_at) {
      return std::nullopt;
    }
    return static_cast<double>(*cell.reached_at);
  }
  // Gaps below the scale sit on the bottom edge.
  const double gap = plan.losses.gap(cell);
  return std::clamp(gap > 0.0 ? std::log10(gap) : plan.losses.low_decade, plan.losses.low_decade,
                    plan.losses.high_decade);
}

void draw_grid_lines(cairo_t* cr, const SweepFrame& frame, const Style& style) {
  const Rect& area = frame.area();
  cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
  cairo_set_line_width(cr, std::max(1.0, style.base * 0.06));
  for (double tick : axis_ticks(frame.y(), 7)) {
    const double y = frame.plotted_to_pixel(frame.x().low, frame.y().plotted(tick)).y;
    cairo_move_to(cr, area.left, y);
    cairo_line_to(cr, area.right(), y);
  }
  cairo_stroke(cr);
}

void draw_theory_lines(cairo_t* cr, const CurvesPlan& plan, const SweepFrame& frame,
                       const Style& style) {
  const Rect& area = frame.area();
  for (const TheoryLine& line : plan.theory) {
    const double x = frame.plotted_to_pixel(frame.x().plotted(line.value), frame.y().low).x;
    set_dash(cr, line.dash, style);
    set_color(cr, path_color(line.table));
    cairo_set_line_width(cr, theory_line_width(style));
    cairo_move_to(cr, x, area.top);
    cairo_line_to(cr, x, area.bottom());
    cairo_stroke(cr);
    reset_dash(cr);
  }
}

void draw_panel_curves(cairo_t* cr, const CurvesPlan& plan, Panel panel, const SweepFrame& frame,
                       const Style& style) {
  const Rect& area = frame.area();
  cairo_save(cr);
  cairo_rectangle(cr, area.left, area.top, area.width, area.height);
  cairo_clip(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (std::size_t k = 0; k < plan.tables.size(); ++k) {
    const Color color = path_color(k);
    std::vector<Vec2> dots;
    bool drawing = false;
    for (const SweepCell& cell : plan.tables[k]) {
      const std::optional<double> value = panel_value(plan, panel, cell);
      if (!value) {
        drawing = false;
        continue;
      }
      const Vec2 p = frame.plotted_to_pixel(frame.x().plotted(cell.first), *value);
      drawing ? cairo_line_to(cr, p.x, p.y) : cairo_move_to(cr, p.x, p.y);
      drawing = true;
      dots.push_back(p);
    }
    set_color(cr, color);
    cairo_set_line_width(cr, style.curve_width());
    cairo_stroke(cr);
    if (plan.axis.values.size() <= kMaxDottedCells) {
      for (Vec2 dot : dots) {
        draw_step_dot(cr, dot, style.base * 0.22, color, 1.0);
      }
    }
  }
  cairo_restore(cr);

  // Marks along the top: x for a diverged cell, o for one that never got
  // below the tolerance.
  const double size = mark_size(plan, style);
  for (std::size_t k = 0; k < plan.tables.size(); ++k) {
    for (const SweepCell& cell : plan.tables[k]) {
      const double x = frame.plotted_to_pixel(frame.x().plotted(cell.first), frame.y().low).x;
      const Vec2 centre{x, mark_row(area, k, style)};
      if (is_diverged(cell)) {
        draw_cross_marker(cr, centre, size * std::sqrt(2.0), path_color(k));
      } else if (panel == Panel::steps && !cell.reached_at) {
        draw_open_circle(cr, centre, size, path_color(k));
      }
    }
  }
}

void draw_panel(cairo_t* cr, const CurvesPlan& plan, Panel panel, const Style& style) {
  const SweepFrame& frame = panel == Panel::loss ? plan.loss_frame : plan.steps_frame;
  const Rect& area = frame.area();
  draw_grid_lines(cr, frame, style);
  draw_theory_lines(cr, plan, frame, style);
  draw_panel_curves(cr, plan, panel, frame, style);

  cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
  draw_text(cr, panel == Panel::loss ? plan.loss_heading : plan.steps_heading,
            {area.left, area.top - style.base * 1.0}, style.heading());
  draw_frame_axes(cr, frame, plan.x_title, panel == Panel::loss ? plan.loss_axis : plan.steps_axis,
                  style);
}

// Adds each SGD-family optimizer's predicted stability limits and, for
// plain gradient descent, its best lr, with legend entries.
void add_theory(CurvesPlan& plan, const SweepResult& result, Language language) {
  bool first = true;
  for (std::size_t k = 0; k < result.tables.size(); ++k) {
    const SweepTable& table = result.tables[k];
    const std::optional<TableTheory> theory = table_theory(result, table);
    if (!theory) {
      continue;
    }
    for (double crossing : rate_crossings(*theory, plan.axis)) {
      plan.theory.push_back({k, crossing, Dash::dashed});
      LegendEntry entry =
          line_entry(path_color(k), Dash::dashed, false,
                     text(language, Text::sweep_key_limit,
                          {table.base.label, plan.axis.key, format_number(crossing)}));
      entry.starts_row = first;
      first = false;
      plan.legend.push_back(std::move(entry));
    }
    const std::optional<double> best = best_gradient_descent_lr(*theory, {plan.axis}, 0);
    const AxisScale scale = cell_scale(plan.axis);
    if (best && scale.plotted(*best) >= scale.low && scale.plotted(*best) <= scale.high) {
      plan.theory.push_back({k, *best, Dash::dotted});
      LegendEntry entry = line_entry(
          path_color(k), Dash::dotted, false,
          text(language, Text::sweep_key_best_lr, {table.base.label, format_number(*best)}));
      entry.starts_row = first;
      first = false;
      plan.legend.push_back(std::move(entry));
    }
  }
}

// Splits the plot region into the loss panel above and the steps panel
// below, each with room for its heading.
void place_panels(CurvesPlan& plan) {
  const Style& style = plan.layout.style;
  const Rect& region = plan.layout.plot_region;
  const double half = region.height / 2.0;
  const AxisScale x = cell_scale(plan.axis);
  const auto area_of = [&](double top) {
    Rect area = inner_plot_area({region.left, top, region.width, half}, style);
    area.top += style.base * 2.0;
    area.height -= style.base * 2.0;
    return area;
  };
  // Headroom above the curves for the rows of marks.
  const double headroom = 0.06 + 0.05 * static_cast<double>(plan.tables.size());
  const double decades = plan.losses.high_decade - plan.losses.low_decade;
  plan.loss_frame =
      SweepFrame(area_of(region.top), x,
                 {plan.losses.low_decade, plan.losses.high_decade + headroom * decades, true});
  const double steps = static_cast<double>(std::max(plan.steps, 1L));
  plan.steps_frame =
      SweepFrame(area_of(region.top + half), x, {0.0, steps * (1.0 + headroom), false});
}

}  // namespace

FigureDrawing sweep_curves_figure(const SweepResult& result, Language language, FigureSize size) {
  if (result.axes.size() != 1) {
    throw std::invalid_argument("sweep figure: curves need a 1-D sweep, not " +
                                std::to_string(result.axes.size()) + " axes");
  }
  auto plan = std::make_shared<CurvesPlan>();
  plan->axis = result.axes[0];
  plan->losses = loss_colors(result);
  plan->steps = result.scenario.run.steps;
  plan->title = text(language, Text::sweep_curves_title, {plan->axis.key});
  plan->subtitle = sweep_subtitle(result, language);
  plan->x_title = axis_title(plan->axis, language);
  const std::string tolerance = format_tolerance(result.tolerance);
  plan->loss_heading =
      text(language, Text::sweep_loss_panel, {std::to_string(result.scenario.run.steps)});
  plan->steps_heading = text(language, Text::sweep_steps_panel, {tolerance});
  plan->loss_axis = std::string(text(language, plan->losses.quantity));
  plan->steps_axis = std::string(text(language, Text::axis_step));

  for (std::size_t k = 0; k < result.tables.size(); ++k) {
    std::vector<SweepCell> cells = result.tables[k].cells;
    std::sort(cells.begin(), cells.end(),
              [](const SweepCell& a, const SweepCell& b) { return a.first < b.first; });
    plan->tables.push_back(std::move(cells));
    plan->legend.push_back(
        line_entry(path_color(k), Dash::solid, false, result.tables[k].base.label));
  }
  plan->legend.push_back(marker_entry(std::string(text(language, Text::sweep_key_diverged)),
                                      [](cairo_t* cr, Vec2 centre, const Style& style) {
                                        draw_cross_marker(cr, centre, style.base * 0.5, kInk);
                                      }));
  if (any_cell(result, is_not_reached)) {
    plan->legend.push_back(marker_entry(not_reached_text(result, language),
                                        [](cairo_t* cr, Vec2 centre, const Style& style) {
                                          draw_open_circle(cr, centre, style.base * 0.35, kInk);
                                        }));
  }
  add_theory(*plan, result, language);

  plan->layout = layout_figure(size, plan->legend);
  place_panels(*plan);

  FigureDrawing drawing;
  drawing.size = size;
  drawing.draw = [plan](cairo_t* cr) {
    const Style& style = plan->layout.style;
    draw_title_band(cr, plan->title, plan->subtitle, plan->layout.size.width, style);
    draw_panel(cr, *plan, Panel::loss, style);
    draw_panel(cr, *plan, Panel::steps, style);
    draw_legend(cr, plan->legend, plan->layout.legend, style);
  };
  return drawing;
}

}  // namespace optiscope::render
