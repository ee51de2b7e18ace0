#pragma once

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

  template <typename T>
  static T update(const Settings& s, double lr, long t, Coordinate<T>& state, T theta, T gradient) {
    using std::sqrt;

    if (!state.started) {
      state.sum = T{} + s.initial_accumulator_value;
      state.started = true;
    }
    T g = s.maximize ? -gradient : gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }
    const double clr = lr / (1.0 + static_cast<double>(t - 1) * s.lr_decay);
    state.sum = state.sum + 1.0 * g * g;
    const T std_dev = sqrt(state.sum) + s.eps;
    return theta + (-clr) * g / std_dev;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using AdagradOptimizer = ElementwiseOptimizer<AdagradRule>;

}  // namespace optiscope
