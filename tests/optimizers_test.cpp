#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "golden_reader.hpp"
#include "golden_surfaces.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/optimizers/adam.hpp"
#include "optiscope/core/optimizers/sgd.hpp"
#include "optiscope/core/runner.hpp"
#include "optiscope/core/scenario.hpp"
#include "optiscope/core/schedule.hpp"

namespace optiscope {
namespace {

// Runs one spec on the reference quadratic from (2.2, -2.0).
Trajectory run_reference(const std::string& spec, long steps) {
  const auto surface = make_reference_quadratic();
  const OptimizerChoice choice = parse_optimizer_spec(spec);
  RunSettings settings;
  settings.steps = steps;
  return run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, settings);
}

TEST(GradientDescent, FirstStepByHand) {
  const Trajectory t = run_reference("gd:lr=0.08", 1);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_NEAR(t.records[1].position.x, 0.92, 1e-15);
  EXPECT_NEAR(t.records[1].position.y, -1.9808, 1e-15);
  EXPECT_NEAR(t.records[0].loss, 17.84, 1e-12);
  EXPECT_NEAR(t.records[1].loss, 3.88951552, 1e-12);
  EXPECT_EQ(t.records[1].lr, 0.08);
}

TEST(Momentum, StepsTwoAndThreeMatchPyTorch) {
  const Trajectory t = run_reference("momentum:lr=0.08,momentum=0.9", 3);
  ASSERT_EQ(t.records.size(), 4u);
  // First step equals plain gradient descent: the buffer starts as g.
  EXPECT_NEAR(t.records[1].position.x, 0.92, 1e-15);
  EXPECT_NEAR(t.records[2].position.x, -0.6940288, 1e-12);
  EXPECT_NEAR(t.records[2].position.y, -1.863936, 1e-12);
  EXPECT_NEAR(t.records[3].position.x, -1.5831843840000002, 1e-12);
  EXPECT_NEAR(t.records[3].position.y, -1.5652256768000001, 1e-12);
}

TEST(Adam, StepsOneToThreeMatchPyTorch) {
  const Trajectory t = run_reference("adam:lr=0.1,beta1=0.9,beta2=0.999,eps=1e-8", 3);
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_NEAR(t.records[1].position.x, 2.1000000000625003, 1e-12);
  EXPECT_NEAR(t.records[1].position.y, -1.9000000041666665, 1e-12);
  EXPECT_NEAR(t.records[3].loss, 13.30879198046897, 1e-12);
}

// Every step of every golden case must agree with PyTorch to 1e-10
// relative (absolute near zero). The largest deviation is reported.
TEST(Goldens, EveryStepMatchesPyTorch) {
  const auto cases = testing::read_golden_cases(OPTISCOPE_GOLDEN_DIR "/optimizers.csv");
  ASSERT_GE(cases.size(), 90u);
  testing::Deviation deviation;
  for (const testing::GoldenCase& golden : cases) {
    const auto [surface, start] = testing::golden_surface(golden.surface);
    const OptimizerChoice choice = parse_optimizer_spec(golden.spec);
    RunSettings settings;
    settings.steps = static_cast<long>(golden.points.size()) - 1;
    if (!golden.schedule.empty()) {
      settings.schedule =
          parse_schedule_spec(golden.schedule, {settings.steps, choice.optimizer->lr()});
    }
    const Trajectory t = run_optimizer(*surface, *choice.optimizer, start, settings);
    ASSERT_EQ(t.status, RunStatus::completed) << golden.name << ": " << t.message;
    ASSERT_EQ(t.records.size(), golden.points.size()) << golden.name;
    for (std::size_t step = 0; step < golden.points.size(); ++step) {
      const Vec2 expected = golden.points[step];
      const Vec2 actual = t.records[step].position;
      const std::string place = golden.name + " step " + std::to_string(step);
      deviation.add(expected.x, actual.x, place + " x");
      deviation.add(expected.y, actual.y, place + " y");
      EXPECT_NEAR(actual.x, expected.x, 1e-10 * std::max(1.0, std::abs(expected.x))) << place;
      EXPECT_NEAR(actual.y, expected.y, 1e-10 * std::max(1.0, std::abs(expected.y))) << place;
    }
  }
  std::cout << "largest relative deviation from PyTorch over " << cases.size()
            << " cases: " << deviation.largest << " (" << deviation.where << ")\n";
}

TEST(Goldens, CoverEveryOptimizer) {
  const auto cases = testing::read_golden_cases(OPTISCOPE_GOLDEN_DIR "/optimizers.csv");
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    const bool covered = std::any_of(cases.begin(), cases.end(), [&](const auto& golden) {
      return golden.spec.rfind(std::string(info.name) + ":", 0) == 0;
    });
    EXPECT_TRUE(covered) << info.name << " has no golden case";
  }
}

