#pragma once

#include <algorithm>
#include <cmath>

#include "optiscope/core/noise.hpp"
#include "optiscope/core/runner.hpp"

namespace optiscope {

/// The limits past which a run counts as diverged, fixed by its start (see
/// RunSettings::divergence_factor).
struct DivergenceBounds {
  double loss = 0.0;
  double coordinate = 0.0;
};

inline DivergenceBounds divergence_bounds(const StepRecord& first, double factor) {
  return {factor * std::max(1.0, std::abs(first.loss)),
          factor * std::max({1.0, std::abs(first.position.x), std::abs(first.position.y)})};
}

/// Returns true when the start can begin a run: position, loss and gradient
/// are finite.
inline bool is_valid_start(const StepRecord& first) {
  return is_finite(first.position) && std::isfinite(first.loss) && is_finite(first.gradient);
}

/// Returns true when a new point ends its run as diverged: a non-finite
/// position, loss or gradient, or a loss or coordinate past its bound. The
/// runner and the batched sweep share this test, so a sweep cell and a run
/// stop at the same step.
inline bool diverges(Vec2 position, double loss, Vec2 gradient, const DivergenceBounds& bounds) {
  return !is_finite(position) || !std::isfinite(loss) || !is_finite(gradient) ||
         std::abs(loss) > bounds.loss ||
         std::max(std::abs(position.x), std::abs(position.y)) > bounds.coordinate;
}

inline bool diverges(const StepRecord& record, const DivergenceBounds& bounds) {
  return diverges(record.position, record.loss, record.gradient, bounds);
}

/// Returns the gradient an update sees: the exact one plus, when noise is
/// on, sigma times the next pair of standard normal numbers.
inline Vec2 perturbed_gradient(Vec2 gradient, const NoiseSettings& noise, GaussianSource& source) {
  if (noise.sigma > 0.0) {
    const auto [noise_x, noise_y] = source.next_pair();
    return gradient + noise.sigma * Vec2{noise_x, noise_y};
  }
  return gradient;
}

/// Evaluates the surface at a new point of a run. A non-finite point is not
/// evaluated, because a user formula may trap there; its loss stays 0 and
/// `diverges` rejects it.
template <typename SurfaceType>
StepRecord evaluate_step(const SurfaceType& surface, long step, Vec2 position, double lr) {
  if (!is_finite(position)) {
    return {step, position, 0.0, {}, lr};
  }
  return {step, position, surface.value(position), surface.gradient(position), lr};
}

}  // namespace optiscope
