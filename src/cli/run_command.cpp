#include "run_command.hpp"

#include <fmt/core.h>

#include <charconv>
#include <filesystem>

#include "optiscope/core/error.hpp"
#include "optiscope/core/experiment.hpp"
#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/io/experiment_file.hpp"
#include "optiscope/io/paths_csv.hpp"
#include "summary.hpp"
#include "whole_number.hpp"

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

double parse_noise(const std::string& text) {
  const auto value = parse_real(text);
  if (!value || *value < 0.0) {
    throw UsageError("--noise '" + text +
                     "' is invalid; it must be a standard deviation >= 0, such as 0.5");
  }
  return *value;
}

// Applies the options that were given on top of the experiment file.
void apply_options(const RunOptions& options, io::ExperimentFile& file) {
  Experiment& e = file.experiment;
  if (!options.surface.empty()) {
    e.surface = options.surface;
  }
  if (!options.start.empty()) {
    e.start = parse_start(options.start);
  }
  if (!options.steps.empty()) {
    e.steps = parse_whole<long>("--steps", options.steps, 1, kMaxSteps, "100");
  }
  if (!options.optimizer_specs.empty()) {
    e.optimizers.clear();
    for (const std::string& spec : options.optimizer_specs) {
      e.optimizers.push_back(parse_optimizer_entry(spec));
    }
  }
  if (!options.schedule.empty()) {
    // A schedule on the command line applies to every optimizer.
    e.schedule = options.schedule;
    for (OptimizerEntry& entry : e.optimizers) {
      entry.schedule.clear();
    }
  }
  if (!options.noise.empty()) {
    e.noise = parse_noise(options.noise);
  }
  if (!options.seed.empty()) {
    e.seed = parse_whole<std::uint64_t>("--seed", options.seed, 0,
                                        std::numeric_limits<std::int64_t>::max(), "42");
  }
  if (!options.repeats.empty()) {
    e.repeats = parse_whole<long>("--repeats", options.repeats, 1, kMaxRepeats, "10");
  }
  if (!options.out_dir.empty()) {
    file.output.dir = options.out_dir;
    if (options.csv_path.empty()) {
      file.output.csv.clear();
    }
  }
  if (!options.csv_path.empty()) {
    file.output.csv = options.csv_path;
  }
  if (options.no_figures) {
    file.output.figures = false;
  }
}

std::vector<fs::path> write_outputs(const Scenario& scenario,
                                    const std::vector<OptimizerResult>& results,
                                    const io::OutputSettings& output, const std::string& version,
                                    const FigurePlan& plan) {
  const fs::path csv_path = output.csv_path();
  if (csv_path.has_parent_path()) {
    io::prepare_output_directory(csv_path.parent_path());
  }
  std::vector<fs::path> written;
  written.push_back(csv_path);
  io::write_paths_csv(csv_path, results);
  written.push_back(output.resolved_experiment_path());
  io::write_text_atomically(written.back(),
                            io::format_resolved_experiment(scenario, output, version));

  if (output.figures) {
    // NOTE: figures draw repeat 0 only; the CSV contains every repeat.
    std::vector<OptimizerResult> first_repeat;
    for (const OptimizerResult& result : results) {
      if (result.repeat == 0) {
        first_repeat.push_back(result);
      }
    }
    for (const fs::path& path :
         write_planned_figures(output.dir, plan, *scenario.surface, scenario.start,
                               scenario.run.steps, first_repeat)) {
      written.push_back(path);
    }
  }
  return written;
}

}  // namespace

void add_experiment_options(CLI::App* command, RunOptions& options) {
  command->add_option("experiment", options.experiment_file,
                  "experiment file (TOML); options given here override it");
  command->add_option("--surface", options.surface, "surface to run on (default quadratic)");
  command->add_option("--start", options.start,
                  "start point X,Y (default: the surface's, 2.2,-2.0 for quadratic); negative "
                  "values work: --start -1.5,2.5")
      ->allow_extra_args(false);
  command->add_option("--steps", options.steps, "number of optimizer steps (default 100)");
  command->add_option("--optimizer", options.optimizer_specs,
                  "NAME[:key=value,...], repeatable, with PyTorch's hyperparameter names and "
                  "an optional label=TEXT, e.g. adam:lr=0.05,beta2=0.99; replaces the default "
                  "gd, momentum and adam")
      ->allow_extra_args(false);
  command->add_option("--schedule", options.schedule,
                  "learning-rate schedule for every optimizer, NAME[:key=value,...], e.g. "
                  "cosine:T_max=100 or warmup_cosine:warmup_steps=10 (default constant)");
  command->add_option("--noise", options.noise,
                  "standard deviation of Gaussian noise added to each gradient (default 0)");
  command->add_option("--seed", options.seed, "seed of the noise generator (default 0)");
  command->add_option("--repeats", options.repeats,
                  "run every optimizer this many times, each with the next noise stream "
                  "(default 1)");
}

CLI::App* add_run_command(CLI::App& app, RunOptions& options) {
  CLI::App* run = app.add_subcommand(
      "run",
      "Run optimizers on a surface, write optimizer-paths.csv, the resolved experiment "
      "and figures");
  add_experiment_options(run, options);
  run->add_option("--out", options.out_dir, "output directory (default out)");
  run->add_option("--csv", options.csv_path, "path of the CSV (default OUT/optimizer-paths.csv)");
  run->add_flag("--no-figures", options.no_figures, "write the CSV and experiment only");
  add_figure_options(run, options.figures);
  run->add_flag("--quiet", options.quiet, "print nothing unless an error occurs");
  return run;
}

io::ExperimentFile load_experiment(const RunOptions& options) {
  io::ExperimentFile file;
  if (!options.experiment_file.empty()) {
    file = io::read_experiment_file(options.experiment_file);
  }
  apply_options(options, file);
  return file;
}

void execute_run(const RunOptions& options, const std::string& version) {
  const io::ExperimentFile file = load_experiment(options);

  const Scenario scenario = resolve_experiment(file.experiment);
  const FigurePlan plan = plan_figures(options.figures, scenario.run.steps);
  const std::vector<OptimizerResult> results = run_scenario(scenario);
  const std::vector<fs::path> written =
      write_outputs(scenario, results, file.output, version, plan);

  if (!options.quiet) {
    print_summary(scenario, results);
    for (const fs::path& path : written) {
      fmt::print("wrote {}\n", path.string());
    }
  }
}

}  // namespace optiscope::cli