// Hand-computed single steps for the SGD options the reference scenario
// does not use. Gradient 2, parameter 1, lr 0.1 throughout.
TEST(SgdUpdate, Options) {
  {
    SgdSettings s;
    s.weight_decay = 0.5;  // g = 2 + 0.5 * 1
    SgdRule::Coordinate<double> state;
    EXPECT_DOUBLE_EQ(SgdRule::update(s, {}, 0.1, state, 1.0, 2.0), 1.0 - 0.1 * 2.5);
  }
  {
    SgdSettings s;
    s.maximize = true;
    SgdRule::Coordinate<double> state;
    EXPECT_DOUBLE_EQ(SgdRule::update(s, {}, 0.1, state, 1.0, 2.0), 1.2);
  }
  {
    // Dampening is skipped on the first step, applied on the second.
    SgdSettings s;
    s.momentum = 0.9;
    s.dampening = 0.5;
    SgdRule::Coordinate<double> state;
    EXPECT_DOUBLE_EQ(SgdRule::update(s, {}, 0.1, state, 1.0, 2.0), 0.8);
    EXPECT_DOUBLE_EQ(state.buffer, 2.0);
    EXPECT_DOUBLE_EQ(SgdRule::update(s, {}, 0.1, state, 0.8, 2.0),
                     0.8 - 0.1 * (0.9 * 2.0 + 0.5 * 2.0));
  }
  {
    // Nesterov steps along g + mu * b.
    SgdSettings s;
    s.momentum = 0.9;
    s.nesterov = true;
    SgdRule::Coordinate<double> state;
    EXPECT_DOUBLE_EQ(SgdRule::update(s, {}, 0.1, state, 1.0, 2.0), 1.0 - 0.1 * (2.0 + 0.9 * 2.0));
  }
}

TEST(AdamUpdate, FirstStepIsLrTimesSign) {
  AdamSettings s;
  AdamRule::Coordinate<double> state;
  const double next = AdamRule::update(s, AdamRule::constants(s, 1), 0.01, state, 1.0, -3.0);
  EXPECT_NEAR(next, 1.01, 1e-9);
}

TEST(AdamUpdate, AmsgradKeepsMaximum) {
  AdamSettings s;
  s.amsgrad = true;
  AdamRule::Coordinate<double> state;
  AdamRule::update(s, AdamRule::constants(s, 1), 0.01, state, 1.0, 10.0);
  const double peak = state.max_exp_avg_sq;
  AdamRule::update(s, AdamRule::constants(s, 2), 0.01, state, 1.0, 0.0);
  EXPECT_EQ(state.max_exp_avg_sq, peak);
  EXPECT_LT(state.exp_avg_sq, peak);
}

TEST(Optimizer, RunsAreIndependent) {
  const OptimizerChoice choice = parse_optimizer_spec("momentum:lr=0.08");
  const auto surface = make_reference_quadratic();
  RunSettings settings;
  settings.steps = 20;
  const Trajectory first = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, settings);
  const Trajectory second = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, settings);
  ASSERT_EQ(first.records.size(), second.records.size());
  EXPECT_EQ(first.last().position, second.last().position);
}

}  // namespace
}  // namespace optiscope
