#include "optiscope/core/tuning.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/splitmix64.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Draws in a row that may miss the surface's domain before giving up.
constexpr int kStartAttempts = 1000;

// The catalogue optimizers tuned when the request names none; sgd is left
// out because gd and momentum are sgd with its two common settings.
constexpr std::string_view kExcludedByDefault = "sgd";

SearchDimension lr_dimension(double low, double high) {
  return {"lr", low, high, SearchScale::log};
}

SearchDimension decay_dimension(std::string key, double low, double high) {
  return {std::move(key), low, high, SearchScale::log_complement};
}

// FNV-1a: a fixed hash of the optimizer's name, so that each optimizer gets
// its own design whatever the order of the request.
std::uint64_t name_hash(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

double round_to_decimals(double value, int decimals) {
  char buffer[40];
  const auto written =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  double rounded = value;
  std::from_chars(buffer, written.ptr, rounded);
  return rounded;
}

// Maps a position in [0, 1) onto the dimension's scale.
double value_at(const SearchDimension& dimension, double position) {
  if (dimension.scale == SearchScale::log) {
    const double low = std::log(dimension.low);
    const double high = std::log(dimension.high);
    const double value = round_to_significant_digits(std::exp(low + position * (high - low)), 4);
    return std::clamp(value, dimension.low, dimension.high);
  }
  // Distance to 1 on a log scale: position 0 gives `low`. The complement
  // keeps 4 significant digits, so 1 − complement has a short decimal form
  // with as many decimals as the complement's last digit needs.
  const double far = std::log(1.0 - dimension.low);
  const double near = std::log(1.0 - dimension.high);
  const double complement = round_to_significant_digits(std::exp(far + position * (near - far)), 4);
  const int decimals = 3 - static_cast<int>(std::floor(std::log10(complement)));
  const double value = round_to_decimals(1.0 - complement, decimals);
  return std::clamp(value, dimension.low, dimension.high);
}

bool has_key(const OptimizerEntry& entry, std::string_view key) {
  return std::any_of(entry.items.begin(), entry.items.end(),
                     [&](const auto& item) { return item.first == key; });
}

std::string label_of(const OptimizerEntry& entry) {
  for (const auto& [key, value] : entry.items) {
    if (key == "label") {
      return value;
    }
  }
  return entry.name;
}

void check_request(const TuningRequest& request) {
  if (request.trials < 1 || request.trials > kMaxTrials) {
    throw UsageError("trials = " + std::to_string(request.trials) +
                     " is invalid; it must be a whole number from 1 to " +
                     std::to_string(kMaxTrials) + ", such as 64");
  }
  if (request.starts < 1 || request.starts > kMaxStarts) {
    throw UsageError("starts = " + std::to_string(request.starts) +
                     " is invalid; it must be a whole number from 1 to " +
                     std::to_string(kMaxStarts) + ", such as 8");
  }
  if (request.lr_range) {
    const auto [low, high] = *request.lr_range;
    if (!(low > 0.0) || !(high >= low) || !std::isfinite(high)) {
      throw UsageError("lr range " + format_shortest(low) + ":" + format_shortest(high) +
                       " is invalid; it must satisfy 0 < LOW <= HIGH, such as 1e-4:1");
    }
  }
}

std::vector<OptimizerEntry> entries_to_tune(const Experiment& experiment) {
  if (!experiment.optimizers.empty()) {
    return experiment.optimizers;
  }
  std::vector<OptimizerEntry> entries;
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    if (info.name != kExcludedByDefault) {
      entries.push_back({std::string(info.name), {}, ""});
    }
  }
  return entries;
}

// The search space of an entry: the default one without the keys the
// entry fixes, with the request's lr range.
std::vector<SearchDimension> entry_space(const OptimizerEntry& entry,
                                         const TuningRequest& request) {
  std::vector<SearchDimension> space;
  for (SearchDimension dimension : default_search_space(entry.name)) {
    if (has_key(entry, dimension.key)) {
      continue;
    }
    if (dimension.key == "lr" && request.lr_range) {
      dimension.low = request.lr_range->first;
      dimension.high = request.lr_range->second;
    }
    space.push_back(dimension);
  }
  return space;
}

// A finished run: the last loss, or nothing when it diverged, and the
// gradient evaluations it used.
struct RunOutcome {
  std::optional<double> final_loss;
  long evaluations = 0;
};

