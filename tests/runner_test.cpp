#include "optiscope/core/runner.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "optiscope/core/analysis.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"

namespace optiscope {
namespace {

// L = x^2 + y^2 where x < 1, and NaN from x >= 1: a stand-in for a formula
// that leaves its domain, such as log of a negative number.
class DomainLimitedSurface final : public Surface {
 public:
  const SurfaceInfo& info() const override { return info_; }
  double value(Vec2 p) const override {
    return p.x < 1.0 ? p.x * p.x + p.y * p.y : std::numeric_limits<double>::quiet_NaN();
  }
  Vec2 gradient(Vec2 p) const override { return {2.0 * p.x, 2.0 * p.y}; }
  SymmetricMatrix2 hessian(Vec2) const override { return {2.0, 0.0, 2.0}; }

 private:
  SurfaceInfo info_{"domain-limited", "x^2 + y^2 for x < 1", "", {}, 0.0, {}, {}};
};

void expect_all_finite(const Trajectory& t) {
  for (const StepRecord& r : t.records) {
    EXPECT_TRUE(is_finite(r.position)) << "step " << r.step;
    EXPECT_TRUE(std::isfinite(r.loss)) << "step " << r.step;
    EXPECT_TRUE(is_finite(r.gradient)) << "step " << r.step;
  }
}

TEST(Runner, RecordsStartAsStepZero) {
  const auto surface = make_reference_quadratic();
  const auto choice = parse_optimizer_spec("gd:lr=0.08");
  RunSettings settings;
  settings.steps = 5;
  const Trajectory t = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, settings);
  ASSERT_EQ(t.records.size(), 6u);
  EXPECT_EQ(t.records[0].step, 0);
  EXPECT_EQ(t.records[0].position, (Vec2{2.2, -2.0}));
  EXPECT_FALSE(t.records[0].lr.has_value());
  EXPECT_EQ(t.records[5].step, 5);
  EXPECT_EQ(t.status, RunStatus::completed);
  EXPECT_FALSE(t.ended_at_step.has_value());
}

// lr * lambda_max = 0.3 * 8.09 > 2, so the steep component grows by
// |1 - 2.43| per step and the loss passes 1e12 * 17.84 at step 40.
TEST(Runner, GradientDescentAboveStabilityLimitDiverges) {
  const auto surface = make_reference_quadratic();
  const auto choice = parse_optimizer_spec("gd:lr=0.3");
  const Trajectory t = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, RunSettings{});
  EXPECT_EQ(t.status, RunStatus::diverged);
  ASSERT_TRUE(t.ended_at_step.has_value());
  EXPECT_EQ(*t.ended_at_step, 40);
  EXPECT_EQ(t.records.size(), 40u);  // steps 0 to 39; step 40 is not recorded
  EXPECT_NE(t.message.find("diverged at step 40"), std::string::npos) << t.message;
  expect_all_finite(t);
}

TEST(Runner, OverflowToInfinityDiverges) {
  const auto surface = make_reference_quadratic();
  const auto choice = parse_optimizer_spec("gd:lr=1e200");
  RunSettings settings;
  settings.divergence_factor = std::numeric_limits<double>::infinity();
  const Trajectory t = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, settings);
  EXPECT_EQ(t.status, RunStatus::diverged);
  expect_all_finite(t);
  EXPECT_NE(t.message.find("non-finite"), std::string::npos) << t.message;
}

TEST(Runner, NanLossOutsideDomainDiverges) {
  const DomainLimitedSurface surface;
  const auto choice = parse_optimizer_spec("gd:lr=0.1,maximize=true");
  const Trajectory t = run_optimizer(surface, *choice.optimizer, {0.5, 0.0}, RunSettings{});
  EXPECT_EQ(t.status, RunStatus::diverged);
  ASSERT_TRUE(t.ended_at_step.has_value());
  // x grows by 1.2 per step: 0.6, 0.72, 0.864, 1.0368.
  EXPECT_EQ(*t.ended_at_step, 4);
  EXPECT_NE(t.message.find("loss became non-finite at (1.0368"), std::string::npos) << t.message;
  expect_all_finite(t);
}

TEST(Runner, StartOutsideDomainIsUsageError) {
  const DomainLimitedSurface surface;
  const auto choice = parse_optimizer_spec("gd");
  EXPECT_THROW(run_optimizer(surface, *choice.optimizer, {2.0, 0.0}, RunSettings{}), UsageError);
}

TEST(Runner, ObserverCanStopRun) {
  const auto surface = make_reference_quadratic();
  const auto choice = parse_optimizer_spec("gd:lr=0.08");
  const auto stop_below = [](const StepRecord& r) { return r.loss >= 1.0; };
  const Trajectory t =
      run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, RunSettings{}, stop_below);
  EXPECT_EQ(t.status, RunStatus::stopped);
  ASSERT_TRUE(t.ended_at_step.has_value());
  EXPECT_LT(t.last().loss, 1.0);
  EXPECT_EQ(t.last().step, *t.ended_at_step);
}

TEST(Analysis, FirstStepBelow) {
  const auto surface = make_reference_quadratic();
  const auto choice = parse_optimizer_spec("gd:lr=0.08");
  const Trajectory t = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, RunSettings{});
  const auto reached = first_step_below(t, 1e-6);
  ASSERT_TRUE(reached.has_value());
  EXPECT_LT(t.records[*reached].loss, 1e-6);
  EXPECT_GE(t.records[*reached - 1].loss, 1e-6);
  EXPECT_FALSE(first_step_below(t, 0.0).has_value());
}

}  // namespace
}  // namespace optiscope
