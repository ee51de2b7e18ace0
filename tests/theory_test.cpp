#include "optiscope/core/theory.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"

namespace optiscope {
namespace {

// The reference quadratic's Hessian [[8, 0.8], [0.8, 1]] has eigenvalues
// 4.5 ± √12.89.
const double kLambdaMin = 4.5 - std::sqrt(12.89);
const double kLambdaMax = 4.5 + std::sqrt(12.89);
const double kKappa = kLambdaMax / kLambdaMin;

QuadraticModel reference_model() { return analyze_hessian({8.0, 0.8, 1.0}); }

Trajectory run(const Surface& surface, const std::string& spec, long steps,
               Vec2 start = {2.2, -2.0}) {
  const OptimizerChoice choice = parse_optimizer_spec(spec);
  RunSettings settings;
  settings.steps = steps;
  return run_optimizer(surface, *choice.optimizer, start, settings);
}

double measured_rate(const Surface& surface, const std::string& spec, long steps,
                     Vec2 fixed_point = {}, Vec2 start = {2.2, -2.0}) {
  const Trajectory trajectory = run(surface, spec, steps, start);
  // An exact θ* = 0 has no rounding floor; elsewhere the path stalls near one ulp of θ*.
  const std::optional<MeasuredRate> rate =
      measure_contraction_rate(trajectory, fixed_point, 1e-13 * norm(fixed_point));
  EXPECT_TRUE(rate.has_value()) << spec;
  return rate ? rate->rate : 0.0;
}

double predicted_rate(const std::string& spec, const QuadraticModel& model) {
  const OptimizerChoice choice = parse_optimizer_spec(spec);
  const std::optional<SgdIteration> iteration = sgd_iteration(*choice.optimizer);
  EXPECT_TRUE(iteration.has_value()) << spec;
  return iteration ? contraction_rate(*iteration, model) : 0.0;
}

std::string spec_with(const std::string& name, double lr, double momentum = -1.0) {
  std::string spec = name + ":lr=" + std::to_string(lr);
  if (momentum >= 0.0) {
    spec += ",momentum=" + std::to_string(momentum);
  }
  return spec;
}

TEST(Theory, ReferenceQuadraticEigenvalues) {
  const QuadraticModel model = reference_model();
  EXPECT_NEAR(model.eigen.lambda_min, kLambdaMin, 1e-14);
  EXPECT_NEAR(model.eigen.lambda_max, kLambdaMax, 1e-14);
  EXPECT_EQ(model.curvature, Curvature::positive_definite);
  ASSERT_TRUE(model.condition_number.has_value());
  EXPECT_NEAR(*model.condition_number, kKappa, 1e-12);
  // The eigenvector of λmax satisfies H v = λmax v.
  const Vec2 hv = model.hessian * model.eigen.v_max;
  EXPECT_NEAR(hv.x, kLambdaMax * model.eigen.v_max.x, 1e-13);
  EXPECT_NEAR(hv.y, kLambdaMax * model.eigen.v_max.y, 1e-13);
}

TEST(Theory, GradientDescentLimitsFollowFormulas) {
  const GradientDescentLimits limits = gradient_descent_limits(reference_model());
  ASSERT_TRUE(limits.max_stable_lr.has_value());
  ASSERT_TRUE(limits.best_lr.has_value());
  ASSERT_TRUE(limits.best_rate.has_value());
  EXPECT_NEAR(*limits.max_stable_lr, 2.0 / kLambdaMax, 1e-15);
  // λmin + λmax is the trace, 9.
  EXPECT_NEAR(*limits.best_lr, 2.0 / 9.0, 1e-15);
  EXPECT_NEAR(*limits.best_rate, (kKappa - 1.0) / (kKappa + 1.0), 1e-14);
}

TEST(Theory, HeavyBallLimitsFollowFormulas) {
  const QuadraticModel model = reference_model();
  const HeavyBallLimits limits = heavy_ball_limits(model);
  ASSERT_TRUE(limits.best_lr.has_value());
  ASSERT_TRUE(limits.best_momentum.has_value());
  ASSERT_TRUE(limits.best_rate.has_value());
  const double root_kappa = std::sqrt(kKappa);
  const double rate = (root_kappa - 1.0) / (root_kappa + 1.0);
  EXPECT_NEAR(*limits.best_lr, 4.0 / std::pow(std::sqrt(kLambdaMax) + std::sqrt(kLambdaMin), 2.0),
              1e-14);
  EXPECT_NEAR(*limits.best_momentum, rate * rate, 1e-14);
  EXPECT_NEAR(*limits.best_rate, rate, 1e-14);
  EXPECT_NEAR(*heavy_ball_max_stable_lr(model, 0.5), 3.0 / kLambdaMax, 1e-14);
  EXPECT_FALSE(heavy_ball_max_stable_lr(model, 1.0).has_value());
}

// At the best pair both eigenvalues sit on the double root √μ*, so the
// predicted rate there is (√κ − 1)/(√κ + 1) from the general formula too.
TEST(Theory, BestPairRateAgreesWithGeneralRate) {
  const QuadraticModel model = reference_model();
  const HeavyBallLimits limits = heavy_ball_limits(model);
  const SgdIteration iteration{*limits.best_lr, *limits.best_momentum};
  EXPECT_NEAR(contraction_rate(iteration, model), *limits.best_rate, 1e-7);
  EXPECT_NEAR(mode_contraction_rate(iteration, kLambdaMin), *limits.best_rate, 1e-7);
}

TEST(Theory, MeasuredGradientDescentRateAtReferenceLr) {
  const auto surface = make_reference_quadratic();
  const double predicted = std::abs(1.0 - 0.08 * kLambdaMin);
  EXPECT_NEAR(predicted_rate("gd:lr=0.08", reference_model()), predicted, 1e-15);
  EXPECT_NEAR(measured_rate(*surface, "gd:lr=0.08", 100), predicted, 1e-6);
}

TEST(Theory, MeasuredGradientDescentRateAtBestLr) {
  const auto surface = make_reference_quadratic();
  const GradientDescentLimits limits = gradient_descent_limits(reference_model());
  const std::string spec = "gd:lr=" + std::to_string(*limits.best_lr);
  EXPECT_NEAR(measured_rate(*surface, spec, 100), *limits.best_rate, 1e-4);
}

// The double root makes the error decay like k·r^k, so the fitted rate sits
// a little above r; 3% covers it over these steps.
TEST(Theory, MeasuredHeavyBallRateAtBestPair) {
  const auto surface = make_reference_quadratic();
  const HeavyBallLimits limits = heavy_ball_limits(reference_model());
  const std::string spec = "momentum:lr=" + std::to_string(*limits.best_lr) +
                           ",momentum=" + std::to_string(*limits.best_momentum);
  const double measured = measured_rate(*surface, spec, 200);
  EXPECT_GT(measured, *limits.best_rate * 0.99);
  EXPECT_LT(measured, *limits.best_rate * 1.03);
}

TEST(Theory, MeasuredRatesMatchPredictionsOnGrid) {
  const auto surface = make_reference_quadratic();
  const QuadraticModel model = reference_model();
  for (const std::string name : {"momentum", "nesterov"}) {
    for (double momentum : {0.3, 0.6, 0.9}) {
      for (double lr : {0.02, 0.1, 0.2}) {
        const std::string spec = spec_with(name, lr, momentum);
        const double predicted = predicted_rate(spec, model);
        if (predicted >= 1.0) {
          continue;
        }
        EXPECT_NEAR(measured_rate(*surface, spec, 600), predicted, 0.01 * predicted) << spec;
      }
    }
  }
}

TEST(Theory, DampeningScalesTheGradientTerm) {
  const auto surface = make_reference_quadratic();
  const std::string spec = "sgd:lr=0.1,momentum=0.5,dampening=0.5";
  const double predicted = predicted_rate(spec, reference_model());
  // Heavy ball with lr·(1 − dampening) = 0.05.
  EXPECT_NEAR(predicted, predicted_rate("momentum:lr=0.05,momentum=0.5", reference_model()), 1e-15);
  EXPECT_NEAR(measured_rate(*surface, spec, 400), predicted, 0.01 * predicted);
}

// Booth's minimizer is (1, 3), not the origin, so the fixed point matters.
TEST(Theory, BoothRateMeasuredAroundItsMinimizer) {
  const auto surface = make_surface("booth");
  const std::optional<SymmetricMatrix2> hessian = constant_hessian(*surface);
  ASSERT_TRUE(hessian.has_value());
  const QuadraticModel model = analyze_hessian(*hessian);
  const SgdIteration iteration{0.02};
  const std::optional<Vec2> fixed_point =
      iteration_fixed_point(*surface, *hessian, iteration, {-6.0, 8.0});
  ASSERT_TRUE(fixed_point.has_value());
  EXPECT_NEAR(fixed_point->x, 1.0, 1e-12);
  EXPECT_NEAR(fixed_point->y, 3.0, 1e-12);
  EXPECT_NEAR(measured_rate(*surface, "gd:lr=0.02", 300, *fixed_point, {-6.0, 8.0}),
              contraction_rate(iteration, model), 1e-6);
}

TEST(Theory, WeightDecayShiftsEigenvaluesAndFixedPoint) {
  const auto surface = make_surface("booth");
  const SymmetricMatrix2 hessian = *constant_hessian(*surface);
  const QuadraticModel model = analyze_hessian(hessian);
  const OptimizerChoice choice = parse_optimizer_spec("gd:lr=0.02,weight_decay=0.5");
  const SgdIteration iteration = *sgd_iteration(*choice.optimizer);
  EXPECT_EQ(iteration.effective_eigenvalue(2.0), 2.5);
  const Vec2 fixed_point = *iteration_fixed_point(*surface, hessian, iteration, {1.0, 3.0});
  // The decayed gradient vanishes there, and it is no longer Booth's minimizer.
  const Vec2 g = surface->gradient(fixed_point);
  EXPECT_NEAR(g.x + 0.5 * fixed_point.x, 0.0, 1e-12);
  EXPECT_NEAR(g.y + 0.5 * fixed_point.y, 0.0, 1e-12);
  EXPECT_GT(norm(fixed_point - Vec2{1.0, 3.0}), 0.1);
  EXPECT_NEAR(measured_rate(*surface, "gd:lr=0.02,weight_decay=0.5", 300, fixed_point, {-6.0, 8.0}),
              contraction_rate(iteration, model), 1e-6);
}

// lr = 2/λmax separates runs that complete from runs that diverge.
TEST(Theory, GradientDescentStabilityBoundarySeparatesRuns) {
  const auto surface = make_reference_quadratic();
  const double limit = *gradient_descent_limits(reference_model()).max_stable_lr;
  EXPECT_EQ(run(*surface, spec_with("gd", 0.98 * limit), 3000).status, RunStatus::completed);
  EXPECT_EQ(run(*surface, spec_with("gd", 1.02 * limit), 3000).status, RunStatus::diverged);
}

TEST(Theory, HeavyBallStabilityBoundarySeparatesRuns) {
  const auto surface = make_reference_quadratic();
  for (double momentum : {0.0, 0.5, 0.9}) {
    const double limit = *heavy_ball_max_stable_lr(reference_model(), momentum);
    // momentum=0 is plain gradient descent for torch, with the same limit.
    const std::string name = momentum == 0.0 ? "sgd" : "momentum";
    EXPECT_EQ(run(*surface, spec_with(name, 0.98 * limit, momentum), 5000).status,
              RunStatus::completed)
        << momentum;
    EXPECT_EQ(run(*surface, spec_with(name, 1.02 * limit, momentum), 5000).status,
              RunStatus::diverged)
        << momentum;
  }
}

TEST(Theory, RateCrossesOneAtTheBoundary) {
  const QuadraticModel model = reference_model();
  for (double momentum : {0.0, 0.3, 0.8}) {
    const double limit = *heavy_ball_max_stable_lr(model, momentum);
    EXPECT_LT(contraction_rate({0.999 * limit, momentum}, model), 1.0) << momentum;
    EXPECT_GT(contraction_rate({1.001 * limit, momentum}, model), 1.0) << momentum;
  }
}

TEST(Theory, SaddleHasNoStableLr) {
  const auto surface = make_surface("saddle");
  const std::optional<SymmetricMatrix2> hessian = constant_hessian(*surface);
  ASSERT_TRUE(hessian.has_value());
  const QuadraticModel model = analyze_hessian(*hessian);
  EXPECT_EQ(model.curvature, Curvature::indefinite);
  EXPECT_FALSE(model.condition_number.has_value());
  const GradientDescentLimits gd = gradient_descent_limits(model);
  EXPECT_FALSE(gd.max_stable_lr.has_value());
  EXPECT_FALSE(gd.best_lr.has_value());
  EXPECT_FALSE(heavy_ball_limits(model).best_lr.has_value());
  EXPECT_FALSE(heavy_ball_max_stable_lr(model, 0.5).has_value());
  for (double lr : {1e-4, 0.1, 0.9}) {
    EXPECT_GT(contraction_rate({lr}, model), 1.0) << lr;
  }
  EXPECT_NE(describe_gradient_descent(model).find("a saddle"), std::string::npos);
}

TEST(Theory, SemidefiniteValleyHasLimitButNoRate) {
  const QuadraticModel model = analyze_hessian({2.0, 0.0, 0.0});
  EXPECT_EQ(model.curvature, Curvature::positive_semidefinite);
  const GradientDescentLimits gd = gradient_descent_limits(model);
  ASSERT_TRUE(gd.max_stable_lr.has_value());
  EXPECT_EQ(*gd.max_stable_lr, 1.0);
  EXPECT_FALSE(gd.best_lr.has_value());
  EXPECT_EQ(contraction_rate({0.5}, model), 1.0);
}

TEST(Theory, NegativeCurvatureHasNoMinimum) {
  EXPECT_EQ(analyze_hessian({-1.0, 0.0, -2.0}).curvature, Curvature::negative_definite);
  EXPECT_EQ(analyze_hessian({}).curvature, Curvature::negative_semidefinite);
  EXPECT_NE(describe_gradient_descent(analyze_hessian({-1.0, 0.0, -2.0})).find("no minimum"),
            std::string::npos);
}

TEST(Theory, RoundingDoesNotMakeASaddle) {
  const QuadraticModel model = analyze_hessian({1.0, 1.0, 1.0 + 1e-15});
  EXPECT_EQ(model.curvature, Curvature::positive_semidefinite);
}

TEST(Theory, ConstantHessianDetection) {
  EXPECT_TRUE(constant_hessian(*make_reference_quadratic()).has_value());
  EXPECT_TRUE(constant_hessian(*make_surface("matyas")).has_value());
  EXPECT_FALSE(constant_hessian(*make_surface("rosenbrock")).has_value());
  EXPECT_FALSE(constant_hessian(*make_surface("himmelblau")).has_value());
  const std::optional<SymmetricMatrix2> formula =
      constant_hessian(*make_surface("x^2 + 3*y^2 + x*y"));
  ASSERT_TRUE(formula.has_value());
  EXPECT_NEAR(formula->xx, 2.0, 1e-12);
  EXPECT_NEAR(formula->xy, 1.0, 1e-12);
  EXPECT_NEAR(formula->yy, 6.0, 1e-12);
}

TEST(Theory, LocalModelAtRosenbrockMinimizer) {
  // At (1, 1) the Hessian of (1 − x)² + 100(y − x²)² is [[802, −400], [−400, 200]].
  const QuadraticModel model = local_quadratic_model(*make_surface("rosenbrock"), {1.0, 1.0});
  EXPECT_NEAR(model.hessian.xx, 802.0, 1e-9);
  EXPECT_NEAR(model.hessian.xy, -400.0, 1e-9);
  EXPECT_NEAR(model.hessian.yy, 200.0, 1e-9);
  EXPECT_EQ(model.curvature, Curvature::positive_definite);
  EXPECT_GT(*model.condition_number, 2500.0);
}

TEST(Theory, NonFiniteHessianIsUsageError) {
  EXPECT_THROW(analyze_hessian({std::nan(""), 0.0, 1.0}), UsageError);
  EXPECT_THROW(local_quadratic_model(*make_surface("log(x) + y^2"), {0.0, 0.0}), UsageError);
}

TEST(Theory, OnlySgdFamilyHasIteration) {
  EXPECT_TRUE(sgd_iteration(*parse_optimizer_spec("nesterov").optimizer).has_value());
  EXPECT_FALSE(sgd_iteration(*parse_optimizer_spec("adam").optimizer).has_value());
  EXPECT_FALSE(sgd_iteration(*parse_optimizer_spec("rmsprop").optimizer).has_value());
}

TEST(Theory, WithHyperparameterSetsKnownKeys) {
  const SgdIteration base{0.1, 0.5};
  EXPECT_EQ(with_hyperparameter(base, "lr", 0.2)->lr, 0.2);
  EXPECT_EQ(with_hyperparameter(base, "momentum", 0.7)->momentum, 0.7);
  EXPECT_EQ(with_hyperparameter(base, "dampening", 0.3)->dampening, 0.3);
  EXPECT_EQ(with_hyperparameter(base, "weight_decay", 0.01)->weight_decay, 0.01);
  EXPECT_FALSE(with_hyperparameter(base, "x", 1.0).has_value());
  EXPECT_FALSE(with_hyperparameter(base, "beta1", 0.9).has_value());
}

TEST(Theory, DivergingRunMeasuresGrowth) {
  const auto surface = make_reference_quadratic();
  const double measured = measured_rate(*surface, "gd:lr=0.3", 100);
  EXPECT_NEAR(measured, 0.3 * kLambdaMax - 1.0, 1e-6);
}

TEST(Theory, TooShortRunIsNotMeasured) {
  const auto surface = make_reference_quadratic();
  EXPECT_FALSE(measure_contraction_rate(run(*surface, "gd:lr=0.08", 10), {}, 0.0).has_value());
}

}  // namespace
}  // namespace optiscope
