#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.Adam (PyTorch 1.13, single-tensor path), per coordinate at
/// step t = 1, 2, ...:
///
///   g <- -g if maximize;  g <- g + weight_decay * theta
///   m <- beta1 m + (1 - beta1) g;   v <- beta2 v + (1 - beta2) g^2
///   v_max <- max(v_max, v) if amsgrad, and v_max replaces v below
///   denom <- sqrt(v) / sqrt(1 - beta2^t) + eps
///   theta <- theta - (lr / (1 - beta1^t)) m / denom
struct AdamRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double beta1 = 0.9;
    double beta2 = 0.999;
    /// Added to the bias-corrected root of the second moment, not inside it.
    double eps = 1e-8;
    /// L2 penalty added to the gradient (Adam), not decoupled (AdamW).
    double weight_decay = 0.0;
    /// Normalises by the running maximum of the second moment.
    bool amsgrad = false;
    bool maximize = false;
  };

  /// The moments m (exp_avg), v (exp_avg_sq) and v_max, zero before the
  /// first step.
  template <typename T>
  struct Coordinate {
    T exp_avg{};
    T exp_avg_sq{};
    T max_exp_avg_sq{};
  };

  static Settings settings_from(const Hyperparameters& h);

  /// The bias corrections of step t, shared by every coordinate and by
  /// every sweep cell with the same betas.
  struct Constants {
    double bias_correction1 = 1.0;
    double bias_correction2_sqrt = 1.0;
  };

  static Constants constants(const Settings& s, long t) {
    return bias_corrections(s.beta1, s.beta2, t);
  }

  /// Returns 1 - beta1^t and sqrt(1 - beta2^t), with powers computed as
  /// PyTorch does (Python's float ** float, which is C's pow).
  static Constants bias_corrections(double beta1, double beta2, long t) {
    const double step = static_cast<double>(t);
    return {1.0 - std::pow(beta1, step), std::sqrt(1.0 - std::pow(beta2, step))};
  }

  static std::array<double, 2> constants_key(const Settings& s) { return {s.beta1, s.beta2}; }

  template <typename T>
  static T update(const Settings& s, const Constants& c, T lr, Coordinate<T>& state, T theta,
                  T gradient) {
    using std::max;
    using std::sqrt;

    T g = s.maximize ? -gradient : gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }

    state.exp_avg = state.exp_avg * s.beta1 + (1.0 - s.beta1) * g;
    state.exp_avg_sq = state.exp_avg_sq * s.beta2 + (1.0 - s.beta2) * g * g;

    const T step_size = lr / c.bias_correction1;

    T second_moment = state.exp_avg_sq;
    if (s.amsgrad) {
      state.max_exp_avg_sq = max(state.max_exp_avg_sq, state.exp_avg_sq);
      second_moment = state.max_exp_avg_sq;
    }
    const T denom = sqrt(second_moment) / c.bias_correction2_sqrt + s.eps;
    return theta + (-step_size) * state.exp_avg / denom;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using AdamSettings = AdamRule::Settings;
using AdamOptimizer = ElementwiseOptimizer<AdamRule>;

}  // namespace optiscope
