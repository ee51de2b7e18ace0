// The JavaScript interface of the WebAssembly module, through embind. It
// converts between JavaScript values and core types and turns exceptions
// into result objects, so no C++ exception reaches the page.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <charconv>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lab_session.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/experiment.hpp"
#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/optimizer_registry.hpp"
#include "optiscope/core/paths_csv.hpp"
#include "optiscope/core/schedule.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"

namespace optiscope::web {
namespace {

using emscripten::val;

std::string_view kind_name(HyperparameterKind kind) {
  switch (kind) {
    case HyperparameterKind::real:
      return "real";
    case HyperparameterKind::integer:
      return "integer";
    case HyperparameterKind::boolean:
      return "boolean";
    case HyperparameterKind::choice:
      return "choice";
    case HyperparameterKind::integer_list:
      return "integer_list";
  }
  return "real";
}

val to_val(std::string_view text) { return val(std::string(text)); }

val to_val(Vec2 p) {
  val point = val::object();
  point.set("x", p.x);
  point.set("y", p.y);
  return point;
}

val bound_to_val(const std::optional<Bound>& bound) {
  if (!bound) {
    return val::null();
  }
  val result = val::object();
  result.set("value", bound->value);
  result.set("inclusive", bound->inclusive);
  return result;
}

val specs_to_val(const std::vector<HyperparameterSpec>& specs) {
  val list = val::array();
  for (const HyperparameterSpec& spec : specs) {
    val item = val::object();
    item.set("key", to_val(spec.key));
    item.set("kind", to_val(kind_name(spec.kind)));
    item.set("default", spec.default_value);
    item.set("defaultText", format_value(spec, spec.default_value));
    item.set("lower", bound_to_val(spec.lower));
    item.set("upper", bound_to_val(spec.upper));
    item.set("range", describe_range(spec));
    item.set("description", to_val(spec.description));
    val choices = val::array();
    for (std::string_view choice : spec.choices) {
      choices.call<void>("push", to_val(choice));
    }
    item.set("choices", choices);
    list.call<void>("push", item);
  }
  return list;
}

val surface_info_to_val(const SurfaceInfo& info) {
  val result = val::object();
  result.set("name", info.name);
  result.set("formula", info.formula);
  result.set("gradientFormula", info.gradient_formula);
  val minimizers = val::array();
  for (Vec2 p : info.minimizers) {
    minimizers.call<void>("push", to_val(p));
  }
  result.set("minimizers", minimizers);
  result.set("minimumValue", info.minimum_value);
  val view = val::object();
  view.set("xMin", info.view.x_min);
  view.set("xMax", info.view.x_max);
  view.set("yMin", info.view.y_min);
  view.set("yMax", info.view.y_max);
  result.set("view", view);
  result.set("defaultStart", to_val(info.default_start));
  return result;
}

// Describes an error for the page: the message and, for a formula, the
// reason and the 1-based column of the offending character.
val error_to_val(const UsageError& error, std::string_view field, int index) {
  val result = val::object();
  result.set("ok", false);
  result.set("field", to_val(field));
  result.set("index", index);
  result.set("message", std::string(error.what()));
  if (const auto* formula = dynamic_cast<const FormulaError*>(&error)) {
    result.set("reason", formula->reason());
    result.set("column", static_cast<double>(formula->column()));
  }
  return result;
}

val ok_result() {
  val result = val::object();
  result.set("ok", true);
  return result;
}

val catalogue() {
  val optimizers = val::array();
  for (const OptimizerInfo& info : optimizer_catalogue()) {
    val item = val::object();
    item.set("name", to_val(info.name));
    item.set("pytorch", to_val(info.pytorch_equivalent));
    item.set("summary", to_val(info.summary));
    item.set("updateRule", to_val(info.update_rule));
    item.set("hyperparameters", specs_to_val(info.hyperparameters));
    optimizers.call<void>("push", item);
  }
  val schedules = val::array();
  for (const ScheduleInfo& info : schedule_catalogue()) {
    val item = val::object();
    item.set("name", to_val(info.name));
    item.set("pytorch", to_val(info.pytorch_equivalent));
    item.set("summary", to_val(info.summary));
    item.set("parameters", specs_to_val(info.parameters));
    schedules.call<void>("push", item);
  }
  val surfaces = val::array();
  for (const SurfaceEntry& entry : surface_catalogue()) {
    val item = val::object();
    item.set("name", to_val(entry.name));
    item.set("summary", to_val(entry.summary));
    item.set("formula", to_val(entry.formula));
    item.set("citation", to_val(entry.citation));
    item.set("parameters", specs_to_val(entry.parameters));
    surfaces.call<void>("push", item);
  }
  val references = val::array();
  for (const std::string& spec : reference_optimizer_specs()) {
    references.call<void>("push", spec);
  }

  val result = val::object();
  result.set("optimizers", optimizers);
  result.set("schedules", schedules);
  result.set("surfaces", surfaces);
  result.set("referenceOptimizers", references);
  result.set("maxSteps", static_cast<double>(kMaxSteps));
  result.set("maxRepeats", static_cast<double>(kMaxRepeats));
  return result;
}

// Checks a surface specification as the user types it.
val check_surface(const std::string& spec) {
  try {
    const std::shared_ptr<const Surface> surface = make_builtin_surface(spec);
    val result = ok_result();
    result.set("info", surface_info_to_val(surface->info()));
    return result;
  } catch (const UsageError& error) {
    return error_to_val(error, "surface", -1);
  }
}

std::vector<std::pair<std::string, std::string>> items_from_val(const val& items) {
  std::vector<std::pair<std::string, std::string>> result;
  const auto count = items["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    const val item = items[i];
    result.emplace_back(item[0].as<std::string>(), item[1].as<std::string>());
  }
  return result;
}

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error != std::errc() || end != text.data() + text.size() ||
      seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw UsageError("seed '" + text + "' is invalid; it must be a whole number from 0 to " +
                     std::to_string(std::numeric_limits<std::int64_t>::max()) + ", such as 42");
  }
  return seed;
}

