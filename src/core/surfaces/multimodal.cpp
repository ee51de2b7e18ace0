// Polynomial test surfaces with several minima.

#include "optiscope/core/surfaces/closed_form.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"

namespace optiscope {
namespace {

struct Himmelblau {
  double value(Vec2 p) const {
    const double u = p.x * p.x + p.y - 11.0;
    const double v = p.x + p.y * p.y - 7.0;
    return u * u + v * v;
  }
  Vec2 gradient(Vec2 p) const {
    const double u = p.x * p.x + p.y - 11.0;
    const double v = p.x + p.y * p.y - 7.0;
    return {4.0 * p.x * u + 2.0 * v, 2.0 * u + 4.0 * p.y * v};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    return {12.0 * p.x * p.x + 4.0 * p.y - 42.0, 4.0 * (p.x + p.y),
            12.0 * p.y * p.y + 4.0 * p.x - 26.0};
  }
};

struct ThreeHumpCamel {
  double value(Vec2 p) const {
    const double x2 = p.x * p.x;
    return 2.0 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6.0 + p.x * p.y + p.y * p.y;
  }
  Vec2 gradient(Vec2 p) const {
    const double x2 = p.x * p.x;
    return {4.0 * p.x - 4.2 * x2 * p.x + x2 * x2 * p.x + p.y, p.x + 2.0 * p.y};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    const double x2 = p.x * p.x;
    return {4.0 - 12.6 * x2 + 5.0 * x2 * x2, 1.0, 2.0};
  }
};

struct SixHumpCamel {
  double value(Vec2 p) const {
    const double x2 = p.x * p.x;
    const double y2 = p.y * p.y;
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + p.x * p.y + (-4.0 + 4.0 * y2) * y2;
  }
  Vec2 gradient(Vec2 p) const {
    const double x2 = p.x * p.x;
    const double y2 = p.y * p.y;
    return {8.0 * p.x - 8.4 * x2 * p.x + 2.0 * x2 * x2 * p.x + p.y,
            p.x - 8.0 * p.y + 16.0 * y2 * p.y};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    const double x2 = p.x * p.x;
    return {8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0, -8.0 + 48.0 * p.y * p.y};
  }
};

struct StyblinskiTang {
  double value(Vec2 p) const {
    const auto term = [](double t) { return t * t * t * t - 16.0 * t * t + 5.0 * t; };
    return 0.5 * (term(p.x) + term(p.y));
  }
  Vec2 gradient(Vec2 p) const {
    const auto slope = [](double t) { return 2.0 * t * t * t - 16.0 * t + 2.5; };
    return {slope(p.x), slope(p.y)};
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    return {6.0 * p.x * p.x - 16.0, 0.0, 6.0 * p.y * p.y - 16.0};
  }
};

// A scalar with its gradient and Hessian, for the products of polynomials
// in Goldstein-Price.
struct ValueWithDerivatives {
  double value = 0.0;
  Vec2 gradient;
  SymmetricMatrix2 hessian;
};

ValueWithDerivatives product(const ValueWithDerivatives& f, const ValueWithDerivatives& g) {
  return {f.value * g.value, g.value * f.gradient + f.value * g.gradient,
          g.value * f.hessian + symmetric_outer(f.gradient, g.gradient) + f.value * g.hessian};
}

// Goldstein-Price is A B with A = 1 + P^2 Q and B = 30 + R^2 S, where
//   P = x + y + 1,  Q = 19 - 14x + 3x^2 - 14y + 6xy + 3y^2,
//   R = 2x - 3y,    S = 18 - 32x + 12x^2 + 48y - 36xy + 27y^2.
struct GoldsteinPrice {
  static ValueWithDerivatives factor_a(Vec2 p) {
    const ValueWithDerivatives base{p.x + p.y + 1.0, {1.0, 1.0}, {}};
    const double dq = -14.0 + 6.0 * p.x + 6.0 * p.y;
    const ValueWithDerivatives q{
        19.0 - 14.0 * p.x + 3.0 * p.x * p.x - 14.0 * p.y + 6.0 * p.x * p.y + 3.0 * p.y * p.y,
        {dq, dq},
        {6.0, 6.0, 6.0}};
    ValueWithDerivatives a = product(product(base, base), q);
    a.value += 1.0;
    return a;
  }
  static ValueWithDerivatives factor_b(Vec2 p) {
    const ValueWithDerivatives base{2.0 * p.x - 3.0 * p.y, {2.0, -3.0}, {}};
    const ValueWithDerivatives s{
        18.0 - 32.0 * p.x + 12.0 * p.x * p.x + 48.0 * p.y - 36.0 * p.x * p.y + 27.0 * p.y * p.y,
        {-32.0 + 24.0 * p.x - 36.0 * p.y, 48.0 - 36.0 * p.x + 54.0 * p.y},
        {24.0, -36.0, 54.0}};
    ValueWithDerivatives b = product(product(base, base), s);
    b.value += 30.0;
    return b;
  }

