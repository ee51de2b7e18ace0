#include "sweep_command.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "optiscope/core/error.hpp"
#include "optiscope/core/text.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/io/sweep_csv.hpp"
#include "optiscope/render/figure_file.hpp"
#include "optiscope/render/sweep_figures.hpp"
#include "sweep_mpi.hpp"

namespace optiscope::cli {
namespace fs = std::filesystem;

namespace {

// The axis swept when neither --axis nor the experiment file names one.
constexpr const char* kDefaultAxis = "lr=1e-4:1:49:log";

unsigned parse_threads(const std::string& text) {
  if (text.empty()) {
    return 0;
  }
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > 1024) {
    throw UsageError("--threads '" + text +
                     "' is invalid; it must be a whole number from 0 (all cores) to 1024");
  }
  return value;
}

double parse_tolerance(const std::string& text) {
  const auto value = parse_real(text);
  if (!value || *value <= 0.0) {
    throw UsageError("--tolerance '" + text + "' is invalid; it must be a loss > 0, such as 1e-6");
  }
  return *value;
}

// Builds the request from the experiment file and the options over it.
SweepRequest build_request(const SweepOptions& options, io::ExperimentFile& file) {
  file = load_experiment(options.experiment);
  // A sweep writes sweep.csv, not the optimizer-paths.csv that a `run`
  // experiment file names, unless the file is a sweep's own.
  const bool keep_file_csv =
      file.sweep.present && !file.output.csv.empty() && options.experiment.out_dir.empty();
  if (options.experiment.csv_path.empty() && !keep_file_csv) {
    file.output.csv = (fs::path(file.output.dir) / "sweep.csv").string();
  }

  SweepRequest request;
  request.experiment = file.experiment;
  const std::vector<std::string>& axes = !options.axes.empty() ? options.axes : file.sweep.axes;
  for (const std::string& axis : axes) {
    request.axes.push_back(parse_sweep_axis(axis));
  }
  if (request.axes.empty()) {
    request.axes.push_back(parse_sweep_axis(kDefaultAxis));
  }
  request.tolerance =
      options.tolerance.empty() ? file.sweep.tolerance : parse_tolerance(options.tolerance);
  const std::string& shard = options.shard.empty() ? file.sweep.shard : options.shard;
  if (!shard.empty()) {
    request.shard = parse_shard(shard);
  }
  return request;
}

void print_sweep_summary(const SweepResult& result, long ranks) {
  const SweepAxis& first = result.axes[0];
  fmt::print(
      "Sweep of {} on L(x, y) = {}: {} cell(s) per optimizer, {} steps each{}\n",
      result.axes.size() == 1 ? first.key : first.key + " x " + result.axes[1].key,
      result.scenario.surface->info().formula, result.cell_count(), result.scenario.run.steps,
      result.shard.count > 1 ? fmt::format(" (shard {}/{})", result.shard.index, result.shard.count)
                             : "");
  if (ranks > 1) {
    // Rank 0 has only its own cells; the merged CSV contains them all.
    fmt::print("  computed on {} MPI ranks; the CSV contains every cell\n", ranks);
    return;
  }
  for (const SweepTable& table : result.tables) {
    long diverged = 0;
    long reached = 0;
    const SweepCell* best = nullptr;
    for (const SweepCell& cell : table.cells) {
      if (cell.status == RunStatus::diverged) {
        ++diverged;
        continue;
      }
      reached += cell.reached_at ? 1 : 0;
      if (best == nullptr || cell.final_loss < best->final_loss) {
        best = &cell;
      }
    }
    std::string best_text = "every cell diverged";
    if (best != nullptr) {
      best_text = fmt::format("lowest final loss {:.3g} at {} = {:g}", best->final_loss, first.key,
                              best->first);
      if (result.axes.size() > 1) {
        best_text += fmt::format(", {} = {:g}", result.axes[1].key, best->second);
      }
    }
    fmt::print("  {:<12} {} of {} diverged, {} reached loss < {:g}; {}\n", table.base.label,
               diverged, table.cells.size(), reached, result.tolerance, best_text);
  }
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw UsageError("cannot read '" + path.string() + "'; check the path");
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options) {
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      "Run a grid of hyperparameters or start points and write sweep.csv with one row per cell");
  add_experiment_options(sweep, options.experiment);
  sweep
      ->add_option("--axis", options.axes,
                   "KEY=FROM:TO:COUNT[:log], once or twice: a hyperparameter (lr, momentum, "
                   "beta1, ...) or the start coordinate x or y (default lr=1e-4:1:49:log)")
      ->allow_extra_args(false);
  sweep->add_option("--tolerance", options.tolerance,
                    "a cell reaches the minimum at its first step with loss below this "
                    "(default 1e-6)");
  sweep->add_option("--shard", options.shard,
                    "compute only slice I of N (cells with index % N == I); join the slices "
                    "with optiscope merge");
  sweep->add_option("--threads", options.threads, "worker threads (default 0: all cores)");
  sweep->add_option("--out", options.experiment.out_dir, "output directory (default out)");
  sweep->add_option("--csv", options.experiment.csv_path,
                    "path of the CSV (default OUT/sweep.csv)");
  sweep->add_flag("--no-figures", options.experiment.no_figures, "write the CSV and TOML only");
  sweep->add_option("--lang", options.language, "language of the figures: en (default) or zh");
  sweep->add_flag("--quiet", options.experiment.quiet, "print nothing unless an error occurs");
  return sweep;
}

