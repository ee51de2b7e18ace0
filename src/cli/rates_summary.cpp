#include "rates_summary.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "optiscope/core/theory.hpp"

namespace optiscope::cli {
namespace {

// One row of the rates table: either both rates or the reason for none.
struct RateRow {
  std::string label;
  std::optional<double> predicted;
  std::optional<MeasuredRate> measured;
  std::string note;
};

bool lr_is_constant(const Trajectory& trajectory, double lr) {
  return std::all_of(trajectory.records.begin(), trajectory.records.end(),
                     [&](const StepRecord& record) { return !record.lr || *record.lr == lr; });
}

// Returns the listed minimizer nearest to `point`, or `point` itself on a
// surface without listed minimizers.
Vec2 nearest_minimizer(const SurfaceInfo& info, Vec2 point) {
  Vec2 nearest = point;
  double distance = std::numeric_limits<double>::infinity();
  for (Vec2 minimizer : info.minimizers) {
    if (norm(minimizer - point) < distance) {
      distance = norm(minimizer - point);
      nearest = minimizer;
    }
  }
  return nearest;
}

RateRow rate_row(const Scenario& scenario, const QuadraticModel& model,
                 const OptimizerResult& result) {
  RateRow row{result.choice.label, std::nullopt, std::nullopt, {}};
  const Optimizer& optimizer = *result.choice.optimizer;
  const std::optional<SgdIteration> iteration = sgd_iteration(optimizer);
  if (!iteration) {
    row.note = fmt::format("no prediction: the step of {} is not linear in the gradient",
                           optimizer.name());
    return row;
  }
  if (!lr_is_constant(result.trajectory, iteration->lr)) {
    row.note = "no prediction: its lr changes during the run";
    return row;
  }
  row.predicted = contraction_rate(*iteration, model);

  const Vec2 guess = nearest_minimizer(scenario.surface->info(), scenario.start);
  const std::optional<Vec2> fixed_point =
      iteration_fixed_point(*scenario.surface, model.hessian, *iteration, guess);
  if (!fixed_point) {
    row.note = "not measured: the iteration has no unique fixed point";
    return row;
  }
  // The path stalls about one rounding error from θ*. A Newton step from
  // `guess` adds rounding errors of the distance it moved, and an exact
  // minimizer at the origin has no floor.
  const double floor = 1e-13 * (norm(*fixed_point) + norm(guess - *fixed_point));
  row.measured = measure_contraction_rate(result.trajectory, *fixed_point, floor);
  if (!row.measured) {
    row.note = "not measured: fewer than 16 steps before the path is within rounding of θ*";
  }
  return row;
}

std::string format_theory_lines(const std::string& heading, const QuadraticModel& model) {
  std::string text =
      fmt::format("{}: Hessian eigenvalues {:.4g} and {:.4g} ({})", heading, model.eigen.lambda_min,
                  model.eigen.lambda_max, to_string(model.curvature));
  if (model.condition_number) {
    text += fmt::format(", condition number κ = {:.4g}", *model.condition_number);
  }
  text += "\n  " + describe_gradient_descent(model) + "\n";
  const HeavyBallLimits heavy_ball = heavy_ball_limits(model);
  if (heavy_ball.best_lr) {
    text += fmt::format(
        "  heavy ball converges for 0 < lr < 2(1 + μ)/λmax; best lr {:.4g} with momentum "
        "{:.4g}, rate {:.4g} per step ((√κ − 1)/(√κ + 1))\n",
        *heavy_ball.best_lr, *heavy_ball.best_momentum, *heavy_ball.best_rate);
  }
  return text;
}

// On a surface that is not quadratic: the local quadratic model at the
// listed minimizer nearest to where the first run ended, which governs the
// last steps of a run that converges there.
std::string format_local_model(const Scenario& scenario,
                               const std::vector<OptimizerResult>& results) {
  const SurfaceInfo& info = scenario.surface->info();
  if (info.minimizers.empty() || results.empty()) {
    return {};
  }
  const Vec2 minimizer = nearest_minimizer(info, results.front().trajectory.last().position);
  const SymmetricMatrix2 hessian = scenario.surface->hessian(minimizer);
  if (!std::isfinite(hessian.xx) || !std::isfinite(hessian.xy) || !std::isfinite(hessian.yy)) {
    return {};
  }
  return format_theory_lines(fmt::format("Local quadratic model at the minimizer ({:.6g}, {:.6g})",
                                         minimizer.x, minimizer.y),
                             analyze_hessian(hessian)) +
         "  It predicts the last steps of a run that settles there; far from the minimizer the "
         "Hessian differs.\n";
}

std::string format_rate(const std::optional<double>& rate) {
  return rate ? fmt::format("{:.4g}", *rate) : std::string("-");
}

}  // namespace

std::string format_rates_summary(const Scenario& scenario,
                                 const std::vector<OptimizerResult>& results) {
  const std::optional<SymmetricMatrix2> hessian = constant_hessian(*scenario.surface);
  if (!hessian) {
    return format_local_model(scenario, results);
  }
  const QuadraticModel model = analyze_hessian(*hessian);
  std::string text = format_theory_lines("Theory on this quadratic", model);
  if (scenario.run.noise.sigma > 0.0) {
    return text +
           "  Rates are not measured with gradient noise: the distance to the minimizer stalls "
           "at the noise level.\n";
  }

  std::vector<RateRow> rows;
  std::size_t label_width = std::string_view("optimizer").size();
  for (const OptimizerResult& result : results) {
    // Without noise every repeat follows the same path.
    if (result.repeat == 0) {
      rows.push_back(rate_row(scenario, model, result));
      label_width = std::max(label_width, rows.back().label.size());
    }
  }

  text += "\n";
  text += fmt::format("{:<{}}  {:>14}  {:>13}  {}\n", "optimizer", label_width, "predicted rate",
                      "measured rate", "measured over steps");
  for (const RateRow& row : rows) {
    const std::string measured = row.measured ? format_rate(row.measured->rate) : std::string("-");
    const std::string steps =
        row.measured ? fmt::format("{}-{}", row.measured->first_step, row.measured->last_step)
                     : row.note;
    text += fmt::format("{:<{}}  {:>14}  {:>13}  {}\n", row.label, label_width,
                        format_rate(row.predicted), measured, steps);
  }
  text +=
      "Rates are factors per step on the distance to the fixed point θ*. Predicted: the spectral\n"
      "radius of the step's iteration matrix on this quadratic (above 1 means divergence).\n"
      "Measured: exp of the slope of a least-squares line through log‖θ_k − θ*‖ over the steps "
      "shown.\n";
  return text;
}

}  // namespace optiscope::cli
