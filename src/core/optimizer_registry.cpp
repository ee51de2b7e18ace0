#include "optiscope/core/optimizer_registry.hpp"

#include <algorithm>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizers/adam.hpp"
#include "optiscope/core/optimizers/sgd.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

using Kind = HyperparameterKind;

constexpr Bound at_least(double value) { return {value, true}; }
constexpr Bound below(double value) { return {value, false}; }
constexpr Bound at_most(double value) { return {value, true}; }

HyperparameterSpec learning_rate(double default_value) {
  return {"lr",          Kind::real,   default_value,
          at_least(0.0), std::nullopt, "learning rate (step size)"};
}

HyperparameterSpec flag(std::string_view key, bool default_value, std::string_view description) {
  return {key, Kind::boolean, default_value ? 1.0 : 0.0, std::nullopt, std::nullopt, description};
}

std::vector<HyperparameterSpec> sgd_hyperparameters(double momentum, bool nesterov) {
  return {
      learning_rate(1e-3),
      {"momentum", Kind::real, momentum, at_least(0.0), below(1.0),
       "momentum factor mu of the buffer b <- mu b + (1 - dampening) g"},
      {"dampening", Kind::real, 0.0, at_least(0.0), at_most(1.0),
       "fraction of the gradient left out of the buffer after the first step"},
      flag("nesterov", nesterov, "use Nesterov momentum: step along g + mu b"),
      {"weight_decay", Kind::real, 0.0, at_least(0.0), std::nullopt,
       "L2 penalty added to the gradient"},
      flag("maximize", false, "ascend the surface instead of descending"),
  };
}

void check_sgd_combination(const Hyperparameters& h) {
  if (h.flag("nesterov") && (h.get("momentum") <= 0.0 || h.get("dampening") != 0.0)) {
    throw UsageError(
        "nesterov = true requires momentum > 0 and dampening = 0; set "
        "momentum=0.9 and dampening=0, or nesterov=false");
  }
}

template <typename OptimizerType>
std::unique_ptr<Optimizer> create(std::string name, Hyperparameters h) {
  return std::make_unique<OptimizerType>(std::move(name), std::move(h));
}

constexpr std::string_view kSgdRule =
    "g <- -g if maximize; g <- g + weight_decay * theta\n"
    "b <- g on the first step, else b <- momentum * b + (1 - dampening) * g\n"
    "d <- g + momentum * b if nesterov, else b (d = g when momentum = 0)\n"
    "theta <- theta - lr * d";

constexpr std::string_view kAdamRule =
    "g <- -g if maximize; g <- g + weight_decay * theta\n"
    "m <- beta1 * m + (1 - beta1) * g\n"
    "v <- beta2 * v + (1 - beta2) * g^2\n"
    "v_max <- max(v_max, v) if amsgrad, and v_max replaces v below\n"
    "denom <- sqrt(v) / sqrt(1 - beta2^t) + eps\n"
    "theta <- theta - lr / (1 - beta1^t) * m / denom";

std::vector<OptimizerInfo> build_catalogue() {
  std::vector<OptimizerInfo> catalogue;
  catalogue.push_back({"gd", "torch.optim.SGD(momentum=0)",
                       "plain gradient descent: step against the current gradient", kSgdRule,
                       sgd_hyperparameters(0.0, false), check_sgd_combination,
                       create<SgdOptimizer>});
  catalogue.push_back({"momentum", "torch.optim.SGD(momentum=0.9)",
                       "heavy-ball momentum: step along a decaying sum of gradients", kSgdRule,
                       sgd_hyperparameters(0.9, false), check_sgd_combination,
                       create<SgdOptimizer>});
  catalogue.push_back({"nesterov", "torch.optim.SGD(momentum=0.9, nesterov=True)",
                       "Nesterov momentum: look ahead along the buffer", kSgdRule,
                       sgd_hyperparameters(0.9, true), check_sgd_combination,
                       create<SgdOptimizer>});
  catalogue.push_back(
      {"sgd", "torch.optim.SGD", "stochastic gradient descent with every PyTorch option", kSgdRule,
       sgd_hyperparameters(0.0, false), check_sgd_combination, create<SgdOptimizer>});
  catalogue.push_back({"adam",
                       "torch.optim.Adam",
                       "adaptive moments with bias correction",
                       kAdamRule,
                       {
                           learning_rate(1e-3),
                           {"beta1", Kind::real, 0.9, at_least(0.0), below(1.0),
                            "decay rate of the first moment m"},
                           {"beta2", Kind::real, 0.999, at_least(0.0), below(1.0),
                            "decay rate of the second moment v"},
                           {"eps", Kind::real, 1e-8, at_least(0.0), std::nullopt,
                            "added to the corrected root of v for numerical stability"},
                           {"weight_decay", Kind::real, 0.0, at_least(0.0), std::nullopt,
                            "L2 penalty added to the gradient"},
                           flag("amsgrad", false, "normalise by the running maximum of v"),
                           flag("maximize", false, "ascend the surface instead of descending"),
                       },
                       nullptr,
                       create<AdamOptimizer>});
  return catalogue;
}

std::vector<std::string> catalogue_names() {
  std::vector<std::string> names;
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    names.emplace_back(info.name);
  }
  return names;
}

const OptimizerInfo& require_optimizer(std::string_view name) {
  if (const OptimizerInfo* info = find_optimizer(name)) {
    return *info;
  }
  std::string message = "unknown optimizer '" + std::string(name) + "'";
  const std::vector<std::string> names = catalogue_names();
  if (auto suggestion = closest_match(name, names)) {
    message += "; did you mean '" + *suggestion + "'?";
  } else {
    message += ".";
  }
  message +=
      " Valid optimizers: " + join(names, ", ") + " (run 'optiscope list optimizers' for details)";
  throw UsageError(message);
}

