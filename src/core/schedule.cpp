#include "optiscope/core/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "optiscope/core/error.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

using Kind = HyperparameterKind;
constexpr double kPi = std::numbers::pi;
// Marks a default that comes from the run (ScheduleContext).
constexpr double kFromRun = std::numeric_limits<double>::quiet_NaN();

// Python's a % m for m > 0: the result has the sign of m.
long python_modulo(long a, long m) { return ((a % m) + m) % m; }

class ConstantRun final : public ScheduleRun {
 public:
  explicit ConstantRun(double base_lr) : ScheduleRun(base_lr) { initialize(); }

 private:
  double compute(long, double lr) const override { return lr; }
};

// StepLR: lr <- gamma lr at every multiple of step_size.
class StepRun final : public ScheduleRun {
 public:
  StepRun(double base_lr, long step_size, double gamma)
      : ScheduleRun(base_lr), step_size_(step_size), gamma_(gamma) {
    initialize();
  }

 private:
  double compute(long epoch, double lr) const override {
    if (epoch == 0 || epoch % step_size_ != 0) {
      return lr;
    }
    return lr * gamma_;
  }
  long step_size_;
  double gamma_;
};

// MultiStepLR: lr <- gamma^k lr at a milestone that appears k times.
class MultiStepRun final : public ScheduleRun {
 public:
  MultiStepRun(double base_lr, std::vector<double> milestones, double gamma)
      : ScheduleRun(base_lr), milestones_(std::move(milestones)), gamma_(gamma) {
    initialize();
  }

 private:
  double compute(long epoch, double lr) const override {
    const auto count =
        std::count(milestones_.begin(), milestones_.end(), static_cast<double>(epoch));
    if (count == 0) {
      return lr;
    }
    return lr * std::pow(gamma_, static_cast<double>(count));
  }
  std::vector<double> milestones_;
  double gamma_;
};

// ExponentialLR: lr <- gamma lr after every step.
class ExponentialRun final : public ScheduleRun {
 public:
  ExponentialRun(double base_lr, double gamma) : ScheduleRun(base_lr), gamma_(gamma) {
    initialize();
  }

 private:
  double compute(long epoch, double lr) const override { return epoch == 0 ? lr : lr * gamma_; }
  double gamma_;
};

// CosineAnnealingLR in its recursive form, which keeps following the cosine
// past T_max (rising again, with period 2 T_max) as PyTorch's does.
double cosine_step(long epoch, double lr, double base_lr, long t_max, double eta_min) {
  const double period = static_cast<double>(t_max);
  if (epoch == 0) {
    return lr;
  }
  if (python_modulo(epoch - 1 - t_max, 2 * t_max) == 0) {
    return lr + (base_lr - eta_min) * (1.0 - std::cos(kPi / period)) / 2.0;
  }
  return (1.0 + std::cos(kPi * static_cast<double>(epoch) / period)) /
             (1.0 + std::cos(kPi * static_cast<double>(epoch - 1) / period)) * (lr - eta_min) +
         eta_min;
}

class CosineRun final : public ScheduleRun {
 public:
  CosineRun(double base_lr, long t_max, double eta_min)
      : ScheduleRun(base_lr), t_max_(t_max), eta_min_(eta_min) {
    initialize();
  }

 private:
  double compute(long epoch, double lr) const override {
    return cosine_step(epoch, lr, base_lr(), t_max_, eta_min_);
  }
  long t_max_;
  double eta_min_;
};

// LinearLR: the factor moves linearly from start_factor to end_factor over
// total_iters steps, written as PyTorch's ratio of consecutive factors.
double linear_step(long epoch, double lr, double start_factor, double end_factor,
                   long total_iters) {
  if (epoch == 0) {
    return lr * start_factor;
  }
  if (epoch > total_iters) {
    return lr;
  }
  return lr * (1.0 + (end_factor - start_factor) /
                         (static_cast<double>(total_iters) * start_factor +
                          static_cast<double>(epoch - 1) * (end_factor - start_factor)));
}

class LinearRun final : public ScheduleRun {
 public:
  LinearRun(double base_lr, double start_factor, double end_factor, long total_iters)
      : ScheduleRun(base_lr),
        start_factor_(start_factor),
        end_factor_(end_factor),
        total_iters_(total_iters) {
    initialize();
  }

 private:
  double compute(long epoch, double lr) const override {
    return linear_step(epoch, lr, start_factor_, end_factor_, total_iters_);
  }
  double start_factor_;
  double end_factor_;
  long total_iters_;
};

