#include "summary.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "optiscope/core/analysis.hpp"
#include "optiscope/core/optimizers/sgd.hpp"
#include "rates_summary.hpp"

namespace optiscope::cli {
namespace {

// Plain gradient descent: the step is exactly theta - lr * g.
bool is_plain_gradient_descent(const Optimizer& optimizer) {
  const auto* sgd = dynamic_cast<const SgdOptimizer*>(&optimizer);
  if (sgd == nullptr) {
    return false;
  }
  const SgdSettings& s = sgd->settings();
  return s.momentum == 0.0 && s.weight_decay == 0.0 && !s.maximize;
}

std::string parenthesize_negative(double value) {
  return value < 0.0 ? fmt::format("({:.6f})", value) : fmt::format("{:.6f}", value);
}

}  // namespace

// The label shown in the table: with repeats, each row names its repeat.
std::string table_label(const OptimizerResult& result, bool repeated) {
  return repeated ? fmt::format("{} [repeat {}]", result.choice.label, result.repeat)
                  : result.choice.label;
}

std::string format_results_table(const std::vector<OptimizerResult>& results) {
  const bool repeated = std::any_of(results.begin(), results.end(),
                                    [](const OptimizerResult& r) { return r.repeat > 0; });
  std::size_t label_width = std::string_view("optimizer").size();
  for (const OptimizerResult& result : results) {
    label_width = std::max(label_width, table_label(result, repeated).size());
  }

  std::string table =
      fmt::format("{:<{}}  {:>13}  {:>13}  {:>13}  {:>14}  {}\n", "optimizer", label_width,
                  "final x", "final y", "final loss", "loss < 1e-6 at", "status");
  for (const OptimizerResult& result : results) {
    const Trajectory& trajectory = result.trajectory;
    const StepRecord& last = trajectory.last();
    const auto reached = first_step_below(trajectory, kReachedLoss);
    std::string status(to_string(trajectory.status));
    if (trajectory.ended_at_step) {
      status += fmt::format(" at step {}", *trajectory.ended_at_step);
    }
    table +=
        fmt::format("{:<{}}  {:>13.6g}  {:>13.6g}  {:>13.6g}  {:>14}  {}\n",
                    table_label(result, repeated), label_width, last.position.x, last.position.y,
                    last.loss, reached ? fmt::format("step {}", *reached) : "not reached", status);
  }
  return table;
}

std::string format_hand_check(const Scenario& scenario,
                              const std::vector<OptimizerResult>& results) {
  // Prefer plain gradient descent, whose first step can be redone by hand.
  auto chosen = std::find_if(results.begin(), results.end(), [](const OptimizerResult& r) {
    return is_plain_gradient_descent(*r.choice.optimizer) && r.trajectory.records.size() > 1;
  });
  if (chosen == results.end()) {
    chosen = std::find_if(results.begin(), results.end(),
                          [](const OptimizerResult& r) { return r.trajectory.records.size() > 1; });
  }
  if (chosen == results.end()) {
    return "Hand check: no optimizer completed a first step.\n";
  }

  const StepRecord& before = chosen->trajectory.records[0];
  const StepRecord& after = chosen->trajectory.records[1];
  const double lr = *after.lr;
  const std::string& gradient_formula = scenario.surface->info().gradient_formula;

  std::string text = fmt::format("Hand check: first step of {} (lr = {:g}) from ({:g}, {:g})\n",
                                 chosen->choice.label, lr, before.position.x, before.position.y);
  text += fmt::format("  gradient {}= [{:.6f}, {:.6f}]\n",
                      gradient_formula.empty() ? "" : gradient_formula + " ", before.gradient.x,
                      before.gradient.y);
  if (is_plain_gradient_descent(*chosen->choice.optimizer)) {
    text += fmt::format("  x1 = {:g} - {:g} * {} = {:.6f}\n", before.position.x, lr,
                        parenthesize_negative(before.gradient.x), after.position.x);
    text += fmt::format("  y1 = {:g} - {:g} * {} = {:.6f}\n", before.position.y, lr,
                        parenthesize_negative(before.gradient.y), after.position.y);
  } else {
    text += fmt::format("  step 1 goes to ({:.6f}, {:.6f})\n", after.position.x, after.position.y);
  }
  text += fmt::format("  loss {} from {:.6f} to {:.6f}\n",
                      after.loss <= before.loss ? "drops" : "rises", before.loss, after.loss);
  return text;
}

void print_summary(const Scenario& scenario, const std::vector<OptimizerResult>& results) {
  const SurfaceInfo& info = scenario.surface->info();
  fmt::print("Surface L(x, y) = {}, start ({:g}, {:g}), {} steps\n", info.formula, scenario.start.x,
             scenario.start.y, scenario.run.steps);
  if (scenario.run.noise.sigma > 0.0) {
    fmt::print("Gradient noise: sigma {:g}, seed {}, {} repeat(s)\n", scenario.run.noise.sigma,
               scenario.run.noise.seed, scenario.repeats);
  }
  for (const OptimizerChoice& choice : scenario.optimizers) {
    if (choice.schedule) {
      fmt::print("Schedule of {}: {}\n", choice.label, format_schedule_spec(*choice.schedule));
    }
  }
  fmt::print("\n");
  fmt::print("{}\n", format_results_table(results));
  fmt::print("{}\n", format_hand_check(scenario, results));
  if (const std::string rates = format_rates_summary(scenario, results); !rates.empty()) {
    fmt::print("{}\n", rates);
  }
  for (const OptimizerResult& result : results) {
    if (result.trajectory.status == RunStatus::diverged) {
      fmt::print("{} {}\n", result.choice.label, result.trajectory.message);
    }
  }
}

}  // namespace optiscope::cli