CLI::App* add_merge_command(CLI::App& app, MergeOptions& options) {
  CLI::App* merge = app.add_subcommand(
      "merge", "Join the CSVs of sweep shards (sweep --shard I/N) into the whole sweep");
  merge->add_option("shards", options.inputs, "shard CSV files; each needs its .toml beside it")
      ->required();
  merge->add_option("--out", options.out_dir, "output directory (default out)");
  merge->add_option("--csv", options.csv_path, "path of the merged CSV (default OUT/sweep.csv)");
  merge->add_flag("--quiet", options.quiet, "print nothing unless an error occurs");
  return merge;
}

void execute_sweep(const SweepOptions& options, const std::string& version) {
  io::ExperimentFile file;
  SweepRequest request = build_request(options, file);
  const unsigned threads = parse_threads(options.threads);
  const auto language = render::parse_language(options.language.empty() ? "en" : options.language);
  if (!language) {
    throw UsageError("--lang '" + options.language + "' is invalid; write en or zh");
  }

  const MpiWorld world = join_mpi_world();
  if (world.size > 1) {
    if (request.shard.count > 1) {
      throw UsageError("--shard cannot be combined with mpirun; every rank takes one shard");
    }
    request.shard = {world.rank, world.size};
  }

  SweepResult result = run_sweep(request, make_builtin_surface, threads);
  std::string csv = io::format_sweep_csv(result);
  if (world.size > 1) {
    const std::optional<std::string> merged = gather_sweep_csv(world, csv, result);
    if (!merged) {
      return;  // Only rank 0 writes.
    }
    csv = *merged;
    result.shard = {0, 1};
  }

  const fs::path csv_path = file.output.csv_path();
  if (csv_path.has_parent_path()) {
    io::prepare_output_directory(csv_path.parent_path());
  }
  io::write_text_atomically(csv_path, csv);
  const fs::path toml_path = file.output.resolved_experiment_path();
  io::write_text_atomically(toml_path, io::format_resolved_sweep(result, file.output, version));
  std::vector<fs::path> written = {csv_path, toml_path};

  // NOTE: under mpirun rank 0 has only its own cells, so the figures are
  // left out; draw them from a single-process run of the same sweep.
  if (file.output.figures && world.size == 1) {
    io::prepare_output_directory(file.output.dir);
    for (const render::NamedFigure& figure : render::sweep_figures(result, *language)) {
      for (render::ImageFormat format : {render::ImageFormat::png, render::ImageFormat::svg}) {
        written.push_back(fs::path(file.output.dir) /
                          (figure.stem + "." + std::string(render::extension(format))));
        render::write_figure(written.back(), format, figure.drawing);
      }
    }
  }

  if (!options.experiment.quiet) {
    print_sweep_summary(result, world.size);
    for (const fs::path& path : written) {
      fmt::print("wrote {}\n", path.string());
    }
  }
}

void execute_merge(const MergeOptions& options, const std::string& version) {
  std::vector<std::string> texts;
  std::string signature;
  std::optional<SweepResult> whole;
  for (const std::string& input : options.inputs) {
    fs::path toml_path = input;
    toml_path.replace_extension(".toml");
    io::ExperimentFile shard_file = io::read_experiment_file(toml_path);
    if (!shard_file.sweep.present) {
      throw UsageError("'" + toml_path.string() +
                       "' has no [sweep] table; merge only the outputs of optiscope sweep");
    }
    SweepRequest request;
    request.experiment = shard_file.experiment;
    for (const std::string& axis : shard_file.sweep.axes) {
      request.axes.push_back(parse_sweep_axis(axis));
    }
    SweepResult description;
    description.scenario = resolve_experiment(request.experiment);
    description.axes = request.axes;
    description.tolerance = shard_file.sweep.tolerance;
    const std::string this_signature =
        io::format_resolved_sweep(description, io::OutputSettings{}, version);
    if (whole && this_signature != signature) {
      throw UsageError("'" + toml_path.string() + "' describes a different sweep than '" +
                       options.inputs[0] + "'s; merge only shards of one sweep");
    }
    signature = this_signature;
    if (!whole) {
      whole = std::move(description);
    }
    texts.push_back(read_text(input));
  }

  std::vector<std::string> labels;
  for (const OptimizerChoice& choice : whole->scenario.optimizers) {
    labels.push_back(choice.label);
  }
  const std::string merged =
      io::merge_sweep_csv(texts, options.inputs, labels, whole->cell_count());

  io::OutputSettings output;
  output.dir = options.out_dir.empty() ? "out" : options.out_dir;
  output.csv =
      options.csv_path.empty() ? (fs::path(output.dir) / "sweep.csv").string() : options.csv_path;
  const fs::path csv_path = output.csv_path();
  if (csv_path.has_parent_path()) {
    io::prepare_output_directory(csv_path.parent_path());
  }
  io::write_text_atomically(csv_path, merged);
  io::write_text_atomically(output.resolved_experiment_path(),
                            io::format_resolved_sweep(*whole, output, version));
  if (!options.quiet) {
    fmt::print("merged {} shard(s) into {}\n", options.inputs.size(), csv_path.string());
  }
}

}  // namespace optiscope::cli
