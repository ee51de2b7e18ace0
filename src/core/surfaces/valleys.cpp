// Test surfaces with one minimum at the bottom of a valley or bowl.

#include <algorithm>

#include "optiscope/core/error.hpp"
#include "optiscope/core/surfaces/closed_form.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

struct Rosenbrock {
  double a = 1.0;
  double b = 100.0;

  double value(Vec2 p) const {
    const double u = a - p.x;
    const double v = p.y - p.x * p.x;
    return u * u + b * (v * v);
  }
  Vec2 gradient(Vec2 p) const {
    const double v = p.y - p.x * p.x;
    return {-2.0 * (a - p.x) - 4.0 * b * p.x * v, 2.0 * b * v};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    return {2.0 - 4.0 * b * p.y + 12.0 * b * p.x * p.x, -4.0 * b * p.x, 2.0 * b};
  }
};

// The three terms f_k = c_k - x + x y^k of Beale's function, k = 1, 2, 3.
struct Beale {
  static constexpr double kConstants[3] = {1.5, 2.25, 2.625};

  double value(Vec2 p) const {
    double sum = 0.0;
    double y_power = 1.0;
    for (double c : kConstants) {
      y_power *= p.y;
      const double f = c - p.x + p.x * y_power;
      sum += f * f;
    }
    return sum;
  }
  // grad f_k = (y^k - 1, k x y^(k-1)); L = sum f_k^2.
  Vec2 gradient(Vec2 p) const {
    Vec2 g;
    double y_previous = 1.0;
    for (int k = 1; k <= 3; ++k) {
      const double y_power = y_previous * p.y;
      const double f = kConstants[k - 1] - p.x + p.x * y_power;
      g = g + 2.0 * f * Vec2{y_power - 1.0, k * p.x * y_previous};
      y_previous = y_power;
    }
    return g;
  }
  // H = sum 2 (grad f_k grad f_k^T + f_k H f_k) with
  // H f_k = [[0, k y^(k-1)], [k y^(k-1), k (k-1) x y^(k-2)]].
  SymmetricMatrix2 hessian(Vec2 p) const {
    SymmetricMatrix2 h;
    double y_before = 0.0;  // y^(k-2), with y^-1 never used
    double y_previous = 1.0;
    for (int k = 1; k <= 3; ++k) {
      const double y_power = y_previous * p.y;
      const double f = kConstants[k - 1] - p.x + p.x * y_power;
      const Vec2 df{y_power - 1.0, k * p.x * y_previous};
      const SymmetricMatrix2 second{0.0, k * y_previous, k * (k - 1) * p.x * y_before};
      h = h + symmetric_outer(df, df) + 2.0 * f * second;
      y_before = y_previous;
      y_previous = y_power;
    }
    return h;
  }
};

struct Booth {
  double value(Vec2 p) const {
    const double u = p.x + 2.0 * p.y - 7.0;
    const double v = 2.0 * p.x + p.y - 5.0;
    return u * u + v * v;
  }
  Vec2 gradient(Vec2 p) const {
    const double u = p.x + 2.0 * p.y - 7.0;
    const double v = 2.0 * p.x + p.y - 5.0;
    return {2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v};
  }
  SymmetricMatrix2 hessian(Vec2) const { return {10.0, 8.0, 10.0}; }
};

struct Matyas {
  double value(Vec2 p) const { return 0.26 * (p.x * p.x + p.y * p.y) - 0.48 * p.x * p.y; }
  Vec2 gradient(Vec2 p) const { return {0.52 * p.x - 0.48 * p.y, 0.52 * p.y - 0.48 * p.x}; }
  SymmetricMatrix2 hessian(Vec2) const { return {0.52, -0.48, 0.52}; }
};

}  // namespace

std::unique_ptr<Surface> make_rosenbrock(double a, double b) {
  if (!(b > 0.0)) {
    throw UsageError("rosenbrock: b = " + format_shortest(b) +
                     " is invalid; it must satisfy b > 0, such as the classic b=100");
  }
  const std::string sa = format_shortest(a);
  const std::string sb = format_shortest(b);
  SurfaceInfo info;
  info.name = "rosenbrock";
  info.formula = "(" + sa + " - x)^2 + " + sb + "*(y - x^2)^2";
  info.gradient_formula = "[-2(" + sa + " - x) - " + format_shortest(4.0 * b) + "x(y - x^2), " +
                          format_shortest(2.0 * b) + "(y - x^2)]";
  info.minimizers = {{a, a * a}};
  info.minimum_value = 0.0;
  // The classic view for a = 1, widened to keep the minimizer inside.
  info.view = {std::min(-2.0, a - 1.0), std::max(2.0, a + 1.0), std::min(-1.0, a * a - 1.0),
               std::max(3.0, a * a + 1.0)};
  info.default_start = {-1.2, 1.0};
  return make_closed_form(Rosenbrock{a, b}, std::move(info));
}

std::unique_ptr<Surface> make_beale() {
  SurfaceInfo info;
  info.name = "beale";
  info.formula = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2";
  info.gradient_formula = "sum over k = 1, 2, 3 of 2 f_k [y^k - 1, k x y^(k-1)]";
  info.minimizers = {{3.0, 0.5}};
  info.minimum_value = 0.0;
  info.view = {-4.5, 4.5, -4.5, 4.5};
  info.default_start = {1.0, 1.5};
  return make_closed_form(Beale{}, std::move(info));
}

std::unique_ptr<Surface> make_booth() {
  SurfaceInfo info;
  info.name = "booth";
  info.formula = "(x + 2*y - 7)^2 + (2*x + y - 5)^2";
  info.gradient_formula = "[10x + 8y - 34, 8x + 10y - 38]";
  info.minimizers = {{1.0, 3.0}};
  info.minimum_value = 0.0;
  info.view = {-10.0, 10.0, -10.0, 10.0};
  info.default_start = {-6.0, 8.0};
  return make_closed_form(Booth{}, std::move(info));
}

std::unique_ptr<Surface> make_matyas() {
  SurfaceInfo info;
  info.name = "matyas";
  info.formula = "0.26*(x^2 + y^2) - 0.48*x*y";
  info.gradient_formula = "[0.52x - 0.48y, 0.52y - 0.48x]";
  info.minimizers = {{0.0, 0.0}};
  info.minimum_value = 0.0;
  info.view = {-10.0, 10.0, -10.0, 10.0};
  info.default_start = {7.0, 4.0};
  return make_closed_form(Matyas{}, std::move(info));
}

}  // namespace optiscope
