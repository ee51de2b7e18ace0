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
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("optiscope-theory-cli-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  CommandResult run(const std::vector<std::string>& args) {
    return optiscope::testing::run_in(dir_, OPTISCOPE_EXECUTABLE, args);
  }

  // Expects exit code 2, a message containing `message` and no output file.
  void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
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
  EXPECT_NE(r.out.find("condition number κ = 8.893"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("predicted rate"), std::string::npos) << r.out;
  // gd at lr 0.08: 1 − 0.08·λmin = 0.9272 predicted and measured.
  EXPECT_NE(r.out.find("gd                 0.9272         0.9272"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no prediction: the step of adam is not linear"), std::string::npos);
}

TEST_F(RatesSummaryCli, SaddleSaysNoStableLr) {
  const CommandResult r =
      run({"run", "--surface", "saddle", "--optimizer", "gd:lr=0.1", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indefinite"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a saddle: no lr converges"), std::string::npos) << r.out;
}

TEST_F(RatesSummaryCli, NoTheoryOnRosenbrockOrWithNoise) {
  const CommandResult rosenbrock = run({"run", "--surface", "rosenbrock", "--no-figures"});
  ASSERT_EQ(rosenbrock.exit_code, 0) << rosenbrock.err;
  EXPECT_EQ(rosenbrock.out.find("predicted rate"), std::string::npos);
  EXPECT_NE(rosenbrock.out.find("Local quadratic model at the minimizer (1, 1)"), std::string::npos)
      << rosenbrock.out;
  const CommandResult noisy = run({"run", "--noise", "0.1", "--no-figures"});
  ASSERT_EQ(noisy.exit_code, 0) << noisy.err;
  EXPECT_EQ(noisy.out.find("predicted rate"), std::string::npos);
  EXPECT_NE(noisy.out.find("Rates are not measured with gradient noise"), std::string::npos);
}

TEST_F(RatesSummaryCli, ScheduledRunHasNoPrediction) {
  const CommandResult r =
      run({"run", "--optimizer", "gd:lr=0.1", "--schedule", "step:step_size=10", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("no prediction: its lr changes during the run"), std::string::npos) << r.out;
}

using TuneCli = CommandTest;

const std::vector<std::string> kSmallTune = {
    "tune",     "--optimizer", "gd",       "--optimizer", "momentum", "--optimizer", "adam",
    "--trials", "8",           "--starts", "3",           "--steps",  "30"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST_F(TuneCli, PrintsRankingAndWritesExperiment) {
  const CommandResult r = run(kSmallTune);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Budget per optimizer: 8 trials x 3 starts x 30 steps = 720 gradient "
                       "evaluations"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("rank  optimizer"), std::string::npos) << r.out;
  for (const char* name : {"gd", "momentum", "adam"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(r.out.find("optiscope run tuned.toml"), std::string::npos) << r.out;

  const std::string toml = read_file_text(dir_ / "tuned.toml");
  EXPECT_NE(toml.find("optiscope tune"), std::string::npos) << toml;
  EXPECT_NE(toml.find("dir = \"tuned\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("beta1 = "), std::string::npos) << toml;
}

TEST_F(TuneCli, TunedFileRerunsWithRun) {
  ASSERT_EQ(run(kSmallTune).exit_code, 0);
  const CommandResult rerun = run({"run", "tuned.toml", "--no-figures"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(fs::exists(dir_ / "tuned" / "optimizer-paths.csv"));
  EXPECT_NE(rerun.out.find("predicted rate"), std::string::npos) << rerun.out;
}

TEST_F(TuneCli, SameSeedGivesSameOutput) {
  const CommandResult first = run(with(kSmallTune, {"--seed", "5", "--out", "a.toml"}));
  const CommandResult second = run(with(kSmallTune, {"--seed", "5", "--out", "b.toml"}));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto ranking = [](const std::string& out) {
    return out.substr(out.find("rank"), out.find("Score:") - out.find("rank"));
  };
  EXPECT_EQ(ranking(first.out), ranking(second.out));

  const CommandResult other = run(with(kSmallTune, {"--seed", "6", "--out", "c.toml"}));
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(ranking(first.out), ranking(other.out));
}

TEST_F(TuneCli, OutPathInSubdirectory) {
  const CommandResult r = run(with(kSmallTune, {"--out", "runs/best.toml"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string toml = read_file_text(dir_ / "runs" / "best.toml");
  EXPECT_NE(toml.find("dir = \"runs/best\""), std::string::npos) << toml;
}

TEST_F(TuneCli, ReadsExperimentFile) {
  {
    std::ofstream file(dir_ / "exp.toml");
    file << "surface = \"booth\"\nsteps = 40\n\n[[optimizer]]\nname = \"nesterov\"\n";
  }
  const CommandResult r = run({"tune", "exp.toml", "--trials", "6", "--starts", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("nesterov"), std::string::npos) << r.out;
  EXPECT_NE(read_file_text(dir_ / "tuned.toml").find("surface = \"booth\""), std::string::npos);
}

TEST_F(TuneCli, BadTrialsIsUsageError) {
  expect_usage_error({"tune", "--trials", "0"}, "--trials '0' is invalid");
}

TEST_F(TuneCli, BadStartsIsUsageError) {
  expect_usage_error({"tune", "--starts", "many"}, "--starts 'many' is invalid");
}

TEST_F(TuneCli, BadLrRangeIsUsageError) {
  expect_usage_error(with(kSmallTune, {"--lr-range", "1:0.1"}), "--lr-range '1:0.1' is invalid");
  expect_usage_error(with(kSmallTune, {"--lr-range", "0.1"}), "--lr-range '0.1' is invalid");
}

TEST_F(TuneCli, OutMustBeToml) {
  expect_usage_error(with(kSmallTune, {"--out", "tuned.txt"}), "name a .toml file");
  EXPECT_FALSE(fs::exists(dir_ / "tuned.txt"));
}

TEST_F(TuneCli, UnknownOptimizerIsUsageError) {
  expect_usage_error({"tune", "--optimizer", "adma", "--trials", "2"}, "did you mean 'adam'");
}

TEST_F(TuneCli, HelpListsOptions) {
  const CommandResult r = run({"tune", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--trials", "--starts", "--lr-range", "--out", "--seed", "--steps"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

}  // namespace