// Reads the experiment object the page builds:
// {surface, start: {x, y} | null, steps, schedule, noise, seed (text),
//  repeats, optimizers: [{name, items: [[key, value], ...], schedule}]}.
Experiment experiment_from_val(const val& object) {
  Experiment experiment;
  experiment.surface = object["surface"].as<std::string>();
  const val start = object["start"];
  if (!start.isNull() && !start.isUndefined()) {
    experiment.start = Vec2{start["x"].as<double>(), start["y"].as<double>()};
  }
  experiment.steps = static_cast<long>(object["steps"].as<double>());
  experiment.schedule = object["schedule"].as<std::string>();
  experiment.noise = object["noise"].as<double>();
  experiment.seed = parse_seed(object["seed"].as<std::string>());
  experiment.repeats = static_cast<long>(object["repeats"].as<double>());
  const val optimizers = object["optimizers"];
  const auto count = optimizers["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    const val entry = optimizers[i];
    experiment.optimizers.push_back({entry["name"].as<std::string>(),
                                     items_from_val(entry["items"]),
                                     entry["schedule"].as<std::string>()});
  }
  return experiment;
}

// Resolves each part on its own first, so that an error names the control
// it belongs to: the surface, optimizer `index` or a schedule.
val locate_error(const Experiment& experiment) {
  try {
    make_builtin_surface(experiment.surface);
  } catch (const UsageError& error) {
    return error_to_val(error, "surface", -1);
  }
  for (std::size_t i = 0; i < experiment.optimizers.size(); ++i) {
    const OptimizerEntry& entry = experiment.optimizers[i];
    try {
      const OptimizerChoice choice = make_optimizer(entry.name, entry.items);
      const std::string& schedule = entry.schedule.empty() ? experiment.schedule : entry.schedule;
      if (!schedule.empty()) {
        try {
          parse_schedule_spec(schedule, {experiment.steps, choice.optimizer->lr()});
        } catch (const UsageError& error) {
          return error_to_val(error, "schedule", entry.schedule.empty() ? -1 : static_cast<int>(i));
        }
      }
    } catch (const UsageError& error) {
      return error_to_val(error, "optimizer", static_cast<int>(i));
    }
  }
  return val::null();
}

// The page's handle on a LabSession.
class Lab {
 public:
  val configure(const val& object) {
    try {
      const Experiment experiment = experiment_from_val(object);
      if (val located = locate_error(experiment); !located.isNull()) {
        return located;
      }
      session_.configure(experiment);
      return ok_result();
    } catch (const UsageError& error) {
      return error_to_val(error, "experiment", -1);
    }
  }

  void set_start(double x, double y) { session_.set_start({x, y}); }

  val run() {
    try {
      session_.run();
      return ok_result();
    } catch (const UsageError& error) {
      return error_to_val(error, "start", -1);
    }
  }

