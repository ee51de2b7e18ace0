#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "optiscope/core/vec2.hpp"

namespace optiscope {

/// An axis-aligned rectangle of the (x, y) plane.
struct Box {
  double x_min = 0.0;
  double x_max = 0.0;
  double y_min = 0.0;
  double y_max = 0.0;
};

/// The ground truth a surface carries with it: how to print it, where its
/// minima are, and where to look at it.
struct SurfaceInfo {
  std::string name;
  std::string formula;
  /// The gradient written out for hand checks; empty when not available.
  std::string gradient_formula;
  /// Known global minimizers; empty when the surface has none or they are
  /// unknown (a user formula).
  std::vector<Vec2> minimizers;
  /// The value at the minimizers; meaningful only when `minimizers` is not
  /// empty.
  double minimum_value = 0.0;
  Box view;
  Vec2 default_start;
};

/// A twice-differentiable loss L(x, y). Implementations return exact values:
/// derivatives come from closed forms or automatic differentiation, never
/// from finite differences.
class Surface {
 public:
  virtual ~Surface() = default;

  virtual const SurfaceInfo& info() const = 0;
  virtual double value(Vec2 p) const = 0;
  virtual Vec2 gradient(Vec2 p) const = 0;
  virtual SymmetricMatrix2 hessian(Vec2 p) const = 0;

  /// Evaluates L at every point of `points` into `values`, which must have
  /// the same size. The default calls value() per point; surfaces with a
  /// faster batched path, such as compiled formulas, override it. Contour
  /// grids use it.
  virtual void values(std::span<const Vec2> points, std::span<double> values) const;

  /// Evaluates L and its gradient at every point of `points`.
  virtual void values_and_gradients(std::span<const Vec2> points, std::span<double> values,
                                    std::span<Vec2> gradients) const;

  /// Explains why the value or gradient at `p` is not finite, naming the
  /// part of the surface that left its domain, such as "log(x) at column 1
  /// is not finite here: log needs a positive argument (x = -0.5)". Returns
  /// an empty string when the surface has no explanation.
  virtual std::string explain_non_finite(Vec2 p) const;
};

/// L(x, y) = 1/2 (a x^2 + c y^2) + b x y with Hessian [[a, b], [b, c]].
///
/// The reference surface of optiscope is a = 8, b = 0.8, c = 1: steep along
/// x, flat along y, with eigenvalues 4.5 +- sqrt(12.89) (about 8.09 and
/// 0.91, condition number about 8.9) and its minimum 0 at the origin.
class QuadraticSurface final : public Surface {
 public:
  /// Requires a positive definite Hessian when `minimizers` should be filled
  /// in; an indefinite one gives a saddle with no listed minimizer.
  QuadraticSurface(SymmetricMatrix2 hessian, SurfaceInfo info);

  const SurfaceInfo& info() const override { return info_; }
  // Inline, so that the sweep kernel's calls through the final class need
  // no virtual dispatch.
  double value(Vec2 p) const override { return value_of(p.x, p.y); }
  Vec2 gradient(Vec2 p) const override {
    return {gradient_x_of(p.x, p.y), gradient_y_of(p.x, p.y)};
  }

  /// L, dL/dx and dL/dy for a scalar or for Lanes of points, so that the
  /// batched sweep evaluates four cells at once with the same arithmetic.
  /// The value is written in the order of 1/2 (8x^2 + y^2) + 0.8xy so that
  /// the reference numbers are reproduced to the last bit.
  template <typename T>
  T value_of(const T& x, const T& y) const {
    const T diagonal = hessian_.xx * (x * x) + hessian_.yy * (y * y);
    return 0.5 * diagonal + hessian_.xy * x * y;
  }
  template <typename T>
  T gradient_x_of(const T& x, const T& y) const {
    return hessian_.xx * x + hessian_.xy * y;
  }
  template <typename T>
  T gradient_y_of(const T& x, const T& y) const {
    return hessian_.yy * y + hessian_.xy * x;
  }
  SymmetricMatrix2 hessian(Vec2) const override { return hessian_; }

 private:
  SymmetricMatrix2 hessian_;
  SurfaceInfo info_;
};

/// The reference quadratic L(x, y) = 1/2 (8x^2 + y^2) + 0.8xy, viewed on
/// [-3, 3] x [-3, 3] from the default start (2.2, -2.0).
std::unique_ptr<Surface> make_reference_quadratic();

}  // namespace optiscope
