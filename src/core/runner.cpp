#include "optiscope/core/runner.hpp"

#include <algorithm>
#include <cmath>

#include "optiscope/core/error.hpp"
#include "optiscope/core/noise.hpp"
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

// Returns why a record diverged, or an empty string when it is fine.
std::string divergence_reason(const Surface& surface, const StepRecord& record,
                              double loss_bound, double coordinate_bound) {
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
  if (std::abs(record.loss) > loss_bound) {
    return "|loss| = " + format_shortest(std::abs(record.loss)) + " passed the divergence bound " +
           format_shortest(loss_bound);
  }
  if (std::max(std::abs(record.position.x), std::abs(record.position.y)) > coordinate_bound) {
    return "the position " + describe_point(record.position) + " passed the divergence bound " +
           format_shortest(coordinate_bound);
  }
  return {};
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
  if (!is_finite(start) || !std::isfinite(first.loss) || !is_finite(first.gradient)) {
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

  const double loss_bound = settings.divergence_factor * std::max(1.0, std::abs(first.loss));
  const double coordinate_bound =
      settings.divergence_factor * std::max({1.0, std::abs(start.x), std::abs(start.y)});

  const std::unique_ptr<OptimizerRun> run = optimizer.start();
  const std::unique_ptr<ScheduleRun> schedule =
      settings.schedule ? settings.schedule->start(optimizer.lr()) : nullptr;
  GaussianSource noise(settings.noise.seed, static_cast<std::uint64_t>(settings.repeat));

  for (long step = 1; step <= settings.steps; ++step) {
    const StepRecord& previous = trajectory.records.back();
    const double lr = schedule ? schedule->lr() : optimizer.lr();
    Vec2 gradient = previous.gradient;
    if (settings.noise.sigma > 0.0) {
      const auto [noise_x, noise_y] = noise.next_pair();
      gradient = gradient + settings.noise.sigma * Vec2{noise_x, noise_y};
    }
    const Vec2 next = run->step(previous.position, gradient, lr);
    if (schedule) {
      schedule->step();
    }

    // Evaluating at a non-finite point is pointless and may trap in a user
    // formula, so check the position first.
    StepRecord record{step, next, 0.0, {}, lr};
    if (is_finite(next)) {
      record = evaluate(surface, step, next, lr);
    }
    if (std::string reason = divergence_reason(surface, record, loss_bound, coordinate_bound);
        !reason.empty()) {
      trajectory.status = RunStatus::diverged;
      trajectory.ended_at_step = step;
      trajectory.message = "diverged at step " + std::to_string(step) + ": " + reason;
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
