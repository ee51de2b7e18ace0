#pragma once

#include <vector>

#include "optiscope/core/optimizer.hpp"
#include "optiscope/core/runner.hpp"

namespace optiscope {

/// Replays the first `steps` updates of `trajectory` with a fresh run of
/// `optimizer` and returns the optimizer's state after them. Each update is
/// fed the recorded position, gradient and learning rate, which are all an
/// update depends on, so the state is the one the original run had, even for
/// a trajectory read back from a CSV. Replays fewer updates when the
/// trajectory is shorter; the state is empty for `steps` <= 0.
std::vector<StateEntry> replay_state(const Optimizer& optimizer, const Trajectory& trajectory,
                                     long steps);

}  // namespace optiscope
