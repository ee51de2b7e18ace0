#pragma once

#include <optional>

#include "optiscope/core/runner.hpp"

namespace optiscope {

/// Returns the first recorded step whose loss is below `threshold`, or
/// nothing when the trajectory never gets there.
std::optional<long> first_step_below(const Trajectory& trajectory, double threshold);

}  // namespace optiscope
