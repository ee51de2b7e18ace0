#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "run_command.hpp"

namespace optiscope::cli {

/// Options of `optiscope tune`: the experiment options shared with `run`
/// (the experiment's seed also seeds the search and the start points) and
/// the size of the search. Numbers stay text until execute_tune parses them.
struct TuneOptions {
  RunOptions experiment;
  std::string trials;
  std::string starts;
  std::string lr_range;
  std::string out_path;
  bool quiet = false;
};

/// Declares the `tune` subcommand on `app`.
CLI::App* add_tune_command(CLI::App& app, TuneOptions& options);

/// Tunes every optimizer with the same budget, prints the ranking with the
/// chosen settings and writes them as an experiment file that `optiscope
/// run` reruns. Throws optiscope::Error on bad input or failed output.
void execute_tune(const TuneOptions& options, const std::string& version);

}  // namespace optiscope::cli
