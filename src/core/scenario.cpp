#include "optiscope/core/scenario.hpp"

namespace optiscope {

std::vector<std::string> reference_optimizer_specs() {
  return {"gd:lr=0.08", "momentum:lr=0.08,momentum=0.9",
          "adam:lr=0.1,beta1=0.9,beta2=0.999,eps=1e-8"};
}

Scenario reference_scenario() {
  Scenario scenario;
  scenario.surface = make_reference_quadratic();
  scenario.start = scenario.surface->info().default_start;
  scenario.run.steps = 100;
  for (const std::string& spec : reference_optimizer_specs()) {
    scenario.optimizers.push_back(parse_optimizer_spec(spec));
  }
  return scenario;
}

std::vector<OptimizerResult> run_scenario(const Scenario& scenario) {
  std::vector<OptimizerResult> results;
  results.reserve(scenario.optimizers.size() * static_cast<std::size_t>(scenario.repeats));
  for (long repeat = 0; repeat < scenario.repeats; ++repeat) {
    for (const OptimizerChoice& choice : scenario.optimizers) {
      RunSettings settings = scenario.run;
      settings.schedule = choice.schedule;
      settings.repeat = repeat;
      results.push_back(
          {choice, run_optimizer(*scenario.surface, *choice.optimizer, scenario.start, settings),
           repeat});
    }
  }
  return results;
}

}  // namespace optiscope
