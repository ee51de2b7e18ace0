#pragma once

// Runs the optiscope executable in a directory of its own and collects the
// exit code and output, for end-to-end tests.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace optiscope::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

/// Runs the shell command `command` (already quoted) inside `directory`,
/// with stdout and stderr captured to files there.
inline CommandResult run_shell_in(const std::filesystem::path& directory,
                                  const std::string& command) {
  const std::string line =
      "cd " + shell_quote(directory.string()) + " && " + command + " >stdout.txt 2>stderr.txt";
  const int status = std::system(line.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file_text(directory / "stdout.txt");
  result.err = read_file_text(directory / "stderr.txt");
  return result;
}

/// Runs `executable` with `args` inside `directory`, with stdout and
/// stderr captured to files there.
inline CommandResult run_in(const std::filesystem::path& directory, const std::string& executable,
                            const std::vector<std::string>& args) {
  std::string command = shell_quote(executable);
  for (const std::string& arg : args) {
    command += " " + shell_quote(arg);
  }
  return run_shell_in(directory, command);
}

}  // namespace optiscope::testing
