#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/experiment.hpp"

namespace optiscope {

/// One axis of a sweep: a hyperparameter of every swept optimizer (such as
/// "lr", "momentum", "beta1") or a coordinate of the start point ("x", "y").
struct SweepAxis {
  /// The text it was parsed from, such as "lr=1e-4:1:64:log".
  std::string text;
  std::string key;
  std::vector<double> values;
  bool log_scale = false;

  bool is_start_coordinate() const { return key == "x" || key == "y"; }
};

/// Parses KEY=FROM:TO:COUNT[:log|:linear], such as "lr=1e-4:1:64:log" or
/// "x=-3:3:101". Log axes need 0 < FROM and TO. COUNT is 1 to 4096.
/// Throws UsageError naming the axis and the fix.
SweepAxis parse_sweep_axis(std::string_view text);

/// A slice of a sweep: shard `index` of `count` takes every cell whose
/// index i satisfies i % count == index, so slices have near-equal cost.
struct Shard {
  long index = 0;
  long count = 1;
};

/// Parses "I/N" with 0 <= I < N. Throws UsageError.
Shard parse_shard(std::string_view text);

/// What to sweep: the experiment gives the surface, start, steps, schedule,
/// noise and the optimizers (each swept on its own); the axes vary one or
/// two of their settings.
struct SweepRequest {
  Experiment experiment;
  std::vector<SweepAxis> axes;
  /// A cell "reaches" the minimum at the first step with loss below this.
  double tolerance = 1e-6;
  Shard shard;
};

/// The outcome of one cell: the last recorded point of the run that
/// `optiscope run` would make with the cell's settings.
struct SweepCell {
  /// Row-major index: the first axis varies fastest.
  long index = 0;
  /// The values of the axes at this cell (the second is 0 for 1-D sweeps).
  double first = 0.0;
  double second = 0.0;
  Vec2 final_position;
  double final_loss = 0.0;
  /// The last recorded step: `steps` unless the run diverged.
  long last_step = 0;
  RunStatus status = RunStatus::completed;
  /// The step that diverged (not recorded).
  std::optional<long> diverged_at;
  /// The first step with loss below the tolerance.
  std::optional<long> reached_at;
  /// For start-point sweeps: the index of the surface's minimizer nearest to
  /// the final point when it lies within 1e-3 (relative to the view box) of
  /// it, else -1.
  int basin = -1;
};

/// The cells of one optimizer, in index order (only the shard's cells).
struct SweepTable {
  OptimizerChoice base;
  std::vector<SweepCell> cells;
};

/// The whole sweep: the scenario it was resolved to, the axes and one table
/// per optimizer.
struct SweepResult {
  Scenario scenario;
  std::vector<SweepAxis> axes;
  double tolerance = 1e-6;
  Shard shard;
  std::vector<SweepTable> tables;

  /// The number of cells of the full grid, over all shards.
  long cell_count() const;
};

/// Returns the experiment of one cell: the request's experiment with the
/// optimizer `optimizer_index` only, its axis hyperparameters or start set
/// to the cell's values. `optiscope run` on it gives the cell's result bit
/// for bit.
Experiment cell_experiment(const SweepRequest& request, std::size_t optimizer_index, double first,
                           double second);

/// Runs every cell of the shard with `threads` threads (0 = all cores). The
/// result does not depend on the number of threads. Throws UsageError for an
/// axis key that an optimizer does not have.
SweepResult run_sweep(const SweepRequest& request, const SurfaceFactory& make_surface,
                      unsigned threads = 0);

}  // namespace optiscope
