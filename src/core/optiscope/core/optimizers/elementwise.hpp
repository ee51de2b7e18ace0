#pragma once

#include <array>
#include <concepts>
#include <memory>
#include <string>
#include <vector>

#include "optiscope/core/optimizer.hpp"

namespace optiscope {

/// An update rule that treats each coordinate on its own, as every
/// torch.optim optimizer optiscope reproduces does. The rule is a type with
///   - `Settings`: the immutable hyperparameters, built by
///     `settings_from(const Hyperparameters&)`;
///   - `Coordinate<T>`: the per-coordinate state, value-initialised to the
///     state before the first step;
///   - `update(settings, lr, t, coordinate, theta, gradient)`: returns the
///     new parameter at step t = 1, 2, ...;
///   - `state(settings, x, y)`: the named state for inspectors.
/// Templates over the scalar type T let one definition serve single runs
/// and batched sweeps.
template <typename Rule>
concept ElementwiseRule = requires(const typename Rule::Settings& settings,
                                   const Hyperparameters& hyperparameters,
                                   typename Rule::template Coordinate<double>& coordinate,
                                   const typename Rule::template Coordinate<double>& fixed) {
  { Rule::settings_from(hyperparameters) } -> std::same_as<typename Rule::Settings>;
  { Rule::update(settings, 0.1, 1L, coordinate, 1.0, 1.0) } -> std::same_as<double>;
  { Rule::state(settings, fixed, fixed) } -> std::same_as<std::vector<StateEntry>>;
};

/// The per-run state of an elementwise optimizer: one Coordinate for x and
/// one for y, and the shared step counter.
template <ElementwiseRule Rule>
class ElementwiseRun final : public OptimizerRun {
 public:
  explicit ElementwiseRun(const typename Rule::Settings& settings) : settings_(settings) {}

  Vec2 step(Vec2 theta, Vec2 gradient, double lr) override {
    ++steps_;
    return {Rule::update(settings_, lr, steps_, x_, theta.x, gradient.x),
            Rule::update(settings_, lr, steps_, y_, theta.y, gradient.y)};
  }

  std::vector<StateEntry> state() const override {
    return steps_ == 0 ? std::vector<StateEntry>{} : Rule::state(settings_, x_, y_);
  }

 private:
  typename Rule::Settings settings_;
  typename Rule::template Coordinate<double> x_{};
  typename Rule::template Coordinate<double> y_{};
  long steps_ = 0;
};

/// An optimizer defined by an elementwise update rule.
template <ElementwiseRule Rule>
class ElementwiseOptimizer final : public Optimizer {
 public:
  ElementwiseOptimizer(std::string name, Hyperparameters hyperparameters)
      : Optimizer(std::move(name), std::move(hyperparameters)),
        settings_(Rule::settings_from(this->hyperparameters())) {}

  const typename Rule::Settings& settings() const { return settings_; }

  std::unique_ptr<OptimizerRun> start() const override {
    return std::make_unique<ElementwiseRun<Rule>>(settings_);
  }

 private:
  typename Rule::Settings settings_;
};

}  // namespace optiscope
