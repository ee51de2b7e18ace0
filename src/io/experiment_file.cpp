#include "optiscope/io/experiment_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope::io {
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTopLevelKeys = {"optiscope_version", "surface", "start", "steps",
                                                "schedule",          "noise",   "seed",  "repeats",
                                                "optimizer",         "output",  "sweep"};
const std::vector<std::string> kSweepKeys = {"axes", "tolerance", "shard"};
const std::vector<std::string> kOutputKeys = {"dir", "csv", "figures"};

// Reads one experiment file and reports errors at their place in it.
class ExperimentReader {
 public:
  ExperimentReader(std::string file, toml::table table)
      : file_(std::move(file)), table_(std::move(table)) {}

  ExperimentFile read() {
    check_keys(table_, kTopLevelKeys, "");
    ExperimentFile result;
    Experiment& e = result.experiment;
    if (const toml::node* node = table_.get("surface")) {
      e.surface = require_string(*node, "surface");
    }
    if (const toml::node* node = table_.get("start")) {
      e.start = read_start(*node);
    }
    if (const toml::node* node = table_.get("steps")) {
      e.steps = static_cast<long>(require_integer(*node, "steps", 1, kMaxSteps));
    }
    if (const toml::node* node = table_.get("schedule")) {
      e.schedule = require_string(*node, "schedule");
    }
    if (const toml::node* node = table_.get("noise")) {
      e.noise = require_number(*node, "noise");
      if (e.noise < 0.0) {
        fail(*node, "noise = " + format_shortest(e.noise) +
                        " is invalid; it must be a standard deviation >= 0, such as 0.5");
      }
    }
    if (const toml::node* node = table_.get("seed")) {
      e.seed = static_cast<std::uint64_t>(
          require_integer(*node, "seed", 0, std::numeric_limits<std::int64_t>::max()));
    }
    if (const toml::node* node = table_.get("repeats")) {
      e.repeats = static_cast<long>(require_integer(*node, "repeats", 1, kMaxRepeats));
    }
    if (const toml::node* node = table_.get("optimizer")) {
      read_optimizers(*node, e);
    }
    if (const toml::node* node = table_.get("output")) {
      result.output = read_output(*node);
    }
    if (const toml::node* node = table_.get("sweep")) {
      result.sweep = read_sweep(*node);
    }
    check_schedules(e);
    return result;
  }

