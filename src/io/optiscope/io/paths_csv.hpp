#pragma once

#include <filesystem>
#include <vector>

#include "optiscope/core/paths_csv.hpp"
#include "optiscope/core/scenario.hpp"

namespace optiscope::io {

// The formatting lives in core, without file I/O, so that the WebAssembly
// build compiles the same code; these keep the io:: names working.
using optiscope::format_paths_csv;
using optiscope::kPathsCsvHeader;

/// Writes format_paths_csv to `path` atomically.
void write_paths_csv(const std::filesystem::path& path,
                     const std::vector<OptimizerResult>& results);

}  // namespace optiscope::io
