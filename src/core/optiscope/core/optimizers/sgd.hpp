#pragma once

#include <array>
#include <vector>

#include "optiscope/core/optimizers/elementwise.hpp"

namespace optiscope {

/// torch.optim.SGD (PyTorch 1.13, single-tensor path), per coordinate:
///
///   g <- -g if maximize;  g <- g + weight_decay * theta
///   b <- g on the first step, else b <- momentum * b + (1 - dampening) g
///   d <- g + momentum * b if nesterov, else b   (d = g when momentum = 0)
///   theta <- theta - lr * d
///
/// The operations run in PyTorch's order so that results agree to the ulp
/// wherever PyTorch does not fuse a multiply-add.
struct SgdRule {
  struct Settings {
    friend bool operator==(const Settings&, const Settings&) = default;

    double momentum = 0.0;
    /// Fraction of each new gradient left out of the momentum buffer; not
    /// applied on the first step, as in PyTorch.
    double dampening = 0.0;
    bool nesterov = false;
    /// L2 penalty added to the gradient: g <- g + weight_decay * theta.
    double weight_decay = 0.0;
    bool maximize = false;
  };

  /// The momentum buffer b, unset before the first step.
  template <typename T>
  struct Coordinate {
    T buffer{};
    bool has_buffer = false;
  };

  static Settings settings_from(const Hyperparameters& h);

  /// Nothing in this rule depends on the step number.
  struct Constants {};
  static Constants constants(const Settings&, long) { return {}; }
  static std::array<double, 0> constants_key(const Settings&) { return {}; }

  template <typename T>
  static T update(const Settings& s, const Constants& /*constants*/, T lr, Coordinate<T>& state,
                  T theta, T gradient) {
    T direction = s.maximize ? -gradient : gradient;
    if (s.weight_decay != 0.0) {
      direction = direction + s.weight_decay * theta;
    }

    if (s.momentum != 0.0) {
      if (!state.has_buffer) {
        state.buffer = direction;
        state.has_buffer = true;
      } else {
        state.buffer = state.buffer * s.momentum + (1.0 - s.dampening) * direction;
      }
      direction = s.nesterov ? direction + s.momentum * state.buffer : state.buffer;
    }

    return theta + (-lr) * direction;
  }

  static std::vector<StateEntry> state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y);
};

using SgdSettings = SgdRule::Settings;
using SgdOptimizer = ElementwiseOptimizer<SgdRule>;

}  // namespace optiscope
