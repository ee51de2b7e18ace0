#include "lab_session.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "optiscope/core/noise.hpp"
#include "optiscope/core/replay.hpp"

namespace optiscope::web {

void LabSession::configure(const Experiment& experiment) {
  Scenario resolved = resolve_experiment(experiment);
  scenario_ = std::move(resolved);
  results_.clear();
  values_.clear();
}

void LabSession::set_start(Vec2 start) { scenario_.start = start; }

void LabSession::run() {
  results_ = run_scenario(scenario_);
  values_.resize(results_.size());
  for (std::size_t i = 0; i < results_.size(); ++i) {
    std::vector<double>& values = values_[i];
    values.clear();
    values.reserve(results_[i].trajectory.records.size() * kValuesPerStep);
    for (const StepRecord& record : results_[i].trajectory.records) {
      values.push_back(record.position.x);
      values.push_back(record.position.y);
      values.push_back(record.loss);
      values.push_back(record.gradient.x);
      values.push_back(record.gradient.y);
      values.push_back(record.lr.value_or(std::numeric_limits<double>::quiet_NaN()));
    }
  }
}

std::vector<StateEntry> LabSession::state_at(std::size_t index, long step) const {
  const OptimizerResult& result = results_.at(index);
  return replay_state_with_noise(*result.choice.optimizer, result.trajectory, step,
                                 scenario_.run.noise, result.repeat);
}

std::vector<StateEntry> replay_state_with_noise(const Optimizer& optimizer,
                                                const Trajectory& trajectory, long steps,
                                                const NoiseSettings& noise, long repeat) {
  if (noise.sigma <= 0.0) {
    return replay_state(optimizer, trajectory, steps);
  }
  // NOTE: this mirrors the noise handling of run_optimizer in runner.cpp; a
  // change there must be made here too. The page's tests compare the
  // momentum buffer with the recorded steps to catch a mismatch.
  const std::unique_ptr<OptimizerRun> run = optimizer.start();
  GaussianSource source(noise.seed, static_cast<std::uint64_t>(repeat));
  const long available = static_cast<long>(trajectory.records.size()) - 1;
  const long replayed = std::min(steps, available);
  for (long step = 1; step <= replayed; ++step) {
    const StepRecord& before = trajectory.records[static_cast<std::size_t>(step - 1)];
    const StepRecord& after = trajectory.records[static_cast<std::size_t>(step)];
    const auto [noise_x, noise_y] = source.next_pair();
    const Vec2 gradient = before.gradient + noise.sigma * Vec2{noise_x, noise_y};
    run->step(before.position, gradient, after.lr.value_or(optimizer.lr()));
  }
  return run->state();
}

}  // namespace optiscope::web
