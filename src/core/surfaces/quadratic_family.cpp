#include <charconv>
#include <cmath>
#include <numbers>

#include "optiscope/core/error.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

// "0.5*(a*x^2 + c*y^2) + b*x*y", with coefficients of 1 left out and a
// negative b written as a subtraction.
std::string quadratic_formula(double a, double b, double c) {
  const auto coefficient = [](double value) {
    return value == 1.0 ? std::string() : format_shortest(value) + "*";
  };
  std::string formula = "0.5*(" + coefficient(a) + "x^2 + " + coefficient(c) + "y^2)";
  if (b > 0.0) {
    formula += " + " + coefficient(b) + "x*y";
  } else if (b < 0.0) {
    formula += " - " + coefficient(-b) + "x*y";
  }
  return formula;
}

}  // namespace

std::unique_ptr<Surface> make_quadratic(double a, double b, double c) {
  const double determinant = a * c - b * b;
  if (!(a > 0.0) || !(determinant > 0.0)) {
    throw UsageError("quadratic: a = " + format_shortest(a) + ", b = " + format_shortest(b) +
                     ", c = " + format_shortest(c) +
                     " is not positive definite; it must satisfy a > 0 and a*c > b^2 "
                     "(a*c - b^2 = " +
                     format_shortest(determinant) +
                     "), or use the saddle surface for an indefinite one");
  }
  SurfaceInfo info;
  info.name = "quadratic";
  info.formula = quadratic_formula(a, b, c);
  const auto term = [](double coefficient, const char* variable) {
    return (coefficient == 1.0 ? std::string() : format_shortest(coefficient)) + variable;
  };
  info.gradient_formula =
      "[" + term(a, "x") + " + " + term(b, "y") + ", " + term(c, "y") + " + " + term(b, "x") + "]";
  info.minimizers = {{0.0, 0.0}};
  info.minimum_value = 0.0;
  info.view = {-3.0, 3.0, -3.0, 3.0};
  info.default_start = {2.2, -2.0};
  return std::make_unique<QuadraticSurface>(SymmetricMatrix2{a, b, c}, std::move(info));
}

std::unique_ptr<Surface> make_rotated_quadratic(double kappa, double angle_degrees) {
  if (!(kappa >= 1.0 && kappa <= kMaxConditionNumber)) {
    throw UsageError("quadratic: kappa = " + format_shortest(kappa) +
                     " is invalid; it must satisfy 1 <= kappa <= 1e6, such as kappa=50");
  }
  // H = u u^T + v v^T / kappa for the unit steep axis u and its normal v.
  const double theta = angle_degrees * std::numbers::pi / 180.0;
  const double cos_t = std::cos(theta);
  const double sin_t = std::sin(theta);
  const double a = cos_t * cos_t + sin_t * sin_t / kappa;
  const double b = cos_t * sin_t * (1.0 - 1.0 / kappa);
  const double c = sin_t * sin_t + cos_t * cos_t / kappa;
  return make_quadratic(round_to_significant_digits(a, 10), round_to_significant_digits(b, 10),
                        round_to_significant_digits(c, 10));
}

}  // namespace optiscope
