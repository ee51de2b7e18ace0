#pragma once

#include <cstddef>
#include <vector>

#include "optiscope/core/experiment.hpp"
#include "optiscope/core/optimizer.hpp"
#include "optiscope/core/scenario.hpp"

namespace optiscope::web {

/// The number of doubles lab_session writes per recorded step: x, y, loss,
/// grad_x, grad_y and lr (NaN at step 0, which has no lr).
inline constexpr std::size_t kValuesPerStep = 6;

/// The computing side of the browser page: one resolved experiment, rerun
/// whenever the start point moves. It only calls core, so the page's paths
/// and CSV are those of `optiscope run` with the same experiment.
class LabSession {
 public:
  /// Validates `experiment` with resolve_experiment and keeps its scenario.
  /// Throws UsageError (FormulaError for a formula) and keeps the previous
  /// scenario then.
  void configure(const Experiment& experiment);

  /// Moves the start point without resolving the experiment again, which
  /// keeps dragging cheap. The next run() uses it.
  void set_start(Vec2 start);

  /// Runs every optimizer of every repeat and flattens the records. Throws
  /// UsageError when the start has no finite loss and gradient.
  void run();

  bool configured() const { return scenario_.surface != nullptr; }
  const Scenario& scenario() const { return scenario_; }
  const std::vector<OptimizerResult>& results() const { return results_; }

  /// The records of result `index` as kValuesPerStep doubles per step.
  const std::vector<double>& path_values(std::size_t index) const { return values_.at(index); }

  /// Returns the optimizer state of result `index` after `step` updates.
  std::vector<StateEntry> state_at(std::size_t index, long step) const;

 private:
  Scenario scenario_;
  std::vector<OptimizerResult> results_;
  std::vector<std::vector<double>> values_;
};

/// Returns the state of `optimizer` after `steps` updates of `trajectory`,
/// which ran with `noise` as repeat `repeat`. replay_state feeds the
/// recorded gradients, which are exact, but under noise the optimizer saw
/// noisy ones. So this draws the noise sequence run_optimizer drew (one
/// pair per update from stream `repeat` of the seed) and adds it first.
std::vector<StateEntry> replay_state_with_noise(const Optimizer& optimizer,
                                                const Trajectory& trajectory, long steps,
                                                const NoiseSettings& noise, long repeat);

}  // namespace optiscope::web
