#include "optiscope/core/replay.hpp"

#include <algorithm>

namespace optiscope {

std::vector<StateEntry> replay_state(const Optimizer& optimizer, const Trajectory& trajectory,
                                     long steps) {
  const std::unique_ptr<OptimizerRun> run = optimizer.start();
  const long available = static_cast<long>(trajectory.records.size()) - 1;
  const long replayed = std::min(steps, available);
  for (long step = 1; step <= replayed; ++step) {
    const StepRecord& before = trajectory.records[static_cast<std::size_t>(step - 1)];
    const StepRecord& after = trajectory.records[static_cast<std::size_t>(step)];
    run->step(before.position, before.gradient, after.lr.value_or(optimizer.lr()));
  }
  return run->state();
}

}  // namespace optiscope
