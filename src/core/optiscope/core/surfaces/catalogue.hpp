#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/core/surface.hpp"

namespace optiscope {

/// The parameters of a catalogue surface as the user gave them: every
/// declared value, defaults included, and which keys were typed.
struct SurfaceParameters {
  Hyperparameters values;
  std::vector<std::string> given;

  double get(std::string_view key) const { return values.get(key); }
  bool was_given(std::string_view key) const;
};

/// A catalogue entry: what `optiscope list surfaces` prints and how to make
/// the surface.
struct SurfaceEntry {
  std::string_view name;
  std::string_view summary;
  /// The formula with parameter names where it has parameters.
  std::string_view formula;
  std::string_view citation;
  std::vector<HyperparameterSpec> parameters;
  /// Makes the surface; throws UsageError for a combination of parameters
  /// that has no minimum.
  std::unique_ptr<Surface> (*create)(const SurfaceParameters&) = nullptr;
};

/// Every named surface, in the order `optiscope list surfaces` shows them.
const std::vector<SurfaceEntry>& surface_catalogue();

/// Returns the entry named `name`, or null.
const SurfaceEntry* find_surface(std::string_view name);

/// Makes the surface a user asked for: a catalogue name with optional
/// parameters, "NAME[:key=value,...]" such as "rosenbrock:b=10", or a
/// formula in x and y such as "x^2 + 3*y^2". Throws UsageError, with a
/// suggestion for a misspelt name and a caret for a formula that does not
/// parse.
std::unique_ptr<Surface> make_surface(std::string_view spec);

}  // namespace optiscope