  double value(Vec2 p) const { return factor_a(p).value * factor_b(p).value; }
  Vec2 gradient(Vec2 p) const { return product(factor_a(p), factor_b(p)).gradient; }
  SymmetricMatrix2 hessian(Vec2 p) const { return product(factor_a(p), factor_b(p)).hessian; }
};

}  // namespace

std::unique_ptr<Surface> make_himmelblau() {
  SurfaceInfo info;
  info.name = "himmelblau";
  info.formula = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
  info.gradient_formula = "[4x(x^2 + y - 11) + 2(x + y^2 - 7), 2(x^2 + y - 11) + 4y(x + y^2 - 7)]";
  info.minimizers = {
      {3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848127}};
  info.view = {-5.0, 5.0, -5.0, 5.0};
  info.default_start = {-0.2, -0.6};
  // (3, 2) is exact; refining keeps it and polishes the other three.
  const std::vector<Vec2> published = info.minimizers;
  return make_closed_form(Himmelblau{}, std::move(info), published);
}

std::unique_ptr<Surface> make_three_hump_camel() {
  SurfaceInfo info;
  info.name = "three-hump-camel";
  info.formula = "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2";
  info.gradient_formula = "[4x - 4.2x^3 + x^5 + y, x + 2y]";
  info.minimizers = {{0.0, 0.0}};
  info.minimum_value = 0.0;
  info.view = {-2.0, 2.0, -2.0, 2.0};
  info.default_start = {-1.2, 1.6};
  return make_closed_form(ThreeHumpCamel{}, std::move(info));
}

std::unique_ptr<Surface> make_six_hump_camel() {
  SurfaceInfo info;
  info.name = "six-hump-camel";
  info.formula = "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2";
  info.gradient_formula = "[8x - 8.4x^3 + 2x^5 + y, x - 8y + 16y^3]";
  info.view = {-2.0, 2.0, -1.2, 1.2};
  info.default_start = {-1.5, -0.8};
  return make_closed_form(SixHumpCamel{}, std::move(info), {{0.0898, -0.7126}, {-0.0898, 0.7126}});
}

std::unique_ptr<Surface> make_styblinski_tang() {
  SurfaceInfo info;
  info.name = "styblinski-tang";
  info.formula = "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)";
  info.gradient_formula = "[2x^3 - 16x + 2.5, 2y^3 - 16y + 2.5]";
  info.view = {-5.0, 5.0, -5.0, 5.0};
  info.default_start = {0.3, 4.0};
  return make_closed_form(StyblinskiTang{}, std::move(info), {{-2.903534, -2.903534}});
}

std::unique_ptr<Surface> make_goldstein_price() {
  SurfaceInfo info;
  info.name = "goldstein-price";
  info.formula =
      "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
      "*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))";
  info.gradient_formula = "B grad A + A grad B for the two factors A and B";
  info.minimizers = {{0.0, -1.0}};
  info.minimum_value = 3.0;
  info.view = {-2.0, 2.0, -2.0, 2.0};
  info.default_start = {-0.6, 0.4};
  return make_closed_form(GoldsteinPrice{}, std::move(info));
}

}  // namespace optiscope
