#pragma once

#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.NAdam in the corrected form of PyTorch 2.0 (and of 1.13's
/// multi-tensor path): Adam with Nesterov momentum and the momentum schedule
/// of Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016
/// workshop. PyTorch 1.13's single-tensor path multiplies an extra mu_t into
/// the second step size; optiscope does not. Per coordinate at step t:
///
///   g <- g + weight_decay * theta
///   mu_t = beta1 (1 - 0.5 * 0.96^(t psi)),  mu_{t+1} likewise,  psi = momentum_decay
///   P_t = P_{t-1} mu_t  (P_0 = 1)
///   m <- beta1 m + (1 - beta1) g;   v <- beta2 v + (1 - beta2) g^2
///   denom = sqrt(v / (1 - beta2^t)) + eps
///   theta <- theta - lr (1 - mu_t) / (1 - P_t) g / denom
///                  - lr mu_{t+1} / (1 - P_t mu_{t+1}) m / denom
///
/// optax's nadam has no mu schedule (it is Adam with a Nesterov step), so it
/// gives different paths.
struct NAdamRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weight_decay = 0.0;
    double momentum_decay = 4e-3;
  };

  /// Moments and the running product P of the mu schedule.
  template <typename T>
  struct Coordinate {
    T exp_avg{};
    T exp_avg_sq{};
    double mu_product = 1.0;
  };

  static Settings settings_from(const Hyperparameters& h);

  /// The bias correction and the momentum schedule mu_t, mu_{t+1} of step t.
  struct Constants {
    double bias_correction2 = 1.0;
    double mu = 0.0;
    double mu_next = 0.0;
  };

  static Constants constants(const Settings& s, long t) {
    const double step = static_cast<double>(t);
    return {1.0 - std::pow(s.beta2, step),
            s.beta1 * (1.0 - 0.5 * std::pow(0.96, step * s.momentum_decay)),
            s.beta1 * (1.0 - 0.5 * std::pow(0.96, (step + 1.0) * s.momentum_decay))};
  }

  static std::array<double, 3> constants_key(const Settings& s) {
    return {s.beta1, s.beta2, s.momentum_decay};
  }

  template <typename T>
  static T update(const Settings& s, const Constants& c, T lr, Coordinate<T>& state, T theta,
                  T gradient) {
    using std::sqrt;

    T g = gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }

    const double mu = c.mu;
    const double mu_next = c.mu_next;
    state.mu_product = state.mu_product * mu;
    const double mu_product_next = state.mu_product * mu_next;

    state.exp_avg = state.exp_avg * s.beta1 + (1.0 - s.beta1) * g;
    state.exp_avg_sq = state.exp_avg_sq * s.beta2 + (1.0 - s.beta2) * g * g;
    const T denom = sqrt(state.exp_avg_sq / c.bias_correction2) + s.eps;

    theta = theta + (-lr * (1.0 - mu) / (1.0 - state.mu_product)) * g / denom;
    return theta + (-lr * mu_next / (1.0 - mu_product_next)) * state.exp_avg / denom;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using NAdamOptimizer = ElementwiseOptimizer<NAdamRule>;

}  // namespace optiscope
