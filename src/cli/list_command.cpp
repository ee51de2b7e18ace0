#include "list_command.hpp"

#include <fmt/core.h>

#include <cmath>

#include "optiscope/core/error.hpp"
#include "optiscope/core/formula/functions.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/schedule.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"
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

std::string describe_point(Vec2 p) { return fmt::format("({:.6g}, {:.6g})", p.x, p.y); }

std::string describe_minimum(const SurfaceInfo& info) {
  if (info.minimizers.empty()) {
    return "no minimum";
  }
  std::vector<std::string> points;
  for (Vec2 minimizer : info.minimizers) {
    points.push_back(describe_point(minimizer));
  }
  return fmt::format("minimum {:.8g} at {}", info.minimum_value, join(points, ", "));
}

void print_surface(const SurfaceEntry& entry, bool in_full) {
  const std::unique_ptr<Surface> surface = make_surface(entry.name);
  const SurfaceInfo& info = surface->info();
  fmt::print("{} — {}\n", entry.name, entry.summary);
  fmt::print("    L(x, y) = {}\n", entry.formula.empty() ? info.formula : entry.formula);
  print_parameters(entry.parameters);
  const Box& v = info.view;
  fmt::print("    {}; view [{:g}, {:g}] x [{:g}, {:g}]; start {}\n", describe_minimum(info),
             v.x_min, v.x_max, v.y_min, v.y_max, describe_point(info.default_start));
  if (in_full) {
    if (!entry.formula.empty()) {
      fmt::print("    with the defaults: L(x, y) = {}\n", info.formula);
    }
    fmt::print("    gradient {}\n", info.gradient_formula);
    fmt::print("    source: {}\n", entry.citation);
  }
}

void list_surfaces(const std::string& name) {
  if (!name.empty()) {
    const SurfaceEntry* entry = find_surface(name);
    if (entry == nullptr) {
      // Reuse the catalogue's message with its suggestion.
      make_surface(name + ":");
    }
    print_surface(*entry, true);
    return;
  }
  for (const SurfaceEntry& entry : surface_catalogue()) {
    print_surface(entry, false);
    fmt::print("\n");
  }
  std::vector<std::string> functions;
  for (const FormulaFunction& function : formula_functions()) {
    functions.emplace_back(function.name);
  }
  fmt::print(
      "Choose one with --surface NAME[:key=value,...]; 'optiscope list surfaces NAME' prints its "
      "gradient and source.\nOr type a formula in x and y, such as --surface \"x^2 + 3*y^2\", "
      "with + - * / ^ (or **), pi, e and {}.\n",
      join(functions, ", "));
}

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListOptions& options) {
  CLI::App* list =
      app.add_subcommand("list", "List optimizers, schedules or surfaces with their parameters");
  list->add_option("topic", options.topic, "what to list: optimizers, schedules or surfaces")
      ->required();
  list->add_option("name", options.name, "show one entry in full, with its update rule");
  return list;
}

void execute_list(const ListOptions& options) {
  if (options.topic == "optimizers") {
    list_optimizers(options.name);
  } else if (options.topic == "schedules") {
    list_schedules(options.name);
  } else if (options.topic == "surfaces") {
    list_surfaces(options.name);
  } else {
    throw UsageError("cannot list '" + options.topic +
                     "'; valid topics: optimizers, schedules, surfaces");
  }
}

}  // namespace optiscope::cli
