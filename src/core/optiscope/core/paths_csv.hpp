#pragma once

#include <string>
#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope {

/// The columns of optimizer-paths.csv, in order. Later versions may append
/// columns but never reorder or remove these.
inline constexpr const char* kPathsCsvHeader = "optimizer,step,x,y,loss,grad_x,grad_y,lr,repeat";

/// Quotes a CSV field only when RFC 4180 requires it (a comma, a double
/// quote or a line break), doubling the quotes inside.
std::string csv_field(const std::string& text);

/// Renders the paths as CSV text in long format: one row per optimizer per
/// recorded step, optimizers in the given order within each repeat. The lr
/// of step 0 is empty; `repeat` numbers the noise stream from 0. It is pure
/// string formatting, so the command line and the WebAssembly page produce
/// the same bytes from the same results.
std::string format_paths_csv(const std::vector<OptimizerResult>& results);

}  // namespace optiscope
