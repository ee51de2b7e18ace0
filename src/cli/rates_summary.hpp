#pragma once

#include <string>
#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope::cli {

/// Formats the theory check of `optiscope run`. On a quadratic surface
/// (constant Hessian) it gives the eigenvalues and condition number,
/// gradient descent's stable and best lr and heavy ball's best pair.
/// Without gradient noise it adds, for every SGD-family run with a constant
/// lr, the predicted contraction rate next to the rate measured on its
/// path. On another surface with known minimizers it analyses the local
/// quadratic model at the minimizer nearest to where the first run ended.
/// Returns an empty string otherwise.
std::string format_rates_summary(const Scenario& scenario,
                                 const std::vector<OptimizerResult>& results);

}  // namespace optiscope::cli
