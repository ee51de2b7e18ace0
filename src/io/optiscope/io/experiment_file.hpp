#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "optiscope/core/experiment.hpp"

namespace optiscope::io {

/// Where and what `optiscope run` writes.
struct OutputSettings {
  std::string dir = "out";
  /// The CSV path; empty means DIR/optimizer-paths.csv.
  std::string csv;
  bool figures = true;

  /// Returns the CSV path after applying the default.
  std::filesystem::path csv_path() const;
  /// Returns the path of the resolved experiment: the CSV path with the
  /// extension .toml.
  std::filesystem::path resolved_experiment_path() const;
};

/// An experiment file: what to run and where to write it.
struct ExperimentFile {
  Experiment experiment;
  OutputSettings output;
};

/// Reads an experiment written in TOML (toml++). Every key is checked:
/// unknown keys and values of the wrong type are errors, not ignored.
/// Hyperparameters and schedules are validated here, so a message can name
/// the file, line and column, the key, and the fix. Throws UsageError, or
/// RuntimeFailure when the file cannot be read.
ExperimentFile read_experiment_file(const std::filesystem::path& path);

/// Formats the fully resolved experiment as TOML: every default filled in,
/// every optimizer with all its hyperparameters and its schedule, and the
/// optiscope version. Running optiscope on it reproduces the same CSV byte
/// for byte.
std::string format_resolved_experiment(const Scenario& scenario, const OutputSettings& output,
                                       std::string_view version);

}  // namespace optiscope::io
