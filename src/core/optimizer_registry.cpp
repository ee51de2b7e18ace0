#include "optiscope/core/optimizer_registry.hpp"

#include <algorithm>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizers/adadelta.hpp"
#include "optiscope/core/optimizers/adagrad.hpp"
#include "optiscope/core/optimizers/adam.hpp"
#include "optiscope/core/optimizers/adamax.hpp"
#include "optiscope/core/optimizers/adamw.hpp"
#include "optiscope/core/optimizers/lion.hpp"
#include "optiscope/core/optimizers/nadam.hpp"
#include "optiscope/core/optimizers/radam.hpp"
#include "optiscope/core/optimizers/rmsprop.hpp"
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

HyperparameterSpec maximize() {
  return flag("maximize", false, "ascend the surface instead of descending");
}

HyperparameterSpec decay_rate(std::string_view key, double default_value,
                              std::string_view description) {
  return {key, Kind::real, default_value, at_least(0.0), below(1.0), description};
}

HyperparameterSpec non_negative(std::string_view key, double default_value,
                                std::string_view description) {
  return {key, Kind::real, default_value, at_least(0.0), std::nullopt, description};
}

HyperparameterSpec l2_weight_decay() {
  return non_negative("weight_decay", 0.0, "L2 penalty added to the gradient");
}

std::vector<HyperparameterSpec> sgd_hyperparameters(double momentum, bool nesterov) {
  return {
      learning_rate(1e-3),
      decay_rate("momentum", momentum,
                 "momentum factor mu of the buffer b <- mu b + (1 - dampening) g"),
      {"dampening", Kind::real, 0.0, at_least(0.0), at_most(1.0),
       "fraction of the gradient left out of the buffer after the first step"},
      flag("nesterov", nesterov, "use Nesterov momentum: step along g + mu b"),
      l2_weight_decay(),
      maximize(),
  };
}

