#include "tune_command.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "optiscope/core/error.hpp"
#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/core/text.hpp"
#include "optiscope/core/tuning.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/io/experiment_file.hpp"
#include "whole_number.hpp"

namespace optiscope::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* kDefaultOutPath = "tuned.toml";

std::pair<double, double> parse_lr_range(const std::string& text) {
  const std::size_t colon = text.find(':');
  const auto fail = [&]() -> std::pair<double, double> {
    throw UsageError("--lr-range '" + text +
                     "' is invalid; write LOW:HIGH with 0 < LOW <= HIGH, such as 1e-4:1");
  };
  if (colon == std::string::npos) {
    return fail();
  }
  const auto low = parse_real(std::string_view(text).substr(0, colon));
  const auto high = parse_real(std::string_view(text).substr(colon + 1));
  if (!low || !high || !(*low > 0.0) || !(*high >= *low)) {
    return fail();
  }
  return {*low, *high};
}

TuningRequest build_request(const TuneOptions& options, io::ExperimentFile& file) {
  file = load_experiment(options.experiment);
  TuningRequest request;
  request.experiment = file.experiment;
  request.seed = file.experiment.seed;
  if (!options.trials.empty()) {
    request.trials = parse_whole<long>("--trials", options.trials, 1, kMaxTrials, "64");
  }
  if (!options.starts.empty()) {
    request.starts = parse_whole<long>("--starts", options.starts, 1, kMaxStarts, "8");
  }
  if (!options.lr_range.empty()) {
    request.lr_range = parse_lr_range(options.lr_range);
  }
  return request;
}

// The settings of a trial as "lr=0.03 momentum=0.9", with a * after each
// value in an outermost stratum of its range.
std::string format_settings(const OptimizerTuning& tuning, long trials) {
  const Trial& best = tuning.trials[tuning.best];
  if (best.values.empty()) {
    return "(every searched key fixed; 1 trial)";
  }
  std::vector<std::string> parts;
  for (std::size_t d = 0; d < best.values.size(); ++d) {
    const double position = search_position(tuning.space[d], best.values[d].second);
    const double edge = 1.0 / static_cast<double>(trials);
    const bool at_edge = position < edge || position > 1.0 - edge;
    parts.push_back(best.values[d].first + "=" + format_shortest(best.values[d].second) +
                    (at_edge ? "*" : ""));
  }
  return join(parts, " ");
}

// The resolved experiment with a header for a tuned file in place of the
// one `run` writes, which names the file `run` would write.
std::string tuned_file_text(const std::string& resolved, const fs::path& out_path,
                            const std::string& version) {
  std::size_t body = 0;
  while (body < resolved.size() && resolved[body] == '#') {
    body = resolved.find('\n', body);
    body = body == std::string::npos ? resolved.size() : body + 1;
  }
  return fmt::format(
             "# Tuned settings written by `optiscope tune` (optiscope {}), best first.\n"
             "# Run `optiscope run {}` to rerun and plot them.\n"
             "# Relative output paths are resolved against the current directory.\n",
             version, out_path.string()) +
         resolved.substr(body);
}

std::string format_box(const Box& box) {
  return fmt::format("[{:g}, {:g}] x [{:g}, {:g}]", box.x_min, box.x_max, box.y_min, box.y_max);
}

