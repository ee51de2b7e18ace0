#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace optiscope {

enum class HyperparameterKind { real, boolean };

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
};

/// Formats the valid range of a spec as a constraint, such as
/// "0 <= momentum < 1", "lr >= 0" or "true or false".
std::string describe_range(const HyperparameterSpec& spec);

/// Formats a value the way a user would type it: "true"/"false" for
/// booleans, the shortest round-trip decimal otherwise.
std::string format_value(const HyperparameterSpec& spec, double value);

/// Resolved hyperparameter values of one optimizer, in declaration order.
/// Booleans are stored as 0 and 1.
class Hyperparameters {
 public:
  Hyperparameters() = default;
  explicit Hyperparameters(std::vector<std::pair<std::string, double>> values)
      : values_(std::move(values)) {}

  /// Returns the value of `key`. Throws std::out_of_range for a key that
  /// was never declared, which is a programming error.
  double get(std::string_view key) const;
  bool flag(std::string_view key) const { return get(key) != 0.0; }

  const std::vector<std::pair<std::string, double>>& values() const { return values_; }

 private:
  std::vector<std::pair<std::string, double>> values_;
};

/// Parses a real number written by a user. Returns nothing when the whole
/// text is not a finite decimal number.
std::optional<double> parse_real(std::string_view text);

}  // namespace optiscope