std::vector<HyperparameterSpec> adam_hyperparameters(double lr, double weight_decay,
                                                     std::string_view decay_description) {
  return {
      learning_rate(lr),
      decay_rate("beta1", 0.9, "decay rate of the first moment m"),
      decay_rate("beta2", 0.999, "decay rate of the second moment v"),
      non_negative("eps", 1e-8, "added to the corrected root of v for numerical stability"),
      non_negative("weight_decay", weight_decay, decay_description),
      flag("amsgrad", false, "normalise by the running maximum of v"),
      maximize(),
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

constexpr std::string_view kAdamWRule =
    "g <- -g if maximize\n"
    "theta <- theta * (1 - lr * weight_decay)\n"
    "m <- beta1 * m + (1 - beta1) * g\n"
    "v <- beta2 * v + (1 - beta2) * g^2\n"
    "v_max <- max(v_max, v) if amsgrad, and v_max replaces v below\n"
    "theta <- theta - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)";

constexpr std::string_view kAdamaxRule =
    "g <- -g if maximize; g <- g + weight_decay * theta\n"
    "m <- beta1 * m + (1 - beta1) * g\n"
    "u <- max(beta2 * u, |g| + eps)\n"
    "theta <- theta - lr / (1 - beta1^t) * m / u";

constexpr std::string_view kNAdamRule =
    "g <- g + weight_decay * theta\n"
    "mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay)), mu_{t+1} likewise\n"
    "P_t = P_{t-1} * mu_t with P_0 = 1\n"
    "m <- beta1 * m + (1 - beta1) * g;  v <- beta2 * v + (1 - beta2) * g^2\n"
    "denom = sqrt(v / (1 - beta2^t)) + eps\n"
    "theta <- theta - lr * (1 - mu_t) / (1 - P_t) * g / denom\n"
    "               - lr * mu_{t+1} / (1 - P_t * mu_{t+1}) * m / denom";

constexpr std::string_view kRAdamRule =
    "g <- g + weight_decay * theta\n"
    "m <- beta1 * m + (1 - beta1) * g;  v <- beta2 * v + (1 - beta2) * g^2\n"
    "m_hat = m / (1 - beta1^t)\n"
    "rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)\n"
    "if rho_t > 5: r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))\n"
    "              theta <- theta - lr * m_hat * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)\n"
    "else:         theta <- theta - lr * m_hat";

constexpr std::string_view kRMSpropRule =
    "g <- -g if maximize; g <- g + weight_decay * theta\n"
    "v <- alpha * v + (1 - alpha) * g^2\n"
    "den = sqrt(v - g_avg^2) + eps with g_avg <- alpha * g_avg + (1 - alpha) * g if centered,\n"
    "      else sqrt(v) + eps\n"
    "if momentum > 0: b <- momentum * b + g / den; theta <- theta - lr * b\n"
    "else:            theta <- theta - lr * g / den";

constexpr std::string_view kAdagradRule =
    "g <- -g if maximize; g <- g + weight_decay * theta\n"
    "clr = lr / (1 + (t - 1) * lr_decay)\n"
    "s <- s + g^2, with s starting at initial_accumulator_value\n"
    "theta <- theta - clr * g / (sqrt(s) + eps)";

constexpr std::string_view kAdadeltaRule =
    "g <- -g if maximize; g <- g + weight_decay * theta\n"
    "v <- rho * v + (1 - rho) * g^2\n"
    "delta = sqrt(u + eps) / sqrt(v + eps) * g\n"
    "u <- rho * u + (1 - rho) * delta^2\n"
    "theta <- theta - lr * delta";

constexpr std::string_view kLionRule =
    "c = beta1 * m + (1 - beta1) * g   (from the old m)\n"
    "theta <- theta - lr * (sign(c) + weight_decay * theta)\n"
    "m <- beta2 * m + (1 - beta2) * g";

void add_sgd_family(std::vector<OptimizerInfo>& catalogue) {
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
}

void add_adam_family(std::vector<OptimizerInfo>& catalogue) {
  catalogue.push_back({"adam", "torch.optim.Adam", "adaptive moments with bias correction",
                       kAdamRule,
                       adam_hyperparameters(1e-3, 0.0, "L2 penalty added to the gradient"), nullptr,
                       create<AdamOptimizer>});
  catalogue.push_back({"adamw", "torch.optim.AdamW", "Adam with decoupled weight decay", kAdamWRule,
                       adam_hyperparameters(1e-3, 1e-2, "decoupled decay: theta *= 1 - lr * wd"),
                       nullptr, create<AdamWOptimizer>});
  catalogue.push_back({"adamax",
                       "torch.optim.Adamax",
                       "Adam with the infinity norm",
                       kAdamaxRule,
                       {learning_rate(2e-3), decay_rate("beta1", 0.9, "decay rate of m"),
                        decay_rate("beta2", 0.999, "decay rate of the infinity norm u"),
                        non_negative("eps", 1e-8, "added to |g| inside the maximum"),
                        l2_weight_decay(), maximize()},
                       nullptr,
                       create<AdamaxOptimizer>});
  catalogue.push_back(
      {"nadam",
       "torch.optim.NAdam (PyTorch 2.0 form)",
       "Adam with Nesterov momentum",
       kNAdamRule,
       {learning_rate(2e-3), decay_rate("beta1", 0.9, "decay rate of m"),
        decay_rate("beta2", 0.999, "decay rate of v"),
        non_negative("eps", 1e-8, "added to the corrected root of v"), l2_weight_decay(),
        non_negative("momentum_decay", 4e-3, "psi of the momentum schedule mu_t")},
       nullptr,
       create<NAdamOptimizer>});
  catalogue.push_back(
      {"radam",
       "torch.optim.RAdam",
       "Adam with rectified variance: plain momentum for the first steps",
       kRAdamRule,
       {learning_rate(1e-3), decay_rate("beta1", 0.9, "decay rate of m"),
        decay_rate("beta2", 0.999, "decay rate of v"),
        non_negative("eps", 1e-8, "added to the uncorrected root of v"), l2_weight_decay()},
       nullptr,
       create<RAdamOptimizer>});
}

void add_adaptive_family(std::vector<OptimizerInfo>& catalogue) {
  catalogue.push_back({"rmsprop",
                       "torch.optim.RMSprop",
                       "divide by a running root mean square of gradients",
                       kRMSpropRule,
                       {learning_rate(1e-2),
                        {"alpha", Kind::real, 0.99, at_least(0.0), at_most(1.0),
                         "decay rate of the squared-gradient average v"},
                        non_negative("eps", 1e-8, "added to the root of v"),
                        l2_weight_decay(),
                        decay_rate("momentum", 0.0, "momentum factor of the buffer b"),
                        flag("centered", false, "subtract the squared mean gradient from v"),
                        maximize()},
                       nullptr,
                       create<RMSpropOptimizer>});
  catalogue.push_back(
      {"adagrad",
       "torch.optim.Adagrad",
       "divide by the root of the sum of squared gradients",
       kAdagradRule,
       {learning_rate(1e-2), non_negative("lr_decay", 0.0, "lr / (1 + (t - 1) lr_decay)"),
        l2_weight_decay(),
        non_negative("initial_accumulator_value", 0.0, "starting value of the sum s"),
        non_negative("eps", 1e-10, "added to the root of s"), maximize()},
       nullptr,
       create<AdagradOptimizer>});
  catalogue.push_back(
      {"adadelta",
       "torch.optim.Adadelta",
       "unit-corrected steps from running averages",
       kAdadeltaRule,
       {learning_rate(1.0),
        {"rho", Kind::real, 0.9, at_least(0.0), at_most(1.0), "decay rate of both averages"},
        non_negative("eps", 1e-6, "added inside both square roots"),
        l2_weight_decay(),
        maximize()},
       nullptr,
       create<AdadeltaOptimizer>});
  catalogue.push_back(
      {"lion",
       "none (Chen et al. 2023; optax.lion)",
       "sign of an interpolated momentum: every step has size lr",
       kLionRule,
       {learning_rate(1e-4), decay_rate("beta1", 0.9, "interpolation weight for the sign"),
        decay_rate("beta2", 0.99, "decay rate of the moment m"),
        non_negative("weight_decay", 1e-3, "decoupled decay: theta -= lr * wd * theta")},
       nullptr,
       create<LionOptimizer>});
}

std::vector<OptimizerInfo> build_catalogue() {
  std::vector<OptimizerInfo> catalogue;
  add_sgd_family(catalogue);
  add_adam_family(catalogue);
  add_adaptive_family(catalogue);
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
  Hyperparameters hyperparameters =
      resolve_hyperparameters(name, info.hyperparameters, overrides, {"label"});

  std::string label(name);
  for (const auto& [key, text] : overrides) {
    if (key == "label") {
      if (text.empty()) {
        throw UsageError(std::string(name) + ": label is empty; write label=NAME");
      }
      label = text;
    }
  }

  if (info.check_combination != nullptr) {
    try {
      info.check_combination(hyperparameters);
    } catch (const UsageError& error) {
      throw UsageError(std::string(name) + ": " + error.what());
    }
  }
  return {label, info.create(std::string(name), std::move(hyperparameters)), nullptr};
}

OptimizerChoice parse_optimizer_spec(std::string_view spec) {
  const SpecText text = split_spec(spec, "optimizer");
  return make_optimizer(text.name, text.items);
}

std::string format_optimizer_spec(const OptimizerChoice& choice) {
  const OptimizerInfo& info = require_optimizer(choice.optimizer->name());
  std::string spec = choice.optimizer->name();
  const auto items =
      format_hyperparameters(info.hyperparameters, choice.optimizer->hyperparameters());
  for (std::size_t i = 0; i < items.size(); ++i) {
    spec += (i == 0 ? ":" : ",") + items[i].first + "=" + items[i].second;
  }
  return spec + ",label=" + choice.label;
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
