#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.Adamax (PyTorch 1.13, single-tensor path): Adam with the
/// infinity norm in place of the second moment (Kingma and Ba, "Adam: A
/// Method for Stochastic Optimization", ICLR 2015, section 7.1). Per
/// coordinate at step t:
///
///   g <- -g if maximize;  g <- g + weight_decay * theta
///   m <- beta1 m + (1 - beta1) g
///   u <- max(beta2 u, |g| + eps)          (eps inside the maximum)
///   theta <- theta - (lr / (1 - beta1^t)) m / u
struct AdamaxRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weight_decay = 0.0;
    bool maximize = false;
  };

  /// m (exp_avg) and u (exp_inf), zero before the first step.
  template <typename T>
  struct Coordinate {
    T exp_avg{};
    T exp_inf{};
  };

  static Settings settings_from(const Hyperparameters& h);

  /// The bias correction 1 - beta1^t of step t.
  struct Constants {
    double bias_correction = 1.0;
  };

  static Constants constants(const Settings& s, long t) {
    return {1.0 - std::pow(s.beta1, static_cast<double>(t))};
  }

  static std::array<double, 1> constants_key(const Settings& s) { return {s.beta1}; }

  template <typename T>
  static T update(const Settings& s, const Constants& c, T lr, Coordinate<T>& state, T theta,
                  T gradient) {
    using std::abs;
    using std::max;

    T g = s.maximize ? -gradient : gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }
    state.exp_avg = state.exp_avg * s.beta1 + (1.0 - s.beta1) * g;
    state.exp_inf = max(state.exp_inf * s.beta2, abs(g) + s.eps);

    const T clr = lr / c.bias_correction;
    return theta + (-clr) * state.exp_avg / state.exp_inf;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using AdamaxOptimizer = ElementwiseOptimizer<AdamaxRule>;

}  // namespace optiscope
