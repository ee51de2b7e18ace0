#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "optiscope/core/experiment.hpp"
#include "optiscope/core/sweep.hpp"

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

/// The [sweep] table of an experiment file, read by `optiscope sweep`.
struct SweepSection {
  bool present = false;
  /// Axes as KEY=FROM:TO:COUNT[:log], as for --axis.
  std::vector<std::string> axes;
  double tolerance = 1e-6;
  /// I/N, as for --shard; empty for the whole sweep.
  std::string shard;
};

/// An experiment file: what to run and where to write it.
struct ExperimentFile {
  Experiment experiment;
  OutputSettings output;
  SweepSection sweep;
};

/// Reads an experiment written in TOML (toml++). Every key is checked:
/// unknown keys and values of the wrong type are errors, not ignored.
/// Hyperparameters and schedules are validated here, so a message can name
/// the file, line and column, the key, and the fix. Throws UsageError, or
/// RuntimeFailure when the file cannot be read.
ExperimentFile read_experiment_file(const std::filesystem::path& path);

/// Formats the fully resolved experiment as TOML: every default filled in,
/// every optimizer with all its hyperparameters and its schedule, and the
/// optiscope version. Running `optiscope COMMAND` on it reproduces the same
/// CSV byte for byte.
std::string format_resolved_experiment(const Scenario& scenario, const OutputSettings& output,
                                       std::string_view version, std::string_view command = "run");

/// Formats the resolved experiment of a sweep: the experiment as
/// format_resolved_experiment writes it, then a [sweep] table with the axes,
/// tolerance and shard. `optiscope sweep` on it reproduces the sweep's CSV
/// byte for byte.
std::string format_resolved_sweep(const SweepResult& result, const OutputSettings& output,
                                  std::string_view version);

}  // namespace optiscope::io