  int path_count() const { return static_cast<int>(session_.results().size()); }

  val path_info(int index) const {
    const OptimizerResult& result = session_.results().at(static_cast<std::size_t>(index));
    val info = val::object();
    info.set("label", result.choice.label);
    info.set("name", result.choice.optimizer->name());
    info.set("repeat", static_cast<double>(result.repeat));
    info.set("status", to_val(to_string(result.trajectory.status)));
    info.set("endedAtStep", result.trajectory.ended_at_step
                                ? val(static_cast<double>(*result.trajectory.ended_at_step))
                                : val::null());
    info.set("message", result.trajectory.message);
    info.set("lr", result.choice.optimizer->lr());
    val hyperparameters = val::object();
    for (const auto& [key, value] : result.choice.optimizer->hyperparameters().values()) {
      hyperparameters.set(key, value);
    }
    info.set("hyperparameters", hyperparameters);
    info.set("schedule", result.choice.schedule ? format_schedule_spec(*result.choice.schedule)
                                                : std::string());
    return info;
  }

  // A view into WebAssembly memory, valid until the next call into the
  // module; the page copies it at once.
  val path_values(int index) const {
    const std::vector<double>& values = session_.path_values(static_cast<std::size_t>(index));
    return val(emscripten::typed_memory_view(values.size(), values.data()));
  }

  std::string csv() const { return format_paths_csv(session_.results()); }

  val state(int index, double step) const {
    val entries = val::array();
    for (const StateEntry& entry :
         session_.state_at(static_cast<std::size_t>(index), static_cast<long>(step))) {
      val item = to_val(entry.value);
      item.set("name", entry.name);
      entries.call<void>("push", item);
    }
    return entries;
  }

  val surface_info() const { return surface_info_to_val(session_.scenario().surface->info()); }

  val start() const { return to_val(session_.scenario().start); }

  // Evaluates the loss on an nx by ny grid over [x0, x1] x [y0, y1], row by
  // row from y0; returns a view like path_values.
  val grid(int nx, int ny, double x0, double x1, double y0, double y1) {
    const auto columns = static_cast<std::size_t>(nx);
    const auto rows = static_cast<std::size_t>(ny);
    points_.resize(columns * rows);
    grid_.resize(columns * rows);
    for (std::size_t row = 0; row < rows; ++row) {
      const double y = y0 + (y1 - y0) * static_cast<double>(row) / static_cast<double>(rows - 1);
      for (std::size_t column = 0; column < columns; ++column) {
        const double x =
            x0 + (x1 - x0) * static_cast<double>(column) / static_cast<double>(columns - 1);
        points_[row * columns + column] = {x, y};
      }
    }
    session_.scenario().surface->values(points_, grid_);
    return val(emscripten::typed_memory_view(grid_.size(), grid_.data()));
  }

  val local_geometry(double x, double y) const {
    const Surface& surface = *session_.scenario().surface;
    const Vec2 p{x, y};
    const SymmetricMatrix2 h = surface.hessian(p);
    const SymmetricEigen eigen = eigen_decompose(h);
    val result = val::object();
    result.set("value", surface.value(p));
    result.set("gradient", to_val(surface.gradient(p)));
    result.set("hxx", h.xx);
    result.set("hxy", h.xy);
    result.set("hyy", h.yy);
    result.set("lambdaMin", eigen.lambda_min);
    result.set("lambdaMax", eigen.lambda_max);
    result.set("vMin", to_val(eigen.v_min));
    result.set("vMax", to_val(eigen.v_max));
    return result;
  }

 private:
  LabSession session_;
  std::vector<Vec2> points_;
  std::vector<double> grid_;
};

}  // namespace
}  // namespace optiscope::web

EMSCRIPTEN_BINDINGS(optiscope) {
  using namespace optiscope::web;
  emscripten::function("catalogue", &catalogue);
  emscripten::function("checkSurface", &check_surface);
  emscripten::class_<Lab>("Lab")
      .constructor<>()
      .function("configure", &Lab::configure)
      .function("setStart", &Lab::set_start)
      .function("run", &Lab::run)
      .function("pathCount", &Lab::path_count)
      .function("pathInfo", &Lab::path_info)
      .function("pathValues", &Lab::path_values)
      .function("csv", &Lab::csv)
      .function("state", &Lab::state)
      .function("surfaceInfo", &Lab::surface_info)
      .function("start", &Lab::start)
      .function("grid", &Lab::grid)
      .function("localGeometry", &Lab::local_geometry);
}
