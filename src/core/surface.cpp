#include "optiscope/core/surface.hpp"

#include <utility>

namespace optiscope {

void Surface::values(std::span<const Vec2> points, std::span<double> values) const {
  for (std::size_t i = 0; i < points.size(); ++i) {
    values[i] = value(points[i]);
  }
}

void Surface::values_and_gradients(std::span<const Vec2> points, std::span<double> values,
                                   std::span<Vec2> gradients) const {
  for (std::size_t i = 0; i < points.size(); ++i) {
    values[i] = value(points[i]);
    gradients[i] = gradient(points[i]);
  }
}

std::string Surface::explain_non_finite(Vec2) const { return {}; }

QuadraticSurface::QuadraticSurface(SymmetricMatrix2 hessian, SurfaceInfo info)
    : hessian_(hessian), info_(std::move(info)) {}

std::unique_ptr<Surface> make_reference_quadratic() {
  SurfaceInfo info;
  info.name = "quadratic";
  info.formula = "0.5*(8*x^2 + y^2) + 0.8*x*y";
  info.gradient_formula = "[8x + 0.8y, y + 0.8x]";
  info.minimizers = {{0.0, 0.0}};
  info.minimum_value = 0.0;
  info.view = {-3.0, 3.0, -3.0, 3.0};
  info.default_start = {2.2, -2.0};
  return std::make_unique<QuadraticSurface>(SymmetricMatrix2{8.0, 0.8, 1.0}, std::move(info));
}

}  // namespace optiscope
