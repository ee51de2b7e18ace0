#pragma once

#include <array>
#include <cmath>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.RMSprop (PyTorch 1.13, single-tensor path), after Hinton's
/// Coursera lecture 6.5 and, when centered, Graves, "Generating Sequences
/// With Recurrent Neural Networks", 2013. Per coordinate:
///
///   g <- -g if maximize;  g <- g + weight_decay * theta
///   v <- alpha v + (1 - alpha) g^2
///   if centered: g_avg <- alpha g_avg + (1 - alpha) g, and den = sqrt(v - g_avg^2) + eps
///   else:        den = sqrt(v) + eps
///   if momentum > 0: b <- momentum b + g / den, and theta <- theta - lr b
///   else:            theta <- theta - lr g / den
///
/// There is no bias correction, so with the defaults the first step is about
/// 10 lr sign(g). optax's rmsprop defaults to decay 0.9 and puts eps inside
/// the square root.
struct RMSpropRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double alpha = 0.99;
    double eps = 1e-8;
    double weight_decay = 0.0;
    double momentum = 0.0;
    bool centered = false;
    bool maximize = false;
  };

  template <typename T>
  struct Coordinate {
    T square_avg{};
    T grad_avg{};
    T momentum_buffer{};
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
    state.square_avg = state.square_avg * s.alpha + (1.0 - s.alpha) * g * g;

    T avg{};
    if (s.centered) {
      state.grad_avg = state.grad_avg * s.alpha + (1.0 - s.alpha) * g;
      avg = sqrt(state.square_avg + (-1.0) * state.grad_avg * state.grad_avg);
    } else {
      avg = sqrt(state.square_avg);
    }
    avg = avg + s.eps;

    if (s.momentum > 0.0) {
      state.momentum_buffer = state.momentum_buffer * s.momentum + g / avg;
      return theta + (-lr) * state.momentum_buffer;
    }
    return theta + (-lr) * g / avg;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using RMSpropOptimizer = ElementwiseOptimizer<RMSpropRule>;

}  // namespace optiscope
