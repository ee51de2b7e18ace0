#include "plot_command.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope::cli {
namespace fs = std::filesystem;

namespace {

std::string label_location(const io::PathsCsv& csv, const io::CsvPath& path) {
  return csv.source + ": line " + std::to_string(path.first_line) + ", column " +
         std::to_string(csv.optimizer_column) + " (optimizer)";
}

// Strips a "-N" suffix that make_labels_unique adds, so "adam-2" names adam.
std::string catalogue_name(const std::string& label) {
  const std::size_t dash = label.rfind('-');
  if (dash == std::string::npos || dash + 1 == label.size() ||
      !std::all_of(label.begin() + static_cast<std::ptrdiff_t>(dash) + 1, label.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return label;
  }
  return label.substr(0, dash);
}

OptimizerChoice choice_from_catalogue(const io::PathsCsv& csv, const io::CsvPath& path) {
  const std::string name = catalogue_name(path.label);
  if (find_optimizer(name) == nullptr) {
    std::vector<std::string> names;
    for (const OptimizerInfo& info : optimizer_catalogue()) {
      names.emplace_back(info.name);
    }
    const std::optional<std::string> suggestion = closest_match(name, names);
    throw UsageError(label_location(csv, path) + ": unknown optimizer '" + path.label + "'" +
                     (suggestion ? "; did you mean '" + *suggestion + "'?" : ";") +
                     " Name a catalogue optimizer, such as adam or adam-2, or describe it with "
                     "--optimizer NAME:key=value,...,label=" +
                     path.label);
  }
  std::vector<std::pair<std::string, std::string>> overrides;
  if (path.records.size() > 1 && path.records[1].lr) {
    overrides.emplace_back("lr", format_shortest(*path.records[1].lr));
  }
  try {
    OptimizerChoice choice = make_optimizer(name, overrides);
    choice.label = path.label;
    return choice;
  } catch (const UsageError& error) {
    throw UsageError(label_location(csv, path) + ": " + error.what());
  }
}

OptimizerChoice choice_from_options(const io::PathsCsv& csv, const io::CsvPath& path,
                                    const std::vector<OptimizerChoice>& option_choices) {
  for (const OptimizerChoice& choice : option_choices) {
    if (choice.label == path.label) {
      return choice;
    }
  }
  std::vector<std::string> labels;
  for (const OptimizerChoice& choice : option_choices) {
    labels.push_back(choice.label);
  }
  throw UsageError(label_location(csv, path) + ": optimizer '" + path.label +
                   "' matches no --optimizer label; the labels given are " + join(labels, ", ") +
                   ". Add --optimizer NAME:...,label=" + path.label);
}

// Checks that the CSV's losses belong to `surface`, so the paths are not
// drawn over the contours of another function. The tolerance admits
// float32 arithmetic in the tool that wrote the file.
void check_losses(const io::PathsCsv& csv, const io::CsvPath& path, const Surface& surface) {
  for (std::size_t k = 0; k < path.records.size(); ++k) {
    const StepRecord& record = path.records[k];
    const double expected = surface.value(record.position);
    if (std::abs(record.loss - expected) > 1e-4 * std::max(1.0, std::abs(expected))) {
      throw UsageError(csv.source + ": line " + std::to_string(path.lines[k]) + ", column " +
                       std::to_string(csv.loss_column) +
                       " (loss): " + format_shortest(record.loss) + " differs from L(" +
                       format_shortest(record.position.x) + ", " +
                       format_shortest(record.position.y) + ") = " + format_shortest(expected) +
                       " on surface " + surface.info().name + " (" + surface.info().formula +
                       "); plot draws paths computed on that surface");
    }
  }
}

Trajectory trajectory_from(const io::CsvPath& path, long steps) {
  Trajectory trajectory;
  trajectory.records = path.records;
  const long last = trajectory.records.back().step;
  if (last < steps) {
    trajectory.status = RunStatus::diverged;
    trajectory.ended_at_step = last + 1;
    trajectory.message =
        "ended after step " + std::to_string(last) + " of " + std::to_string(steps) + " in the CSV";
  }
  return trajectory;
}

long recorded_steps(const io::PathsCsv& csv) {
  long steps = 0;
  for (const io::CsvPath& path : csv.paths) {
    steps = std::max(steps, path.records.back().step);
  }
  return steps;
}

long parse_plot_steps(const std::string& text, long recorded) {
  long steps = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), steps);
  if (error != std::errc() || end != text.data() + text.size() || steps < recorded) {
    throw UsageError("--steps '" + text + "' is invalid; it must be a whole number of at least " +
                     std::to_string(recorded) + ", the last step in the CSV");
  }
  return steps;
}

}  // namespace