std::vector<std::string> valid_keys(const OptimizerInfo& info) {
  std::vector<std::string> keys;
  for (const HyperparameterSpec& spec : info.hyperparameters) {
    keys.emplace_back(spec.key);
  }
  keys.emplace_back("label");
  return keys;
}

const HyperparameterSpec& require_key(const OptimizerInfo& info, std::string_view key) {
  for (const HyperparameterSpec& spec : info.hyperparameters) {
    if (spec.key == key) {
      return spec;
    }
  }
  std::string message =
      std::string(info.name) + ": unknown hyperparameter '" + std::string(key) + "'";
  const std::vector<std::string> keys = valid_keys(info);
  if (auto suggestion = closest_match(key, keys)) {
    message += "; did you mean '" + *suggestion + "'?";
  } else {
    message += ".";
  }
  message += " Valid keys: " + join(keys, ", ");
  throw UsageError(message);
}

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

double parse_value(const OptimizerInfo& info, const HyperparameterSpec& spec,
                   std::string_view text) {
  const std::string prefix = std::string(info.name) + ": " + std::string(spec.key) + " = '" +
                             std::string(text) + "' is invalid";
  if (spec.kind == Kind::boolean) {
    if (text == "true" || text == "1") {
      return 1.0;
    }
    if (text == "false" || text == "0") {
      return 0.0;
    }
    throw UsageError(prefix + "; write true or false");
  }

  const std::optional<double> value = parse_real(text);
  if (!value) {
    throw UsageError(prefix + "; expected a finite number such as 0.01 or 1e-3");
  }
  if (!satisfies(spec, *value)) {
    throw UsageError(std::string(info.name) + ": " + std::string(spec.key) + " = " +
                     std::string(text) + " is invalid; it must satisfy " + describe_range(spec));
  }
  return *value;
}

}  // namespace

const std::vector<OptimizerInfo>& optimizer_catalogue() {
  static const std::vector<OptimizerInfo> catalogue = build_catalogue();
  return catalogue;
}

const OptimizerInfo* find_optimizer(std::string_view name) {
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    if (info.name == name) {
      return &info;
    }
  }
  return nullptr;
}

OptimizerChoice make_optimizer(std::string_view name,
                               const std::vector<std::pair<std::string, std::string>>& overrides) {
  const OptimizerInfo& info = require_optimizer(name);

  std::vector<std::pair<std::string, double>> values;
  for (const HyperparameterSpec& spec : info.hyperparameters) {
    values.emplace_back(std::string(spec.key), spec.default_value);
  }

  std::string label(name);
  std::vector<std::string> seen;
  for (const auto& [key, text] : overrides) {
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      throw UsageError(std::string(name) + ": hyperparameter '" + key +
                       "' is given twice; keep one of the values");
    }
    seen.push_back(key);

    if (key == "label") {
      if (text.empty()) {
        throw UsageError(std::string(name) + ": label is empty; write label=NAME");
      }
      label = text;
      continue;
    }
    const HyperparameterSpec& spec = require_key(info, key);
    const double value = parse_value(info, spec, text);
    auto slot = std::find_if(values.begin(), values.end(),
                             [&](const auto& entry) { return entry.first == key; });
    slot->second = value;
  }

  Hyperparameters hyperparameters(std::move(values));
  if (info.check_combination != nullptr) {
    try {
      info.check_combination(hyperparameters);
    } catch (const UsageError& error) {
      throw UsageError(std::string(name) + ": " + error.what());
    }
  }
  return {label, info.create(std::string(name), std::move(hyperparameters))};
}

OptimizerChoice parse_optimizer_spec(std::string_view spec) {
  const std::size_t colon = spec.find(':');
  const std::string_view name = spec.substr(0, colon);
  if (name.empty()) {
    throw UsageError("optimizer specification '" + std::string(spec) +
                     "' has no name; write NAME[:key=value,...], such as adam:lr=0.05");
  }

  std::vector<std::pair<std::string, std::string>> overrides;
  if (colon != std::string_view::npos) {
    // Every comma-separated item, including an empty one after a trailing
    // comma, must be key=value.
    std::size_t begin = colon + 1;
    while (true) {
      const std::size_t comma = spec.find(',', begin);
      const std::string_view item = spec.substr(
          begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin);
      const std::size_t equals = item.find('=');
      if (equals == std::string_view::npos || equals == 0) {
        throw UsageError(std::string(name) + ": '" + std::string(item) +
                         "' is not a key=value pair; write for example " + std::string(name) +
                         ":lr=0.01");
      }
      overrides.emplace_back(std::string(item.substr(0, equals)),
                             std::string(item.substr(equals + 1)));
      if (comma == std::string_view::npos) {
        break;
      }
      begin = comma + 1;
    }
  }
  return make_optimizer(name, overrides);
}

void make_labels_unique(std::vector<OptimizerChoice>& choices) {
  std::vector<std::string> taken;
  for (OptimizerChoice& choice : choices) {
    const std::string base = choice.label;
    for (int suffix = 2; std::find(taken.begin(), taken.end(), choice.label) != taken.end();
         ++suffix) {
      choice.label = base + "-" + std::to_string(suffix);
    }
    taken.push_back(choice.label);
  }
}

}  // namespace optiscope
