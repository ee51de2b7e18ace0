#include "optiscope/core/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "optiscope/core/cell_batch.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

constexpr long kMaxAxisValues = 4096;
// Cells per unit of work handed to a thread: large enough to share step
// constants, small enough to balance two threads on a 64-cell row.
constexpr std::size_t kCellsPerBlock = 512;

std::string axis_fix(std::string_view text) {
  return "axis '" + std::string(text) +
         "' is invalid; write KEY=FROM:TO:COUNT[:log], such as lr=1e-4:1:64:log or x=-3:3:101";
}

std::vector<double> grid_values(double from, double to, long count, bool log_scale) {
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(count));
  for (long i = 0; i < count; ++i) {
    const double t = count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
    values.push_back(log_scale ? std::exp(std::log(from) + t * (std::log(to) - std::log(from)))
                               : from + t * (to - from));
  }
  // The ends are exact, so lr=1e-4:1 sweeps 1e-4 and 1 themselves.
  values.front() = from;
  values.back() = to;
  return values;
}

// The optimizers of the experiment, each with its own schedule spec.
std::vector<OptimizerEntry> optimizer_entries(const Experiment& experiment) {
  if (!experiment.optimizers.empty()) {
    return experiment.optimizers;
  }
  std::vector<OptimizerEntry> entries;
  for (const std::string& spec : reference_optimizer_specs()) {
    entries.push_back(parse_optimizer_entry(spec));
  }
  return entries;
}

// Checks that every axis applies to the optimizer and every value is valid
// for it, so that the cells can set values without checking them again.
void check_axes(const OptimizerChoice& choice, const std::vector<SweepAxis>& axes) {
  for (const SweepAxis& axis : axes) {
    if (axis.is_start_coordinate()) {
      continue;
    }
    for (double value : axis.values) {
      make_optimizer(choice.optimizer->name(), {{axis.key, format_shortest(value)}});
    }
  }
}

// Checks constraints between hyperparameters (nesterov needs momentum) for
// every pair of axis values.
void check_combinations(const OptimizerChoice& choice, const std::vector<SweepAxis>& axes) {
  const OptimizerInfo* info = find_optimizer(choice.optimizer->name());
  if (info->check_combination == nullptr) {
    return;
  }
  Hyperparameters h = choice.optimizer->hyperparameters();
  const auto set = [&](const SweepAxis& axis, double value) {
    if (!axis.is_start_coordinate()) {
      h.set(axis.key, value);
    }
  };
  const std::vector<double> none = {0.0};
  const SweepAxis& first = axes[0];
  const std::vector<double>& second_values = axes.size() > 1 ? axes[1].values : none;
  for (double a : first.values) {
    for (double b : second_values) {
      set(first, a);
      if (axes.size() > 1) {
        set(axes[1], b);
      }
      try {
        info->check_combination(h);
      } catch (const UsageError& error) {
        throw UsageError(choice.label + ": the sweep reaches an invalid cell: " + error.what());
      }
    }
  }
}

