#pragma once

// What docs/theory.md predicts for one table of a sweep, in the sweep's
// axes. Private to the render library.

#include <optional>
#include <vector>

#include "optiscope/core/sweep.hpp"
#include "optiscope/core/theory.hpp"
#include "sweep_frame.hpp"

namespace optiscope::render::sweep_detail {

/// The quadratic and the base iteration of a table, when theory applies:
/// a constant Hessian, no gradient noise, an SGD-family optimizer and a
/// constant lr.
struct TableTheory {
  QuadraticModel model;
  SgdIteration base;
};

std::optional<TableTheory> table_theory(const SweepResult& result, const SweepTable& table);

/// Returns the predicted contraction rate at a cell's axis values. An axis
/// that is not a hyperparameter of the iteration, such as a start
/// coordinate, leaves the rate unchanged. Returns NaN outside the valid
/// ranges (momentum in [0, 1), dampening in [0, 1], lr and weight decay
/// >= 0), so no boundary is traced there.
double predicted_rate(const TableTheory& theory, const std::vector<SweepAxis>& axes, double first,
                      double second);

/// Traces the stability boundary (predicted rate 1) across the frame of a
/// 2-D sweep, as segments in pixels. Empty when the rate is below 1
/// everywhere or above 1 everywhere.
std::vector<std::pair<Vec2, Vec2>> boundary_segments(const TableTheory& theory,
                                                     const std::vector<SweepAxis>& axes,
                                                     const SweepFrame& frame);

/// Returns the values of `axis` where the predicted rate crosses 1, inside
/// the axis's cell range, for a 1-D sweep.
std::vector<double> rate_crossings(const TableTheory& theory, const SweepAxis& axis);

/// Heavy ball's best pair as (first, second) axis values, when the axes
/// are lr and momentum in either order, the table is plain heavy ball (no
/// dampening, Nesterov, weight decay or maximize) and the Hessian is
/// positive definite.
std::optional<Vec2> best_pair(const TableTheory& theory, const std::vector<SweepAxis>& axes);

/// Gradient descent's best lr 2/(λmin + λmax), when axis `axis_index` is lr,
/// no axis is momentum, and the base iteration is plain gradient descent.
std::optional<double> best_gradient_descent_lr(const TableTheory& theory,
                                               const std::vector<SweepAxis>& axes,
                                               std::size_t axis_index);

}  // namespace optiscope::render::sweep_detail
