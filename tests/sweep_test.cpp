#include "optiscope/core/sweep.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <set>

#include "optiscope/core/error.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"

namespace optiscope {
namespace {

std::shared_ptr<const Surface> catalogue_surface(std::string_view spec) {
  return make_surface(spec);
}

SweepRequest lr_momentum_request() {
  SweepRequest request;
  request.experiment.steps = 60;
  request.experiment.optimizers = {parse_optimizer_entry("momentum"),
                                   parse_optimizer_entry("sgd:dampening=0.3,weight_decay=0.05")};
  request.axes = {parse_sweep_axis("lr=0.001:0.4:9:log"), parse_sweep_axis("momentum=0:0.95:7")};
  return request;
}

// Every cell equals `optiscope run` with the cell's settings, bit for bit.
void expect_cells_match_runs(const SweepRequest& request, const SweepResult& result) {
  for (std::size_t o = 0; o < result.tables.size(); ++o) {
    for (const SweepCell& cell : result.tables[o].cells) {
      const Experiment experiment = cell_experiment(request, o, cell.first, cell.second);
      const Scenario scenario = resolve_experiment(experiment, catalogue_surface);
      const std::vector<OptimizerResult> runs = run_scenario(scenario);
      ASSERT_EQ(runs.size(), 1u);
      const Trajectory& t = runs[0].trajectory;
      const std::string where = result.tables[o].base.label + " cell " + std::to_string(cell.index);
      EXPECT_EQ(cell.status, t.status) << where;
      EXPECT_EQ(cell.final_position, t.last().position) << where;
      EXPECT_EQ(std::bit_cast<std::uint64_t>(cell.final_loss),
                std::bit_cast<std::uint64_t>(t.last().loss))
          << where;
      EXPECT_EQ(cell.last_step, t.last().step) << where;
      EXPECT_EQ(cell.diverged_at, t.status == RunStatus::diverged ? t.ended_at_step : std::nullopt)
          << where;
      std::optional<long> reached;
      for (const StepRecord& r : t.records) {
        if (r.loss < request.tolerance) {
          reached = r.step;
          break;
        }
      }
      EXPECT_EQ(cell.reached_at, reached) << where;
    }
  }
}

TEST(Sweep, CellsEqualRunsBitForBit) {
  const SweepRequest request = lr_momentum_request();
  const SweepResult result = run_sweep(request, catalogue_surface, 2);
  ASSERT_EQ(result.tables.size(), 2u);
  ASSERT_EQ(result.tables[0].cells.size(), 63u);
  // The grid reaches both outcomes, so the comparison covers divergence.
  const auto& cells = result.tables[0].cells;
  EXPECT_TRUE(std::any_of(cells.begin(), cells.end(),
                          [](const SweepCell& c) { return c.status == RunStatus::diverged; }));
  EXPECT_TRUE(
      std::any_of(cells.begin(), cells.end(), [](const SweepCell& c) { return c.reached_at; }));
  expect_cells_match_runs(request, result);
}

TEST(Sweep, AdamFamilyCellsEqualRuns) {
  SweepRequest request;
  request.experiment.steps = 50;
  request.experiment.optimizers = {parse_optimizer_entry("adam:amsgrad=true"),
                                   parse_optimizer_entry("adamw"), parse_optimizer_entry("adamax"),
                                   parse_optimizer_entry("lion")};
  request.axes = {parse_sweep_axis("lr=0.001:3:8:log"), parse_sweep_axis("beta1=0:0.99:6")};
  const SweepResult result = run_sweep(request, catalogue_surface, 2);
  expect_cells_match_runs(request, result);
}

TEST(Sweep, OtherRulesCellsEqualRuns) {
  SweepRequest request;
  request.experiment.surface = "rosenbrock";
  request.experiment.steps = 80;
  request.experiment.optimizers = {
      parse_optimizer_entry("adagrad:lr_decay=0.01,initial_accumulator_value=0.1"),
      parse_optimizer_entry("adadelta:weight_decay=0.1"), parse_optimizer_entry("nesterov"),
      parse_optimizer_entry("gd:maximize=true")};
  request.axes = {parse_sweep_axis("lr=1e-5:2:11:log")};
  const SweepResult result = run_sweep(request, catalogue_surface, 2);
  expect_cells_match_runs(request, result);
}

TEST(Sweep, CellsWithScheduleAndNoiseEqualRuns) {
  SweepRequest request;
  request.experiment.steps = 40;
  request.experiment.schedule = "onecycle";
  request.experiment.noise = 0.3;
  request.experiment.seed = 9;
  request.experiment.optimizers = {parse_optimizer_entry("rmsprop:centered=true"),
                                   parse_optimizer_entry("nadam"), parse_optimizer_entry("radam")};
  request.axes = {parse_sweep_axis("lr=0.001:0.3:5:log")};
  const SweepResult result = run_sweep(request, catalogue_surface, 1);
  expect_cells_match_runs(request, result);
}

TEST(Sweep, StartGridCellsEqualRunsAndFindBasins) {
  SweepRequest request;
  request.experiment.surface = "himmelblau";
  request.experiment.steps = 200;
  request.experiment.optimizers = {parse_optimizer_entry("gd:lr=0.01")};
  request.axes = {parse_sweep_axis("x=-4:4:9"), parse_sweep_axis("y=-4:4:9")};
  const SweepResult result = run_sweep(request, catalogue_surface, 2);
  expect_cells_match_runs(request, result);
  std::set<int> basins;
  for (const SweepCell& cell : result.tables[0].cells) {
    basins.insert(cell.basin);
  }
  // Himmelblau has four minima, and gradient descent from a 9 x 9 grid
  // finds all of them.
  EXPECT_EQ(basins.count(0) + basins.count(1) + basins.count(2) + basins.count(3), 4u);
}

TEST(Sweep, ResultDoesNotDependOnThreadsOrShards) {
  const SweepRequest request = lr_momentum_request();
  const SweepResult one = run_sweep(request, catalogue_surface, 1);
  const SweepResult two = run_sweep(request, catalogue_surface, 2);
  ASSERT_EQ(one.tables[1].cells.size(), two.tables[1].cells.size());
  for (std::size_t c = 0; c < one.tables[1].cells.size(); ++c) {
    EXPECT_EQ(one.tables[1].cells[c].final_position, two.tables[1].cells[c].final_position);
  }

  SweepRequest sharded = request;
  sharded.shard = {1, 3};
  const SweepResult part = run_sweep(sharded, catalogue_surface, 2);
  ASSERT_EQ(part.tables[0].cells.size(), 21u);
  for (const SweepCell& cell : part.tables[0].cells) {
    EXPECT_EQ(cell.index % 3, 1);
    EXPECT_EQ(cell.final_position,
              one.tables[0].cells[static_cast<std::size_t>(cell.index)].final_position);
  }
}

TEST(SweepAxis, ParsesGrids) {
  const SweepAxis lr = parse_sweep_axis("lr=1e-4:1:5:log");
  ASSERT_EQ(lr.values.size(), 5u);
  EXPECT_EQ(lr.values.front(), 1e-4);
  EXPECT_EQ(lr.values.back(), 1.0);
  EXPECT_NEAR(lr.values[2], 1e-2, 1e-15);
  EXPECT_TRUE(lr.log_scale);
  const SweepAxis x = parse_sweep_axis("x=-3:3:7");
  EXPECT_EQ(x.values[3], 0.0);
  EXPECT_TRUE(x.is_start_coordinate());
}

TEST(SweepAxis, Errors) {
  const auto message = [](const std::string& text) {
    try {
      parse_sweep_axis(text);
    } catch (const UsageError& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(message("lr"),
            "axis 'lr' is invalid; write KEY=FROM:TO:COUNT[:log], such as "
            "lr=1e-4:1:64:log or x=-3:3:101");
  EXPECT_EQ(message("lr=0:1:5:log"),
            "axis 'lr=0:1:5:log' is logarithmic, so FROM and TO must be positive");
  EXPECT_EQ(message("lr=0.1:1:0"), "axis 'lr=0.1:1:0' has 0 values; use 1 to 4096");
  EXPECT_EQ(message("lr=0.1:1:5:cubic"),
            "axis 'lr=0.1:1:5:cubic' ends in 'cubic'; write log or linear");
  EXPECT_THROW(parse_shard("3/3"), UsageError);
  EXPECT_THROW(parse_shard("a/3"), UsageError);
  EXPECT_EQ(parse_shard("2/5").index, 2);
}

TEST(Sweep, UnknownAxisKeyIsUsageError) {
  SweepRequest request;
  request.experiment.optimizers = {parse_optimizer_entry("adam")};
  request.axes = {parse_sweep_axis("momentum=0:0.9:3")};
  try {
    run_sweep(request, catalogue_surface, 1);
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("adam: unknown hyperparameter 'momentum'"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace optiscope
