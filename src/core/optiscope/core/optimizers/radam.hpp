#pragma once

#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.RAdam (PyTorch 1.13, single-tensor path): Adam with the
/// variance rectification of Liu et al., "On the Variance of the Adaptive
/// Learning Rate and Beyond", ICLR 2020. Per coordinate at step t:
///
///   g <- g + weight_decay * theta
///   m <- beta1 m + (1 - beta1) g;   v <- beta2 v + (1 - beta2) g^2
///   m_hat = m / (1 - beta1^t)
///   rho_inf = 2 / (1 - beta2) - 1;   rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
///   if rho_t > 5:
///     r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
///     theta <- theta - lr m_hat r sqrt(1 - beta2^t) / (sqrt(v) + eps)
///   else (the first five steps with beta2 = 0.999):
///     theta <- theta - lr m_hat
///
/// eps is added to the uncorrected sqrt(v). optax's radam uses rho_t >= 5
/// and adds eps after the bias correction.
struct RAdamRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weight_decay = 0.0;
  };

  template <typename T>
  struct Coordinate {
    T exp_avg{};
    T exp_avg_sq{};
  };

  static Settings settings_from(const Hyperparameters& h);

  /// The bias corrections of step t and, once rho_t > 5, the rectification
  /// factor r (zero marks the un-adapted steps).
  struct Constants {
    double bias_correction1 = 1.0;
    double bias_correction2_sqrt = 1.0;
    double rect = 0.0;
  };

  static Constants constants(const Settings& s, long t) {
    const double step = static_cast<double>(t);
    const double bias_correction2 = 1.0 - std::pow(s.beta2, step);
    Constants c{1.0 - std::pow(s.beta1, step), std::sqrt(bias_correction2), 0.0};
    const double rho_inf = 2.0 / (1.0 - s.beta2) - 1.0;
    const double rho_t = rho_inf - 2.0 * step * std::pow(s.beta2, step) / bias_correction2;
    if (rho_t > 5.0) {
      c.rect = std::sqrt((rho_t - 4.0) * (rho_t - 2.0) * rho_inf /
                         ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t));
    }
    return c;
  }

  static std::array<double, 2> constants_key(const Settings& s) { return {s.beta1, s.beta2}; }

  template <typename T>
  static T update(const Settings& s, const Constants& c, T lr, Coordinate<T>& state, T theta,
                  T gradient) {
    using std::sqrt;

    T g = gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }

    state.exp_avg = state.exp_avg * s.beta1 + (1.0 - s.beta1) * g;
    state.exp_avg_sq = state.exp_avg_sq * s.beta2 + (1.0 - s.beta2) * g * g;
    const T corrected_exp_avg = state.exp_avg / c.bias_correction1;
    if (c.rect > 0.0) {
      const T adaptive_lr = c.bias_correction2_sqrt / (sqrt(state.exp_avg_sq) + s.eps);
      return theta + (-1.0) * (corrected_exp_avg * lr * adaptive_lr * c.rect);
    }
    return theta + (-1.0) * (corrected_exp_avg * lr);
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using RAdamOptimizer = ElementwiseOptimizer<RAdamRule>;

}  // namespace optiscope
