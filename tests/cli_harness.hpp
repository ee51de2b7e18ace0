#pragma once

// A fixture for end-to-end tests of the optiscope executable: each test
// runs the program in a fresh directory of its own and reads its exit code,
// output and files.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace optiscope::testing {
namespace fs = std::filesystem;

using Result = CommandResult;

inline std::string read_file(const fs::path& path) { return read_file_text(path); }

inline std::vector<std::string> file_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("optiscope-cli-") + info->test_suite_name() + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  // Runs `command` (already quoted) in the test's own directory.
  Result run_shell(const std::string& command) { return run_shell_in(dir_, command); }

  // Runs optiscope with `args` in the test's own directory.
  Result run(const std::vector<std::string>& args) {
    return run_in(dir_, OPTISCOPE_EXECUTABLE, args);
  }

  // Expects a usage error (exit 2) whose message contains `message`.
  void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
    const Result r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out")) << "a usage error must not write output";
  }

  fs::path dir_;
};

}  // namespace optiscope::testing
