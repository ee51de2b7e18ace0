#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope::io {

/// The columns of optimizer-paths.csv, in order. Later versions may append
/// columns but never reorder or remove these.
inline constexpr const char* kPathsCsvHeader =
    "optimizer,step,x,y,loss,grad_x,grad_y,lr,repeat";

/// Renders the paths as CSV text in long format: one row per optimizer per
/// recorded step, optimizers in the given order within each repeat. The lr
/// of step 0 is empty; `repeat` numbers the noise stream from 0.
std::string format_paths_csv(const std::vector<OptimizerResult>& results);

/// Writes format_paths_csv to `path` atomically.
void write_paths_csv(const std::filesystem::path& path,
                     const std::vector<OptimizerResult>& results);

}  // namespace optiscope::io
