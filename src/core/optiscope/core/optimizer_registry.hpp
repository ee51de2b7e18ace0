#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/core/optimizer.hpp"
#include "optiscope/core/schedule.hpp"

namespace optiscope {

/// A catalogue entry: everything needed to document, validate and create an
/// optimizer from a user's specification.
struct OptimizerInfo {
  std::string_view name;
  /// The torch.optim class it reproduces, with any fixed arguments.
  std::string_view pytorch_equivalent;
  std::string_view summary;
  std::string_view update_rule;
  std::vector<HyperparameterSpec> hyperparameters;
  /// Checks constraints that involve more than one hyperparameter and
  /// throws UsageError naming them; may be null.
  void (*check_combination)(const Hyperparameters&) = nullptr;
  std::unique_ptr<Optimizer> (*create)(std::string name, Hyperparameters) = nullptr;
};

/// Every optimizer optiscope knows, in the order `list optimizers` shows.
const std::vector<OptimizerInfo>& optimizer_catalogue();

/// Returns the entry named `name`, or null.
const OptimizerInfo* find_optimizer(std::string_view name);

/// An optimizer chosen by the user, with the label that names it in tables,
/// legends and the CSV.
struct OptimizerChoice {
  std::string label;
  std::shared_ptr<const Optimizer> optimizer;
  /// The learning-rate schedule of this optimizer; null for a constant lr.
  std::shared_ptr<const Schedule> schedule;
};

/// Parses "NAME[:key=value,...]" with PyTorch's hyperparameter names and an
/// optional label=TEXT, validates every value and creates the optimizer.
/// Throws UsageError with the offending value and the fix.
OptimizerChoice parse_optimizer_spec(std::string_view spec);

/// Creates an optimizer from the catalogue with the given overrides, each
/// validated as in parse_optimizer_spec.
OptimizerChoice make_optimizer(std::string_view name,
                               const std::vector<std::pair<std::string, std::string>>& overrides);

/// Formats an optimizer back into a specification that parse_optimizer_spec
/// reads to the same optimizer, with every hyperparameter written out and
/// the label last.
std::string format_optimizer_spec(const OptimizerChoice& choice);

/// Renames repeated labels in place: the second "adam" becomes "adam-2",
/// the third "adam-3", skipping labels already taken.
void make_labels_unique(std::vector<OptimizerChoice>& choices);

}  // namespace optiscope
