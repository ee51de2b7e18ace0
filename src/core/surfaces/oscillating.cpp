// Test surfaces whose cosine or sine terms cover them in local minima.

#include <cmath>
#include <limits>
#include <numbers>

#include "optiscope/core/surfaces/closed_form.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"

namespace optiscope {
namespace {

using std::numbers::pi;

struct Rastrigin {
  double value(Vec2 p) const {
    return 20.0 + p.x * p.x - 10.0 * std::cos(2.0 * pi * p.x) + p.y * p.y -
           10.0 * std::cos(2.0 * pi * p.y);
  }
  Vec2 gradient(Vec2 p) const {
    return {2.0 * p.x + 20.0 * pi * std::sin(2.0 * pi * p.x),
            2.0 * p.y + 20.0 * pi * std::sin(2.0 * pi * p.y)};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    const double curvature = 40.0 * pi * pi;
    return {2.0 + curvature * std::cos(2.0 * pi * p.x), 0.0,
            2.0 + curvature * std::cos(2.0 * pi * p.y)};
  }
};

// With r = sqrt((x^2 + y^2) / 2), E1 = exp(-0.2 r) and
// E2 = exp((cos 2 pi x + cos 2 pi y) / 2), L = -20 E1 - E2 + e + 20.
struct Ackley {
  double value(Vec2 p) const {
    const double r = std::sqrt(0.5 * (p.x * p.x + p.y * p.y));
    return -20.0 * std::exp(-0.2 * r) - outer(p) + std::numbers::e + 20.0;
  }
  // The funnel term contributes 2 E1 (x, y) / r. At the origin, where the
  // funnel has a kink, the gradient returned is 0, which is a subgradient.
  Vec2 gradient(Vec2 p) const {
    const double r = std::sqrt(0.5 * (p.x * p.x + p.y * p.y));
    const double e2 = outer(p);
    Vec2 g{pi * e2 * std::sin(2.0 * pi * p.x), pi * e2 * std::sin(2.0 * pi * p.y)};
    if (r > 0.0) {
      g = g + (2.0 * std::exp(-0.2 * r) / r) * p;
    }
    return g;
  }
  // The funnel term contributes A I - B p p^T with A = 2 E1 / r and
  // B = 2 E1 (0.1 / r^2 + 0.5 / r^3); the ripples contribute
  // pi^2 E2 [[2 cos 2 pi x - sin^2 2 pi x, -sin 2 pi x sin 2 pi y], ...].
  // NOTE: the curvature of the funnel grows like 1/r, so at the origin the
  // diagonal is +infinity.
  SymmetricMatrix2 hessian(Vec2 p) const {
    const double r = std::sqrt(0.5 * (p.x * p.x + p.y * p.y));
    const double e2 = outer(p);
    const double sx = std::sin(2.0 * pi * p.x);
    const double sy = std::sin(2.0 * pi * p.y);
    const double ripple = pi * pi * e2;
    SymmetricMatrix2 h{ripple * (2.0 * std::cos(2.0 * pi * p.x) - sx * sx), -ripple * sx * sy,
                       ripple * (2.0 * std::cos(2.0 * pi * p.y) - sy * sy)};
    if (r == 0.0) {
      const double infinity = std::numeric_limits<double>::infinity();
      return {infinity, h.xy, infinity};
    }
    const double e1 = std::exp(-0.2 * r);
    const double a = 2.0 * e1 / r;
    const double b = 2.0 * e1 * (0.1 / (r * r) + 0.5 / (r * r * r));
    return h + SymmetricMatrix2{a - b * p.x * p.x, -b * p.x * p.y, a - b * p.y * p.y};
  }

