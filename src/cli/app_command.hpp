#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "optiscope/core/experiment.hpp"
#include "run_command.hpp"

namespace optiscope::cli {

/// Options of `optiscope app`: the experiment, as for `run`, and where to
/// write the page.
struct AppOptions {
  RunOptions experiment;
  std::string out_dir = "out";
  /// The page's path; empty means OUT/optiscope.html.
  std::string html_path;
  bool quiet = false;
};

/// Options of `optiscope serve`.
struct ServeOptions {
  RunOptions experiment;
  std::string host = "127.0.0.1";
  int port = 8000;
  bool quiet = false;
};

CLI::App* add_app_command(CLI::App& app, AppOptions& options);
CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);

/// Writes the page preloaded with the experiment. Throws optiscope::Error
/// on bad input, a build without the page or an unwritable file.
void execute_app(const AppOptions& options);

/// Serves the page preloaded with the experiment until SIGINT or SIGTERM.
void execute_serve(const ServeOptions& options);

/// Formats the experiment in the page's URL fragment format (see
/// web/src/state.ts): surface, start when given, steps, each optimizer as
/// o<i>=NAME:key=value,... with its label in l<i> and its schedule in s<i>,
/// then the run's schedule, noise, seed and repeats when not the default.
std::string experiment_fragment(const Experiment& experiment);

}  // namespace optiscope::cli
