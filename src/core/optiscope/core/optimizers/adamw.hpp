#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/adam.hpp"
#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.AdamW (PyTorch 1.13, single-tensor path): Adam with weight
/// decay decoupled from the gradient (Loshchilov and Hutter, "Decoupled
/// Weight Decay Regularization", ICLR 2019). Per coordinate at step t:
///
///   g <- -g if maximize
///   theta <- theta * (1 - lr * weight_decay)       (with this step's lr)
///   m <- beta1 m + (1 - beta1) g;   v <- beta2 v + (1 - beta2) g^2
///   v_max <- max(v_max, v) if amsgrad, and v_max replaces v below
///   theta <- theta - (lr / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
struct AdamWRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    /// Decoupled decay rate; PyTorch's default is 1e-2 (optax's is 1e-4).
    double weight_decay = 1e-2;
    bool amsgrad = false;
    bool maximize = false;
  };

  template <typename T>
  struct Coordinate {
    T exp_avg{};
    T exp_avg_sq{};
    T max_exp_avg_sq{};
  };

  static Settings settings_from(const Hyperparameters& h);

  using Constants = AdamRule::Constants;

  static Constants constants(const Settings& s, long t) {
    return AdamRule::bias_corrections(s.beta1, s.beta2, t);
  }

  static std::array<double, 2> constants_key(const Settings& s) { return {s.beta1, s.beta2}; }

  template <typename T>
  static T update(const Settings& s, const Constants& c, T lr, Coordinate<T>& state, T theta,
                  T gradient) {
    using std::max;
    using std::sqrt;

    const T g = s.maximize ? -gradient : gradient;
    theta = theta * (1.0 - lr * s.weight_decay);

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

using AdamWOptimizer = ElementwiseOptimizer<AdamWRule>;

}  // namespace optiscope
