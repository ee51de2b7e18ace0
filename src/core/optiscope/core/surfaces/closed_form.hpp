#pragma once

#include <concepts>
#include <memory>
#include <utility>
#include <vector>

#include "optiscope/core/surface.hpp"

namespace optiscope {

/// A test function with hand-written derivatives: `value`, `gradient` and
/// `hessian` as const members taking a point.
template <typename Function>
concept ClosedForm = requires(const Function& function, Vec2 p) {
  { function.value(p) } -> std::same_as<double>;
  { function.gradient(p) } -> std::same_as<Vec2>;
  { function.hessian(p) } -> std::same_as<SymmetricMatrix2>;
};

/// A Surface made of a ClosedForm function and its ground truth. The batched
/// calls loop over the function directly, without a virtual call per point.
template <ClosedForm Function>
class ClosedFormSurface final : public Surface {
 public:
  ClosedFormSurface(Function function, SurfaceInfo info)
      : function_(std::move(function)), info_(std::move(info)) {}

  const SurfaceInfo& info() const override { return info_; }
  double value(Vec2 p) const override { return function_.value(p); }
  Vec2 gradient(Vec2 p) const override { return function_.gradient(p); }
  SymmetricMatrix2 hessian(Vec2 p) const override { return function_.hessian(p); }

  void values(std::span<const Vec2> points, std::span<double> values) const override {
    for (std::size_t i = 0; i < points.size(); ++i) {
      values[i] = function_.value(points[i]);
    }
  }
  void values_and_gradients(std::span<const Vec2> points, std::span<double> values,
                            std::span<Vec2> gradients) const override {
    for (std::size_t i = 0; i < points.size(); ++i) {
      values[i] = function_.value(points[i]);
      gradients[i] = function_.gradient(points[i]);
    }
  }

 private:
  Function function_;
  SurfaceInfo info_;
};

/// Refines an approximate stationary point, such as a minimizer published
/// to six digits, with Newton's method on the exact gradient and Hessian,
/// so that the listed ground truth holds to machine precision. Stops when a
/// step no longer changes the point, or after 50 steps.
Vec2 refine_stationary_point(const Surface& surface, Vec2 guess);

/// Makes a ClosedFormSurface. When `approximate_minimizers` is not empty it
/// replaces info.minimizers with those points refined by
/// refine_stationary_point, and info.minimum_value with the value at the
/// first of them.
template <ClosedForm Function>
std::unique_ptr<Surface> make_closed_form(Function function, SurfaceInfo info,
                                          const std::vector<Vec2>& approximate_minimizers = {}) {
  if (!approximate_minimizers.empty()) {
    const ClosedFormSurface<Function> unrefined(function, info);
    info.minimizers.clear();
    for (Vec2 guess : approximate_minimizers) {
      info.minimizers.push_back(refine_stationary_point(unrefined, guess));
    }
    info.minimum_value = unrefined.value(info.minimizers.front());
  }
  return std::make_unique<ClosedFormSurface<Function>>(std::move(function), std::move(info));
}

/// The outer product u v^T + v u^T, the symmetric part that products of
/// functions contribute to a Hessian.
constexpr SymmetricMatrix2 symmetric_outer(Vec2 u, Vec2 v) {
  return {2.0 * u.x * v.x, u.x * v.y + u.y * v.x, 2.0 * u.y * v.y};
}

constexpr SymmetricMatrix2 operator+(SymmetricMatrix2 a, SymmetricMatrix2 b) {
  return {a.xx + b.xx, a.xy + b.xy, a.yy + b.yy};
}

constexpr SymmetricMatrix2 operator*(double s, SymmetricMatrix2 m) {
  return {s * m.xx, s * m.xy, s * m.yy};
}

}  // namespace optiscope