// SequentialLR([LinearLR(start_factor, 1, warmup), CosineAnnealingLR(T_max,
// eta_min)], milestones=[warmup]): at the milestone the cosine restarts from
// its closed form at epoch 0 (the base lr), then continues recursively.
class WarmupCosineRun final : public ScheduleRun {
 public:
  WarmupCosineRun(double base_lr, long warmup_steps, double start_factor, long t_max,
                  double eta_min)
      : ScheduleRun(base_lr),
        warmup_steps_(warmup_steps),
        start_factor_(start_factor),
        t_max_(t_max),
        eta_min_(eta_min) {
    initialize();
  }

 private:
  double compute(long epoch, double lr) const override {
    if (epoch < warmup_steps_) {
      return linear_step(epoch, lr, start_factor_, 1.0, warmup_steps_);
    }
    if (epoch == warmup_steps_) {
      return eta_min_ + (base_lr() - eta_min_) * (1.0 + std::cos(0.0)) / 2.0;
    }
    return cosine_step(epoch - warmup_steps_, lr, base_lr(), t_max_, eta_min_);
  }
  long warmup_steps_;
  double start_factor_;
  long t_max_;
  double eta_min_;
};

// OneCycleLR without momentum cycling: lr rises from max_lr / div_factor to
// max_lr over pct_start of total_steps, then anneals to the initial rate
// divided by final_div_factor (with three_phase, first back to the initial
// rate and then down).
class OneCycleRun final : public ScheduleRun {
 public:
  struct Phase {
    double end_step;
    double start_lr;
    double end_lr;
  };

  OneCycleRun(double base_lr, std::vector<Phase> phases, bool linear)
      : ScheduleRun(base_lr), phases_(std::move(phases)), linear_(linear) {
    initialize();
  }

 private:
  double anneal(double start, double end, double pct) const {
    if (linear_) {
      return (end - start) * pct + start;
    }
    const double cos_out = std::cos(kPi * pct) + 1.0;
    return end + (start - end) / 2.0 * cos_out;
  }

  double compute(long epoch, double) const override {
    const double step = static_cast<double>(epoch);
    double start_step = 0.0;
    for (std::size_t i = 0; i < phases_.size(); ++i) {
      const Phase& phase = phases_[i];
      if (step <= phase.end_step || i + 1 == phases_.size()) {
        const double pct = (step - start_step) / (phase.end_step - start_step);
        return anneal(phase.start_lr, phase.end_lr, pct);
      }
      start_step = phase.end_step;
    }
    return phases_.back().end_lr;
  }

  std::vector<Phase> phases_;
  bool linear_;
};

class CatalogueSchedule final : public Schedule {
 public:
  using Schedule::Schedule;
  std::unique_ptr<ScheduleRun> start(double base_lr) const override;
};

std::unique_ptr<ScheduleRun> make_one_cycle(const Hyperparameters& p) {
  const double max_lr = p.get("max_lr");
  const double total = static_cast<double>(p.integer("total_steps"));
  const double pct_start = p.get("pct_start");
  const double initial_lr = max_lr / p.get("div_factor");
  const double min_lr = initial_lr / p.get("final_div_factor");
  std::vector<OneCycleRun::Phase> phases;
  if (p.flag("three_phase")) {
    phases = {{pct_start * total - 1.0, initial_lr, max_lr},
              {2.0 * pct_start * total - 2.0, max_lr, initial_lr},
              {total - 1.0, initial_lr, min_lr}};
  } else {
    phases = {{pct_start * total - 1.0, initial_lr, max_lr}, {total - 1.0, max_lr, min_lr}};
  }
  const bool linear = p.get("anneal_strategy") == 1.0;
  return std::make_unique<OneCycleRun>(initial_lr, std::move(phases), linear);
}

std::unique_ptr<ScheduleRun> CatalogueSchedule::start(double base_lr) const {
  const Hyperparameters& p = parameters();
  const std::string& kind = name();
  if (kind == "step") {
    return std::make_unique<StepRun>(base_lr, p.integer("step_size"), p.get("gamma"));
  }
  if (kind == "multistep") {
    return std::make_unique<MultiStepRun>(base_lr, p.list("milestones"), p.get("gamma"));
  }
  if (kind == "exponential") {
    return std::make_unique<ExponentialRun>(base_lr, p.get("gamma"));
  }
  if (kind == "cosine") {
    return std::make_unique<CosineRun>(base_lr, p.integer("T_max"), p.get("eta_min"));
  }
  if (kind == "linear") {
    return std::make_unique<LinearRun>(base_lr, p.get("start_factor"), p.get("end_factor"),
                                       p.integer("total_iters"));
  }
  if (kind == "warmup_cosine") {
    return std::make_unique<WarmupCosineRun>(base_lr, p.integer("warmup_steps"),
                                             p.get("start_factor"), p.integer("T_max"),
                                             p.get("eta_min"));
  }
  if (kind == "onecycle") {
    return make_one_cycle(p);
  }
  return std::make_unique<ConstantRun>(base_lr);
}