int nearest_basin(const Surface& surface, Vec2 p) {
  const SurfaceInfo& info = surface.info();
  const double scale =
      std::max(info.view.x_max - info.view.x_min, info.view.y_max - info.view.y_min);
  int best = -1;
  double best_distance = 1e-3 * std::max(scale, 1e-300);
  for (std::size_t i = 0; i < info.minimizers.size(); ++i) {
    const double distance = norm(p - info.minimizers[i]);
    if (distance <= best_distance) {
      best = static_cast<int>(i);
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

SweepAxis parse_sweep_axis(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw UsageError(axis_fix(text));
  }
  SweepAxis axis;
  axis.text = std::string(text);
  axis.key = std::string(text.substr(0, equals));

  std::vector<std::string_view> parts;
  std::string_view rest = text.substr(equals + 1);
  while (true) {
    const std::size_t colon = rest.find(':');
    parts.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) {
      break;
    }
    rest = rest.substr(colon + 1);
  }
  if (parts.size() < 3 || parts.size() > 4) {
    throw UsageError(axis_fix(text));
  }
  const auto from = parse_real(parts[0]);
  const auto to = parse_real(parts[1]);
  const auto count = parse_real(parts[2]);
  if (!from || !to || !count || *count != std::floor(*count)) {
    throw UsageError(axis_fix(text));
  }
  if (*count < 1 || *count > kMaxAxisValues) {
    throw UsageError("axis '" + std::string(text) + "' has " + std::string(parts[2]) +
                     " values; use 1 to " + std::to_string(kMaxAxisValues));
  }
  if (parts.size() == 4) {
    if (parts[3] != "log" && parts[3] != "linear") {
      throw UsageError("axis '" + std::string(text) + "' ends in '" + std::string(parts[3]) +
                       "'; write log or linear");
    }
    axis.log_scale = parts[3] == "log";
  }
  if (axis.log_scale && (*from <= 0.0 || *to <= 0.0)) {
    throw UsageError("axis '" + std::string(text) +
                     "' is logarithmic, so FROM and TO must be positive");
  }
  axis.values = grid_values(*from, *to, static_cast<long>(*count), axis.log_scale);
  return axis;
}

Shard parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  const auto fail = [&]() -> Shard {
    throw UsageError("--shard '" + std::string(text) +
                     "' is invalid; write I/N with 0 <= I < N, such as 0/4");
  };
  if (slash == std::string_view::npos) {
    return fail();
  }
  const auto index = parse_real(text.substr(0, slash));
  const auto count = parse_real(text.substr(slash + 1));
  if (!index || !count || *index != std::floor(*index) || *count != std::floor(*count) ||
      *index < 0 || *count < 1 || *index >= *count || *count > 1e6) {
    return fail();
  }
  return {static_cast<long>(*index), static_cast<long>(*count)};
}

long SweepResult::cell_count() const {
  long count = 1;
  for (const SweepAxis& axis : axes) {
    count *= static_cast<long>(axis.values.size());
  }
  return count;
}

Experiment cell_experiment(const SweepRequest& request, std::size_t optimizer_index, double first,
                           double second) {
  Experiment e = request.experiment;
  OptimizerEntry entry = optimizer_entries(e).at(optimizer_index);
  if (entry.schedule.empty()) {
    entry.schedule = e.schedule;
  }
  const double values[2] = {first, second};
  for (std::size_t k = 0; k < request.axes.size(); ++k) {
    const SweepAxis& axis = request.axes[k];
    if (axis.key == "x") {
      e.start = Vec2{values[k], e.start.value_or(Vec2{}).y};
    } else if (axis.key == "y") {
      e.start = Vec2{e.start.value_or(Vec2{}).x, values[k]};
    } else {
      std::erase_if(entry.items, [&](const auto& item) { return item.first == axis.key; });
      entry.items.emplace_back(axis.key, format_shortest(values[k]));
    }
  }
  e.optimizers = {entry};
  return e;
}

