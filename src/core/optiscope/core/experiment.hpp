#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/scenario.hpp"

namespace optiscope {

/// One optimizer of an experiment, as the user wrote it.
struct OptimizerEntry {
  /// The catalogue name, such as "adam".
  std::string name;
  /// key=value items as text, including an optional label.
  std::vector<std::pair<std::string, std::string>> items;
  /// NAME[:key=value,...] of its schedule; empty means the experiment's
  /// default schedule.
  std::string schedule;
};

/// Splits an --optimizer specification NAME[:key=value,...] into an entry.
OptimizerEntry parse_optimizer_entry(std::string_view spec);

/// An experiment as written by the user: every field is text or a number
/// not yet checked. resolve_experiment validates it and fills in defaults.
struct Experiment {
  /// A catalogue name with parameters, or a formula in x and y.
  std::string surface = "quadratic";
  /// The start point; empty means the surface's default start.
  std::optional<Vec2> start;
  long steps = 100;
  /// The optimizers to compare; empty means the reference three (gd,
  /// momentum and adam).
  std::vector<OptimizerEntry> optimizers;
  /// The schedule of every optimizer without its own; empty means constant.
  std::string schedule;
  /// Standard deviation of the Gaussian noise added to each gradient.
  double noise = 0.0;
  std::uint64_t seed = 0;
  long repeats = 1;
};

/// Upper limits that keep one run within memory and a readable CSV: a
/// million steps of one optimizer take about 100 MB in memory.
inline constexpr long kMaxSteps = 1'000'000;
inline constexpr long kMaxRepeats = 1'000;

/// Creates a surface from its specification; throws UsageError for an
/// unknown one.
using SurfaceFactory = std::function<std::shared_ptr<const Surface>(std::string_view spec)>;

/// The surfaces optiscope knows: the catalogue and typed formulas, as
/// make_surface in optiscope/core/surfaces/catalogue.hpp reads them.
std::shared_ptr<const Surface> make_builtin_surface(std::string_view spec);

/// Validates the experiment and builds its scenario: creates the surface
/// and every optimizer and schedule, gives repeated labels suffixes, and
/// resolves run-dependent defaults. Throws UsageError naming the field, the
/// value and the fix.
Scenario resolve_experiment(const Experiment& experiment,
                            const SurfaceFactory& make_surface = make_builtin_surface);

}  // namespace optiscope
