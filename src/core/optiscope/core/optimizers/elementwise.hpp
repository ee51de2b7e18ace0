#pragma once

#include <array>
#include <concepts>
#include <memory>
#include <string>
#include <vector>

#include "optiscope/core/cell_batch.hpp"
#include "optiscope/core/optimizer.hpp"
#include "optiscope/core/surface.hpp"

namespace optiscope {

/// An update rule that treats each coordinate on its own, as every
/// torch.optim optimizer optiscope reproduces does. The rule is a type with
///   - `Settings`: the immutable hyperparameters, built by
///     `settings_from(const Hyperparameters&)`;
///   - `Coordinate<T>`: the per-coordinate state, value-initialised to the
///     state before the first step;
///   - `Constants` and `constants(settings, t)`: what step t = 1, 2, ...
///     needs that does not depend on the coordinate (bias corrections), and
///     `constants_key(settings)`, the settings those depend on, so that a
///     sweep computes them once for all cells with equal keys;
///   - `update(settings, constants, lr, coordinate, theta, gradient)`:
///     returns the new parameter;
///   - `state(settings, x, y)`: the named state for inspectors.
/// The template over the scalar type T keeps the arithmetic in one place
/// for single runs and for batched sweeps.
template <typename Rule>
concept ElementwiseRule = requires(const typename Rule::Settings& settings,
                                   const typename Rule::Constants& constants,
                                   const Hyperparameters& hyperparameters,
                                   typename Rule::template Coordinate<double>& coordinate,
                                   const typename Rule::template Coordinate<double>& fixed) {
  { Rule::settings_from(hyperparameters) } -> std::same_as<typename Rule::Settings>;
  { Rule::constants(settings, 1L) } -> std::same_as<typename Rule::Constants>;
  { Rule::constants_key(settings) == Rule::constants_key(settings) } -> std::same_as<bool>;
  { Rule::update(settings, constants, 0.1, coordinate, 1.0, 1.0) } -> std::same_as<double>;
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
    const typename Rule::Constants constants = Rule::constants(settings_, steps_);
    return {Rule::update(settings_, constants, lr, x_, theta.x, gradient.x),
            Rule::update(settings_, constants, lr, y_, theta.y, gradient.y)};
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

  void run_cells(const Surface& surface, const CellBatch& batch,
                 std::span<CellOutcome> outcomes) const override {
    // Each cell's Settings come from the same path as a single run's:
    // Hyperparameters with the cell's values set, then settings_from.
    Hyperparameters h = hyperparameters();
    std::vector<typename Rule::Settings> settings;
    std::vector<double> base_lrs;
    settings.reserve(batch.cells.size());
    base_lrs.reserve(batch.cells.size());
    for (const Cell& cell : batch.cells) {
      for (std::size_t k = 0; k < batch.keys.size(); ++k) {
        h.set(batch.keys[k], cell.values[k]);
      }
      settings.push_back(Rule::settings_from(h));
      base_lrs.push_back(h.get("lr"));
    }
    // The reference quadratic is the common case; calling it through its
    // final class lets the compiler inline value and gradient.
    if (const auto* quadratic = dynamic_cast<const QuadraticSurface*>(&surface)) {
      run_rule_cells<Rule>(*quadratic, batch, settings, base_lrs, outcomes);
    } else {
      run_rule_cells<Rule>(surface, batch, settings, base_lrs, outcomes);
    }
  }

 private:
  typename Rule::Settings settings_;
};

}  // namespace optiscope
