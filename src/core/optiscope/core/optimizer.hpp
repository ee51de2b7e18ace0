#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/core/vec2.hpp"

namespace optiscope {

class Surface;
struct CellBatch;
struct CellOutcome;

/// A named part of an optimizer's per-run state after a step, such as the
/// momentum buffer or Adam's moments, for inspectors and figures.
struct StateEntry {
  std::string name;
  Vec2 value;
};

/// The per-run state of an optimizer: created by Optimizer::start, advanced
/// by step. Torch-style step counters start at 1 on the first call.
class OptimizerRun {
 public:
  virtual ~OptimizerRun() = default;

  /// Returns the parameters after one update from `theta`, given the
  /// gradient at `theta` and the learning rate for this step.
  virtual Vec2 step(Vec2 theta, Vec2 gradient, double lr) = 0;

  /// Returns the state after the last step; empty before the first step.
  virtual std::vector<StateEntry> state() const = 0;
};

/// An optimizer with fixed hyperparameters. It is immutable: every run gets
/// a fresh OptimizerRun, so one Optimizer can serve many runs at once.
class Optimizer {
 public:
  Optimizer(std::string name, Hyperparameters hyperparameters)
      : name_(std::move(name)), hyperparameters_(std::move(hyperparameters)) {}
  virtual ~Optimizer() = default;

  /// The registry name the optimizer was created under, such as "gd".
  const std::string& name() const { return name_; }
  const Hyperparameters& hyperparameters() const { return hyperparameters_; }
  /// The base learning rate, before any schedule.
  double lr() const { return hyperparameters_.get("lr"); }

  virtual std::unique_ptr<OptimizerRun> start() const = 0;

  /// Runs many variants of this optimizer without recording their paths,
  /// one per cell of `batch`, and stores each outcome in `outcomes` (same
  /// size as batch.cells). Each outcome equals the last record and status of
  /// run_optimizer with the cell's hyperparameters, start and schedule, bit
  /// for bit.
  virtual void run_cells(const Surface& surface, const CellBatch& batch,
                         std::span<CellOutcome> outcomes) const = 0;

 private:
  std::string name_;
  Hyperparameters hyperparameters_;
};

}  // namespace optiscope
