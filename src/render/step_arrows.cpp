#include "optiscope/render/step_arrows.hpp"

#include <cmath>
#include <optional>
#include <string_view>

#include "optiscope/core/replay.hpp"

namespace optiscope::render {
namespace {

std::optional<double> find_hyperparameter(const Optimizer& optimizer, std::string_view key) {
  for (const auto& [name, value] : optimizer.hyperparameters().values()) {
    if (name == key) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<Vec2> find_state(const std::vector<StateEntry>& state, std::string_view name) {
  for (const StateEntry& entry : state) {
    if (entry.name == name) {
      return entry.value;
    }
  }
  return std::nullopt;
}

// The state direction for the update out of step `step`: the velocity that
// momentum carries into it, or Adam's averaged gradient used by it.
std::optional<Vec2> state_direction(const OptimizerResult& result, long step, double lr) {
  const Optimizer& optimizer = *result.choice.optimizer;
  const Trajectory& trajectory = result.trajectory;

  const std::optional<double> momentum = find_hyperparameter(optimizer, "momentum");
  if (momentum && *momentum > 0.0) {
    const std::optional<Vec2> buffer =
        find_state(replay_state(optimizer, trajectory, step), "momentum_buffer");
    if (buffer) {
      return (-lr * *momentum) * *buffer;
    }
    return std::nullopt;
  }

  const std::optional<double> beta1 = find_hyperparameter(optimizer, "beta1");
  if (beta1) {
    const std::optional<Vec2> average =
        find_state(replay_state(optimizer, trajectory, step + 1), "exp_avg");
    if (average) {
      const double correction = 1.0 - std::pow(*beta1, static_cast<double>(step + 1));
      return (-lr / correction) * *average;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<StepArrow> step_arrows(const OptimizerResult& result, long step) {
  const auto& records = result.trajectory.records;
  if (step < 0 || step + 1 >= static_cast<long>(records.size())) {
    return {};
  }
  const StepRecord& here = records[static_cast<std::size_t>(step)];
  const StepRecord& next = records[static_cast<std::size_t>(step + 1)];
  const double lr = next.lr.value_or(result.choice.optimizer->lr());

  std::vector<StepArrow> arrows;
  arrows.push_back({ArrowKind::gradient_step, here.position, here.position - lr * here.gradient});
  if (const std::optional<Vec2> direction = state_direction(result, step, lr)) {
    arrows.push_back({ArrowKind::state, here.position, here.position + *direction});
  }
  arrows.push_back({ArrowKind::update, here.position, next.position});
  return arrows;
}

}  // namespace optiscope::render