// Runs every trial of one optimizer from every start.
std::vector<std::vector<RunOutcome>> run_trials(const Experiment& trials_experiment,
                                                const std::vector<Vec2>& starts,
                                                const SurfaceFactory& make_surface) {
  const Scenario scenario = resolve_experiment(trials_experiment, make_surface);
  std::vector<std::vector<RunOutcome>> outcomes;
  for (const OptimizerChoice& choice : scenario.optimizers) {
    std::vector<RunOutcome>& trial = outcomes.emplace_back();
    for (std::size_t s = 0; s < starts.size(); ++s) {
      RunSettings settings = scenario.run;
      settings.schedule = choice.schedule;
      // Every optimizer gets the same noise stream from a given start.
      settings.repeat = static_cast<long>(s);
      const Trajectory t = run_optimizer(*scenario.surface, *choice.optimizer, starts[s], settings);
      const bool diverged = t.status == RunStatus::diverged;
      trial.push_back({diverged ? std::nullopt : std::optional<double>(t.last().loss),
                       t.last().step + (diverged ? 1 : 0)});
    }
  }
  return outcomes;
}

// Scores a trial: gaps above the reference, floored at its rounding error.
Trial score_trial(std::vector<std::pair<std::string, double>> values,
                  const std::vector<RunOutcome>& runs, double reference) {
  const double floor = std::max(4.0 * std::numeric_limits<double>::epsilon() * std::abs(reference),
                                std::numeric_limits<double>::min());
  Trial trial;
  trial.values = std::move(values);
  double sum = 0.0;
  long finished = 0;
  for (const RunOutcome& run : runs) {
    trial.gradient_evaluations += run.evaluations;
    if (!run.final_loss) {
      trial.final_gaps.push_back(std::nullopt);
      ++trial.diverged;
      continue;
    }
    const double gap = std::max(*run.final_loss - reference, floor);
    trial.final_gaps.push_back(gap);
    sum += std::log10(gap);
    ++finished;
  }
  trial.mean_log_gap = finished > 0 ? sum / static_cast<double>(finished) : kInfinity;
  return trial;
}

}  // namespace

std::vector<SearchDimension> default_search_space(std::string_view name) {
  const SearchDimension lr = lr_dimension(1e-4, 1.0);
  const SearchDimension momentum = decay_dimension("momentum", 0.01, 0.999);
  const SearchDimension beta1 = decay_dimension("beta1", 0.0, 0.99);
  const SearchDimension beta2 = decay_dimension("beta2", 0.9, 0.9999);
  if (name == "gd") {
    return {lr};
  }
  if (name == "sgd" || name == "momentum" || name == "nesterov") {
    return {lr, momentum};
  }
  if (name == "adam" || name == "adamw" || name == "adamax" || name == "nadam" || name == "radam" ||
      name == "lion") {
    return {lr, beta1, beta2};
  }
  if (name == "rmsprop") {
    return {lr, decay_dimension("alpha", 0.5, 0.999)};
  }
  if (name == "adagrad") {
    // Its step shrinks like lr/√t, so useful rates run higher.
    return {lr_dimension(1e-3, 10.0)};
  }
  if (name == "adadelta") {
    // Its unit-corrected step starts near lr·√eps, so lr must be large.
    return {lr_dimension(1e-2, 100.0), decay_dimension("rho", 0.5, 0.999)};
  }
  return {};
}

double search_position(const SearchDimension& dimension, double value) {
  if (dimension.scale == SearchScale::log) {
    return std::log(value / dimension.low) / std::log(dimension.high / dimension.low);
  }
  return std::log((1.0 - value) / (1.0 - dimension.low)) /
         std::log((1.0 - dimension.high) / (1.0 - dimension.low));
}

bool better_trial(const Trial& a, const Trial& b) {
  if (a.diverged != b.diverged) {
    return a.diverged < b.diverged;
  }
  return a.mean_log_gap < b.mean_log_gap;
}

OptimizerEntry OptimizerTuning::best_entry() const {
  OptimizerEntry tuned{entry.name, {}, entry.schedule};
  for (const auto& item : entry.items) {
    if (item.first != "label") {
      tuned.items.push_back(item);
    }
  }
  for (const auto& [key, value] : trials[best].values) {
    tuned.items.emplace_back(key, format_shortest(value));
  }
  tuned.items.emplace_back("label", label);
  return tuned;
}

