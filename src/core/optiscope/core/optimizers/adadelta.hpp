#pragma once

#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.Adadelta (PyTorch 1.13, single-tensor path), after Zeiler,
/// "ADADELTA: An Adaptive Learning Rate Method", 2012. Per coordinate:
///
///   g <- -g if maximize;  g <- g + weight_decay * theta
///   v <- rho v + (1 - rho) g^2
///   delta = sqrt(u + eps) / sqrt(v + eps) g      (eps inside both roots)
///   u <- rho u + (1 - rho) delta^2
///   theta <- theta - lr delta
///
/// For f = x^2 from x = 1 with the defaults the first step gives
/// x = 0.99683773 (PyTorch agrees).
struct AdadeltaRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double rho = 0.9;
    double eps = 1e-6;
    double weight_decay = 0.0;
    bool maximize = false;
  };

  /// v (square_avg) and u (acc_delta), zero before the first step.
  template <typename T>
  struct Coordinate {
    T square_avg{};
    T acc_delta{};
  };

  static Settings settings_from(const Hyperparameters& h);

  /// Nothing in this rule depends on the step number.
  struct Constants {};
  static Constants constants(const Settings&, long) { return {}; }
  static std::array<double, 0> constants_key(const Settings&) { return {}; }

  template <typename T>
  static T update(const Settings& s, const Constants& /*constants*/, T lr, Coordinate<T>& state,
                  T theta, T gradient) {
    using std::sqrt;

    T g = s.maximize ? -gradient : gradient;
    if (s.weight_decay != 0.0) {
      g = g + s.weight_decay * theta;
    }
    state.square_avg = state.square_avg * s.rho + (1.0 - s.rho) * g * g;
    const T std_dev = sqrt(state.square_avg + s.eps);
    const T delta = sqrt(state.acc_delta + s.eps) / std_dev * g;
    state.acc_delta = state.acc_delta * s.rho + (1.0 - s.rho) * delta * delta;
    return theta + (-lr) * delta;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using AdadeltaOptimizer = ElementwiseOptimizer<AdadeltaRule>;

}  // namespace optiscope
