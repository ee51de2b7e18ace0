#pragma once

#include <memory>
#include <vector>

#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/runner.hpp"
#include "optiscope/core/surface.hpp"

namespace optiscope {

/// Everything one comparison needs: a surface, a start, a run length and
/// the optimizers to compare.
struct Scenario {
  std::shared_ptr<const Surface> surface;
  /// The specification the surface was made from, such as "quadratic".
  std::string surface_spec = "quadratic";
  Vec2 start;
  /// Steps, divergence bound and noise; each optimizer's schedule is set
  /// from its OptimizerChoice when the scenario runs.
  RunSettings run;
  std::vector<OptimizerChoice> optimizers;
  /// How many times to run every optimizer, each time with the next noise
  /// stream of the seed. Without noise every repeat is the same.
  long repeats = 1;
};

/// The reference scenario: the reference quadratic from (2.2, -2.0) for 100
/// steps with gd (lr 0.08), momentum (lr 0.08, momentum 0.9) and adam
/// (lr 0.1, betas 0.9 and 0.999, eps 1e-8).
Scenario reference_scenario();

/// The optimizer specifications of the reference scenario.
std::vector<std::string> reference_optimizer_specs();

/// One optimizer's finished run within a scenario.
struct OptimizerResult {
  OptimizerChoice choice;
  Trajectory trajectory;
  long repeat = 0;
};

/// Runs every optimizer of the scenario from its start, repeat by repeat:
/// all optimizers of repeat 0, then of repeat 1, and so on.
std::vector<OptimizerResult> run_scenario(const Scenario& scenario);

}  // namespace optiscope
