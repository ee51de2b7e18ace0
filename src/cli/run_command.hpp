#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "figure_options.hpp"

namespace optiscope::cli {

/// The largest --steps accepted: a million steps keep a trajectory under
/// 100 MB in memory and the CSV under about 150 MB per optimizer.
inline constexpr long kMaxSteps = 1'000'000;

/// Options of `optiscope run`, as typed on the command line. Numbers stay
/// text until execute_run parses them, so that errors can quote them.
struct RunOptions {
  std::string start;
  std::string steps;
  std::vector<std::string> optimizer_specs;
  std::string out_dir = "out";
  std::string csv_path;
  bool no_figures = false;
  FigureOptions figures;
  bool quiet = false;
};

/// Declares the `run` subcommand and its options on `app`.
CLI::App* add_run_command(CLI::App& app, RunOptions& options);

/// Runs the scenario the options describe, writes the CSV and figures and
/// prints the summary. Throws optiscope::Error on bad input or failed output.
void execute_run(const RunOptions& options);

}  // namespace optiscope::cli
