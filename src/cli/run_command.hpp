#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "figure_options.hpp"
#include "optiscope/io/experiment_file.hpp"

namespace optiscope::cli {

/// Options of `optiscope run`, as typed on the command line. Numbers stay
/// text until execute_run parses them, so that errors can quote them. An
/// empty field was not given and leaves the experiment file's value.
struct RunOptions {
  std::string experiment_file;
  std::string surface;
  std::string start;
  std::string steps;
  std::vector<std::string> optimizer_specs;
  std::string schedule;
  std::string noise;
  std::string seed;
  std::string repeats;
  std::string out_dir;
  std::string csv_path;
  bool no_figures = false;
  FigureOptions figures;
  bool quiet = false;
};

/// Declares the options that describe an experiment (the experiment file,
/// --surface, --start, --steps, --optimizer, --schedule, --noise, --seed and
/// --repeats) on `command`. `run`, `app` and `serve` share them.
void add_experiment_options(CLI::App* command, RunOptions& options);

/// Reads the experiment file, if one is given, and applies the options on
/// top of it. Throws optiscope::Error on bad input.
io::ExperimentFile load_experiment(const RunOptions& options);

/// Declares the `run` subcommand and its options on `app`.
CLI::App* add_run_command(CLI::App& app, RunOptions& options);

/// Runs the scenario the options describe, writes the CSV, the resolved
/// experiment and the figures, and prints the summary. Throws
/// optiscope::Error on bad input or failed output.
void execute_run(const RunOptions& options, const std::string& version);

}  // namespace optiscope::cli
