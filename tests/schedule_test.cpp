#include "optiscope/core/schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "golden_reader.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/noise.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/runner.hpp"

namespace optiscope {
namespace {

std::string usage_error_of(const std::string& spec, ScheduleContext context = {}) {
  try {
    parse_schedule_spec(spec, context);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no error)";
}

// Every golden schedule gives PyTorch's lr at every step to 1e-12 relative.
TEST(Schedules, MatchPyTorchGoldens) {
  const auto schedules = testing::read_golden_schedules(OPTISCOPE_GOLDEN_DIR "/schedules.csv");
  ASSERT_GE(schedules.size(), 10u);
  testing::Deviation deviation;
  for (const testing::GoldenSchedule& golden : schedules) {
    const auto schedule = parse_schedule_spec(golden.spec, {golden.steps, golden.base_lr});
    const auto run = schedule->start(golden.base_lr);
    for (std::size_t k = 0; k < golden.lrs.size(); ++k) {
      const std::string place = golden.name + " step " + std::to_string(k + 1);
      deviation.add(golden.lrs[k], run->lr(), place);
      EXPECT_NEAR(run->lr(), golden.lrs[k], 1e-12 * std::abs(golden.lrs[k])) << place;
      run->step();
    }
  }
  std::cout << "largest relative lr deviation from PyTorch: " << deviation.largest << " ("
            << deviation.where << ")\n";
}

TEST(Schedules, CoverEveryCatalogueEntry) {
  const auto schedules = testing::read_golden_schedules(OPTISCOPE_GOLDEN_DIR "/schedules.csv");
  for (const ScheduleInfo& info : schedule_catalogue()) {
    const bool covered = std::any_of(schedules.begin(), schedules.end(), [&](const auto& golden) {
      return golden.spec.rfind(std::string(info.name), 0) == 0;
    });
    EXPECT_TRUE(covered) << info.name << " has no golden case";
  }
}

TEST(Schedules, RunLengthDefaults) {
  const auto cosine = parse_schedule_spec("cosine", {80, 0.1});
  EXPECT_EQ(cosine->parameters().integer("T_max"), 80);
  const auto warmup = parse_schedule_spec("warmup_cosine:warmup_steps=10", {80, 0.1});
  EXPECT_EQ(warmup->parameters().integer("T_max"), 70);
  const auto cycle = parse_schedule_spec("onecycle", {80, 0.3});
  EXPECT_EQ(cycle->parameters().get("max_lr"), 0.3);
  EXPECT_EQ(cycle->parameters().integer("total_steps"), 80);
}

TEST(Schedules, FormatReadsBack) {
  const auto schedule = parse_schedule_spec("multistep:milestones=[30,80],gamma=0.5", {100, 0.1});
  const std::string text = format_schedule_spec(*schedule);
  EXPECT_EQ(text, "multistep:milestones=[30,80],gamma=0.5");
  const auto cycle = parse_schedule_spec("onecycle:anneal_strategy=linear", {100, 0.1});
  EXPECT_EQ(format_schedule_spec(*cycle),
            "onecycle:max_lr=0.1,total_steps=100,pct_start=0.3,anneal_strategy=linear,"
            "div_factor=25,final_div_factor=10000,three_phase=false");
}

TEST(Schedules, Errors) {
  EXPECT_EQ(usage_error_of("cosin"),
            "unknown schedule 'cosin'; did you mean 'cosine'? Valid schedules: constant, step, "
            "multistep, exponential, cosine, linear, warmup_cosine, onecycle");
  EXPECT_EQ(usage_error_of("step:step_size=0"),
            "step: step_size = 0 is invalid; it must satisfy step_size >= 1, a whole number");
  EXPECT_EQ(usage_error_of("step:step_size=2.5"),
            "step: step_size = '2.5' is invalid; expected a whole number such as 10");
  EXPECT_EQ(usage_error_of("multistep"),
            "multistep: milestones is missing; write for example milestones=[30,80]");
  EXPECT_EQ(usage_error_of("multistep:milestones=30"),
            "multistep: milestones = '30' is invalid; write a bracketed list of whole numbers "
            "such as [30,80]");
  EXPECT_EQ(usage_error_of("linear:start_factor=0"),
            "linear: start_factor = 0 is invalid; it must satisfy 0 < start_factor <= 1");
  EXPECT_EQ(usage_error_of("onecycle:anneal_strategy=sine"),
            "onecycle: anneal_strategy = 'sine' is invalid; write cos or linear");
  EXPECT_EQ(usage_error_of("onecycle:total_steps=50", {100, 0.1}),
            "onecycle: total_steps = 50 is invalid; it must be at least the run's 100 steps, "
            "because PyTorch's OneCycleLR cannot step past it");
  EXPECT_NE(usage_error_of("onecycle:pct_start=0", {100, 0.1}).find("leaves a phase with no steps"),
            std::string::npos);
}

TEST(Schedules, RunnerRecordsScheduledLr) {
  const auto surface = make_reference_quadratic();
  const OptimizerChoice choice = parse_optimizer_spec("gd:lr=0.1");
  RunSettings settings;
  settings.steps = 25;
  settings.schedule = parse_schedule_spec("step:step_size=10,gamma=0.5", {25, 0.1});
  const Trajectory t = run_optimizer(*surface, *choice.optimizer, {2.2, -2.0}, settings);
  ASSERT_EQ(t.records.size(), 26u);
  EXPECT_EQ(t.records[1].lr, 0.1);
  EXPECT_EQ(t.records[10].lr, 0.1);
  EXPECT_EQ(t.records[11].lr, 0.05);
  EXPECT_EQ(t.records[21].lr, 0.025);
}

TEST(Noise, PortableLogMatchesLibm) {
  for (double x : {1e-300, 1e-10, 0.1, 0.5, 0.70710678118654752, 0.9999999, 1.0, 1.5, 2.0, 10.0,
                   12345.678, 1e300}) {
    EXPECT_NEAR(portable_log(x), std::log(x), 4e-16 * std::max(1.0, std::abs(std::log(x)))) << x;
  }
  EXPECT_EQ(portable_log(1.0), 0.0);
}

TEST(Noise, FixedSequenceForSeed) {
  // These values pin the generator: a change to the sampler breaks them,
  // and the WebAssembly build must produce the same numbers.
  GaussianSource source(42, 0);
  const auto [a, b] = source.next_pair();
  GaussianSource again(42, 0);
  EXPECT_EQ(again.next_pair(), std::make_pair(a, b));
  GaussianSource other_stream(42, 1);
  EXPECT_NE(other_stream.next_pair().first, a);
  EXPECT_EQ(a, 0x1.a77ce741b1c88p-5);
  EXPECT_EQ(b, -0x1.ffef653f78b89p-2);
}

TEST(Noise, MomentsAreStandardNormal) {
  GaussianSource source(7, 0);
  double sum = 0.0;
  double sum_squares = 0.0;
  const int pairs = 100000;
  for (int i = 0; i < pairs; ++i) {
    const auto [a, b] = source.next_pair();
    sum += a + b;
    sum_squares += a * a + b * b;
  }
  const double n = 2.0 * pairs;
  EXPECT_NEAR(sum / n, 0.0, 0.01);          // standard error 0.0022
  EXPECT_NEAR(sum_squares / n, 1.0, 0.02);  // standard error 0.0032
}

TEST(Noise, EveryOptimizerSeesTheSameNoise) {
  const auto surface = make_reference_quadratic();
  RunSettings settings;
  settings.steps = 30;
  settings.noise = {0.5, 123};
  const OptimizerChoice first = parse_optimizer_spec("gd:lr=0.05");
  const OptimizerChoice second = parse_optimizer_spec("gd:lr=0.05,label=copy");
  const Trajectory a = run_optimizer(*surface, *first.optimizer, {2.2, -2.0}, settings);
  const Trajectory b = run_optimizer(*surface, *second.optimizer, {2.2, -2.0}, settings);
  EXPECT_EQ(a.last().position, b.last().position);

  RunSettings quiet = settings;
  quiet.noise.sigma = 0.0;
  const Trajectory c = run_optimizer(*surface, *first.optimizer, {2.2, -2.0}, quiet);
  EXPECT_NE(a.last().position, c.last().position);
  // The recorded gradient is the exact one at the recorded point.
  EXPECT_EQ(a.records[5].gradient, surface->gradient(a.records[5].position));
}

}  // namespace
}  // namespace optiscope