std::vector<Vec2> draw_start_points(const Surface& surface, long count, std::uint64_t seed) {
  const Box& view = surface.info().view;
  std::uint64_t state = seed;
  std::vector<Vec2> points;
  while (static_cast<long>(points.size()) < count) {
    bool found = false;
    for (int attempt = 0; attempt < kStartAttempts && !found; ++attempt) {
      const double u = splitmix64_uniform(state);
      const double v = splitmix64_uniform(state);
      const Vec2 p{view.x_min + u * (view.x_max - view.x_min),
                   view.y_min + v * (view.y_max - view.y_min)};
      found = std::isfinite(surface.value(p)) && is_finite(surface.gradient(p));
      if (found) {
        points.push_back(p);
      }
    }
    if (!found) {
      throw UsageError("no start point with a finite loss and gradient found in " +
                       std::to_string(kStartAttempts) + " draws from the view box of " +
                       surface.info().name + "; choose a surface defined on most of its view");
    }
  }
  return points;
}

std::vector<std::vector<std::pair<std::string, double>>> search_design(
    const std::vector<SearchDimension>& space, long trials, std::uint64_t seed) {
  const auto count = static_cast<std::size_t>(trials);
  std::vector<std::vector<std::pair<std::string, double>>> design(count);
  std::uint64_t state = seed;
  for (const SearchDimension& dimension : space) {
    // A random order of the strata (Fisher-Yates), then a uniform point in each.
    std::vector<std::size_t> strata(count);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = count; i > 1; --i) {
      const auto j = static_cast<std::size_t>(splitmix64_uniform(state) * static_cast<double>(i));
      std::swap(strata[i - 1], strata[std::min(j, i - 1)]);
    }
    for (std::size_t t = 0; t < count; ++t) {
      const double position =
          (static_cast<double>(strata[t]) + splitmix64_uniform(state)) / static_cast<double>(count);
      design[t].emplace_back(dimension.key, value_at(dimension, position));
    }
  }
  return design;
}

TuningResult tune(const TuningRequest& request, const SurfaceFactory& make_surface) {
  check_request(request);
  TuningResult result;
  const std::shared_ptr<const Surface> surface = make_surface(request.experiment.surface);
  result.starts = draw_start_points(*surface, request.starts, request.seed);

  // Run everything first: without a known minimum the reference is the
  // lowest final loss of any run.
  std::vector<std::vector<std::vector<std::pair<std::string, double>>>> designs;
  std::vector<std::vector<std::vector<RunOutcome>>> outcomes;
  for (const OptimizerEntry& entry : entries_to_tune(request.experiment)) {
    OptimizerTuning& tuning = result.optimizers.emplace_back();
    tuning.entry = entry;
    tuning.label = label_of(entry);
    tuning.space = entry_space(entry, request);
    const long trials = tuning.space.empty() ? 1 : request.trials;
    tuning.budget = trials * request.starts * request.experiment.steps;

    auto& design = designs.emplace_back(
        search_design(tuning.space, trials, request.seed ^ name_hash(entry.name)));
    Experiment trials_experiment = request.experiment;
    trials_experiment.optimizers.clear();
    for (const auto& values : design) {
      OptimizerEntry trial = entry;
      for (const auto& [key, value] : values) {
        trial.items.emplace_back(key, format_shortest(value));
      }
      trials_experiment.optimizers.push_back(std::move(trial));
    }
    outcomes.push_back(run_trials(trials_experiment, result.starts, make_surface));
  }

  const SurfaceInfo& info = surface->info();
  result.reference = info.minimizers.empty() ? kInfinity : info.minimum_value;
  if (info.minimizers.empty()) {
    for (const auto& trials : outcomes) {
      for (const auto& runs : trials) {
        for (const RunOutcome& run : runs) {
          if (run.final_loss) {
            result.reference = std::min(result.reference, *run.final_loss);
          }
        }
      }
    }
    if (!std::isfinite(result.reference)) {
      result.reference = 0.0;
    }
  }

  for (std::size_t k = 0; k < result.optimizers.size(); ++k) {
    OptimizerTuning& tuning = result.optimizers[k];
    for (std::size_t t = 0; t < outcomes[k].size(); ++t) {
      tuning.trials.push_back(score_trial(designs[k][t], outcomes[k][t], result.reference));
      if (better_trial(tuning.trials.back(), tuning.trials[tuning.best])) {
        tuning.best = t;
      }
    }
    result.ranking.push_back(k);
  }
  std::stable_sort(result.ranking.begin(), result.ranking.end(), [&](std::size_t a, std::size_t b) {
    const OptimizerTuning& x = result.optimizers[a];
    const OptimizerTuning& y = result.optimizers[b];
    return better_trial(x.trials[x.best], y.trials[y.best]);
  });

  result.tuned = request.experiment;
  result.tuned.optimizers.clear();
  for (std::size_t k : result.ranking) {
    result.tuned.optimizers.push_back(result.optimizers[k].best_entry());
  }
  return result;
}

}  // namespace optiscope
