// Typed formulas as surfaces: trajectories, batched evaluation and values
// outside a function's domain.

#include "optiscope/core/formula/formula_surface.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "optiscope/core/derivative_check.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/runner.hpp"
#include "optiscope/core/scenario.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

constexpr const char* kReferenceFormula = "0.5*(8*x^2 + y^2) + 0.8*x*y";

// The reference quadratic typed as a formula reproduces the built-in
// surface's trajectories for every optimizer in the catalogue.
TEST(FormulaSurface, ReferenceQuadraticTrajectoriesMatchBuiltIn) {
  const auto builtin = make_reference_quadratic();
  const FormulaSurface typed(kReferenceFormula);
  RunSettings settings;
  settings.steps = 200;
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    SCOPED_TRACE(std::string(info.name));
    const OptimizerChoice choice = parse_optimizer_spec(std::string(info.name) + ":lr=0.05");
    const Trajectory expected =
        run_optimizer(*builtin, *choice.optimizer, builtin->info().default_start, settings);
    const Trajectory actual =
        run_optimizer(typed, *choice.optimizer, typed.info().default_start, settings);
    ASSERT_EQ(actual.records.size(), expected.records.size());
    for (std::size_t k = 0; k < expected.records.size(); ++k) {
      const StepRecord& a = actual.records[k];
      const StepRecord& b = expected.records[k];
      ASSERT_NEAR(a.position.x, b.position.x, 1e-14) << "step " << k;
      ASSERT_NEAR(a.position.y, b.position.y, 1e-14) << "step " << k;
      ASSERT_NEAR(a.loss, b.loss, 1e-14) << "step " << k;
      ASSERT_NEAR(a.gradient.x, b.gradient.x, 1e-14) << "step " << k;
      ASSERT_NEAR(a.gradient.y, b.gradient.y, 1e-14) << "step " << k;
    }
  }
}

TEST(FormulaSurface, ReferenceScenarioIsBitIdentical) {
  Scenario builtin = reference_scenario();
  Scenario typed = reference_scenario();
  typed.surface = std::make_shared<FormulaSurface>(kReferenceFormula);
  const auto expected = run_scenario(builtin);
  const auto actual = run_scenario(typed);
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& a = actual[i].trajectory.records;
    const auto& b = expected[i].trajectory.records;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].position, b[k].position) << expected[i].choice.label << " step " << k;
      EXPECT_EQ(a[k].loss, b[k].loss) << expected[i].choice.label << " step " << k;
    }
  }
}

TEST(FormulaSurface, InfoOfTypedFormula) {
  const FormulaSurface surface("  (1 - x)^2 + 100*(y - x^2)^2  ");
  EXPECT_EQ(surface.info().name, "formula");
  EXPECT_EQ(surface.info().formula, "(1 - x)^2 + 100*(y - x^2)^2");
  EXPECT_TRUE(surface.info().minimizers.empty());
  EXPECT_EQ(surface.info().default_start, (Vec2{2.2, -2.0}));
}

TEST(FormulaSurface, BatchedEvaluationEqualsSinglePoints) {
  const FormulaSurface surface("sin(3*x)*exp(-y^2) + log(1 + x^2) / (2 + cos(y)) - max(x, y)");
  DerivativeCheckSettings settings;
  settings.points = 150;  // two full blocks and a partial one
  settings.box = {-3.0, 3.0, -3.0, 3.0};
  const std::vector<Vec2> points = derivative_check_points(settings);
  std::vector<double> values(points.size());
  std::vector<double> values_with_gradients(points.size());
  std::vector<Vec2> gradients(points.size());
  surface.values(points, values);
  surface.values_and_gradients(points, values_with_gradients, gradients);
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(values[i], surface.value(points[i])) << i;
    EXPECT_EQ(values_with_gradients[i], surface.value(points[i])) << i;
    EXPECT_EQ(gradients[i], surface.gradient(points[i])) << i;
  }
}

TEST(FormulaSurface, EveryFunctionMatchesFiniteDifferences) {
  struct Case {
    const char* formula;
    Box box;
  };
  const Case cases[] = {
      {"sin(x*y) + cos(x - y)", {-3, 3, -3, 3}},
      {"tan(x/2) * y", {-2, 2, -2, 2}},
      {"asin(x/3) + acos(y/3)", {-2.5, 2.5, -2.5, 2.5}},
      {"atan(x*y)", {-3, 3, -3, 3}},
      {"sinh(x) + cosh(y) + tanh(x*y)", {-2, 2, -2, 2}},
      {"exp(-x^2 - y^2)", {-2, 2, -2, 2}},
      {"log(x) + log10(y)", {0.5, 3, 0.5, 3}},
      {"sqrt(x*y)", {0.5, 3, 0.5, 3}},
      {"abs(x - 0.1234567) + abs(y)^3", {-2, 2, -2, 2}},
      {"pow(x, y) + x^y", {0.5, 3, -2, 2}},
      {"2^(x*y) + x^2.5", {0.5, 2, -1, 1}},
      {"1/(1 + x^2 + y^2) - 3/(y + 5)", {-2, 2, -2, 2}},
      {"(x + y)/(2 + x*x)", {-2, 2, -2, 2}},
      {"sigmoid(x*y) + softplus(x - y)", {-3, 3, -3, 3}},
      {"min(x^2, y + 4) + max(x*y, 1)", {-2, 2, -2, 2}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.formula);
    const FormulaSurface surface(c.formula);
    DerivativeCheckSettings settings;
    settings.points = 300;
    settings.box = c.box;
    const DerivativeCheckReport report = check_derivatives(surface, settings);
    EXPECT_EQ(report.points_skipped, 0);
    EXPECT_LE(report.gradient.relative, kGradientTolerance);
    EXPECT_LE(report.hessian.relative, kHessianTolerance);
  }
}