SweepResult run_sweep(const SweepRequest& request, const SurfaceFactory& make_surface,
                      unsigned threads) {
  if (request.axes.empty() || request.axes.size() > 2) {
    throw UsageError("a sweep needs one or two axes; give --axis once or twice");
  }
  if (request.axes.size() == 2 && request.axes[0].key == request.axes[1].key) {
    throw UsageError("both axes vary '" + request.axes[0].key + "'; choose two different keys");
  }

  SweepResult result;
  result.scenario = resolve_experiment(request.experiment, make_surface);
  result.axes = request.axes;
  result.tolerance = request.tolerance;
  result.shard = request.shard;

  const Scenario& scenario = result.scenario;

  const long total = result.cell_count();
  std::vector<long> indices;
  for (long i = request.shard.index; i < total; i += request.shard.count) {
    indices.push_back(i);
  }

  const std::size_t first_count = request.axes[0].values.size();
  std::vector<std::string> keys;
  for (const SweepAxis& axis : request.axes) {
    if (!axis.is_start_coordinate()) {
      keys.push_back(axis.key);
    }
  }

  if (threads == 0) {
    threads = std::max(1u, std::thread::hardware_concurrency());
  }

  const std::vector<OptimizerEntry> entries = optimizer_entries(request.experiment);
  for (std::size_t o = 0; o < scenario.optimizers.size(); ++o) {
    const OptimizerChoice& choice = scenario.optimizers[o];
    check_axes(choice, request.axes);
    check_combinations(choice, request.axes);

    // One schedule per distinct lr: run-dependent defaults such as
    // one-cycle's max_lr follow each cell's lr.
    const std::string& schedule_spec =
        entries[o].schedule.empty() ? request.experiment.schedule : entries[o].schedule;
    std::vector<std::pair<double, std::shared_ptr<const Schedule>>> schedules;
    const auto schedule_for = [&](double lr) -> const Schedule* {
      if (schedule_spec.empty()) {
        return nullptr;
      }
      for (const auto& [known_lr, schedule] : schedules) {
        if (known_lr == lr) {
          return schedule.get();
        }
      }
      schedules.emplace_back(lr, parse_schedule_spec(schedule_spec, {scenario.run.steps, lr}));
      return schedules.back().second.get();
    };

    CellBatch batch;
    batch.keys = keys;
    batch.run = scenario.run;
    batch.tolerance = request.tolerance;
    SweepTable table{choice, {}};
    Hyperparameters h = choice.optimizer->hyperparameters();
    for (long index : indices) {
      const std::size_t i0 = static_cast<std::size_t>(index) % first_count;
      const std::size_t i1 = static_cast<std::size_t>(index) / first_count;
      const double values[2] = {request.axes[0].values[i0],
                                request.axes.size() > 1 ? request.axes[1].values[i1] : 0.0};
      Cell cell;
      cell.start = scenario.start;
      std::size_t key_slot = 0;
      for (std::size_t k = 0; k < request.axes.size(); ++k) {
        const SweepAxis& axis = request.axes[k];
        if (axis.key == "x") {
          cell.start.x = values[k];
        } else if (axis.key == "y") {
          cell.start.y = values[k];
        } else {
          cell.values[key_slot++] = values[k];
          h.set(axis.key, values[k]);
        }
      }
      cell.schedule = schedule_for(h.get("lr"));
      batch.cells.push_back(cell);

      SweepCell out;
      out.index = index;
      out.first = values[0];
      out.second = values[1];
      table.cells.push_back(out);
    }

    // Threads take blocks of cells; each outcome lands at its cell's slot,
    // so the result does not depend on the thread count.
    std::vector<CellOutcome> outcomes(batch.cells.size());
    const std::size_t blocks = (batch.cells.size() + kCellsPerBlock - 1) / kCellsPerBlock;
    std::atomic<std::size_t> next_block{0};
    const auto work = [&]() {
      for (std::size_t b = next_block++; b < blocks; b = next_block++) {
        const std::size_t begin = b * kCellsPerBlock;
        const std::size_t end = std::min(begin + kCellsPerBlock, batch.cells.size());
        CellBatch part;
        part.keys = batch.keys;
        part.run = batch.run;
        part.tolerance = batch.tolerance;
        part.cells.assign(batch.cells.begin() + static_cast<std::ptrdiff_t>(begin),
                          batch.cells.begin() + static_cast<std::ptrdiff_t>(end));
        choice.optimizer->run_cells(*scenario.surface, part,
                                    std::span(outcomes).subspan(begin, end - begin));
      }
    };
    const unsigned worker_count =
        static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(blocks, 1)));
    if (worker_count <= 1) {
      work();
    } else {
      std::vector<std::thread> workers;
      for (unsigned t = 0; t < worker_count; ++t) {
        workers.emplace_back(work);
      }
      for (std::thread& worker : workers) {
        worker.join();
      }
    }

    for (std::size_t c = 0; c < outcomes.size(); ++c) {
      SweepCell& cell = table.cells[c];
      const CellOutcome& outcome = outcomes[c];
      cell.final_position = outcome.last.position;
      cell.final_loss = outcome.last.loss;
      cell.last_step = outcome.last.step;
      cell.status = outcome.status;
      cell.diverged_at = outcome.diverged_at;
      cell.reached_at = outcome.reached_at;
      if (outcome.status != RunStatus::diverged) {
        cell.basin = nearest_basin(*scenario.surface, cell.final_position);
      }
    }
    result.tables.push_back(std::move(table));
  }
  return result;
}

}  // namespace optiscope
