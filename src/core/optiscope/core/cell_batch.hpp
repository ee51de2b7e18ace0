#pragma once

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "optiscope/core/lanes.hpp"
#include "optiscope/core/run_checks.hpp"
#include "optiscope/core/runner.hpp"
#include "optiscope/core/schedule.hpp"

namespace optiscope {

/// One variant of an optimizer in a batch: up to two hyperparameters
/// replaced, its own start and schedule.
struct Cell {
  std::array<double, 2> values{};
  Vec2 start;
  /// Null for a constant lr.
  const Schedule* schedule = nullptr;
};

/// Cells that share an optimizer, surface and run settings. `keys` names the
/// hyperparameters that each cell's `values` replace, in order; every value
/// must already be valid for its key.
struct CellBatch {
  std::vector<std::string> keys;
  std::vector<Cell> cells;
  /// Steps, divergence factor and noise; the schedule comes from each cell.
  RunSettings run;
  /// A cell reaches the minimum at its first step with loss below this.
  double tolerance = 1e-6;
};

/// The outcome of a cell's run.
struct CellOutcome {
  /// The last recorded point; for an invalid start, the start with NaN loss.
  StepRecord last;
  RunStatus status = RunStatus::completed;
  /// The step that diverged (not recorded); 0 when the start was invalid.
  std::optional<long> diverged_at;
  /// The first recorded step with loss below the batch's tolerance.
  std::optional<long> reached_at;
};

/// The number of cells the batched kernel advances together.
inline constexpr std::size_t kCellLanes = 4;

namespace detail {

/// Up to kCellLanes cells with equal Settings, advanced together: lane i
/// runs cell cells[i]. Lanes past `size`, and lanes whose run ended, are
/// not live; their arithmetic goes on but is never read.
template <typename Rule>
struct CellPack {
  using L = Lanes<kCellLanes>;

