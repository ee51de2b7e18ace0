#pragma once

#include <string>
#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope::cli {

/// The loss below which the summary calls a run close to the minimum.
inline constexpr double kReachedLoss = 1e-6;

/// Formats the results table: optimizer, final x and y, final loss, the
/// first step with loss below kReachedLoss, and status.
std::string format_results_table(const std::vector<OptimizerResult>& results);

/// Formats the hand check of the first step of the first optimizer: the
/// gradient at the start, the new point and the loss before and after, to
/// six decimals, with the arithmetic written out for plain gradient descent.
std::string format_hand_check(const Scenario& scenario,
                              const std::vector<OptimizerResult>& results);

/// Prints the scenario line, the table, the hand check and divergence notes.
void print_summary(const Scenario& scenario, const std::vector<OptimizerResult>& results);

}  // namespace optiscope::cli
