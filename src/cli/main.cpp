// optiscope: watch optimizers move on a loss surface.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "app_command.hpp"
#include "check_command.hpp"
#include "list_command.hpp"
#include "optiscope/core/error.hpp"
#include "plot_command.hpp"
#include "run_command.hpp"
#include "sweep_command.hpp"
#include "tune_command.hpp"

#ifndef OPTISCOPE_VERSION
#error "OPTISCOPE_VERSION must be defined by the build"
#endif

namespace {

constexpr int kUsageExitCode = 2;

// Runs the command line and maps every error to an exit code: 0 for
// success, help and version, 2 for usage errors, 1 for runtime failures.
int run_main(int argc, char** argv) {
  CLI::App app{"optiscope: watch optimizers move on a loss surface", "optiscope"};
  app.set_version_flag("--version", std::string("optiscope ") + OPTISCOPE_VERSION);
  app.require_subcommand(1);

  optiscope::cli::RunOptions run_options;
  optiscope::cli::ListOptions list_options;
  CLI::App* run = optiscope::cli::add_run_command(app, run_options);
  CLI::App* list = optiscope::cli::add_list_command(app, list_options);
  optiscope::cli::PlotOptions plot_options;
  CLI::App* plot = optiscope::cli::add_plot_command(app, plot_options);
  optiscope::cli::CheckOptions check_options;
  CLI::App* check = optiscope::cli::add_check_command(app, check_options);
  optiscope::cli::AppOptions app_options;
  CLI::App* app_command = optiscope::cli::add_app_command(app, app_options);
  optiscope::cli::ServeOptions serve_options;
  CLI::App* serve = optiscope::cli::add_serve_command(app, serve_options);
  optiscope::cli::TuneOptions tune_options;
  CLI::App* tune = optiscope::cli::add_tune_command(app, tune_options);
  optiscope::cli::SweepOptions sweep_options;
  CLI::App* sweep = optiscope::cli::add_sweep_command(app, sweep_options);
  optiscope::cli::MergeOptions merge_options;
  CLI::App* merge = optiscope::cli::add_merge_command(app, merge_options);

  if (argc <= 1) {
    fmt::print(stderr, "{}\noptiscope: error: a command is required; start with 'optiscope run'\n",
               app.help());
    return kUsageExitCode;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    fmt::print(stderr,
               "optiscope: error: {}\nRun 'optiscope --help' or 'optiscope run --help' "
               "for usage.\n",
               error.what());
    return kUsageExitCode;
  }

  try {
    if (run->parsed()) {
      optiscope::cli::execute_run(run_options, OPTISCOPE_VERSION);
    } else if (list->parsed()) {
      optiscope::cli::execute_list(list_options);
    } else if (plot->parsed()) {
      optiscope::cli::execute_plot(plot_options);
    } else if (check->parsed()) {
      return optiscope::cli::execute_check(check_options);
    } else if (app_command->parsed()) {
      optiscope::cli::execute_app(app_options);
    } else if (serve->parsed()) {
      optiscope::cli::execute_serve(serve_options);
    } else if (tune->parsed()) {
      optiscope::cli::execute_tune(tune_options, OPTISCOPE_VERSION);
    } else if (sweep->parsed()) {
      optiscope::cli::execute_sweep(sweep_options, OPTISCOPE_VERSION);
    } else if (merge->parsed()) {
      optiscope::cli::execute_merge(merge_options, OPTISCOPE_VERSION);
    }
  } catch (const optiscope::Error& error) {
    fmt::print(stderr, "optiscope: error: {}\n", error.what());
    return error.exit_code();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::exception& error) {
    // Anything else is a bug; report it instead of aborting silently.
    std::fprintf(stderr, "optiscope: internal error: %s\n", error.what());
    return 1;
  }
}
