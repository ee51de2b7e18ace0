// Surfaces with a stationary point that is not a minimum, and no minimum.

#include "optiscope/core/surfaces/closed_form.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"

namespace optiscope {
namespace {

struct Saddle {
  double value(Vec2 p) const { return p.x * p.x - p.y * p.y; }
  Vec2 gradient(Vec2 p) const { return {2.0 * p.x, -2.0 * p.y}; }
  SymmetricMatrix2 hessian(Vec2) const { return {2.0, 0.0, -2.0}; }
};

struct MonkeySaddle {
  double value(Vec2 p) const { return p.x * p.x * p.x - 3.0 * p.x * p.y * p.y; }
  Vec2 gradient(Vec2 p) const { return {3.0 * (p.x * p.x - p.y * p.y), -6.0 * p.x * p.y}; }
  SymmetricMatrix2 hessian(Vec2 p) const { return {6.0 * p.x, -6.0 * p.y, -6.0 * p.x}; }
};

}  // namespace

std::unique_ptr<Surface> make_saddle() {
  SurfaceInfo info;
  info.name = "saddle";
  info.formula = "x^2 - y^2";
  info.gradient_formula = "[2x, -2y]";
  info.view = {-2.0, 2.0, -2.0, 2.0};
  // Just off the ridge y = 0, so that every optimizer first slides to the
  // saddle point and then has to escape along y.
  info.default_start = {1.5, 0.01};
  return make_closed_form(Saddle{}, std::move(info));
}

std::unique_ptr<Surface> make_monkey_saddle() {
  SurfaceInfo info;
  info.name = "monkey-saddle";
  info.formula = "x^3 - 3*x*y^2";
  info.gradient_formula = "[3x^2 - 3y^2, -6xy]";
  info.view = {-2.0, 2.0, -2.0, 2.0};
  info.default_start = {1.2, 0.05};
  return make_closed_form(MonkeySaddle{}, std::move(info));
}

}  // namespace optiscope
