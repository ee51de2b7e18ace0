#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace optiscope::cli {

/// Options of `optiscope list`.
struct ListOptions {
  std::string topic;
  std::string name;
};

/// Declares the `list` subcommand on `app`.
CLI::App* add_list_command(CLI::App& app, ListOptions& options);

/// Prints the catalogue the options ask for. Throws UsageError for an
/// unknown topic or name.
void execute_list(const ListOptions& options);

}  // namespace optiscope::cli