 private:
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    const toml::source_region& where = node.source();
    throw UsageError(file_ + ":" + std::to_string(where.begin.line) + ":" +
                     std::to_string(where.begin.column) + ": " + message);
  }

  void check_keys(const toml::table& table, const std::vector<std::string>& valid,
                  const std::string& section) const {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(valid.begin(), valid.end(), name) != valid.end()) {
        continue;
      }
      std::string message = "unknown key '" + section + name + "'";
      if (auto suggestion = closest_match(name, valid)) {
        message += "; did you mean '" + section + *suggestion + "'?";
      } else {
        message += ".";
      }
      fail(node,
           message + " Valid keys" +
               (section.empty() ? "" : " in [" + section.substr(0, section.size() - 1) + "]") +
               ": " + join(valid, ", "));
    }
  }

  std::string type_name(const toml::node& node) const {
    if (node.is_string()) return "a string";
    if (node.is_integer()) return "an integer";
    if (node.is_floating_point()) return "a float";
    if (node.is_boolean()) return "a boolean";
    if (node.is_array()) return "an array";
    if (node.is_table()) return "a table";
    return "a date or time";
  }

  std::string require_string(const toml::node& node, const std::string& key) const {
    if (!node.is_string()) {
      fail(node, key + " is " + type_name(node) + "; write it as a quoted string");
    }
    return std::string(*node.value<std::string_view>());
  }

  double require_number(const toml::node& node, const std::string& key) const {
    if (!node.is_number()) {
      fail(node, key + " is " + type_name(node) + "; write a number such as 0.5");
    }
    const double value = *node.value<double>();
    if (!std::isfinite(value)) {
      fail(node, key + " = " + format_shortest(value) + " is invalid; it must be finite");
    }
    return value;
  }

  std::int64_t require_integer(const toml::node& node, const std::string& key, std::int64_t low,
                               std::int64_t high) const {
    if (!node.is_integer()) {
      fail(node, key + " is " + type_name(node) + "; write a whole number such as 100");
    }
    const std::int64_t value = *node.value<std::int64_t>();
    if (value < low || value > high) {
      fail(node, key + " = " + std::to_string(value) + " is invalid; it must be from " +
                     std::to_string(low) + " to " + std::to_string(high));
    }
    return value;
  }

  bool require_boolean(const toml::node& node, const std::string& key) const {
    if (!node.is_boolean()) {
      fail(node, key + " is " + type_name(node) + "; write true or false");
    }
    return *node.value<bool>();
  }

  Vec2 read_start(const toml::node& node) const {
    const toml::array* array = node.as_array();
    if (array == nullptr || array->size() != 2 || !(*array)[0].is_number() ||
        !(*array)[1].is_number()) {
      fail(node, "start must be an array of two numbers, such as start = [-1.5, 2.5]");
    }
    return {*(*array)[0].value<double>(), *(*array)[1].value<double>()};
  }

  // Writes a TOML value as the text a --optimizer specification would hold,
  // after checking that its type fits the hyperparameter.
  std::string value_text(const toml::node& node, const std::string& owner,
                         const HyperparameterSpec* spec, const std::string& key) const {
    using Kind = HyperparameterKind;
    const std::string what = owner + ": " + key;
    if (spec == nullptr || key == "label") {
      return require_string(node, what);
    }
    switch (spec->kind) {
      case Kind::boolean:
        return require_boolean(node, what) ? "true" : "false";
      case Kind::choice:
        return require_string(node, what);
      case Kind::integer_list: {
        const toml::array* array = node.as_array();
        if (array == nullptr) {
          fail(node, what + " is " + type_name(node) + "; write an array such as [30, 80]");
        }
        std::vector<std::string> parts;
        for (const toml::node& item : *array) {
          parts.push_back(std::to_string(require_integer(item, what, 1, kMaxSteps)));
        }
        return "[" + join(parts, ",") + "]";
      }
      default:
        if (node.is_integer()) {
          return std::to_string(*node.value<std::int64_t>());
        }
        return format_shortest(require_number(node, what));
    }
  }

  OptimizerEntry read_optimizer(const toml::table& table, std::size_t index) const {
    const std::string position = "optimizer " + std::to_string(index + 1);
    const toml::node* name_node = table.get("name");
    if (name_node == nullptr) {
      fail(table, position + " has no name; add name = \"adam\" (or another optimizer)");
    }
    OptimizerEntry entry;
    entry.name = require_string(*name_node, position + " name");
    const OptimizerInfo* info = find_optimizer(entry.name);
    if (info == nullptr) {
      try {
        make_optimizer(entry.name, {});
      } catch (const UsageError& error) {
        fail(*name_node, error.what());
      }
    }

    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (name == "name") {
        continue;
      }
      if (name == "schedule") {
        entry.schedule = require_string(node, entry.name + ": schedule");
        continue;
      }
      const auto spec = std::find_if(info->hyperparameters.begin(), info->hyperparameters.end(),
                                     [&](const HyperparameterSpec& s) { return s.key == name; });
      const HyperparameterSpec* found = spec == info->hyperparameters.end() ? nullptr : &*spec;
      if (found == nullptr && name != "label") {
        // An unknown key: let the registry name the valid ones.
        try {
          make_optimizer(entry.name, {{name, "0"}});
        } catch (const UsageError& error) {
          fail(node, error.what());
        }
      }
      std::pair<std::string, std::string> item{name, value_text(node, entry.name, found, name)};
      // Validate each key on its own so an error points at its line.
      try {
        make_optimizer(entry.name, {item});
      } catch (const UsageError& error) {
        fail(node, error.what());
      }
      entry.items.push_back(std::move(item));
    }
    try {
      make_optimizer(entry.name, entry.items);
    } catch (const UsageError& error) {
      fail(table, error.what());
    }
    return entry;
  }

  void read_optimizers(const toml::node& node, Experiment& e) const {
    const toml::array* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      fail(node, "optimizer must be an array of tables; write each as [[optimizer]]");
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      e.optimizers.push_back(read_optimizer(*(*array)[i].as_table(), i));
    }
  }

  // Schedules depend on the run length and each optimizer's lr, so they are
  // checked once everything else is known.
  void check_schedules(const Experiment& e) const {
    const toml::node* default_node = table_.get("schedule");
    const toml::array* optimizers = table_["optimizer"].as_array();
    std::vector<OptimizerEntry> entries = e.optimizers;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const OptimizerEntry& entry = entries[i];
      const std::string& spec = entry.schedule.empty() ? e.schedule : entry.schedule;
      if (spec.empty()) {
        continue;
      }
      const toml::node* where = default_node;
      if (!entry.schedule.empty()) {
        where = (*optimizers)[i].as_table()->get("schedule");
      }
      try {
        const OptimizerChoice choice = make_optimizer(entry.name, entry.items);
        parse_schedule_spec(spec, {e.steps, choice.optimizer->lr()});
      } catch (const UsageError& error) {
        fail(*where, error.what());
      }
    }
    if (entries.empty() && !e.schedule.empty()) {
      try {
        parse_schedule_spec(e.schedule, {e.steps, 0.1});
      } catch (const UsageError& error) {
        fail(*default_node, error.what());
      }
    }
  }

  OutputSettings read_output(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      fail(node, "output must be a table; write it as [output]");
    }
    check_keys(*table, kOutputKeys, "output.");
    OutputSettings output;
    if (const toml::node* dir = table->get("dir")) {
      output.dir = require_string(*dir, "output.dir");
    }
    if (const toml::node* csv = table->get("csv")) {
      output.csv = require_string(*csv, "output.csv");
    }
    if (const toml::node* figures = table->get("figures")) {
      output.figures = require_boolean(*figures, "output.figures");
    }
    return output;
  }

  SweepSection read_sweep(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      fail(node, "sweep must be a table; write it as [sweep]");
    }
    check_keys(*table, kSweepKeys, "sweep.");
    SweepSection sweep;
    sweep.present = true;
    if (const toml::node* axes = table->get("axes")) {
      const toml::array* array = axes->as_array();
      if (array == nullptr) {
        fail(*axes, "sweep.axes must be an array of strings, such as [\"lr=1e-4:1:64:log\"]");
      }
      for (const toml::node& axis : *array) {
        sweep.axes.push_back(require_string(axis, "sweep.axes"));
        try {
          parse_sweep_axis(sweep.axes.back());
        } catch (const UsageError& error) {
          fail(axis, error.what());
        }
      }
    }
    if (const toml::node* tolerance = table->get("tolerance")) {
      sweep.tolerance = require_number(*tolerance, "sweep.tolerance");
    }
    if (const toml::node* shard = table->get("shard")) {
      sweep.shard = require_string(*shard, "sweep.shard");
      try {
        parse_shard(sweep.shard);
      } catch (const UsageError& error) {
        fail(*shard, error.what());
      }
    }
    return sweep;
  }

  std::string file_;
  toml::table table_;
};

