// Time to write optimizer-paths.gif and the still figures for the reference
// scenario. The animation of 100 frames at 800x600 should take under 3 s and
// stay under 5 MB; the file_MB counter reports its size.

#include <benchmark/benchmark.h>

#include <filesystem>

#include "optiscope/core/scenario.hpp"
#include "optiscope/render/animation.hpp"
#include "optiscope/render/figures.hpp"

namespace {
namespace fs = std::filesystem;
using namespace optiscope;

struct ReferenceRun {
  Scenario scenario = reference_scenario();
  std::vector<OptimizerResult> results = run_scenario(scenario);
  render::FigureInput input{scenario.surface.get(), scenario.start, scenario.run.steps, &results};
};

fs::path bench_directory() {
  const fs::path directory = fs::temp_directory_path() / "optiscope-bench";
  fs::create_directories(directory);
  return directory;
}

// Arguments: frame count, width, height.
void BM_Animation(benchmark::State& state) {
  const ReferenceRun run;
  render::AnimationSettings settings;
  settings.frames = static_cast<int>(state.range(0));
  settings.size = {static_cast<int>(state.range(1)), static_cast<int>(state.range(2))};
  const fs::path gif = bench_directory() / "optimizer-paths.gif";
  for (auto _ : state) {
    render::write_animation(gif, run.input, settings);
  }
  state.counters["file_MB"] = static_cast<double>(fs::file_size(gif)) / 1e6;
}
BENCHMARK(BM_Animation)
    ->Args({100, 800, 600})
    ->Args({100, 1600, 1200})
    ->Unit(benchmark::kMillisecond);

// Arguments: the figure, as an index into kAllFigures; PNG only.
void BM_StillFigure(benchmark::State& state) {
  const ReferenceRun run;
  render::FigureSettings settings;
  settings.figures = {render::kAllFigures[state.range(0)]};
  settings.formats = {render::ImageFormat::png};
  for (auto _ : state) {
    render::write_figures(bench_directory(), run.input, settings);
  }
  state.SetLabel(std::string(render::figure_name(settings.figures[0])));
}
BENCHMARK(BM_StillFigure)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
