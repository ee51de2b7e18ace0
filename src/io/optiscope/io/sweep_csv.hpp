#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/sweep.hpp"

namespace optiscope::io {

/// Returns the header of a sweep CSV: optimizer, cell, one column per axis
/// (named by its key), then final_x, final_y, final_loss, last_step,
/// status, diverged_at, reached_at and basin.
std::string sweep_csv_header(const std::vector<SweepAxis>& axes);

/// Formats the result as CSV: one row per cell, optimizers in order, cells
/// by index. Empty fields mean "none" (no divergence, tolerance not
/// reached); basin is -1 when the final point is near no minimizer.
std::string format_sweep_csv(const SweepResult& result);

/// Joins the CSV texts of shards of one sweep into the CSV of the whole
/// sweep, which equals the single-process CSV byte for byte. `labels` gives
/// the optimizer order and `cell_count` the number of cells per optimizer.
/// Throws UsageError when the headers differ or a cell is missing or
/// repeated, naming the shard (by its position in `sources`) and the cell.
std::string merge_sweep_csv(const std::vector<std::string>& texts,
                            const std::vector<std::string>& sources,
                            const std::vector<std::string>& labels, long cell_count);

}  // namespace optiscope::io