// Escapes a string for a TOML basic string.
std::string toml_string(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", c);
          quoted += escape;
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

// A double as a TOML float: always with a point or an exponent.
std::string toml_float(double value) {
  std::string text = format_shortest(value);
  if (text.find_first_of(".e") == std::string::npos) {
    text += ".0";
  }
  return text;
}

std::string toml_value(const HyperparameterSpec& spec, const Hyperparameters& values) {
  using Kind = HyperparameterKind;
  switch (spec.kind) {
    case Kind::boolean:
      return values.flag(spec.key) ? "true" : "false";
    case Kind::choice:
      return toml_string(format_value(spec, values.get(spec.key)));
    case Kind::integer:
      return std::to_string(values.integer(spec.key));
    case Kind::integer_list: {
      std::vector<std::string> parts;
      for (double value : values.list(spec.key)) {
        parts.push_back(std::to_string(static_cast<long>(value)));
      }
      return "[" + join(parts, ", ") + "]";
    }
    default:
      return toml_float(values.get(spec.key));
  }
}

}  // namespace

fs::path OutputSettings::csv_path() const {
  return csv.empty() ? fs::path(dir) / "optimizer-paths.csv" : fs::path(csv);
}

fs::path OutputSettings::resolved_experiment_path() const {
  fs::path path = csv_path();
  path.replace_extension(".toml");
  return path;
}

