#include "sweep_parts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/markers.hpp"

namespace optiscope::render::sweep_detail {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

const SweepTable& table_at(const SweepResult& result, std::size_t index) {
  if (index >= result.tables.size()) {
    throw std::invalid_argument("sweep figure: table " + std::to_string(index) +
                                " is out of range; the sweep has " +
                                std::to_string(result.tables.size()));
  }
  return result.tables[index];
}

bool is_diverged(const SweepCell& cell) { return cell.status == RunStatus::diverged; }

bool is_not_reached(const SweepCell& cell) {
  return cell.status != RunStatus::diverged && !cell.reached_at;
}

bool any_cell(const SweepResult& result, bool (*test)(const SweepCell&)) {
  return std::any_of(result.tables.begin(), result.tables.end(), [&](const SweepTable& table) {
    return std::any_of(table.cells.begin(), table.cells.end(), test);
  });
}

Vec2 cell_start(const SweepResult& result, const SweepCell& cell) {
  Vec2 start = result.scenario.start;
  const double values[] = {cell.first, cell.second};
  for (std::size_t k = 0; k < result.axes.size() && k < 2; ++k) {
    if (result.axes[k].key == "x") {
      start.x = values[k];
    } else if (result.axes[k].key == "y") {
      start.y = values[k];
    }
  }
  return start;
}

std::string format_tolerance(double value) {
  std::string text = format_number(value);
  // "1e-06" reads better as "1e-6".
  for (const char* padded : {"e-0", "e+0"}) {
    const std::size_t at = text.find(padded);
    if (at != std::string::npos) {
      text.erase(at + 2, 1);
    }
  }
  return text;
}

double LossColors::fraction(double loss_gap) const {
  const double exponent = loss_gap > 0.0 ? std::log10(loss_gap) : -kInfinity;
  return std::clamp((exponent - low_decade) / (high_decade - low_decade), 0.0, 1.0);
}

LossColors loss_colors(const SweepResult& result) {
  LossColors colors;
  const SurfaceInfo& info = result.scenario.surface->info();
  if (!info.minimizers.empty()) {
    colors.reference = info.minimum_value;
    colors.quantity = info.minimum_value == 0.0 ? Text::loss_axis : Text::loss_axis_above_minimum;
  } else {
    colors.reference = kInfinity;
    for (const SweepTable& table : result.tables) {
      for (const SweepCell& cell : table.cells) {
        if (!is_diverged(cell)) {
          colors.reference = std::min(colors.reference, cell.final_loss);
        }
      }
    }
    if (!std::isfinite(colors.reference)) {
      colors.reference = 0.0;
    }
    colors.quantity = Text::loss_axis_above_lowest;
  }

  double low = kInfinity;
  double high = 0.0;
  double start_high = 0.0;
  for (const SweepTable& table : result.tables) {
    for (const SweepCell& cell : table.cells) {
      const double gap = colors.gap(cell);
      if (!is_diverged(cell) && gap > 0.0 && std::isfinite(gap)) {
        low = std::min(low, gap);
        high = std::max(high, gap);
      }
      const double start_gap =
          result.scenario.surface->value(cell_start(result, cell)) - colors.reference;
      if (std::isfinite(start_gap)) {
        start_high = std::max(start_high, start_gap);
      }
    }
  }
  if (high == 0.0) {
    return colors;
  }
  // Runs that ended far above where they started are about to diverge; they
  // share the darkest colour instead of stretching the scale.
  if (start_high > 0.0) {
    high = std::min(high, 10.0 * start_high);
  }
  low = std::max(low, high * 1e-24);
  colors.low_decade = std::floor(std::log10(low));
  colors.high_decade = std::max(std::ceil(std::log10(high)), colors.low_decade + 1.0);
  return colors;
}

Color scale_color(double fraction) { return surface_color(1.0 - fraction); }

void set_dash(cairo_t* cr, Dash dash, const Style& style) {
  if (dash == Dash::dashed) {
    const double pattern[] = {style.base * 0.7, style.base * 0.45};
    cairo_set_dash(cr, pattern, 2, 0.0);
  } else if (dash == Dash::dotted) {
    const double pattern[] = {0.0, style.base * 0.4};
    cairo_set_dash(cr, pattern, 2, 0.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  } else {
    cairo_set_dash(cr, nullptr, 0, 0.0);
  }
}

void reset_dash(cairo_t* cr) {
  cairo_set_dash(cr, nullptr, 0, 0.0);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

double theory_line_width(const Style& style) { return style.base * 0.18; }

double halo_width(const Style& style) { return style.base * 0.42; }

void draw_best_marker(cairo_t* cr, Vec2 centre, double radius) {
  cairo_new_path(cr);
  cairo_move_to(cr, centre.x, centre.y - radius);
  cairo_line_to(cr, centre.x + radius, centre.y);
  cairo_line_to(cr, centre.x, centre.y + radius);
  cairo_line_to(cr, centre.x - radius, centre.y);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  cairo_set_line_width(cr, radius * 0.3);
  cairo_stroke(cr);
}

void draw_open_circle(cairo_t* cr, Vec2 centre, double radius, Color color) {
  cairo_new_path(cr);
  cairo_arc(cr, centre.x, centre.y, radius, 0.0, 2.0 * M_PI);
  cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
  cairo_fill_preserve(cr);
  set_color(cr, color);
  cairo_set_line_width(cr, radius * 0.45);
  cairo_stroke(cr);
}

LegendEntry swatch_entry(Color color, std::string label) {
  LegendEntry entry{Symbol::custom, color, std::move(label), false};
  entry.draw_custom = [color](cairo_t* cr, const Rect& sample, const Style& style) {
    const double side = style.base * 1.0;
    cairo_rectangle(cr, sample.left + (sample.width - side) / 2.0,
                    sample.top + (sample.height - side) / 2.0, side, side);
    set_color(cr, color);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, std::max(1.0, style.base * 0.06));
    cairo_stroke(cr);
  };
  return entry;
}

LegendEntry line_entry(Color color, Dash dash, bool halo, std::string label) {
  LegendEntry entry{Symbol::custom, color, std::move(label), false};
  entry.draw_custom = [color, dash, halo](cairo_t* cr, const Rect& sample, const Style& style) {
    const double y = sample.top + sample.height / 2.0;
    if (halo) {
      cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
      cairo_set_line_width(cr, halo_width(style));
      cairo_move_to(cr, sample.left, y);
      cairo_line_to(cr, sample.right(), y);
      cairo_stroke(cr);
    }
    set_dash(cr, dash, style);
    set_color(cr, color);
    cairo_set_line_width(cr, theory_line_width(style));
    cairo_move_to(cr, sample.left, y);
    cairo_line_to(cr, sample.right(), y);
    cairo_stroke(cr);
    reset_dash(cr);
  };
  return entry;
}

LegendEntry marker_entry(std::string label,
                         std::function<void(cairo_t*, Vec2 centre, const Style&)> draw) {
  LegendEntry entry{Symbol::custom, kInk, std::move(label), false};
  entry.draw_custom = [draw = std::move(draw)](cairo_t* cr, const Rect& sample,
                                               const Style& style) {
    draw(cr, {sample.left + sample.width / 2.0, sample.top + sample.height / 2.0}, style);
  };
  return entry;
}

std::string sweep_subtitle(const SweepResult& result, Language language) {
  const Scenario& scenario = result.scenario;
  const std::string formula = scenario.surface->info().formula;
  const std::string steps = std::to_string(scenario.run.steps);
  const bool start_swept = std::any_of(result.axes.begin(), result.axes.end(),
                                       [](const SweepAxis& a) { return a.is_start_coordinate(); });
  if (start_swept) {
    return text(language, Text::sweep_subtitle_start_grid, {formula, steps});
  }
  return text(
      language, Text::sweep_subtitle,
      {formula, format_number(scenario.start.x, 6), format_number(scenario.start.y, 6), steps});
}

std::string not_reached_text(const SweepResult& result, Language language) {
  return text(language, Text::sweep_key_not_reached,
              {format_tolerance(result.tolerance), std::to_string(result.scenario.run.steps)});
}

Layout layout_figure(FigureSize size, const std::vector<LegendEntry>& entries) {
  Layout layout{size, style_for(size), {}, {}};
  const Style& style = layout.style;
  const double margin = style.base * 1.5;
  const double width = size.width - 2.0 * margin;
  const MeasuringContext measuring;
  const double legend = legend_height(measuring.get(), entries, width, style);
  const double top = title_band_height(style, true);
  const double bottom = size.height - legend - 2.0 * style.gap();
  layout.plot_region = {margin, top, width, bottom - top};
  layout.legend = {margin, bottom + style.gap(), width, legend};
  return layout;
}

}  // namespace optiscope::render::sweep_detail
