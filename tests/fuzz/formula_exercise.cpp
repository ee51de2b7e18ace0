#include "formula_exercise.hpp"

#include <cmath>
#include <vector>

#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/formula/formula_surface.hpp"

namespace optiscope::fuzz {
namespace {

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
bool same(Vec2 a, Vec2 b) { return same(a.x, b.x) && same(a.y, b.y); }

std::string describe(const char* rule, Vec2 p) {
  return std::string(rule) + " at (" + std::to_string(p.x) + ", " + std::to_string(p.y) + ")";
}

// Points on and off the usual view, including the origin and values where
// logarithms and square roots leave their domain. 70 points make one full
// block of 64 and a partial one.
std::vector<Vec2> sample_points() {
  std::vector<Vec2> points = {{0.0, 0.0}, {0.5, -1.25}, {3.0, 2.0}, {-2.5, 0.75}, {1e-3, 1e3}};
  for (int i = 0; points.size() < 70; ++i) {
    points.push_back({-3.0 + 0.09 * i, 2.5 - 0.07 * i});
  }
  return points;
}

std::string check_error(std::string_view text, const FormulaError& error) {
  const std::string message = error.what();
  if (message.rfind(error.reason(), 0) != 0) {
    return "the message does not start with the reason";
  }
  if (error.column() < 1 || error.column() > column_of(text, text.size())) {
    return "the column " + std::to_string(error.column()) + " is outside the text";
  }
  return {};
}

std::string check_surface(const FormulaSurface& surface) {
  const std::vector<Vec2> points = sample_points();
  std::vector<double> values(points.size());
  std::vector<double> values_again(points.size());
  std::vector<Vec2> gradients(points.size());
  surface.values(points, values);
  surface.values_and_gradients(points, values_again, gradients);

  for (std::size_t i = 0; i < points.size(); ++i) {
    const Vec2 p = points[i];
    const double value = surface.value(p);
    const Vec2 gradient = surface.gradient(p);
    const FormulaDerivatives derivatives = surface.program().derivatives(p);
    if (!same(value, values[i]) || !same(value, values_again[i])) {
      return describe("batched and single values differ", p);
    }
    if (!same(gradient, gradients[i])) {
      return describe("batched and single gradients differ", p);
    }
    if (!same(value, derivatives.value) || !same(gradient, derivatives.gradient)) {
      return describe("first- and second-order evaluation differ", p);
    }
    const bool finite = std::isfinite(value) && is_finite(gradient);
    if (!finite && surface.explain_non_finite(p).empty()) {
      return describe("a non-finite result has no explanation", p);
    }
  }
  return {};
}

}  // namespace

std::string exercise_formula(std::string_view text) {
  std::string problem;
  try {
    const FormulaSurface surface(text);
    problem = check_surface(surface);
  } catch (const FormulaError& error) {
    problem = check_error(text, error);
  } catch (const UsageError&) {
    // Only the length limit throws a plain UsageError.
    if (text.size() <= kMaxFormulaLength) {
      problem = "a plain UsageError for a formula within the length limit";
    }
  }
  if (!problem.empty()) {
    return problem;
  }

  try {
    const std::vector<Expression> list = parse_expression_list(text);
    if (list.empty()) {
      return "an expression list parsed to nothing";
    }
  } catch (const FormulaError& error) {
    return check_error(text, error);
  } catch (const UsageError&) {
  }
  return {};
}

}  // namespace optiscope::fuzz
