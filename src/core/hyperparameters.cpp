#include "optiscope/core/hyperparameters.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "optiscope/core/text.hpp"

namespace optiscope {
std::string describe_range(const HyperparameterSpec& spec) {
  if (spec.kind == HyperparameterKind::boolean) {
    return "true or false";
  }
  const std::string key(spec.key);
  if (spec.lower && spec.upper) {
    return format_shortest(spec.lower->value) + (spec.lower->inclusive ? " <= " : " < ") + key +
           (spec.upper->inclusive ? " <= " : " < ") + format_shortest(spec.upper->value);
  }
  if (spec.lower) {
    return key + (spec.lower->inclusive ? " >= " : " > ") + format_shortest(spec.lower->value);
  }
  if (spec.upper) {
    return key + (spec.upper->inclusive ? " <= " : " < ") + format_shortest(spec.upper->value);
  }
  return "any finite number";
}

std::string format_value(const HyperparameterSpec& spec, double value) {
  if (spec.kind == HyperparameterKind::boolean) {
    return value != 0.0 ? "true" : "false";
  }
  return format_shortest(value);
}

double Hyperparameters::get(std::string_view key) const {
  for (const auto& [name, value] : values_) {
    if (name == key) {
      return value;
    }
  }
  throw std::out_of_range("hyperparameter '" + std::string(key) + "' was not declared");
}

std::optional<double> parse_real(std::string_view text) {
  // from_chars rejects a leading '+', which people type, so skip one.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace optiscope
