#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "figure_options.hpp"
#include "optiscope/io/paths_csv_reader.hpp"

namespace optiscope::cli {

/// Options of `optiscope plot`, as typed on the command line.
struct PlotOptions {
  std::string csv_path;
  std::string out_dir;
  std::vector<std::string> optimizer_specs;
  std::string steps;
  std::string surface;
  FigureOptions figures;
  bool quiet = false;
};

/// Declares the `plot` subcommand and its options on `app`.
CLI::App* add_plot_command(CLI::App& app, PlotOptions& options);

/// Turns the paths of repeat 0 into results on `surface`. A path's label
/// names its optimizer: a label from `option_choices` (the --optimizer options), or
/// without them a catalogue name, optionally with a suffix such as adam-2,
/// with catalogue defaults and the lr of its first update. A path that ends
/// before `steps` diverged after its last row. Throws UsageError naming the
/// line and column of an unknown label or of a loss that does not match the
/// surface.
std::vector<OptimizerResult> results_from_csv(const io::PathsCsv& csv,
                                              const std::vector<OptimizerChoice>& option_choices,
                                              long steps, const Surface& surface);

/// Reads the CSV, draws the figures the options ask for and prints the
/// files written. Throws optiscope::Error on bad input or failed output.
void execute_plot(const PlotOptions& options);

}  // namespace optiscope::cli
