#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace optiscope::cli {

/// Options of `optiscope check`, as typed. Numbers stay text until
/// execute_check parses them, so that errors can quote them.
struct CheckOptions {
  std::string surface = "quadratic";
  std::string gradient;
  std::string points;
  std::string seed;
};

/// Declares the `check` subcommand on `app`.
CLI::App* add_check_command(CLI::App& app, CheckOptions& options);

/// Compares derivatives at seeded points of the surface's view and prints
/// the result. Returns the exit code: 0 when they agree within tolerance,
/// 1 when they do not. Throws UsageError for bad input.
int execute_check(const CheckOptions& options);

}  // namespace optiscope::cli