  std::size_t group = 0;
  std::size_t size = 0;
  std::array<std::size_t, kCellLanes> cells{};
  std::array<bool, kCellLanes> live{};
  std::size_t live_count = 0;
  typename Rule::template Coordinate<L> x{};
  typename Rule::template Coordinate<L> y{};
  L theta_x, theta_y, gradient_x, gradient_y, lr;
  std::array<double, kCellLanes> loss{};
  L loss_bound;
  L coordinate_bound;
  bool has_schedules = false;
  std::array<std::unique_ptr<ScheduleRun>, kCellLanes> schedules;
  /// Every cell of a sweep uses the same seed and repeat, so one source
  /// serves all lanes.
  GaussianSource noise{0, 0};
};

// Sorts cells into packs of equal Settings, grouped by constants key.
template <typename Rule>
std::vector<CellPack<Rule>> make_packs(const CellBatch& batch,
                                       std::span<const typename Rule::Settings> settings,
                                       std::span<const CellOutcome> outcomes,
                                       std::vector<std::size_t>& representatives) {
  using Key = decltype(Rule::constants_key(settings[0]));
  std::map<Key, std::size_t> groups;
  std::vector<std::pair<std::size_t, std::size_t>> order;  // (group, cell)
  for (std::size_t c = 0; c < batch.cells.size(); ++c) {
    if (outcomes[c].status == RunStatus::diverged) {
      continue;  // invalid start
    }
    const auto [it, added] = groups.try_emplace(Rule::constants_key(settings[c]), groups.size());
    if (added) {
      representatives.push_back(c);
    }
    order.emplace_back(it->second, c);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<CellPack<Rule>> packs;
  for (const auto& [group, c] : order) {
    if (packs.empty() || packs.back().size == kCellLanes || packs.back().group != group ||
        !(settings[packs.back().cells[0]] == settings[c])) {
      packs.emplace_back();
      packs.back().group = group;
    }
    CellPack<Rule>& pack = packs.back();
    pack.cells[pack.size++] = c;
  }
  return packs;
}

}  // namespace detail

/// Advances the live lanes of one pack by one step: the update on all lanes
/// at once, then the surface, the divergence test and the tolerance test
/// lane by lane.
template <typename Rule, typename SurfaceType>
void advance_pack(const SurfaceType& surface, const CellBatch& batch,
                  const typename Rule::Settings& s, const typename Rule::Constants& k, long step,
                  detail::CellPack<Rule>& pack, std::span<CellOutcome> outcomes) {
  using L = Lanes<kCellLanes>;
  if (pack.has_schedules) {
    for (std::size_t i = 0; i < pack.size; ++i) {
      if (pack.live[i]) {
        pack.lr[i] = pack.schedules[i]->lr();
        pack.schedules[i]->step();
      }
    }
  }
  L gradient_x = pack.gradient_x;
  L gradient_y = pack.gradient_y;
  if (batch.run.noise.sigma > 0.0) {
    const auto [noise_x, noise_y] = pack.noise.next_pair();
    gradient_x = gradient_x + batch.run.noise.sigma * noise_x;
    gradient_y = gradient_y + batch.run.noise.sigma * noise_y;
  }
  const L next_x = Rule::update(s, k, pack.lr, pack.x, pack.theta_x, gradient_x);
  const L next_y = Rule::update(s, k, pack.lr, pack.y, pack.theta_y, gradient_y);

  // The surface at the new points: on all lanes at once when the surface
  // has a Lanes form (the quadratic), else point by point as a run does.
  L loss;
  L gradient_next_x;
  L gradient_next_y;
  if constexpr (requires { surface.value_of(next_x, next_y); }) {
    loss = surface.value_of(next_x, next_y);
    gradient_next_x = surface.gradient_x_of(next_x, next_y);
    gradient_next_y = surface.gradient_y_of(next_x, next_y);
  } else {
    for (std::size_t i = 0; i < pack.size; ++i) {
      if (pack.live[i]) {
        const StepRecord record = evaluate_step(surface, step, {next_x[i], next_y[i]}, 0.0);
        loss[i] = record.loss;
        gradient_next_x[i] = record.gradient.x;
        gradient_next_y[i] = record.gradient.y;
      }
    }
  }

  // diverges() on all lanes at once. v * 0 is 0 for a finite v and NaN
  // otherwise, so `zeros` is 0 exactly where all five values are finite.
  // For finite values the bound tests are the negations of diverges'.
  const L zeros =
      next_x * 0.0 + next_y * 0.0 + loss * 0.0 + gradient_next_x * 0.0 + gradient_next_y * 0.0;
  const L kept = (zeros == L(0.0)) * (abs(loss) <= pack.loss_bound) *
                 (max(abs(next_x), abs(next_y)) <= pack.coordinate_bound);
  const L below = loss < L(batch.tolerance);

  for (std::size_t i = 0; i < pack.size; ++i) {
    if (!pack.live[i]) {
      continue;
    }
    CellOutcome& outcome = outcomes[pack.cells[i]];
    if (kept[i] == 0.0) {
      outcome.last = {step - 1,
                      {pack.theta_x[i], pack.theta_y[i]},
                      pack.loss[i],
                      {pack.gradient_x[i], pack.gradient_y[i]},
                      std::nullopt};
      outcome.status = RunStatus::diverged;
      outcome.diverged_at = step;
      pack.live[i] = false;
      --pack.live_count;
      continue;
    }
    pack.theta_x[i] = next_x[i];
    pack.theta_y[i] = next_y[i];
    pack.gradient_x[i] = gradient_next_x[i];
    pack.gradient_y[i] = gradient_next_y[i];
    pack.loss[i] = loss[i];
    if (below[i] != 0.0 && !outcome.reached_at) {
      outcome.reached_at = step;
    }
  }
}

/// Runs `batch` for an elementwise rule. Cells with equal Settings share a
/// pack of kCellLanes lanes (Lanes), so the update runs on SIMD registers.
/// At every step the step constants (bias corrections, which cost a pow
/// each) are computed once per distinct constants key. Each lane performs
/// exactly the scalar operations of a single run, so every outcome is bit
/// for bit what run_optimizer gives. `settings[c]` and `base_lrs[c]` are
/// cell c's.
template <typename Rule, typename SurfaceType>
void run_rule_cells(const SurfaceType& surface, const CellBatch& batch,
                    std::span<const typename Rule::Settings> settings,
                    std::span<const double> base_lrs, std::span<CellOutcome> outcomes) {
  using Pack = detail::CellPack<Rule>;

  for (std::size_t c = 0; c < batch.cells.size(); ++c) {
    CellOutcome& outcome = outcomes[c];
    const Vec2 start = batch.cells[c].start;
    outcome = CellOutcome{};
    outcome.last = {0, start, surface.value(start), surface.gradient(start), std::nullopt};
    if (!is_valid_start(outcome.last)) {
      outcome.status = RunStatus::diverged;
      outcome.diverged_at = 0;
    } else if (outcome.last.loss < batch.tolerance) {
      outcome.reached_at = 0;
    }
  }

  std::vector<std::size_t> representatives;
  std::vector<Pack> packs = detail::make_packs<Rule>(batch, settings, outcomes, representatives);
  for (Pack& pack : packs) {
    for (std::size_t i = 0; i < kCellLanes; ++i) {
      // Lanes past `size` repeat lane 0 so that their arithmetic stays tame.
      const std::size_t c = pack.cells[i < pack.size ? i : 0];
      const StepRecord& first = outcomes[c].last;
      pack.theta_x[i] = first.position.x;
      pack.theta_y[i] = first.position.y;
      pack.gradient_x[i] = first.gradient.x;
      pack.gradient_y[i] = first.gradient.y;
      pack.lr[i] = base_lrs[c];
      pack.loss[i] = first.loss;
      const DivergenceBounds bounds = divergence_bounds(first, batch.run.divergence_factor);
      pack.loss_bound[i] = bounds.loss;
      pack.coordinate_bound[i] = bounds.coordinate;
      pack.live[i] = i < pack.size;
      if (i < pack.size && batch.cells[c].schedule != nullptr) {
        pack.schedules[i] = batch.cells[c].schedule->start(base_lrs[c]);
        pack.has_schedules = true;
      }
    }
    pack.live_count = pack.size;
    pack.noise = GaussianSource(batch.run.noise.seed, static_cast<std::uint64_t>(batch.run.repeat));
  }

  std::vector<typename Rule::Constants> constants(representatives.size());
  std::size_t live_packs = packs.size();
  for (long step = 1; step <= batch.run.steps && live_packs > 0; ++step) {
    for (std::size_t g = 0; g < representatives.size(); ++g) {
      constants[g] = Rule::constants(settings[representatives[g]], step);
    }
    for (Pack& pack : packs) {
      if (pack.live_count == 0) {
        continue;
      }
      advance_pack(surface, batch, settings[pack.cells[0]], constants[pack.group], step, pack,
                   outcomes);
      if (pack.live_count == 0) {
        --live_packs;
      }
    }
  }

  for (const Pack& pack : packs) {
    for (std::size_t i = 0; i < pack.size; ++i) {
      if (pack.live[i]) {
        outcomes[pack.cells[i]].last = {batch.run.steps,
                                        {pack.theta_x[i], pack.theta_y[i]},
                                        pack.loss[i],
                                        {pack.gradient_x[i], pack.gradient_y[i]},
                                        pack.lr[i]};
      }
    }
  }
}

}  // namespace optiscope
