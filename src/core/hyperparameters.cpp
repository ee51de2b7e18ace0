#include "optiscope/core/hyperparameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "optiscope/core/error.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

using Kind = HyperparameterKind;

bool satisfies(const HyperparameterSpec& spec, double value) {
  if (spec.lower &&
      (spec.lower->inclusive ? value < spec.lower->value : value <= spec.lower->value)) {
    return false;
  }
  if (spec.upper &&
      (spec.upper->inclusive ? value > spec.upper->value : value >= spec.upper->value)) {
    return false;
  }
  return true;
}

std::string range_message(std::string_view owner, const HyperparameterSpec& spec,
                          std::string_view text) {
  return std::string(owner) + ": " + std::string(spec.key) + " = " + std::string(text) +
         " is invalid; it must satisfy " + describe_range(spec);
}

std::string invalid_prefix(std::string_view owner, const HyperparameterSpec& spec,
                           std::string_view text) {
  return std::string(owner) + ": " + std::string(spec.key) + " = '" + std::string(text) +
         "' is invalid";
}

double parse_number(std::string_view owner, const HyperparameterSpec& spec, std::string_view text) {
  const std::optional<double> value = parse_real(text);
  if (!value) {
    throw UsageError(invalid_prefix(owner, spec, text) +
                     "; expected a finite number such as 0.01 or 1e-3");
  }
  if (spec.kind == Kind::integer && *value != std::floor(*value)) {
    throw UsageError(invalid_prefix(owner, spec, text) + "; expected a whole number such as 10");
  }
  if (!satisfies(spec, *value)) {
    throw UsageError(range_message(owner, spec, text));
  }
  return *value;
}

double parse_choice(std::string_view owner, const HyperparameterSpec& spec, std::string_view text) {
  for (std::size_t index = 0; index < spec.choices.size(); ++index) {
    if (spec.choices[index] == text) {
      return static_cast<double>(index);
    }
  }
  throw UsageError(invalid_prefix(owner, spec, text) + "; write " + describe_range(spec));
}

double parse_boolean(std::string_view owner, const HyperparameterSpec& spec,
                     std::string_view text) {
  if (text == "true" || text == "1") {
    return 1.0;
  }
  if (text == "false" || text == "0") {
    return 0.0;
  }
  throw UsageError(invalid_prefix(owner, spec, text) + "; write true or false");
}

std::vector<double> parse_list(std::string_view owner, const HyperparameterSpec& spec,
                               std::string_view text) {
  const auto fail = [&]() -> std::vector<double> {
    throw UsageError(invalid_prefix(owner, spec, text) +
                     "; write a bracketed list of whole numbers such as [30,80]");
  };
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
    return fail();
  }
  std::vector<double> values;
  std::string_view inside = text.substr(1, text.size() - 2);
  while (!inside.empty()) {
    const std::size_t comma = inside.find(',');
    const std::string_view item = inside.substr(0, comma);
    inside = comma == std::string_view::npos ? std::string_view{} : inside.substr(comma + 1);
    const std::optional<double> value = parse_real(item);
    if (!value || *value != std::floor(*value)) {
      return fail();
    }
    if (!satisfies(spec, *value)) {
      throw UsageError(range_message(owner, spec, text));
    }
    values.push_back(*value);
  }
  return values;
}

std::vector<std::string> declared_keys(const std::vector<HyperparameterSpec>& specs,
                                       const std::vector<std::string>& extra_keys) {
  std::vector<std::string> keys;
  for (const HyperparameterSpec& spec : specs) {
    keys.emplace_back(spec.key);
  }
  keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
  return keys;
}

const HyperparameterSpec& require_key(std::string_view owner,
                                      const std::vector<HyperparameterSpec>& specs,
                                      const std::vector<std::string>& extra_keys,
                                      std::string_view key) {
  for (const HyperparameterSpec& spec : specs) {
    if (spec.key == key) {
      return spec;
    }
  }
  std::string message = std::string(owner) + ": unknown hyperparameter '" + std::string(key) + "'";
  const std::vector<std::string> keys = declared_keys(specs, extra_keys);
  if (auto suggestion = closest_match(key, keys)) {
    message += "; did you mean '" + *suggestion + "'?";
  } else {
    message += ".";
  }
  message += " Valid keys: " + join(keys, ", ");
  throw UsageError(message);
}

// Splits on commas that are not inside brackets.
std::vector<std::string_view> split_items(std::string_view text) {
  std::vector<std::string_view> items;
  int depth = 0;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      ++depth;
    } else if (text[i] == ']') {
      --depth;
    } else if (text[i] == ',' && depth == 0) {
      items.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  items.push_back(text.substr(begin));
  return items;
}

}  // namespace

std::string describe_range(const HyperparameterSpec& spec) {
  if (spec.kind == Kind::boolean) {
    return "true or false";
  }
  if (spec.kind == Kind::choice) {
    std::vector<std::string> options(spec.choices.begin(), spec.choices.end());
    return join(options, " or ");
  }
  const std::string key(spec.key);
  std::string range;
  if (spec.lower && spec.upper) {
    range = format_shortest(spec.lower->value) + (spec.lower->inclusive ? " <= " : " < ") + key +
            (spec.upper->inclusive ? " <= " : " < ") + format_shortest(spec.upper->value);
  } else if (spec.lower) {
    range = key + (spec.lower->inclusive ? " >= " : " > ") + format_shortest(spec.lower->value);
  } else if (spec.upper) {
    range = key + (spec.upper->inclusive ? " <= " : " < ") + format_shortest(spec.upper->value);
  } else {
    range = "any finite number";
  }
  if (spec.kind == Kind::integer) {
    range += ", a whole number";
  } else if (spec.kind == Kind::integer_list) {
    range = "[whole numbers], each " + range.substr(key.size() + 1);
  }
  return range;
}

