#pragma once

#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.Adagrad (PyTorch 1.13, single-tensor path), after Duchi,
/// Hazan and Singer, "Adaptive Subgradient Methods", JMLR 2011. Per
/// coordinate at step t:
///
///   g <- -g if maximize;  g <- g + weight_decay * theta
///   clr = lr / (1 + (t - 1) lr_decay)
///   s <- s + g^2          (s starts at initial_accumulator_value)
///   theta <- theta - clr g / (sqrt(s) + eps)
///
/// optax's adagrad starts s at 0.1, puts eps = 1e-7 inside the square root
/// and has no lr_decay.
struct AdagradRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double lr_decay = 0.0;
    double weight_decay = 0.0;
    double initial_accumulator_value = 0.0;
    double eps = 1e-10;
    bool maximize = false;
  };

  /// The running sum of squared gradients.
  template <typename T>
  struct Coordinate {
    T sum{};
    bool started = false;
  };

  static Settings settings_from(const Hyperparameters& h);

  /// The number of steps before this one, t - 1, for the lr decay.
  struct Constants {
    double steps_before = 0.0;
  };

  static Constants constants(const Settings&, long t) { return {static_cast<double>(t - 1)}; }

  static std::array<double, 0> constants_key(const Settings&) { return {}; }

  template <typename T>
  static T update(const Settings& s, const Constants& c, T lr, Coordinate<T>& state, T theta,
                  T gradient) {
    using std::sqrt;

    if (!state.started) {
      state.sum = T{} + s.initial_accumulator_value;
      state.started = true;
    }
    T g = s.maximize ? -gradient : gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }
    const T clr = lr / (1.0 + c.steps_before * s.lr_decay);
    state.sum = state.sum + 1.0 * g * g;
    const T std_dev = sqrt(state.sum) + s.eps;
    return theta + (-clr) * g / std_dev;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using AdagradOptimizer = ElementwiseOptimizer<AdagradRule>;

}  // namespace optiscope
