#pragma once

#include <array>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// Lion, as defined in Chen et al., "Symbolic Discovery of Optimization
/// Algorithms", NeurIPS 2023 (Program 1), and in optax.lion. It is not part
/// of torch.optim. Per coordinate:
///
///   c = beta1 m + (1 - beta1) g             (from the old moment)
///   theta <- theta - lr (sign(c) + weight_decay theta)
///   m <- beta2 m + (1 - beta2) g
///
/// sign(0) = 0. Every step moves each coordinate by exactly lr (plus decay),
/// so lr should be 3 to 10 times smaller than Adam's.
struct LionRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double beta1 = 0.9;
    double beta2 = 0.99;
    /// Decoupled decay, as in AdamW; optax's default.
    double weight_decay = 1e-3;
  };

  template <typename T>
  struct Coordinate {
    T exp_avg{};
  };

  static Settings settings_from(const Hyperparameters& h);

  template <typename T>
  static T sign(T value) {
    return T((value > T{}) - (value < T{}));
  }

  /// Nothing in this rule depends on the step number.
  struct Constants {};
  static Constants constants(const Settings&, long) { return {}; }
  static std::array<double, 0> constants_key(const Settings&) { return {}; }

  template <typename T>
  static T update(const Settings& s, const Constants& /*constants*/, T lr, Coordinate<T>& state,
                  T theta, T gradient) {
    const T interpolation = state.exp_avg * s.beta1 + (1.0 - s.beta1) * gradient;
    theta = theta - lr * (sign(interpolation) + s.weight_decay * theta);
    state.exp_avg = state.exp_avg * s.beta2 + (1.0 - s.beta2) * gradient;
    return theta;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using LionOptimizer = ElementwiseOptimizer<LionRule>;

}  // namespace optiscope
