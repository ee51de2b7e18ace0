// Typed formulas against hand-coded surfaces: Rosenbrock's value and
// gradient over a contour grid, batched and point by point.
// docs/benchmarks.md records the results and the command.

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "optiscope/core/formula/formula_surface.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"

namespace {

using optiscope::Surface;
using optiscope::Vec2;

constexpr int kGridSide = 256;

std::vector<Vec2> grid_points(const optiscope::Box& box) {
  std::vector<Vec2> points;
  points.reserve(kGridSide * kGridSide);
  for (int j = 0; j < kGridSide; ++j) {
    for (int i = 0; i < kGridSide; ++i) {
      points.push_back({box.x_min + (box.x_max - box.x_min) * i / (kGridSide - 1),
                        box.y_min + (box.y_max - box.y_min) * j / (kGridSide - 1)});
    }
  }
  return points;
}

std::unique_ptr<Surface> make(bool formula) {
  auto builtin = optiscope::make_surface("rosenbrock");
  if (!formula) {
    return builtin;
  }
  return std::make_unique<optiscope::FormulaSurface>(builtin->info().formula);
}

void values_and_gradients(benchmark::State& state, bool formula) {
  const auto surface = make(formula);
  const std::vector<Vec2> points = grid_points(surface->info().view);
  std::vector<double> values(points.size());
  std::vector<Vec2> gradients(points.size());
  for (auto _ : state) {
    surface->values_and_gradients(points, values, gradients);
    benchmark::DoNotOptimize(values.data());
    benchmark::DoNotOptimize(gradients.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(points.size()));
}

void values_only(benchmark::State& state, bool formula) {
  const auto surface = make(formula);
  const std::vector<Vec2> points = grid_points(surface->info().view);
  std::vector<double> values(points.size());
  for (auto _ : state) {
    surface->values(points, values);
    benchmark::DoNotOptimize(values.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(points.size()));
}

// One point at a time through the virtual calls, as the runner evaluates.
void point_by_point(benchmark::State& state, bool formula) {
  const auto surface = make(formula);
  const std::vector<Vec2> points = grid_points(surface->info().view);
  for (auto _ : state) {
    for (Vec2 p : points) {
      benchmark::DoNotOptimize(surface->value(p));
      benchmark::DoNotOptimize(surface->gradient(p));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(points.size()));
}

BENCHMARK_CAPTURE(values_and_gradients, builtin, false);
BENCHMARK_CAPTURE(values_and_gradients, formula, true);
BENCHMARK_CAPTURE(values_only, builtin, false);
BENCHMARK_CAPTURE(values_only, formula, true);
BENCHMARK_CAPTURE(point_by_point, builtin, false);
BENCHMARK_CAPTURE(point_by_point, formula, true);

}  // namespace

BENCHMARK_MAIN();
