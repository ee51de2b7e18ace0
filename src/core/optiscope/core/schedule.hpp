#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/hyperparameters.hpp"

namespace optiscope {

/// The per-run state of a learning-rate schedule, with the semantics of
/// torch.optim.lr_scheduler in PyTorch 1.13: the scheduler is stepped once
/// after every optimizer step, and lr() is the rate the next optimizer step
/// uses. Values follow PyTorch's recursive ("chainable") formulas, so they
/// agree with it to the last bit or two, not only in exact arithmetic.
class ScheduleRun {
 public:
  virtual ~ScheduleRun() = default;

  /// The learning rate of the next optimizer step.
  double lr() const { return lr_; }

  /// Advances by one optimizer step.
  void step() {
    ++epoch_;
    lr_ = compute(epoch_, lr_);
  }

 protected:
  explicit ScheduleRun(double base_lr) : base_lr_(base_lr), lr_(base_lr) {}

  /// Sets the learning rate of the first step, as PyTorch's constructor
  /// does with its initial step; call it at the end of a derived
  /// constructor.
  void initialize() { lr_ = compute(0, lr_); }

  /// Returns the rate for `epoch` (PyTorch's last_epoch) from the current
  /// rate `lr`.
  virtual double compute(long epoch, double lr) const = 0;

  double base_lr() const { return base_lr_; }

 private:
  double base_lr_;
  double lr_;
  long epoch_ = 0;
};

/// A learning-rate schedule with fixed parameters. Like an Optimizer it is
/// immutable, and start() creates the per-run state.
class Schedule {
 public:
  Schedule(std::string name, Hyperparameters parameters)
      : name_(std::move(name)), parameters_(std::move(parameters)) {}
  virtual ~Schedule() = default;

  const std::string& name() const { return name_; }
  const Hyperparameters& parameters() const { return parameters_; }

  /// Creates the state for a run whose optimizer has learning rate base_lr.
  virtual std::unique_ptr<ScheduleRun> start(double base_lr) const = 0;

 private:
  std::string name_;
  Hyperparameters parameters_;
};

/// What a schedule needs to fill in defaults that depend on the run.
struct ScheduleContext {
  /// The number of optimizer steps; the default of T_max and total_steps.
  long steps = 100;
  /// The optimizer's lr; the default of one-cycle's max_lr.
  double base_lr = 1e-3;
};

/// A catalogue entry for a schedule.
struct ScheduleInfo {
  std::string_view name;
  std::string_view pytorch_equivalent;
  std::string_view summary;
  std::vector<HyperparameterSpec> parameters;
};

/// Every schedule optiscope knows, in the order `list schedules` shows.
const std::vector<ScheduleInfo>& schedule_catalogue();

/// Parses "NAME[:key=value,...]" (such as "cosine:T_max=100,eta_min=0" or
/// "multistep:milestones=[30,80],gamma=0.1"), fills run-dependent defaults
/// from `context`, validates and creates the schedule. Throws UsageError.
std::shared_ptr<const Schedule> parse_schedule_spec(std::string_view spec,
                                                    const ScheduleContext& context);

/// Formats a schedule back into a specification that parse_schedule_spec
/// reads to the same schedule, with every parameter written out.
std::string format_schedule_spec(const Schedule& schedule);

}  // namespace optiscope
