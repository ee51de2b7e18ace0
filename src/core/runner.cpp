#include "optiscope/core/runner.hpp"

#include <algorithm>
#include <cmath>

#include "optiscope/core/error.hpp"
#include "optiscope/core/noise.hpp"
#include "optiscope/core/run_checks.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

std::string describe_point(Vec2 p) {
  return "(" + format_shortest(p.x) + ", " + format_shortest(p.y) + ")";
}

StepRecord evaluate(const Surface& surface, long step, Vec2 position, std::optional<double> lr) {
  return {step, position, surface.value(position), surface.gradient(position), lr};
}

// "; log(x) at column 1 is not finite here: ..." when the surface can say
// which part of it left its domain at `p`, else nothing.
std::string domain_explanation(const Surface& surface, Vec2 p) {
  const std::string explanation = surface.explain_non_finite(p);
  return explanation.empty() ? std::string() : "; " + explanation;
}

// Explains why `diverges` rejected a record, with the numbers.
std::string divergence_reason(const Surface& surface, const StepRecord& record,
                              const DivergenceBounds& bounds) {
  if (!is_finite(record.position)) {
    return "the position became non-finite";
  }
  if (!std::isfinite(record.loss)) {
    return "the loss became non-finite at " + describe_point(record.position) +
           domain_explanation(surface, record.position);
  }
  if (!is_finite(record.gradient)) {
    return "the gradient became non-finite at " + describe_point(record.position) +
           domain_explanation(surface, record.position);
  }
  if (std::abs(record.loss) > bounds.loss) {
    return "|loss| = " + format_shortest(std::abs(record.loss)) + " passed the divergence bound " +
           format_shortest(bounds.loss);
  }
  return "the position " + describe_point(record.position) + " passed the divergence bound " +
         format_shortest(bounds.coordinate);
}

}  // namespace

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::completed:
      return "completed";
    case RunStatus::diverged:
      return "diverged";
    case RunStatus::stopped:
      return "stopped";
  }
  return "unknown";
}

Trajectory run_optimizer(const Surface& surface, const Optimizer& optimizer, Vec2 start,
                         const RunSettings& settings, const StepObserver& observer) {
  Trajectory trajectory;
  trajectory.records.reserve(static_cast<std::size_t>(settings.steps) + 1);

  const StepRecord first = evaluate(surface, 0, start, std::nullopt);
  if (!is_valid_start(first)) {
    throw UsageError("the start point " + describe_point(start) +
                     " has no finite loss and gradient on " + surface.info().name +
                     domain_explanation(surface, start) +
                     "; choose a start inside the surface's domain");
  }
  trajectory.records.push_back(first);
  if (observer && !observer(first)) {
    trajectory.status = RunStatus::stopped;
    trajectory.ended_at_step = 0;
    return trajectory;
  }

  const DivergenceBounds bounds = divergence_bounds(first, settings.divergence_factor);

  const std::unique_ptr<OptimizerRun> run = optimizer.start();
  const std::unique_ptr<ScheduleRun> schedule =
      settings.schedule ? settings.schedule->start(optimizer.lr()) : nullptr;
  GaussianSource noise(settings.noise.seed, static_cast<std::uint64_t>(settings.repeat));

  for (long step = 1; step <= settings.steps; ++step) {
    const StepRecord& previous = trajectory.records.back();
    const double lr = schedule ? schedule->lr() : optimizer.lr();
    const Vec2 gradient = perturbed_gradient(previous.gradient, settings.noise, noise);
    const Vec2 next = run->step(previous.position, gradient, lr);
    if (schedule) {
      schedule->step();
    }

    const StepRecord record = evaluate_step(surface, step, next, lr);
    if (diverges(record, bounds)) {
      trajectory.status = RunStatus::diverged;
      trajectory.ended_at_step = step;
      trajectory.message = "diverged at step " + std::to_string(step) + ": " +
                           divergence_reason(surface, record, bounds);
      return trajectory;
    }

    trajectory.records.push_back(record);
    if (observer && !observer(record)) {
      trajectory.status = RunStatus::stopped;
      trajectory.ended_at_step = step;
      return trajectory;
    }
  }
  return trajectory;
}

}  // namespace optiscope
