#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "optiscope/core/formula/program.hpp"
#include "optiscope/core/surface.hpp"

namespace optiscope {

/// Where and how a derivative check samples the surface.
struct DerivativeCheckSettings {
  /// Points drawn uniformly from the box with splitmix64.
  int points = 100;
  std::uint64_t seed = 1;
  /// The region to sample, usually the surface's view.
  Box box;
};

/// Returns the seeded sample points of a check.
std::vector<Vec2> derivative_check_points(const DerivativeCheckSettings& settings);

/// The largest error of one derivative over the sample.
struct DerivativeError {
  /// max |exact - finite difference|.
  double absolute = 0.0;
  /// max |exact - finite difference| / scale, where scale is
  /// |exact| + max(1, |L(p)|) for the gradient and
  /// |exact| + max(1, |L(p)|, |grad L(p)|) for the Hessian.
  double relative = 0.0;
  /// The point of the largest relative error.
  Vec2 worst_point;
};

/// The result of comparing exact derivatives with central differences.
struct DerivativeCheckReport {
  int points_checked = 0;
  /// Points where the surface or a neighbour used by the differences is not
  /// finite, such as outside a formula's domain.
  int points_skipped = 0;
  DerivativeError gradient;
  DerivativeError hessian;
  /// True when every relative error is within the tolerances below.
  bool passed = false;
};

/// Central differences with step cbrt(eps) * max(1, |coordinate|) agree
/// with exact first derivatives to about 1e-9 of the scale; the tolerances
/// leave a wide margin for the truncation error of strongly curved
/// surfaces, and a wrong derivative is off by a large fraction of it.
inline constexpr double kGradientTolerance = 1e-6;
inline constexpr double kHessianTolerance = 1e-5;

/// Compares the exact gradient with central differences of the value, and
/// the exact Hessian with central differences of the gradient, at the
/// seeded points.
DerivativeCheckReport check_derivatives(const Surface& surface,
                                        const DerivativeCheckSettings& settings);

/// Hand-derived gradient formulas and the exact gradient differ when
/// |yours - exact| > kFormulaTolerance * max(1, |exact|, |yours|, |L(p)|) in
/// a coordinate; rounding alone stays far below that.
inline constexpr double kFormulaTolerance = 1e-9;

/// The result of comparing a hand-derived gradient with the exact one.
struct GradientComparison {
  int points_checked = 0;
  int points_skipped = 0;
  /// max |yours - exact| over the points checked.
  double largest_difference = 0.0;
  /// The first point where they disagree, with both gradients.
  std::optional<Vec2> first_disagreement;
  Vec2 yours;
  Vec2 exact;
};

/// Compares the gradient formulas (gx, gy) with the surface's exact gradient
/// at the seeded points, skipping points where the exact one is not finite.
GradientComparison compare_gradient(const Surface& surface, const FormulaProgram& gx,
                                    const FormulaProgram& gy,
                                    const DerivativeCheckSettings& settings);

}  // namespace optiscope
