#include "run_command.hpp"

#include <fmt/core.h>

#include <charconv>
#include <filesystem>

#include "optiscope/core/error.hpp"
#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/core/scenario.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/io/paths_csv.hpp"
#include "optiscope/render/path_map.hpp"
#include "summary.hpp"

namespace optiscope::cli {
namespace fs = std::filesystem;

namespace {

Vec2 parse_start(const std::string& text) {
  const std::size_t comma = text.find(',');
  const auto fail = [&]() -> Vec2 {
    throw UsageError("--start '" + text +
                     "' is invalid; write two numbers X,Y without spaces, such as "
                     "--start -1.5,2.5");
  };
  if (comma == std::string::npos) {
    return fail();
  }
  const auto x = parse_real(std::string_view(text).substr(0, comma));
  const auto y = parse_real(std::string_view(text).substr(comma + 1));
  if (!x || !y) {
    return fail();
  }
  return {*x, *y};
}

long parse_steps(const std::string& text) {
  long steps = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), steps);
  if (error != std::errc() || end != text.data() + text.size() || steps < 1 || steps > kMaxSteps) {
    throw UsageError("--steps '" + text + "' is invalid; it must be a whole number from 1 to " +
                     std::to_string(kMaxSteps) + ", such as 100");
  }
  return steps;
}

Scenario build_scenario(const RunOptions& options) {
  Scenario scenario = reference_scenario();
  if (!options.start.empty()) {
    scenario.start = parse_start(options.start);
  }
  if (!options.steps.empty()) {
    scenario.run.steps = parse_steps(options.steps);
  }
  if (!options.optimizer_specs.empty()) {
    scenario.optimizers.clear();
    for (const std::string& spec : options.optimizer_specs) {
      scenario.optimizers.push_back(parse_optimizer_spec(spec));
    }
  }
  make_labels_unique(scenario.optimizers);
  return scenario;
}

}  // namespace

CLI::App* add_run_command(CLI::App& app, RunOptions& options) {
  CLI::App* run = app.add_subcommand(
      "run", "Run optimizers on the surface, write optimizer-paths.csv and figures");
  run->add_option("--start", options.start,
                  "start point X,Y (default 2.2,-2.0); negative values work: --start -1.5,2.5")
      ->allow_extra_args(false);
  run->add_option("--steps", options.steps, "number of optimizer steps (default 100)");
  run->add_option("--optimizer", options.optimizer_specs,
                  "NAME[:key=value,...], repeatable, with PyTorch's hyperparameter names and "
                  "an optional label=TEXT, e.g. adam:lr=0.05,beta2=0.99; replaces the default "
                  "gd, momentum and adam")
      ->allow_extra_args(false);
  run->add_option("--out", options.out_dir, "output directory (default out)");
  run->add_option("--csv", options.csv_path, "path of the CSV (default OUT/optimizer-paths.csv)");
  run->add_flag("--no-figures", options.no_figures, "write the CSV only");
  add_figure_options(run, options.figures);
  run->add_flag("--quiet", options.quiet, "print nothing unless an error occurs");
  return run;
}

void execute_run(const RunOptions& options) {
  const Scenario scenario = build_scenario(options);
  const FigurePlan plan = plan_figures(options.figures, scenario.run.steps);
  const std::vector<OptimizerResult> results = run_scenario(scenario);

  const fs::path out_dir = options.out_dir;
  const fs::path csv_path =
      options.csv_path.empty() ? out_dir / "optimizer-paths.csv" : fs::path(options.csv_path);
  if (csv_path.has_parent_path()) {
    io::prepare_output_directory(csv_path.parent_path());
  }
  io::write_paths_csv(csv_path, results);

  std::vector<fs::path> written = {csv_path};
  if (!options.no_figures) {
    for (const fs::path& path : write_planned_figures(out_dir, plan, *scenario.surface,
                                                      scenario.start, scenario.run.steps,
                                                      results)) {
      written.push_back(path);
    }
  }

  if (!options.quiet) {
    print_summary(scenario, results);
    for (const fs::path& path : written) {
      fmt::print("wrote {}\n", path.string());
    }
  }
}

}  // namespace optiscope::cli
