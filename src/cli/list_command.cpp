#include "list_command.hpp"

#include <fmt/core.h>

#include <cmath>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/schedule.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope::cli {
namespace {

void print_parameters(const std::vector<HyperparameterSpec>& specs) {
  for (const HyperparameterSpec& spec : specs) {
    const std::string default_text =
        std::isnan(spec.default_value) ? "(run)" : format_value(spec, spec.default_value);
    fmt::print("    {:<16} default {:<8} {:<32} {}\n", spec.key,
               spec.kind == HyperparameterKind::integer_list ? "none" : default_text,
               describe_range(spec), spec.description);
  }
}

void print_optimizer(const OptimizerInfo& info, bool with_rule) {
  fmt::print("{} — {} ({})\n", info.name, info.summary, info.pytorch_equivalent);
  print_parameters(info.hyperparameters);
  if (with_rule) {
    fmt::print("  update rule, per coordinate, at step t = 1, 2, ...:\n");
    std::string_view rule = info.update_rule;
    while (!rule.empty()) {
      const std::size_t newline = rule.find('\n');
      fmt::print("    {}\n", rule.substr(0, newline));
      rule = newline == std::string_view::npos ? std::string_view{} : rule.substr(newline + 1);
    }
  }
}

void list_schedules(const std::string& name) {
  for (const ScheduleInfo& info : schedule_catalogue()) {
    if (!name.empty() && info.name != name) {
      continue;
    }
    fmt::print("{} — {} ({})\n", info.name, info.summary, info.pytorch_equivalent);
    print_parameters(info.parameters);
    fmt::print("\n");
    if (!name.empty()) {
      return;
    }
  }
  if (!name.empty()) {
    // Reuse the catalogue's message with its suggestion.
    parse_schedule_spec(name, {});
  }
  fmt::print(
      "Choose one with --schedule NAME:key=value,... (every optimizer) or schedule = \"...\" "
      "in an experiment file. A default of (run) is filled from the run: the number of steps "
      "or the optimizer's lr.\n");
}

void list_optimizers(const std::string& name) {
  if (!name.empty()) {
    const OptimizerInfo* info = find_optimizer(name);
    if (info == nullptr) {
      // Reuse the registry's message with its suggestion.
      parse_optimizer_spec(name);
    }
    print_optimizer(*info, true);
    return;
  }
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    print_optimizer(info, false);
    fmt::print("\n");
  }
  fmt::print(
      "Choose one with --optimizer NAME:key=value,...; 'optiscope list optimizers NAME' "
      "prints its update rule.\n");
}

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListOptions& options) {
  CLI::App* list = app.add_subcommand("list", "List optimizers or schedules with their parameters");
  list->add_option("topic", options.topic, "what to list: optimizers or schedules")->required();
  list->add_option("name", options.name, "show one entry in full, with its update rule");
  return list;
}

void execute_list(const ListOptions& options) {
  if (options.topic == "optimizers") {
    list_optimizers(options.name);
  } else if (options.topic == "schedules") {
    list_schedules(options.name);
  } else {
    throw UsageError("cannot list '" + options.topic + "'; valid topics: optimizers, schedules");
  }
}

}  // namespace optiscope::cli