std::string format_value(const HyperparameterSpec& spec, double value) {
  switch (spec.kind) {
    case Kind::boolean:
      return value != 0.0 ? "true" : "false";
    case Kind::choice:
      return std::string(spec.choices.at(static_cast<std::size_t>(value)));
    default:
      return format_shortest(value);
  }
}

double Hyperparameters::get(std::string_view key) const {
  for (const auto& [name, value] : values_) {
    if (name == key) {
      return value;
    }
  }
  throw std::out_of_range("hyperparameter '" + std::string(key) + "' was not declared");
}

const std::vector<double>& Hyperparameters::list(std::string_view key) const {
  for (const auto& [name, values] : lists_) {
    if (name == key) {
      return values;
    }
  }
  throw std::out_of_range("list hyperparameter '" + std::string(key) + "' was not declared");
}

void Hyperparameters::set(std::string_view key, double value) {
  for (auto& [name, stored] : values_) {
    if (name == key) {
      stored = value;
      return;
    }
  }
  throw std::out_of_range("hyperparameter '" + std::string(key) + "' was not declared");
}

SpecText split_spec(std::string_view spec, std::string_view what) {
  const std::size_t colon = spec.find(':');
  SpecText result;
  result.name = std::string(spec.substr(0, colon));
  if (result.name.empty()) {
    throw UsageError(std::string(what) + " specification '" + std::string(spec) +
                     "' has no name; write NAME[:key=value,...], such as " +
                     (what == "schedule" ? "cosine:T_max=100" : "adam:lr=0.05"));
  }
  if (colon == std::string_view::npos) {
    return result;
  }
  // Every comma-separated item, including an empty one after a trailing
  // comma, must be key=value.
  for (std::string_view item : split_items(spec.substr(colon + 1))) {
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      throw UsageError(result.name + ": '" + std::string(item) +
                       "' is not a key=value pair; write for example " + result.name +
                       (what == "schedule" ? ":gamma=0.5" : ":lr=0.01"));
    }
    result.items.emplace_back(std::string(item.substr(0, equals)),
                              std::string(item.substr(equals + 1)));
  }
  return result;
}

Hyperparameters resolve_hyperparameters(
    std::string_view owner, const std::vector<HyperparameterSpec>& specs,
    const std::vector<std::pair<std::string, std::string>>& items,
    const std::vector<std::string>& extra_keys) {
  std::vector<std::pair<std::string, double>> values;
  std::vector<std::pair<std::string, std::vector<double>>> lists;
  for (const HyperparameterSpec& spec : specs) {
    if (spec.kind == Kind::integer_list) {
      lists.emplace_back(std::string(spec.key), std::vector<double>{});
    } else {
      values.emplace_back(std::string(spec.key), spec.default_value);
    }
  }

  std::vector<std::string> seen;
  for (const auto& item : items) {
    // Plain references, not a structured binding: Clang 14, the compiler of
    // the WebAssembly build, cannot capture a binding in the lambdas below.
    const std::string& key = item.first;
    const std::string& text = item.second;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      throw UsageError(std::string(owner) + ": hyperparameter '" + key +
                       "' is given twice; keep one of the values");
    }
    seen.push_back(key);
    if (std::find(extra_keys.begin(), extra_keys.end(), key) != extra_keys.end()) {
      continue;
    }

    const HyperparameterSpec& spec = require_key(owner, specs, extra_keys, key);
    if (spec.kind == Kind::integer_list) {
      auto slot = std::find_if(lists.begin(), lists.end(),
                               [&](const auto& entry) { return entry.first == key; });
      slot->second = parse_list(owner, spec, text);
      continue;
    }
    double value = 0.0;
    if (spec.kind == Kind::boolean) {
      value = parse_boolean(owner, spec, text);
    } else if (spec.kind == Kind::choice) {
      value = parse_choice(owner, spec, text);
    } else {
      value = parse_number(owner, spec, text);
    }
    auto slot = std::find_if(values.begin(), values.end(),
                             [&](const auto& entry) { return entry.first == key; });
    slot->second = value;
  }
  return Hyperparameters(std::move(values), std::move(lists));
}

std::vector<std::pair<std::string, std::string>> format_hyperparameters(
    const std::vector<HyperparameterSpec>& specs, const Hyperparameters& values) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const HyperparameterSpec& spec : specs) {
    if (spec.kind == Kind::integer_list) {
      std::vector<std::string> parts;
      for (double value : values.list(spec.key)) {
        parts.push_back(format_shortest(value));
      }
      items.emplace_back(std::string(spec.key), "[" + join(parts, ",") + "]");
    } else {
      items.emplace_back(std::string(spec.key), format_value(spec, values.get(spec.key)));
    }
  }
  return items;
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
