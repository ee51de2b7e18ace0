#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/optimizer.hpp"
#include "optiscope/core/schedule.hpp"
#include "optiscope/core/surface.hpp"

namespace optiscope {

/// One recorded point of a trajectory.
struct StepRecord {
  /// 0 for the start, k after the k-th update.
  long step = 0;
  Vec2 position;
  double loss = 0.0;
  /// The gradient at `position`, which the next update uses.
  Vec2 gradient;
  /// The learning rate of the update that produced this point; empty for
  /// the start.
  std::optional<double> lr;
};

enum class RunStatus {
  /// Every requested step ran and stayed finite and within bounds.
  completed,
  /// A step produced a non-finite value or passed the divergence bound.
  diverged,
  /// An observer asked to stop before the last step.
  stopped,
};

std::string_view to_string(RunStatus status);

/// Gaussian noise added to every gradient an optimizer sees.
struct NoiseSettings {
  /// Standard deviation per coordinate; 0 turns noise off.
  double sigma = 0.0;
  /// Seed of the generator. Runs with the same seed and repeat see the same
  /// noise sequence, so optimizers in one comparison are treated alike.
  std::uint64_t seed = 0;
};

/// Settings of one run, with the defaults of the reference scenario.
struct RunSettings {
  long steps = 100;
  /// The learning-rate schedule; null keeps the optimizer's lr constant.
  std::shared_ptr<const Schedule> schedule;
  NoiseSettings noise;
  /// Index of the repeat: repeat r draws its noise from stream r of the
  /// seed.
  long repeat = 0;
  /// A step diverges when |loss| or |x|, |y| exceeds this factor times its
  /// scale: max(1, |L(start)|) for the loss and max(1, |x0|, |y0|) for the
  /// coordinates. 1e12 lets a slowly growing oscillation run long enough to
  /// be seen while stopping well before overflow. Lower it to cut divergent
  /// paths short on a figure; raising it past ~1e150 risks overflow in
  /// squared terms.
  double divergence_factor = 1e12;
};

/// The outcome of running one optimizer: the recorded points (step 0 is the
/// start) and how the run ended.
struct Trajectory {
  std::vector<StepRecord> records;
  RunStatus status = RunStatus::completed;
  /// The step that diverged (not recorded) or after which an observer
  /// stopped the run (recorded).
  std::optional<long> ended_at_step;
  /// A sentence that explains a divergence with the offending numbers.
  std::string message;

  const StepRecord& last() const { return records.back(); }
};

/// Called after each recorded step; returning false stops the run with
/// status `stopped`. Progress bars and early stopping are observers, so the
/// runner itself never prints.
using StepObserver = std::function<bool(const StepRecord&)>;

/// Runs `optimizer` on `surface` from `start` for `settings.steps` updates.
/// Each update uses the gradient at the current point plus, when
/// settings.noise.sigma > 0, sigma times a pair of standard normal numbers;
/// the recorded gradient is the exact one.
/// Divergence is a result, not an exception: the trajectory ends with status
/// `diverged`, and no non-finite number is recorded. The start itself must
/// be finite with a finite loss and gradient, or UsageError is thrown.
Trajectory run_optimizer(const Surface& surface, const Optimizer& optimizer, Vec2 start,
                         const RunSettings& settings, const StepObserver& observer = {});

}  // namespace optiscope
