// Sweep and single-path throughput. The reported counters are cell-steps
// per second (sweeps) and steps per second (single paths); compare them
// with scripts/compare_sweep_speed.py, which times PyTorch and NumPy on the
// same work.

#include <benchmark/benchmark.h>

#include "optiscope/core/surfaces/catalogue.hpp"
#include "optiscope/core/sweep.hpp"

namespace {

using optiscope::parse_optimizer_entry;
using optiscope::parse_sweep_axis;

std::shared_ptr<const optiscope::Surface> catalogue(std::string_view spec) {
  return optiscope::make_surface(spec);
}

// Adam on the reference quadratic over an lr x beta1 grid of size^2 cells,
// 200 steps each: the comparison the benchmarks page records.
void AdamSweep(benchmark::State& state) {
  const long size = state.range(0);
  const unsigned threads = static_cast<unsigned>(state.range(1));
  optiscope::SweepRequest request;
  request.experiment.steps = 200;
  request.experiment.optimizers = {parse_optimizer_entry("adam")};
  request.axes = {parse_sweep_axis("lr=1e-3:1:" + std::to_string(size) + ":log"),
                  parse_sweep_axis("beta1=0:0.99:" + std::to_string(size))};
  for (auto _ : state) {
    benchmark::DoNotOptimize(optiscope::run_sweep(request, catalogue, threads));
  }
  state.counters["cell_steps_per_second"] = benchmark::Counter(
      static_cast<double>(size * size * 200), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(AdamSweep)->Args({256, 1})->Args({256, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

// One Adam path of 100000 steps through run_scenario, recording every step.
void AdamSinglePath(benchmark::State& state) {
  optiscope::Experiment experiment;
  experiment.steps = 100000;
  experiment.optimizers = {parse_optimizer_entry("adam:lr=0.01")};
  const optiscope::Scenario scenario = optiscope::resolve_experiment(experiment, catalogue);
  for (auto _ : state) {
    benchmark::DoNotOptimize(optiscope::run_scenario(scenario));
  }
  state.counters["steps_per_second"] = benchmark::Counter(
      static_cast<double>(experiment.steps), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(AdamSinglePath)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
