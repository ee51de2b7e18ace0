#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/experiment.hpp"

namespace optiscope {

// Fair tuning: every optimizer searches its main hyperparameters with the
// same number of trials, each trial runs from the same start points for the
// same number of steps, and every trial is scored the same way. The design
// and the start points depend only on the seed.

/// The spacing of a searched hyperparameter over its range.
enum class SearchScale {
  /// log-uniform between low and high, for learning rates.
  log,
  /// 1 − value log-uniform, for momentum and decay rates such as beta2,
  /// whose effect depends on their distance to 1 (0.9, 0.99, 0.999).
  log_complement,
};

/// One searched hyperparameter and its range, inclusive.
struct SearchDimension {
  std::string key;
  double low = 0.0;
  double high = 1.0;
  SearchScale scale = SearchScale::log;
};

/// Returns the main hyperparameters of a catalogue optimizer with the
/// ranges the search covers: lr for every optimizer, momentum for sgd,
/// momentum and nesterov, beta1 and beta2 for the Adam family and lion,
/// alpha for rmsprop and rho for adadelta. Other hyperparameters keep their
/// defaults. Returns an empty list for an unknown name.
std::vector<SearchDimension> default_search_space(std::string_view optimizer_name);

/// Returns where `value` lies on the dimension's scale: 0 at the end the
/// search starts from (low), 1 at high. Values within 1/trials of 0 or 1
/// sit in an outermost stratum, a hint that the range may be too narrow.
double search_position(const SearchDimension& dimension, double value);

/// A tuning request: the optimizers, their runs and the size of the search.
struct TuningRequest {
  /// The surface, steps, schedule and noise of every run, the optimizers to
  /// tune (keys an entry sets are fixed and not searched) and the start of
  /// the experiment file written for the rerun. No optimizers means every
  /// catalogue optimizer except sgd, which gd and momentum cover.
  Experiment experiment;
  /// Settings tried per optimizer.
  long trials = 64;
  /// Start points per trial, drawn uniformly from the surface's view box.
  long starts = 8;
  /// Seeds the search design and the start points (the noise keeps the
  /// experiment's seed).
  std::uint64_t seed = 0;
  /// Replaces the lr range of every optimizer when set.
  std::optional<std::pair<double, double>> lr_range;
};

/// Upper limits that keep a tuning run to minutes: trials × starts runs per
/// optimizer.
inline constexpr long kMaxTrials = 10'000;
inline constexpr long kMaxStarts = 1'000;

/// One tried setting and its score.
struct Trial {
  /// The searched values, in the order of the search space.
  std::vector<std::pair<std::string, double>> values;
  /// The final loss above the reference from each start; empty for a start
  /// whose run diverged.
  std::vector<std::optional<double>> final_gaps;
  long diverged = 0;
  /// The mean over the starts that did not diverge of log10 of the final
  /// gap, with gaps below the rounding error of the reference counted as
  /// that error; +infinity when every start diverged.
  double mean_log_gap = 0.0;
  /// Gradient evaluations the runs used: steps × starts, less where a run
  /// diverged early.
  long gradient_evaluations = 0;
};

/// Returns true when `a` scores better than `b`: fewer diverged starts,
/// then a lower mean log gap.
bool better_trial(const Trial& a, const Trial& b);

/// The search of one optimizer.
struct OptimizerTuning {
  /// The optimizer as given, with its fixed keys.
  OptimizerEntry entry;
  /// The label it is shown and written under.
  std::string label;
  std::vector<SearchDimension> space;
  std::vector<Trial> trials;
  /// The index of the best trial (ties go to the earlier trial).
  std::size_t best = 0;
  /// Gradient evaluations allotted: trials × starts × steps. A fixed
  /// optimizer (nothing left to search) runs a single trial.
  long budget = 0;

  /// The best setting as an experiment entry: the fixed keys, the best
  /// values and the label.
  OptimizerEntry best_entry() const;
};

/// The outcome of tuning: per optimizer its search, and the ranking.
struct TuningResult {
  /// The experiment with the best setting of every optimizer, best first,
  /// ready to be resolved and written as an experiment file.
  Experiment tuned;
  std::vector<Vec2> starts;
  /// The loss the gaps are measured from: the surface's minimum, or the
  /// lowest final loss of any run when the minimum is unknown.
  double reference = 0.0;
  /// In the order of the request.
  std::vector<OptimizerTuning> optimizers;
  /// Indices into `optimizers`, best first.
  std::vector<std::size_t> ranking;
};

/// Returns `count` start points drawn uniformly from `view` with
/// splitmix64 seeded by `seed`, skipping points where the surface's loss or
/// gradient is not finite. Throws UsageError when 1000 draws in a row find
/// no such point.
std::vector<Vec2> draw_start_points(const Surface& surface, long count, std::uint64_t seed);

/// Returns the search design of `trials` settings: a Latin hypercube on the
/// scales of `space` (each dimension's range cut into `trials` equal
/// strata, one setting per stratum, strata paired at random), seeded by
/// `seed`. Values are rounded to 4 significant digits (of 1 − value on a
/// log_complement scale), so they print exactly and the last bits of the
/// platform's exp and log cannot change them.
std::vector<std::vector<std::pair<std::string, double>>> search_design(
    const std::vector<SearchDimension>& space, long trials, std::uint64_t seed);

/// Tunes every optimizer of the request. Throws UsageError for invalid
/// input: trials or starts out of range, an unknown optimizer, an lr range
/// that is not 0 < low <= high, or a fixed key with an invalid value.
TuningResult tune(const TuningRequest& request,
                  const SurfaceFactory& make_surface = make_builtin_surface);

}  // namespace optiscope
