#include "optiscope/render/line_charts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "optiscope/render/figure_parts.hpp"
#include "optiscope/render/legend.hpp"
#include "optiscope/render/markers.hpp"
#include "optiscope/render/plot_frame.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// The last record index to draw: the whole path or up to `last_step`.
std::size_t end_index(const Trajectory& trajectory, long last_step) {
  return std::min(trajectory.records.size(), static_cast<std::size_t>(std::max(last_step, 0L)) + 1);
}

// Strokes one curve per optimizer through value(record) at each step.
template <typename Value>
void draw_curves(cairo_t* cr, const FigureInput& input, const ChartFrame& frame, const Style& style,
                 long last_step, Value value) {
  const Rect& area = frame.area();
  cairo_save(cr);
  cairo_rectangle(cr, area.left, area.top, area.width, area.height);
  cairo_clip(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width(cr, style.curve_width());
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    const Trajectory& trajectory = (*input.results)[k].trajectory;
    const std::size_t end = end_index(trajectory, last_step);
    for (std::size_t i = 0; i < end; ++i) {
      const StepRecord& record = trajectory.records[i];
      // Clamp far-off values to one area height beyond the plot, because
      // cairo's 24.8 fixed-point coordinates overflow near 8 million pixels.
      Vec2 p = frame.to_pixel(static_cast<double>(record.step), value(record));
      p.y = std::clamp(p.y, area.top - area.height, area.bottom() + area.height);
      i == 0 ? cairo_move_to(cr, p.x, p.y) : cairo_line_to(cr, p.x, p.y);
    }
    set_color(cr, path_color(k));
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

// Marks each diverged path with a dotted vertical line and an x at the top
// edge at the step where it diverged.
void draw_divergence_marks(cairo_t* cr, const FigureInput& input, const ChartFrame& frame,
                           const Style& style, long last_step) {
  const Rect& area = frame.area();
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    const Trajectory& trajectory = (*input.results)[k].trajectory;
    if (trajectory.status != RunStatus::diverged || !trajectory.ended_at_step ||
        *trajectory.ended_at_step > last_step) {
      continue;
    }
    const double x = frame.to_pixel(static_cast<double>(*trajectory.ended_at_step), 1.0).x;
    const double dots[] = {0.0, style.base * 0.35};
    cairo_set_dash(cr, dots, 2, 0.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_width(cr, style.base * 0.12);
    set_color(cr, path_color(k));
    cairo_move_to(cr, x, area.top);
    cairo_line_to(cr, x, area.bottom());
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);

    const double arm = style.base * 0.45;
    const double y = area.top + arm * 1.6;
    cairo_set_line_width(cr, style.base * 0.2);
    cairo_move_to(cr, x - arm, y - arm);
    cairo_line_to(cr, x + arm, y + arm);
    cairo_move_to(cr, x - arm, y + arm);
    cairo_line_to(cr, x + arm, y - arm);
    cairo_stroke(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  }
}

void draw_panel_heading(cairo_t* cr, const std::string& heading, const Rect& area,
                        const Style& style) {
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
  draw_text(cr, heading, {area.left, area.top - style.base * 1.0}, style.heading());
}

// Shrinks a panel's plot area to leave a heading line above it.
Rect area_below_heading(const Rect& panel, const Style& style) {
  Rect area = inner_plot_area(panel, style);
  area.top += style.base * 2.0;
  area.height -= style.base * 2.0;
  return area;
}

// Returns the range of the settled paths' values, widened by the diverged
// paths' values only while they stay within one span of it, so a runaway
// path cannot flatten the others.
template <typename Value>
Range value_range(const FigureInput& input, Value value) {
  Range range{kInfinity, -kInfinity};
  const auto grow = [&](bool diverged, const Range& limit) {
    for (const OptimizerResult& result : *input.results) {
      if ((result.trajectory.status == RunStatus::diverged) != diverged) {
        continue;
      }
      for (const StepRecord& record : result.trajectory.records) {
        const double v = value(record);
        if (std::isfinite(v) && v >= limit.low && v <= limit.high) {
          range.low = std::min(range.low, v);
          range.high = std::max(range.high, v);
        }
      }
    }
  };
  grow(false, {-kInfinity, kInfinity});
  if (!std::isfinite(range.low)) {
    grow(true, {-kInfinity, kInfinity});
    return range;
  }
  const double span = std::max(range.high - range.low, 1e-12);
  grow(true, {range.low - span, range.high + span});
  return range;
}

std::string steps_axis(const FigureInput& input) {
  return std::string(text(input.language, Text::axis_step));
}

}  // namespace

LossScale choose_loss_scale(const FigureInput& input) {
  LossScale scale;
  const SurfaceInfo& info = input.surface->info();
  if (!info.minimizers.empty()) {
    scale.reference = info.minimum_value;
    scale.axis = info.minimum_value == 0.0 ? Text::loss_axis : Text::loss_axis_above_minimum;
  } else {
    scale.reference = kInfinity;
    for (const OptimizerResult& result : *input.results) {
      for (const StepRecord& record : result.trajectory.records) {
        scale.reference = std::min(scale.reference, record.loss);
      }
    }
    scale.axis = Text::loss_axis_above_lowest;
  }

  double low = kInfinity;
  double high = 0.0;
  double runaway = 0.0;
  for (const OptimizerResult& result : *input.results) {
    const bool diverged = result.trajectory.status == RunStatus::diverged;
    for (const StepRecord& record : result.trajectory.records) {
      const double offset = record.loss - scale.reference;
      if (!(offset > 0.0)) {
        continue;
      }
      low = std::min(low, offset);
      double& highest = diverged ? runaway : high;
      highest = std::max(highest, offset);
    }
  }
  if (high == 0.0) {
    high = std::max(runaway, 1.0);
  }
  high = std::min(std::max(high, runaway), high * 1e3);
  if (!std::isfinite(low)) {
    low = high * 1e-6;
  }
  // Whole decades, and at most 16 of them below the highest value, so that
  // an exact zero does not stretch the axis to the smallest double.
  low = std::max(low, high * 1e-16);
  scale.values = {std::pow(10.0, std::floor(std::log10(low))),
                  std::pow(10.0, std::ceil(std::log10(high)))};
  if (scale.values.high <= scale.values.low) {
    scale.values.high = scale.values.low * 10.0;
  }
  return scale;
}

ChartFrame loss_chart_frame(const FigureInput& input, const LossScale& scale, const Rect& panel,
                            const Style& style) {
  return ChartFrame(area_below_heading(panel, style),
                    {0.0, static_cast<double>(std::max(input.steps, 1L))}, scale.values, true);
}

void draw_loss_axes(cairo_t* cr, const FigureInput& input, const LossScale& scale,
                    const ChartFrame& frame, const Style& style, bool heading) {
  if (heading) {
    draw_panel_heading(cr, std::string(text(input.language, Text::loss_title)), frame.area(),
                       style);
  }
  draw_chart_axes(cr, frame, steps_axis(input), std::string(text(input.language, scale.axis)),
                  style);
}

void draw_loss_curves(cairo_t* cr, const FigureInput& input, const LossScale& scale,
                      const ChartFrame& frame, const Style& style, long last_step) {
  draw_curves(cr, input, frame, style, last_step,
              [&](const StepRecord& record) { return record.loss - scale.reference; });
  draw_divergence_marks(cr, input, frame, style, last_step);
}

void draw_loss_panel(cairo_t* cr, const FigureInput& input, const LossScale& scale,
                     const Rect& panel, const Style& style, long last_step, bool heading) {
  const ChartFrame frame = loss_chart_frame(input, scale, panel, style);
  draw_loss_axes(cr, input, scale, frame, style, heading);
  draw_loss_curves(cr, input, scale, frame, style, last_step);
}

double EigenBasis::component(Vec2 p, Eigendirection direction) const {
  return dot(p - origin, direction == Eigendirection::steep ? eigen.v_max : eigen.v_min);
}

EigenBasis choose_eigen_basis(const FigureInput& input) {
  for (Vec2 minimizer : input.surface->info().minimizers) {
    const SymmetricMatrix2 hessian = input.surface->hessian(minimizer);
    if (std::isfinite(hessian.xx) && std::isfinite(hessian.xy) && std::isfinite(hessian.yy)) {
      return {minimizer, eigen_decompose(hessian), true};
    }
  }
  return {input.start, eigen_decompose(input.surface->hessian(input.start)), false};
}

void draw_eigen_panel(cairo_t* cr, const FigureInput& input, const EigenBasis& basis,
                      Eigendirection direction, const Rect& panel, const Style& style,
                      long last_step) {
  const auto value = [&](const StepRecord& record) {
    return basis.component(record.position, direction);
  };
  Range range = value_range(input, value);
  if (!std::isfinite(range.low)) {
    range = {-1.0, 1.0};
  }
  range.low = std::min(range.low, 0.0);
  range.high = std::max(range.high, 0.0);
  const double pad = std::max(0.06 * (range.high - range.low), 1e-12);
  range = {range.low - pad, range.high + pad};

  const Rect area = area_below_heading(panel, style);
  const ChartFrame frame(area, {0.0, static_cast<double>(std::max(input.steps, 1L))}, range, false);
  const bool steep = direction == Eigendirection::steep;
  const double lambda = steep ? basis.eigen.lambda_max : basis.eigen.lambda_min;
  draw_panel_heading(cr,
                     text(input.language, steep ? Text::eigen_steep_panel : Text::eigen_flat_panel,
                          {format_number(lambda)}),
                     area, style);
  draw_chart_axes(
      cr, frame, steps_axis(input),
      std::string(text(input.language,
                       basis.from_minimizer ? Text::eigen_axis : Text::eigen_axis_from_start)),
      style);

  // The zero line: the minimizer's coordinate.
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  cairo_set_line_width(cr, style.base * 0.08);
  const double zero = frame.to_pixel(0.0, 0.0).y;
  cairo_move_to(cr, area.left, zero);
  cairo_line_to(cr, area.right(), zero);
  cairo_stroke(cr);

  draw_curves(cr, input, frame, style, last_step, value);
  draw_divergence_marks(cr, input, frame, style, last_step);
}

std::vector<SvgPathTag> curve_tags(const FigureInput& input, const Style& style,
                                   const std::string& css_class) {
  std::vector<SvgPathTag> tags;
  for (std::size_t k = 0; k < input.results->size(); ++k) {
    tags.push_back(
        {path_color(k), style.curve_width(), css_class, css_class + "-" + std::to_string(k + 1)});
  }
  return tags;
}

namespace {

// Lays out a figure with a title band, panels stacked in the space left,
// and the optimizer legend at the bottom.
template <typename DrawPanels>
FigureDrawing stacked_figure(const FigureInput& input, FigureSize size, std::string title,
                             std::string css_class, DrawPanels draw_panels) {
  const Style style = style_for(size);
  const double margin = style.base * 2.0;
  const std::vector<LegendEntry> entries = optimizer_entries(input);
  const double legend_left = margin + inner_plot_area({}, style).left;
  const double legend_width = size.width - legend_left - margin;
  const MeasuringContext measuring;
  const double legend = legend_height(measuring.get(), entries, legend_width, style);

  FigureDrawing drawing;
  drawing.size = size;
  drawing.svg_tags = curve_tags(input, style, css_class);
  drawing.draw = [=](cairo_t* cr) {
    const double top = title_band_height(style, true);
    draw_title_band(cr, title, scenario_subtitle(input), size.width, style);
    const Rect panels{margin, top, size.width - 2.0 * margin, size.height - top - legend - margin};
    draw_panels(cr, panels, style);
    draw_legend(cr, entries, {legend_left, panels.bottom(), legend_width, legend}, style);
  };
  return drawing;
}

}  // namespace

FigureDrawing loss_curves_figure(const FigureInput& input, FigureSize size) {
  const LossScale scale = choose_loss_scale(input);
  return stacked_figure(input, size, std::string(text(input.language, Text::loss_title)),
                        "loss-curve",
                        [input, scale](cairo_t* cr, const Rect& panels, const Style& style) {
                          draw_loss_panel(cr, input, scale, panels, style, input.steps, false);
                        });
}

FigureDrawing eigencomponents_figure(const FigureInput& input, FigureSize size) {
  const EigenBasis basis = choose_eigen_basis(input);
  return stacked_figure(
      input, size, std::string(text(input.language, Text::eigen_title)), "eigencomponent-curve",
      [input, basis](cairo_t* cr, const Rect& panels, const Style& style) {
        const Rect upper{panels.left, panels.top, panels.width, panels.height / 2.0};
        const Rect lower{panels.left, panels.top + panels.height / 2.0, panels.width,
                         panels.height / 2.0};
        draw_eigen_panel(cr, input, basis, Eigendirection::steep, upper, style, input.steps);
        draw_eigen_panel(cr, input, basis, Eigendirection::flat, lower, style, input.steps);
      });
}

}  // namespace optiscope::render