void print_ranking(const TuningRequest& request, const TuningResult& result, const Scenario& tuned,
                   const fs::path& out_path) {
  const SurfaceInfo& info = tuned.surface->info();
  const std::string quantity =
      info.minimizers.empty() ? "final loss - lowest final loss of any run"
                              : (info.minimum_value == 0.0 ? "final loss" : "final loss - minimum");
  fmt::print("Tuning {} optimizer(s) on L(x, y) = {}, seed {}\n", result.optimizers.size(),
             info.formula, request.seed);
  fmt::print("Each trial: {} steps from each of {} start points drawn from the view {}\n",
             request.experiment.steps, request.starts, format_box(info.view));
  fmt::print("Budget per optimizer: {} trials x {} starts x {} steps = {} gradient evaluations\n",
             request.trials, request.starts, request.experiment.steps,
             request.trials * request.starts * request.experiment.steps);
  if (std::any_of(result.optimizers.begin(), result.optimizers.end(),
                  [](const OptimizerTuning& tuning) { return tuning.space.empty(); })) {
    fmt::print("An optimizer whose searched keys are all fixed runs 1 trial.\n");
  }
  fmt::print("\n");

  std::size_t label_width = std::string_view("optimizer").size();
  for (const OptimizerTuning& tuning : result.optimizers) {
    label_width = std::max(label_width, tuning.label.size());
  }
  const std::string score_title = "mean log10(" + quantity + ")";
  fmt::print("{:>4}  {:<{}}  {:>8}  {:>{}}  {}\n", "rank", "optimizer", label_width, "diverged",
             score_title, score_title.size(), "best settings");
  for (std::size_t rank = 0; rank < result.ranking.size(); ++rank) {
    const OptimizerTuning& tuning = result.optimizers[result.ranking[rank]];
    const Trial& best = tuning.trials[tuning.best];
    const std::string score =
        std::isfinite(best.mean_log_gap) ? fmt::format("{:.2f}", best.mean_log_gap) : "-";
    fmt::print("{:>4}  {:<{}}  {:>8}  {:>{}}  {}\n", rank + 1, tuning.label, label_width,
               fmt::format("{}/{}", best.diverged, request.starts), score, score_title.size(),
               format_settings(tuning, request.trials));
  }
  fmt::print(
      "\nScore: the fewest diverged starts, then the lowest mean of log10({}) over the other "
      "starts.\n",
      quantity);
  fmt::print(
      "A * marks a value in the outermost 1/{} of its search range, where a wider range might "
      "do better\n(--lr-range LOW:HIGH widens lr).\n",
      request.trials);
  fmt::print("wrote {}\n", out_path.string());
  fmt::print("Rerun and plot the tuned optimizers from ({:g}, {:g}): optiscope run {}\n",
             tuned.start.x, tuned.start.y, out_path.string());
}

}  // namespace

CLI::App* add_tune_command(CLI::App& app, TuneOptions& options) {
  CLI::App* tune = app.add_subcommand(
      "tune",
      "Tune every optimizer's main hyperparameters with the same gradient budget and start "
      "points, rank them and write the best settings as an experiment file");
  add_experiment_options(tune, options.experiment);
  tune->get_option("--optimizer")
      ->description(
          "NAME[:key=value,...], repeatable; keys given are fixed, the others among lr, "
          "momentum, beta1, beta2, alpha and rho are searched (default: every optimizer but sgd)");
  tune->get_option("--steps")->description(
      "steps of every run: the budget of one start (default 100)");
  tune->get_option("--seed")->description(
      "seed of the search design, the start points and the gradient noise (default 0)");
  tune->add_option("--trials", options.trials,
                   "settings tried per optimizer, a Latin hypercube on log scales (default 64)");
  tune->add_option("--starts", options.starts,
                   "start points per setting, drawn from the surface's view box and shared by "
                   "every optimizer (default 8)");
  tune->add_option("--lr-range", options.lr_range,
                   "LOW:HIGH, the lr range searched for every optimizer (default 1e-4:1; "
                   "1e-3:10 for adagrad, 1e-2:100 for adadelta)");
  tune->add_option("--out", options.out_path,
                   "experiment file to write the tuned settings to (default tuned.toml); its "
                   "runs go to the directory of the same name");
  tune->add_flag("--quiet", options.quiet, "print nothing unless an error occurs");
  return tune;
}

void execute_tune(const TuneOptions& options, const std::string& version) {
  io::ExperimentFile file;
  const TuningRequest request = build_request(options, file);
  const fs::path out_path =
      options.out_path.empty() ? fs::path(kDefaultOutPath) : fs::path(options.out_path);
  if (out_path.extension() != ".toml") {
    throw UsageError("--out '" + out_path.string() +
                     "' is invalid; name a .toml file, such as tuned.toml, so that its runs can "
                     "go to the directory of the same name");
  }
  const TuningResult result = tune(request);
  const Scenario tuned = resolve_experiment(result.tuned);

  io::OutputSettings output;
  output.dir = (out_path.parent_path() / out_path.stem()).string();
  if (out_path.has_parent_path()) {
    io::prepare_output_directory(out_path.parent_path());
  }
  io::write_text_atomically(
      out_path,
      tuned_file_text(io::format_resolved_experiment(tuned, output, version), out_path, version));

  if (!options.quiet) {
    print_ranking(request, result, tuned, out_path);
  }
}

}  // namespace optiscope::cli