std::vector<OptimizerResult> results_from_csv(const io::PathsCsv& csv,
                                              const std::vector<OptimizerChoice>& option_choices,
                                              long steps, const Surface& surface) {
  std::vector<OptimizerResult> results;
  for (const io::CsvPath& path : csv.paths) {
    if (path.repeat != 0) {
      continue;  // As in `run`, figures show the first repeat.
    }
    OptimizerChoice choice = option_choices.empty()
                                 ? choice_from_catalogue(csv, path)
                                 : choice_from_options(csv, path, option_choices);
    check_losses(csv, path, surface);
    results.push_back({std::move(choice), trajectory_from(path, steps), 0});
  }
  return results;
}

CLI::App* add_plot_command(CLI::App& app, PlotOptions& options) {
  CLI::App* plot = app.add_subcommand(
      "plot",
      "Draw the figures of an existing optimizer-paths.csv, from optiscope or another tool");
  plot->add_option("csv", options.csv_path, "the CSV to draw, with the columns of docs/csv.md")
      ->required();
  plot->add_option("--out", options.out_dir, "output directory (default: the CSV's directory)");
  plot->add_option("--optimizer", options.optimizer_specs,
                   "NAME[:key=value,...,label=TEXT] describing the path labelled TEXT, as given "
                   "to run; without it, labels name catalogue optimizers with default "
                   "hyperparameters and the CSV's lr")
      ->allow_extra_args(false);
  plot->add_option("--steps", options.steps,
                   "the number of steps the run asked for (default: the last step in the CSV); "
                   "shorter paths are drawn as diverged");
  plot->add_option("--surface", options.surface,
                   "the surface the paths were computed on, as run takes it: a catalogue name "
                   "such as rosenbrock or a formula in x and y (default: the reference "
                   "quadratic)");
  add_figure_options(plot, options.figures);
  plot->add_flag("--quiet", options.quiet, "print nothing unless an error occurs");
  return plot;
}

void execute_plot(const PlotOptions& options) {
  const io::PathsCsv csv = io::read_paths_csv(options.csv_path);
  const long recorded = recorded_steps(csv);
  const long steps = options.steps.empty() ? recorded : parse_plot_steps(options.steps, recorded);
  const FigurePlan plan = plan_figures(options.figures, steps);

  std::vector<OptimizerChoice> option_choices;
  for (const std::string& spec : options.optimizer_specs) {
    option_choices.push_back(parse_optimizer_spec(spec));
  }
  make_labels_unique(option_choices);

  const std::unique_ptr<Surface> surface =
      options.surface.empty() ? make_reference_quadratic() : make_surface(options.surface);
  const std::vector<OptimizerResult> results =
      results_from_csv(csv, option_choices, steps, *surface);
  if (results.empty()) {
    throw UsageError(csv.source +
                     ": no path has repeat 0; plot draws the first repeat, as run "
                     "does, so include its rows");
  }
  const Vec2 start = results.front().trajectory.records.front().position;

  fs::path out_dir = options.out_dir;
  if (out_dir.empty()) {
    out_dir = fs::path(options.csv_path).parent_path();
    if (out_dir.empty()) {
      out_dir = ".";
    }
  }
  const std::vector<fs::path> written =
      write_planned_figures(out_dir, plan, *surface, start, steps, results);
  if (!options.quiet) {
    for (const fs::path& path : written) {
      fmt::print("wrote {}\n", path.string());
    }
  }
}

}  // namespace optiscope::cli