constexpr Bound at_least(double value) { return {value, true}; }
constexpr Bound above(double value) { return {value, false}; }
constexpr Bound at_most(double value) { return {value, true}; }

HyperparameterSpec gamma(std::string_view description) {
  return {"gamma", Kind::real, 0.1, at_least(0.0), std::nullopt, description};
}

HyperparameterSpec whole(std::string_view key, double default_value, std::string_view description) {
  return {key, Kind::integer, default_value, at_least(1.0), std::nullopt, description};
}

HyperparameterSpec factor(std::string_view key, double default_value,
                          std::string_view description) {
  return {key, Kind::real, default_value, above(0.0), at_most(1.0), description};
}

HyperparameterSpec eta_min() {
  return {"eta_min", Kind::real, 0.0, at_least(0.0), std::nullopt, "lowest learning rate"};
}

std::vector<ScheduleInfo> build_catalogue() {
  return {
      {"constant", "no scheduler", "the optimizer's lr at every step", {}},
      {"step",
       "torch.optim.lr_scheduler.StepLR",
       "multiply lr by gamma every step_size steps",
       {whole("step_size", 10, "steps between decays"), gamma("multiplier at each decay")}},
      {"multistep",
       "torch.optim.lr_scheduler.MultiStepLR",
       "multiply lr by gamma at each milestone",
       {{"milestones", Kind::integer_list, 0.0, at_least(1.0), std::nullopt,
         "steps at which lr decays, such as [30,80]"},
        gamma("multiplier at each milestone")}},
      {"exponential",
       "torch.optim.lr_scheduler.ExponentialLR",
       "multiply lr by gamma after every step",
       {{"gamma", Kind::real, 0.99, at_least(0.0), std::nullopt, "multiplier per step"}}},
      {"cosine",
       "torch.optim.lr_scheduler.CosineAnnealingLR",
       "half a cosine from lr down to eta_min over T_max steps",
       {whole("T_max", kFromRun, "steps of the half cosine (default: the run's steps)"),
        eta_min()}},
      {"linear",
       "torch.optim.lr_scheduler.LinearLR",
       "linear warmup: scale lr from start_factor to end_factor over total_iters steps",
       {factor("start_factor", 1.0 / 3.0, "factor of the first step"),
        {"end_factor", Kind::real, 1.0, at_least(0.0), at_most(1.0), "factor after total_iters"},
        whole("total_iters", 5, "steps of the ramp")}},
      {"warmup_cosine",
       "SequentialLR(LinearLR, CosineAnnealingLR, milestones=[warmup_steps])",
       "linear warmup from start_factor * lr, then a cosine down to eta_min",
       {whole("warmup_steps", 5, "steps of the linear warmup"),
        factor("start_factor", 0.1, "factor of the first step"),
        whole("T_max", kFromRun,
              "steps of the half cosine after warmup (default: the run's steps minus "
              "warmup_steps)"),
        eta_min()}},
      {"onecycle",
       "torch.optim.lr_scheduler.OneCycleLR(cycle_momentum=False)",
       "rise to max_lr, then anneal far below the start (one-cycle policy)",
       {{"max_lr", Kind::real, kFromRun, above(0.0), std::nullopt,
         "peak learning rate (default: the optimizer's lr)"},
        whole("total_steps", kFromRun, "steps of the cycle (default: the run's steps)"),
        {"pct_start", Kind::real, 0.3, at_least(0.0), at_most(1.0),
         "fraction of the cycle spent rising"},
        {"anneal_strategy",
         Kind::choice,
         0.0,
         std::nullopt,
         std::nullopt,
         "shape of each phase",
         {"cos", "linear"}},
        {"div_factor", Kind::real, 25.0, above(0.0), std::nullopt,
         "initial lr = max_lr / div_factor"},
        {"final_div_factor", Kind::real, 1e4, above(0.0), std::nullopt,
         "final lr = initial lr / final_div_factor"},
        {"three_phase", Kind::boolean, 0.0, std::nullopt, std::nullopt,
         "return to the initial lr before the final descent"}}},
  };
}