ExperimentFile read_experiment_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw UsageError("cannot read experiment file '" + path.string() +
                     "': it does not exist or is not readable; check the path");
  }
  std::stringstream contents;
  contents << in.rdbuf();
  toml::table table;
  try {
    table = toml::parse(contents.str(), path.string());
  } catch (const toml::parse_error& error) {
    const toml::source_region& where = error.source();
    throw UsageError(path.string() + ":" + std::to_string(where.begin.line) + ":" +
                     std::to_string(where.begin.column) +
                     ": invalid TOML: " + std::string(error.description()));
  }
  return ExperimentReader(path.string(), std::move(table)).read();
}

std::string format_resolved_experiment(const Scenario& scenario, const OutputSettings& output,
                                       std::string_view version, std::string_view command) {
  std::string text = "# The fully resolved experiment of this " + std::string(command) +
                     ", written by optiscope " + std::string(version) + ".\n# Run `optiscope " +
                     std::string(command) + " " + output.resolved_experiment_path().string() +
                     "` to reproduce the CSV byte for byte.\n"
                     "# Relative output paths are resolved against the current directory.\n\n";
  text += "optiscope_version = " + toml_string(version) + "\n";
  text += "surface = " + toml_string(scenario.surface_spec) + "\n";
  text += "start = [" + toml_float(scenario.start.x) + ", " + toml_float(scenario.start.y) + "]\n";
  text += "steps = " + std::to_string(scenario.run.steps) + "\n";
  text += "noise = " + toml_float(scenario.run.noise.sigma) + "\n";
  text += "seed = " + std::to_string(scenario.run.noise.seed) + "\n";
  text += "repeats = " + std::to_string(scenario.repeats) + "\n";

  for (const OptimizerChoice& choice : scenario.optimizers) {
    const OptimizerInfo* info = find_optimizer(choice.optimizer->name());
    text += "\n[[optimizer]]\n";
    text += "name = " + toml_string(choice.optimizer->name()) + "\n";
    text += "label = " + toml_string(choice.label) + "\n";
    for (const HyperparameterSpec& spec : info->hyperparameters) {
      text += std::string(spec.key) + " = " +
              toml_value(spec, choice.optimizer->hyperparameters()) + "\n";
    }
    text += "schedule = " +
            toml_string(choice.schedule ? format_schedule_spec(*choice.schedule) : "constant") +
            "\n";
  }

  text += "\n[output]\n";
  text += "dir = " + toml_string(output.dir) + "\n";
  text += "csv = " + toml_string(output.csv_path().string()) + "\n";
  text += std::string("figures = ") + (output.figures ? "true" : "false") + "\n";
  return text;
}

std::string format_resolved_sweep(const SweepResult& result, const OutputSettings& output,
                                  std::string_view version) {
  std::string text = format_resolved_experiment(result.scenario, output, version, "sweep");
  text += "\n[sweep]\naxes = [";
  for (std::size_t i = 0; i < result.axes.size(); ++i) {
    text += (i == 0 ? "" : ", ") + toml_string(result.axes[i].text);
  }
  text += "]\ntolerance = " + toml_float(result.tolerance) + "\n";
  text +=
      "shard = " +
      toml_string(std::to_string(result.shard.index) + "/" + std::to_string(result.shard.count)) +
      "\n";
  return text;
}

}  // namespace optiscope::io