 private:
  static double outer(Vec2 p) {
    return std::exp(0.5 * (std::cos(2.0 * pi * p.x) + std::cos(2.0 * pi * p.y)));
  }
};

struct Levi13 {
  double value(Vec2 p) const {
    const double s1 = std::sin(3.0 * pi * p.x);
    const double s2 = std::sin(3.0 * pi * p.y);
    const double s3 = std::sin(2.0 * pi * p.y);
    const double u = p.x - 1.0;
    const double v = p.y - 1.0;
    return s1 * s1 + u * u * (1.0 + s2 * s2) + v * v * (1.0 + s3 * s3);
  }
  // d/dx sin^2(3 pi x) = 3 pi sin(6 pi x) and d/dy sin^2(2 pi y) = 2 pi sin(4 pi y).
  Vec2 gradient(Vec2 p) const {
    const double s2 = std::sin(3.0 * pi * p.y);
    const double s3 = std::sin(2.0 * pi * p.y);
    const double u = p.x - 1.0;
    const double v = p.y - 1.0;
    return {3.0 * pi * std::sin(6.0 * pi * p.x) + 2.0 * u * (1.0 + s2 * s2),
            3.0 * pi * u * u * std::sin(6.0 * pi * p.y) + 2.0 * v * (1.0 + s3 * s3) +
                2.0 * pi * v * v * std::sin(4.0 * pi * p.y)};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    const double s2 = std::sin(3.0 * pi * p.y);
    const double s3 = std::sin(2.0 * pi * p.y);
    const double u = p.x - 1.0;
    const double v = p.y - 1.0;
    return {18.0 * pi * pi * std::cos(6.0 * pi * p.x) + 2.0 * (1.0 + s2 * s2),
            6.0 * pi * u * std::sin(6.0 * pi * p.y),
            18.0 * pi * pi * u * u * std::cos(6.0 * pi * p.y) + 2.0 * (1.0 + s3 * s3) +
                8.0 * pi * v * std::sin(4.0 * pi * p.y) +
                8.0 * pi * pi * v * v * std::cos(4.0 * pi * p.y)};
  }
};

}  // namespace

std::unique_ptr<Surface> make_rastrigin() {
  SurfaceInfo info;
  info.name = "rastrigin";
  info.formula = "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)";
  info.gradient_formula = "[2x + 20 pi sin(2 pi x), 2y + 20 pi sin(2 pi y)]";
  info.minimizers = {{0.0, 0.0}};
  info.minimum_value = 0.0;
  info.view = {-5.12, 5.12, -5.12, 5.12};
  info.default_start = {3.2, -2.3};
  return make_closed_form(Rastrigin{}, std::move(info));
}

std::unique_ptr<Surface> make_ackley() {
  SurfaceInfo info;
  info.name = "ackley";
  info.formula =
      "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20";
  info.gradient_formula = "2 E1 [x, y]/r + pi E2 [sin 2 pi x, sin 2 pi y]";
  info.minimizers = {{0.0, 0.0}};
  info.minimum_value = 0.0;
  info.view = {-5.0, 5.0, -5.0, 5.0};
  info.default_start = {2.8, -3.6};
  return make_closed_form(Ackley{}, std::move(info));
}

std::unique_ptr<Surface> make_levi13() {
  SurfaceInfo info;
  info.name = "levi13";
  info.formula = "sin(3*pi*x)^2 + (x - 1)^2*(1 + sin(3*pi*y)^2) + (y - 1)^2*(1 + sin(2*pi*y)^2)";
  info.gradient_formula =
      "[3 pi sin(6 pi x) + 2(x - 1)(1 + sin^2(3 pi y)), 3 pi (x - 1)^2 sin(6 pi y) + "
      "2(y - 1)(1 + sin^2(2 pi y)) + 2 pi (y - 1)^2 sin(4 pi y)]";
  info.minimizers = {{1.0, 1.0}};
  info.minimum_value = 0.0;
  info.view = {-2.0, 4.0, -2.0, 4.0};
  info.default_start = {-1.4, 3.1};
  return make_closed_form(Levi13{}, std::move(info));
}

}  // namespace optiscope
