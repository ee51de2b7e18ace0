#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace optiscope {

/// The type of a hyperparameter. Integers, booleans and choices are stored
/// as doubles (a choice as the index of its option); integer lists, such as
/// MultiStepLR's milestones, are stored on their own.
enum class HyperparameterKind { real, integer, boolean, choice, integer_list };

/// One end of a valid range.
struct Bound {
  double value = 0.0;
  bool inclusive = true;
};

/// The declaration of one hyperparameter: its key (PyTorch's argument
/// name), type, default and valid range.
struct HyperparameterSpec {
  std::string_view key;
  HyperparameterKind kind = HyperparameterKind::real;
  double default_value = 0.0;
  std::optional<Bound> lower;
  std::optional<Bound> upper;
  std::string_view description;
  /// The options of a choice, in index order.
  std::vector<std::string_view> choices = {};
};

/// Formats the valid range of a spec as a constraint, such as
/// "0 <= momentum < 1", "lr >= 0", "true or false" or "cos or linear".
std::string describe_range(const HyperparameterSpec& spec);

/// Formats a value the way a user would type it: "true"/"false" for
/// booleans, the option name for choices, the shortest round-trip decimal
/// otherwise.
std::string format_value(const HyperparameterSpec& spec, double value);

/// Resolved hyperparameter values, in declaration order.
class Hyperparameters {
 public:
  Hyperparameters() = default;
  Hyperparameters(std::vector<std::pair<std::string, double>> values,
                  std::vector<std::pair<std::string, std::vector<double>>> lists = {})
      : values_(std::move(values)), lists_(std::move(lists)) {}

  /// Returns the value of `key`. Throws std::out_of_range for a key that
  /// was never declared, which is a programming error.
  double get(std::string_view key) const;
  bool flag(std::string_view key) const { return get(key) != 0.0; }
  long integer(std::string_view key) const { return static_cast<long>(get(key)); }
  const std::vector<double>& list(std::string_view key) const;

  /// Replaces the value of a declared key.
  void set(std::string_view key, double value);

  const std::vector<std::pair<std::string, double>>& values() const { return values_; }
  const std::vector<std::pair<std::string, std::vector<double>>>& lists() const { return lists_; }

 private:
  std::vector<std::pair<std::string, double>> values_;
  std::vector<std::pair<std::string, std::vector<double>>> lists_;
};

/// A specification NAME[:key=value,...] split into its parts. Values keep
/// their text; brackets group a list, so "milestones=[30,80]" is one item.
struct SpecText {
  std::string name;
  std::vector<std::pair<std::string, std::string>> items;
};

/// Splits "NAME[:key=value,...]". `what` names the kind of thing in errors
/// ("optimizer", "schedule"). Throws UsageError for an empty name or an item
/// that is not key=value.
SpecText split_spec(std::string_view spec, std::string_view what);

/// Resolves `items` against `specs`: every key must be declared, every value
/// valid and within its range, and no key may repeat. Undeclared keys
/// listed in `extra_keys` (such as "label") are skipped here. `owner`
/// prefixes every message, as in "adam: beta1 = 1.2 is invalid; it must
/// satisfy 0 <= beta1 < 1". Throws UsageError.
Hyperparameters resolve_hyperparameters(
    std::string_view owner, const std::vector<HyperparameterSpec>& specs,
    const std::vector<std::pair<std::string, std::string>>& items,
    const std::vector<std::string>& extra_keys = {});

/// Formats every resolved value as key=value text, in declaration order, so
/// that split_spec and resolve_hyperparameters read it back unchanged.
std::vector<std::pair<std::string, std::string>> format_hyperparameters(
    const std::vector<HyperparameterSpec>& specs, const Hyperparameters& values);

/// Parses a real number written by a user. Returns nothing when the whole
/// text is not a finite decimal number.
std::optional<double> parse_real(std::string_view text);

}  // namespace optiscope
