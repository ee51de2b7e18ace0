#include "list_command.hpp"

#include <fmt/core.h>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope::cli {
namespace {

void print_hyperparameters(const OptimizerInfo& info) {
  for (const HyperparameterSpec& spec : info.hyperparameters) {
    fmt::print("    {:<13} default {:<7} {:<22} {}\n", spec.key,
               format_value(spec, spec.default_value), describe_range(spec), spec.description);
  }
}

void print_optimizer(const OptimizerInfo& info, bool with_rule) {
  fmt::print("{} — {} ({})\n", info.name, info.summary, info.pytorch_equivalent);
  print_hyperparameters(info);
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

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListOptions& options) {
  CLI::App* list = app.add_subcommand("list", "List optimizers with their hyperparameters");
  list->add_option("topic", options.topic, "what to list: optimizers")->required();
  list->add_option("name", options.name, "show one entry in full, with its update rule");
  return list;
}

void execute_list(const ListOptions& options) {
  if (options.topic != "optimizers") {
    throw UsageError("cannot list '" + options.topic + "'; valid topics: optimizers");
  }
  if (!options.name.empty()) {
    const OptimizerInfo* info = find_optimizer(options.name);
    if (info == nullptr) {
      // Reuse the registry's message with its suggestion.
      parse_optimizer_spec(options.name);
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

}  // namespace optiscope::cli