const ScheduleInfo& require_schedule(std::string_view name) {
  for (const ScheduleInfo& info : schedule_catalogue()) {
    if (info.name == name) {
      return info;
    }
  }
  std::vector<std::string> names;
  for (const ScheduleInfo& info : schedule_catalogue()) {
    names.emplace_back(info.name);
  }
  std::string message = "unknown schedule '" + std::string(name) + "'";
  if (auto suggestion = closest_match(name, names)) {
    message += "; did you mean '" + *suggestion + "'?";
  } else {
    message += ".";
  }
  throw UsageError(message + " Valid schedules: " + join(names, ", "));
}

// The warmup length given in `items`, or its declared default.
double warmup_steps(const ScheduleInfo& info,
                    const std::vector<std::pair<std::string, std::string>>& items) {
  for (const auto& [key, text] : items) {
    if (key == "warmup_steps") {
      if (const auto value = parse_real(text)) {
        return *value;
      }
    }
  }
  for (const HyperparameterSpec& spec : info.parameters) {
    if (spec.key == "warmup_steps") {
      return spec.default_value;
    }
  }
  return 0.0;
}

// Adds run-dependent defaults as if the user had typed them.
void add_run_defaults(const ScheduleInfo& info, const ScheduleContext& context,
                      std::vector<std::pair<std::string, std::string>>& items) {
  for (const HyperparameterSpec& spec : info.parameters) {
    if (!std::isnan(spec.default_value) || spec.kind == Kind::integer_list) {
      continue;
    }
    const bool given = std::any_of(items.begin(), items.end(),
                                   [&](const auto& item) { return item.first == spec.key; });
    if (given) {
      continue;
    }
    double value = static_cast<double>(context.steps);
    if (spec.key == "max_lr") {
      value = context.base_lr;
    } else if (info.name == "warmup_cosine") {
      value = std::max(1.0, value - warmup_steps(info, items));
    }
    items.emplace_back(std::string(spec.key), format_shortest(value));
  }
}

void check_combination(const ScheduleInfo& info, const Hyperparameters& p,
                       const ScheduleContext& context) {
  const std::string name(info.name);
  if (info.name == "multistep" && p.list("milestones").empty()) {
    throw UsageError(name + ": milestones is missing; write for example milestones=[30,80]");
  }
  if (info.name == "onecycle") {
    const long total = p.integer("total_steps");
    if (total < context.steps) {
      throw UsageError(name + ": total_steps = " + std::to_string(total) +
                       " is invalid; it must be at least the run's " +
                       std::to_string(context.steps) +
                       " steps, because PyTorch's OneCycleLR "
                       "cannot step past it");
    }
    // Phase k ends at PyTorch's end_step; every phase must contain steps.
    const double rise = p.get("pct_start") * static_cast<double>(total);
    const double first_end = rise - 1.0;
    const double last_start = p.flag("three_phase") ? 2.0 * rise - 2.0 : first_end;
    if (!(first_end > 0.0) || !(static_cast<double>(total) - 1.0 > last_start)) {
      throw UsageError(name + ": pct_start = " + format_shortest(p.get("pct_start")) +
                       " with total_steps = " + std::to_string(total) +
                       " leaves a phase with no steps; choose pct_start so that pct_start * "
                       "total_steps is above 1 and each later phase keeps at least one step");
    }
  }
}

}  // namespace

const std::vector<ScheduleInfo>& schedule_catalogue() {
  static const std::vector<ScheduleInfo> catalogue = build_catalogue();
  return catalogue;
}

std::shared_ptr<const Schedule> parse_schedule_spec(std::string_view spec,
                                                    const ScheduleContext& context) {
  SpecText text = split_spec(spec, "schedule");
  const ScheduleInfo& info = require_schedule(text.name);
  add_run_defaults(info, context, text.items);
  Hyperparameters parameters = resolve_hyperparameters(text.name, info.parameters, text.items);
  check_combination(info, parameters, context);
  return std::make_shared<CatalogueSchedule>(text.name, std::move(parameters));
}

std::string format_schedule_spec(const Schedule& schedule) {
  const ScheduleInfo& info = require_schedule(schedule.name());
  std::string spec = schedule.name();
  const auto items = format_hyperparameters(info.parameters, schedule.parameters());
  for (std::size_t i = 0; i < items.size(); ++i) {
    spec += (i == 0 ? ":" : ",") + items[i].first + "=" + items[i].second;
  }
  return spec;
}

}  // namespace optiscope
