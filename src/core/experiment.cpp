#include "optiscope/core/experiment.hpp"

#include <cmath>

#include "optiscope/core/error.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {

std::shared_ptr<const Surface> make_builtin_surface(std::string_view spec) {
  return make_surface(spec);
}

OptimizerEntry parse_optimizer_entry(std::string_view spec) {
  SpecText text = split_spec(spec, "optimizer");
  return {std::move(text.name), std::move(text.items), ""};
}

namespace {

void check_run_length(const Experiment& e) {
  if (e.steps < 1 || e.steps > kMaxSteps) {
    throw UsageError("steps = " + std::to_string(e.steps) +
                     " is invalid; it must be a whole number from 1 to " +
                     std::to_string(kMaxSteps) + ", such as 100");
  }
  if (e.repeats < 1 || e.repeats > kMaxRepeats) {
    throw UsageError("repeats = " + std::to_string(e.repeats) +
                     " is invalid; it must be a whole number from 1 to " +
                     std::to_string(kMaxRepeats));
  }
  if (!std::isfinite(e.noise) || e.noise < 0.0) {
    throw UsageError("noise = " + format_shortest(e.noise) +
                     " is invalid; it must be a standard deviation >= 0, such as 0.5");
  }
}

OptimizerChoice resolve_optimizer(const OptimizerEntry& entry, const Experiment& experiment) {
  OptimizerChoice choice = make_optimizer(entry.name, entry.items);
  const std::string& schedule = entry.schedule.empty() ? experiment.schedule : entry.schedule;
  if (!schedule.empty()) {
    choice.schedule = parse_schedule_spec(schedule, {experiment.steps, choice.optimizer->lr()});
  }
  return choice;
}

}  // namespace

Scenario resolve_experiment(const Experiment& experiment, const SurfaceFactory& make_surface) {
  check_run_length(experiment);

  Scenario scenario;
  scenario.surface_spec = experiment.surface;
  scenario.surface = make_surface(experiment.surface);
  scenario.start = experiment.start.value_or(scenario.surface->info().default_start);
  if (!is_finite(scenario.start)) {
    throw UsageError("the start point must be finite; write it as X,Y such as -1.5,2.5");
  }
  scenario.run.steps = experiment.steps;
  scenario.run.noise = {experiment.noise, experiment.seed};
  scenario.repeats = experiment.repeats;

  std::vector<OptimizerEntry> entries = experiment.optimizers;
  if (entries.empty()) {
    for (const std::string& spec : reference_optimizer_specs()) {
      entries.push_back(parse_optimizer_entry(spec));
    }
  }
  for (const OptimizerEntry& entry : entries) {
    scenario.optimizers.push_back(resolve_optimizer(entry, experiment));
  }
  make_labels_unique(scenario.optimizers);
  return scenario;
}

}  // namespace optiscope
