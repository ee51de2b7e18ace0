#include "optiscope/core/derivative_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "optiscope/core/splitmix64.hpp"

namespace optiscope {
namespace {

// cbrt of the machine epsilon, the step that balances the truncation error
// of a central difference against rounding.
const double kStepFactor = std::cbrt(std::numeric_limits<double>::epsilon());

double step_for(double coordinate) { return kStepFactor * std::max(1.0, std::abs(coordinate)); }

// The differences and exact values at one point.
struct Sample {
  double value = 0.0;
  Vec2 gradient;
  SymmetricMatrix2 hessian;
  Vec2 difference_gradient;
  // Columns of the difference Hessian: d grad / dx and d grad / dy.
  Vec2 difference_x;
  Vec2 difference_y;
};

bool all_finite(const Sample& s) {
  return std::isfinite(s.value) && is_finite(s.gradient) && std::isfinite(s.hessian.xx) &&
         std::isfinite(s.hessian.xy) && std::isfinite(s.hessian.yy) &&
         is_finite(s.difference_gradient) && is_finite(s.difference_x) && is_finite(s.difference_y);
}

Sample sample(const Surface& surface, Vec2 p) {
  const double hx = step_for(p.x);
  const double hy = step_for(p.y);
  const Vec2 px_plus{p.x + hx, p.y};
  const Vec2 px_minus{p.x - hx, p.y};
  const Vec2 py_plus{p.x, p.y + hy};
  const Vec2 py_minus{p.x, p.y - hy};

  Sample s;
  s.value = surface.value(p);
  s.gradient = surface.gradient(p);
  s.hessian = surface.hessian(p);
  // Divide by the step actually taken, which rounding may have changed.
  s.difference_gradient = {
      (surface.value(px_plus) - surface.value(px_minus)) / (px_plus.x - px_minus.x),
      (surface.value(py_plus) - surface.value(py_minus)) / (py_plus.y - py_minus.y)};
  s.difference_x =
      (1.0 / (px_plus.x - px_minus.x)) * (surface.gradient(px_plus) - surface.gradient(px_minus));
  s.difference_y =
      (1.0 / (py_plus.y - py_minus.y)) * (surface.gradient(py_plus) - surface.gradient(py_minus));
  return s;
}

void record(DerivativeError& error, double exact, double difference, double scale, Vec2 p) {
  const double absolute = std::abs(exact - difference);
  const double relative = absolute / (std::abs(exact) + scale);
  error.absolute = std::max(error.absolute, absolute);
  if (relative > error.relative) {
    error.relative = relative;
    error.worst_point = p;
  }
}

}  // namespace

std::vector<Vec2> derivative_check_points(const DerivativeCheckSettings& settings) {
  std::uint64_t state = settings.seed;
  std::vector<Vec2> points;
  const Box& box = settings.box;
  for (int i = 0; i < settings.points; ++i) {
    const double u = splitmix64_uniform(state);
    const double v = splitmix64_uniform(state);
    points.push_back(
        {box.x_min + u * (box.x_max - box.x_min), box.y_min + v * (box.y_max - box.y_min)});
  }
  return points;
}

DerivativeCheckReport check_derivatives(const Surface& surface,
                                        const DerivativeCheckSettings& settings) {
  DerivativeCheckReport report;
  for (Vec2 p : derivative_check_points(settings)) {
    const Sample s = sample(surface, p);
    if (!all_finite(s)) {
      ++report.points_skipped;
      continue;
    }
    ++report.points_checked;

    const double value_scale = std::max(1.0, std::abs(s.value));
    record(report.gradient, s.gradient.x, s.difference_gradient.x, value_scale, p);
    record(report.gradient, s.gradient.y, s.difference_gradient.y, value_scale, p);

    const double slope_scale =
        std::max({value_scale, std::abs(s.gradient.x), std::abs(s.gradient.y)});
    record(report.hessian, s.hessian.xx, s.difference_x.x, slope_scale, p);
    record(report.hessian, s.hessian.xy, s.difference_x.y, slope_scale, p);
    record(report.hessian, s.hessian.xy, s.difference_y.x, slope_scale, p);
    record(report.hessian, s.hessian.yy, s.difference_y.y, slope_scale, p);
  }
  report.passed = report.points_checked > 0 && report.gradient.relative <= kGradientTolerance &&
                  report.hessian.relative <= kHessianTolerance;
  return report;
}

GradientComparison compare_gradient(const Surface& surface, const FormulaProgram& gx,
                                    const FormulaProgram& gy,
                                    const DerivativeCheckSettings& settings) {
  GradientComparison comparison;
  for (Vec2 p : derivative_check_points(settings)) {
    const double value = surface.value(p);
    const Vec2 exact = surface.gradient(p);
    if (!std::isfinite(value) || !is_finite(exact)) {
      ++comparison.points_skipped;
      continue;
    }
    ++comparison.points_checked;

    const Vec2 yours{gx.value(p), gy.value(p)};
    const double scale = std::max({1.0, std::abs(value), std::abs(exact.x), std::abs(exact.y),
                                   std::abs(yours.x), std::abs(yours.y)});
    const double difference = std::max(std::abs(yours.x - exact.x), std::abs(yours.y - exact.y));
    // A non-finite hand gradient makes `difference` NaN, which must count
    // as a disagreement.
    const bool agrees = difference <= kFormulaTolerance * scale;
    if (std::isfinite(difference)) {
      comparison.largest_difference = std::max(comparison.largest_difference, difference);
    }
    if (!agrees && !comparison.first_disagreement) {
      comparison.first_disagreement = p;
      comparison.yours = yours;
      comparison.exact = exact;
    }
  }
  return comparison;
}

}  // namespace optiscope