TEST(FormulaSurface, LogOfNegativeNumberDivergesNamingThePoint) {
  const FormulaSurface surface("log(x) + y^2");
  const OptimizerChoice choice = parse_optimizer_spec("gd:lr=1");
  RunSettings settings;
  settings.steps = 10;
  const Trajectory t = run_optimizer(surface, *choice.optimizer, {2.2, -2.0}, settings);
  EXPECT_EQ(t.status, RunStatus::diverged);
  ASSERT_TRUE(t.ended_at_step.has_value());
  const Vec2 left_domain = t.records.back().position - t.records.back().gradient;
  EXPECT_EQ(t.message, "diverged at step " + std::to_string(*t.ended_at_step) +
                           ": the loss became non-finite at (" + format_shortest(left_domain.x) +
                           ", " + format_shortest(left_domain.y) +
                           "); log(x) at column 1 is not finite here: log needs a positive "
                           "argument (x = " +
                           format_shortest(left_domain.x) + ")");
  for (const StepRecord& record : t.records) {
    EXPECT_TRUE(std::isfinite(record.loss));
  }
}

TEST(FormulaSurface, ExplainsDerivativesThatAreNotFinite) {
  const FormulaSurface surface("sqrt(x) + y");
  EXPECT_EQ(surface.explain_non_finite({0.0, 1.0}),
            "the derivative of sqrt(x) at column 1 is not finite here: sqrt needs a non-negative "
            "argument and has no finite derivative at 0 (x = 0)");
  EXPECT_EQ(surface.explain_non_finite({1.0, 1.0}), "");
  EXPECT_EQ(FormulaSurface("1/(x - y)").explain_non_finite({2.0, 2.0}),
            "1/(x - y) at column 1 is not finite here: the divisor must not be zero "
            "((x - y) = 0)");
  EXPECT_EQ(FormulaSurface("exp(x^2)").explain_non_finite({30.0, 0.0}),
            "exp(x^2) at column 1 is not finite here: the result overflows the range of a double "
            "(about 1.8e308) (x^2 = 900)");
}

TEST(FormulaSurface, StartOutsideDomainIsUsageError) {
  const FormulaSurface surface("sqrt(y) + x^2");
  const OptimizerChoice choice = parse_optimizer_spec("gd:lr=0.1");
  try {
    run_optimizer(surface, *choice.optimizer, {2.2, -2.0}, RunSettings{});
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "the start point (2.2, -2) has no finite loss and gradient on formula; sqrt(y) "
                 "at column 1 is not finite here: sqrt needs a non-negative argument and has no "
                 "finite derivative at 0 (y = -2); choose a start inside the surface's domain");
  }
}

TEST(GradientComparison, AgreesWithRightFormulaAndFindsWrongOne) {
  const auto surface = make_reference_quadratic();
  DerivativeCheckSettings settings;
  settings.box = surface->info().view;
  const auto right = parse_expression_list("8*x + 0.8*y, y + 0.8*x");
  const GradientComparison agree =
      compare_gradient(*surface, FormulaProgram(right[0]), FormulaProgram(right[1]), settings);
  EXPECT_EQ(agree.points_checked, 100);
  EXPECT_FALSE(agree.first_disagreement.has_value());
  EXPECT_LT(agree.largest_difference, 1e-13);

  const auto wrong = parse_expression_list("8*x + 0.8*y, y + 0.4*x");
  const GradientComparison disagree =
      compare_gradient(*surface, FormulaProgram(wrong[0]), FormulaProgram(wrong[1]), settings);
  ASSERT_TRUE(disagree.first_disagreement.has_value());
  const Vec2 p = *disagree.first_disagreement;
  EXPECT_EQ(p, derivative_check_points(settings).front());
  EXPECT_EQ(disagree.exact, surface->gradient(p));
  EXPECT_DOUBLE_EQ(disagree.yours.y, p.y + 0.4 * p.x);
}

TEST(DerivativeCheck, SeededPointsArePortable) {
  DerivativeCheckSettings settings;
  settings.points = 2;
  settings.seed = 1;
  settings.box = {0.0, 1.0, 0.0, 1.0};
  const std::vector<Vec2> points = derivative_check_points(settings);
  // splitmix64 from seed 1: 0x910a2dec89025cc1 and 0xbeeb8da1658eec67.
  EXPECT_EQ(points[0].x, static_cast<double>(0x910a2dec89025cc1ull >> 11) * 0x1.0p-53);
  EXPECT_EQ(points[0].y, static_cast<double>(0xbeeb8da1658eec67ull >> 11) * 0x1.0p-53);
}

// A surface whose gradient is wrong by a factor in y fails the check.
class WrongGradient final : public Surface {
 public:
  const SurfaceInfo& info() const override { return info_; }
  double value(Vec2 p) const override { return p.x * p.x + p.y * p.y; }
  Vec2 gradient(Vec2 p) const override { return {2.0 * p.x, p.y}; }
  SymmetricMatrix2 hessian(Vec2) const override { return {2.0, 0.0, 2.0}; }

 private:
  SurfaceInfo info_;
};

TEST(DerivativeCheck, FindsWrongGradient) {
  DerivativeCheckSettings settings;
  settings.box = {-3.0, 3.0, -3.0, 3.0};
  const DerivativeCheckReport report = check_derivatives(WrongGradient{}, settings);
  EXPECT_FALSE(report.passed);
  EXPECT_GT(report.gradient.relative, 0.1);
  // The Hessian is compared with differences of that gradient, so it fails
  // too.
  EXPECT_GT(report.hessian.relative, 0.1);
}

}  // namespace
}  // namespace optiscope
