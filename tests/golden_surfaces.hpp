#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "optiscope/core/surface.hpp"

namespace optiscope::testing {

/// The surfaces of scripts/make_goldens.py, with gradients written in the
/// same operation order as the script, so that the goldens test the update
/// rules and not the rounding of a different gradient formula.
class GoldenSurface final : public Surface {
 public:
  enum class Kind { rosenbrock, himmelblau };

  explicit GoldenSurface(Kind kind) : kind_(kind) {
    info_.name = kind == Kind::rosenbrock ? "rosenbrock" : "himmelblau";
  }

  const SurfaceInfo& info() const override { return info_; }

  double value(Vec2 p) const override {
    if (kind_ == Kind::rosenbrock) {
      const double inner = p.y - p.x * p.x;
      return (1.0 - p.x) * (1.0 - p.x) + 100.0 * inner * inner;
    }
    const double first = p.x * p.x + p.y - 11.0;
    const double second = p.x + p.y * p.y - 7.0;
    return first * first + second * second;
  }

  Vec2 gradient(Vec2 p) const override {
    if (kind_ == Kind::rosenbrock) {
      const double inner = p.y - p.x * p.x;
      return {-2.0 * (1.0 - p.x) - 400.0 * p.x * inner, 200.0 * inner};
    }
    const double first = p.x * p.x + p.y - 11.0;
    const double second = p.x + p.y * p.y - 7.0;
    return {4.0 * p.x * first + 2.0 * second, 2.0 * first + 4.0 * p.y * second};
  }

  SymmetricMatrix2 hessian(Vec2) const override {
    throw std::logic_error("golden surfaces provide no Hessian");
  }

 private:
  Kind kind_;
  SurfaceInfo info_;
};

/// A golden surface and the start point of its cases.
struct GoldenSetup {
  std::unique_ptr<Surface> surface;
  Vec2 start;
};

/// Returns the golden surface named `name` and its start point.
inline GoldenSetup golden_surface(const std::string& name) {
  if (name == "quadratic") {
    return {make_reference_quadratic(), Vec2{2.2, -2.0}};
  }
  if (name == "rosenbrock") {
    return {std::make_unique<GoldenSurface>(GoldenSurface::Kind::rosenbrock), Vec2{-1.2, 1.0}};
  }
  if (name == "himmelblau") {
    return {std::make_unique<GoldenSurface>(GoldenSurface::Kind::himmelblau), Vec2{1.0, 1.0}};
  }
  throw std::invalid_argument("no golden surface named " + name);
}

}  // namespace optiscope::testing
