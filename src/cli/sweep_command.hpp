#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace optiscope::cli {

/// Options of `optiscope sweep`: the experiment options shared with `run`,
/// the axes and how to split the work.
struct SweepOptions {
  RunOptions experiment;
  std::vector<std::string> axes;
  std::string tolerance;
  std::string shard;
  std::string threads;
  std::string language;
};

/// Options of `optiscope merge`.
struct MergeOptions {
  std::vector<std::string> inputs;
  std::string out_dir;
  std::string csv_path;
  bool quiet = false;
};

/// Declares the `sweep` subcommand on `app`.
CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options);

/// Declares the `merge` subcommand on `app`.
CLI::App* add_merge_command(CLI::App& app, MergeOptions& options);

/// Runs the sweep, or this process's shard of it, and writes sweep.csv, the
/// resolved sweep (sweep.toml) and the figures. Under mpirun (when built
/// with OPTISCOPE_WITH_MPI) every rank computes one shard and rank 0 writes
/// the merged result. Throws optiscope::Error on bad input or failed output.
void execute_sweep(const SweepOptions& options, const std::string& version);

/// Joins shard CSVs of one sweep into the CSV of the whole sweep.
void execute_merge(const MergeOptions& options, const std::string& version);

}  // namespace optiscope::cli
