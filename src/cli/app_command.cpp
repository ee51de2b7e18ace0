#include "app_command.hpp"

#include <fmt/core.h>

#include <csignal>
#include <filesystem>

#include "optiscope/core/error.hpp"
#include "optiscope/core/text.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/page/page.hpp"
#include "page_server.hpp"

namespace optiscope::cli {
namespace fs = std::filesystem;

namespace {

// Reads the experiment as `run` would, validates it by resolving it and
// returns the preloaded page.
std::string page_for(const RunOptions& options) {
  const io::ExperimentFile file = load_experiment(options);
  resolve_experiment(file.experiment);
  return page::html_with_state(experiment_fragment(file.experiment));
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The server that SIGINT and SIGTERM stop; PageServer::stop only writes to
// a pipe, which is safe in a signal handler.
PageServer* running_server = nullptr;

extern "C" void stop_running_server(int) {
  if (running_server != nullptr) {
    running_server->stop();
  }
}

}  // namespace

std::string experiment_fragment(const Experiment& experiment) {
  std::string fragment;
  const auto add = [&](const std::string& key, const std::string& value) {
    if (!fragment.empty()) {
      fragment += '&';
    }
    fragment += key + "=" + page::encode_fragment_value(value);
  };
  add("surface", experiment.surface);
  if (experiment.start) {
    add("start", format_shortest(experiment.start->x) + "," + format_shortest(experiment.start->y));
  }
  add("steps", std::to_string(experiment.steps));
  for (std::size_t i = 0; i < experiment.optimizers.size(); ++i) {
    const OptimizerEntry& entry = experiment.optimizers[i];
    const std::string index = std::to_string(i + 1);
    std::string spec = entry.name;
    std::string label;
    for (const auto& [key, value] : entry.items) {
      if (key == "label") {
        label = value;
        continue;
      }
      spec += (spec.size() == entry.name.size() ? ":" : ",") + key + "=" + value;
    }
    add("o" + index, spec);
    if (!label.empty()) {
      add("l" + index, label);
    }
    if (!entry.schedule.empty()) {
      add("s" + index, entry.schedule);
    }
  }
  if (!experiment.schedule.empty()) {
    add("schedule", experiment.schedule);
  }
  if (experiment.noise != 0.0) {
    add("noise", format_shortest(experiment.noise));
  }
  if (experiment.seed != 0) {
    add("seed", std::to_string(experiment.seed));
  }
  if (experiment.repeats != 1) {
    add("repeats", std::to_string(experiment.repeats));
  }
  add("step", std::to_string(experiment.steps));
  return fragment;
}

CLI::App* add_app_command(CLI::App& app, AppOptions& options) {
  CLI::App* command = app.add_subcommand(
      "app",
      "Write optiscope.html, the interactive lab, preloaded with the experiment; it opens "
      "in a browser from disk and needs no network");
  add_experiment_options(command, options.experiment);
  command->add_option("--out", options.out_dir, "output directory (default out)");
  command->add_option("--html", options.html_path, "path of the page (default OUT/optiscope.html)");
  command->add_flag("--quiet", options.quiet, "print nothing unless an error occurs");
  return command;
}

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  CLI::App* command = app.add_subcommand(
      "serve",
      "Serve the interactive lab, preloaded with the experiment, over HTTP on this "
      "machine until Ctrl+C");
  add_experiment_options(command, options.experiment);
  command->add_option("--host", options.host,
                      "address to listen on (default 127.0.0.1, this machine only)");
  command->add_option("--port", options.port, "TCP port (default 8000; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  command->add_flag("--quiet", options.quiet, "print no request log");
  return command;
}

void execute_app(const AppOptions& options) {
  const std::string html = page_for(options.experiment);
  const fs::path path = options.html_path.empty() ? fs::path(options.out_dir) / "optiscope.html"
                                                  : fs::path(options.html_path);
  if (path.has_parent_path()) {
    io::prepare_output_directory(path.parent_path());
  }
  io::write_text_atomically(path, html);
  if (!options.quiet) {
    fmt::print("wrote {}\nopen it in a browser: file://{}\n", path.string(),
               fs::absolute(path).lexically_normal().string());
  }
}

void execute_serve(const ServeOptions& options) {
  const bool quiet = options.quiet;
  PageServer server(page_for(options.experiment), [quiet](const std::string& line) {
    if (!quiet) {
      fmt::print(stderr, "optiscope serve: {}\n", line);
    }
  });
  if (!is_loopback(options.host)) {
    fmt::print(stderr,
               "optiscope: warning: listening on {} lets other machines that reach this "
               "address open the page; the default 127.0.0.1 keeps it on this machine\n",
               options.host);
  }
  const int port = server.bind(options.host, options.port);
  const std::string shown_host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  fmt::print("serving the optiscope lab at http://{}:{}/ (Ctrl+C stops)\n", shown_host, port);
  std::fflush(stdout);

  running_server = &server;
  std::signal(SIGINT, stop_running_server);
  std::signal(SIGTERM, stop_running_server);
  server.serve();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  running_server = nullptr;
  fmt::print("optiscope serve: stopped\n");
}

}  // namespace optiscope::cli
