// End-to-end tests of the theory lines in `optiscope run`'s summary and of
// `optiscope tune`.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace {
namespace fs = std::filesystem;
using optiscope::testing::CommandResult;
using optiscope::testing::read_file_text;

class CommandTest : public ::testing::Test {
protected:
  void SetUp() override {
    const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("optiscope-theory-cli-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  CommandResult run(const std::vector<std::string> &args) {
    return optiscope::testing::run_in(dir_, OPTISCOPE_EXECUTABLE, args);
  }

  // Expects exit code 2, a message containing `message` and no output file.
  void expect_usage_error(const std::vector<std::string> &args,
                          const std::string &message) {
    const CommandResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "tuned.toml"));
  }

  fs::path dir_;
};

using RatesSummaryCli = CommandTest;

TEST_F(RatesSummaryCli, ReferenceRunPrintsPredictedAndMeasured) {
  const CommandResult r = run({"run", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("condition number κ = 8.893"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("predicted rate"), std::string::npos) << r.out;
  // gd at lr 0.08: 1 − 0.08·λmin = 0.9272 predicted and measured.
  EXPECT_NE(r.out.find("gd                 0.9272         0.9272"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("no prediction: the step of adam is not linear"),
            std::string::npos);
}

TEST_F(RatesSummaryCli, SaddleSaysNoStableLr) {
  const CommandResult r = run({"run", "--surface", "saddle", "--optimizer",
                               "gd:lr=0.1", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indefinite"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a saddle: no lr converges"), std::string::npos)
      << r.out;
}

TEST_F(RatesSummaryCli, NoTheoryOnRosenbrockOrWithNoise) {
  const CommandResult rosenbrock =
      run({"run", "--surface", "rosenbrock", "--no-figures"});
  ASSERT_EQ(rosenbrock.exit_code, 0) << rosenbrock.err;
  EXPECT_EQ(rosenbrock.out.find("predicted rate"), std::string::npos);
  EXPECT_NE(
      rosenbrock.out.find("Local quadratic model at the minimizer (1, 1)"),
      std::string::npos)
      << rosenbrock.out;
  const CommandResult noisy = run({"run", "--noise", "0.1", "--no-figures"});
  ASSERT_EQ(noisy.exit_code, 0) << noisy.err;
  EXPECT_EQ(noisy.out.find("predicted rate"), std::string::npos);
  EXPECT_NE(noisy.out.find("Rates are not measured with gradient noise"),
            std::string::npos);
}

TEST_F(RatesSummaryCli, ScheduledRunHasNoPrediction) {
  const CommandResult r = run({"run", "--optimizer", "gd:lr=0.1", "--schedule",
                               "step:step_size=10", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("no prediction: its lr changes during the run"),
            std::string::npos)
      << r.out;
}

} // namespace
