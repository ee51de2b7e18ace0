#include "sweep_theory.hpp"

#include <cmath>
#include <limits>

#include "optiscope/render/contour.hpp"

namespace optiscope::render::sweep_detail {
namespace {

// Samples per axis when tracing the boundary: about 4 pixels apart on a
// 1200-pixel figure, and linear interpolation between them follows the
// smooth stretches of the boundary to well under a pixel (an estimate).
constexpr int kBoundarySamples = 241;

// Samples along a 1-D axis before bisection refines each crossing.
constexpr int kCrossingSamples = 2001;

bool is_constant_schedule(const OptimizerChoice& choice) {
  return !choice.schedule || choice.schedule->name() == "constant";
}

const SweepAxis* find_axis(const std::vector<SweepAxis>& axes, std::string_view key) {
  for (const SweepAxis& axis : axes) {
    if (axis.key == key) {
      return &axis;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<TableTheory> table_theory(const SweepResult& result, const SweepTable& table) {
  if (result.scenario.run.noise.sigma > 0.0 || !is_constant_schedule(table.base)) {
    return std::nullopt;
  }
  const std::optional<SymmetricMatrix2> hessian = constant_hessian(*result.scenario.surface);
  const std::optional<SgdIteration> iteration = sgd_iteration(*table.base.optimizer);
  if (!hessian || !iteration) {
    return std::nullopt;
  }
  return TableTheory{analyze_hessian(*hessian), *iteration};
}

double predicted_rate(const TableTheory& theory, const std::vector<SweepAxis>& axes, double first,
                      double second) {
  SgdIteration iteration = theory.base;
  const double values[] = {first, second};
  for (std::size_t k = 0; k < axes.size() && k < 2; ++k) {
    if (const auto changed = with_hyperparameter(iteration, axes[k].key, values[k])) {
      iteration = *changed;
    }
  }
  // The ranges torch.optim.SGD accepts, with optiscope's momentum < 1.
  const bool valid = iteration.lr >= 0.0 && iteration.momentum >= 0.0 && iteration.momentum < 1.0 &&
                     iteration.dampening >= 0.0 && iteration.dampening <= 1.0 &&
                     iteration.weight_decay >= 0.0;
  return valid ? contraction_rate(iteration, theory.model)
               : std::numeric_limits<double>::quiet_NaN();
}

std::vector<std::pair<Vec2, Vec2>> boundary_segments(const TableTheory& theory,
                                                     const std::vector<SweepAxis>& axes,
                                                     const SweepFrame& frame) {
  Grid grid{{frame.x().low, frame.x().high, frame.y().low, frame.y().high},
            kBoundarySamples,
            kBoundarySamples,
            {}};
  grid.values.resize(static_cast<std::size_t>(kBoundarySamples) * kBoundarySamples);
  for (int j = 0; j < kBoundarySamples; ++j) {
    for (int i = 0; i < kBoundarySamples; ++i) {
      const Vec2 node = grid.node(i, j);
      grid.values[static_cast<std::size_t>(j) * kBoundarySamples + i] =
          predicted_rate(theory, axes, frame.x().value_at(node.x), frame.y().value_at(node.y));
    }
  }
  std::vector<std::pair<Vec2, Vec2>> segments;
  for (const Segment& segment : trace_isoline(grid, 1.0)) {
    segments.emplace_back(frame.plotted_to_pixel(segment.a.x, segment.a.y),
                          frame.plotted_to_pixel(segment.b.x, segment.b.y));
  }
  return segments;
}

std::vector<double> rate_crossings(const TableTheory& theory, const SweepAxis& axis) {
  const AxisScale scale = cell_scale(axis);
  const std::vector<SweepAxis> axes{axis};
  // Invalid settings (NaN) count as stable, so they add no crossing.
  const auto unstable = [&](double coordinate) {
    return predicted_rate(theory, axes, scale.value_at(coordinate), 0.0) >= 1.0;
  };
  std::vector<double> crossings;
  double previous = scale.low;
  for (int k = 1; k < kCrossingSamples; ++k) {
    const double next = scale.low + (scale.high - scale.low) * k / (kCrossingSamples - 1);
    if (unstable(previous) != unstable(next)) {
      double a = previous;
      double b = next;
      for (int step = 0; step < 60; ++step) {
        const double middle = 0.5 * (a + b);
        (unstable(middle) == unstable(a) ? a : b) = middle;
      }
      crossings.push_back(scale.value_at(0.5 * (a + b)));
    }
    previous = next;
  }
  return crossings;
}

std::optional<Vec2> best_pair(const TableTheory& theory, const std::vector<SweepAxis>& axes) {
  const SgdIteration& base = theory.base;
  if (axes.size() != 2 || base.nesterov || base.dampening != 0.0 || base.weight_decay != 0.0 ||
      base.maximize || !find_axis(axes, "lr") || !find_axis(axes, "momentum")) {
    return std::nullopt;
  }
  const HeavyBallLimits limits = heavy_ball_limits(theory.model);
  if (!limits.best_lr) {
    return std::nullopt;
  }
  return axes[0].key == "lr" ? Vec2{*limits.best_lr, *limits.best_momentum}
                             : Vec2{*limits.best_momentum, *limits.best_lr};
}

std::optional<double> best_gradient_descent_lr(const TableTheory& theory,
                                               const std::vector<SweepAxis>& axes,
                                               std::size_t axis_index) {
  const SgdIteration& base = theory.base;
  if (axes[axis_index].key != "lr" || find_axis(axes, "momentum") || base.momentum != 0.0 ||
      base.weight_decay != 0.0 || base.maximize || find_axis(axes, "weight_decay")) {
    return std::nullopt;
  }
  return gradient_descent_limits(theory.model).best_lr;
}

}  // namespace optiscope::render::sweep_detail
