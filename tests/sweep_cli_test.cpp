// End-to-end tests of `optiscope sweep` and `optiscope merge`.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace {
using optiscope::testing::Cli;
using optiscope::testing::file_lines;
using optiscope::testing::read_file;
using optiscope::testing::Result;
namespace fs = std::filesystem;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

const std::vector<std::string> kMomentumSweep = {
    "sweep",  "--optimizer",        "momentum", "--steps",          "60",
    "--axis", "lr=0.001:0.6:7:log", "--axis",   "momentum=0:0.95:5"};

using SweepCli = Cli;

// A cell's final x, y and loss are the last row of `optiscope run` with the
// cell's settings, as text, so bit for bit.
TEST_F(SweepCli, CellEqualsRun) {
  const Result sweep = run(kMomentumSweep);
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const auto rows = file_lines(dir_ / "out" / "sweep.csv");
  ASSERT_EQ(rows.size(), 1u + 35u);
  EXPECT_EQ(rows[0],
            "optimizer,cell,lr,momentum,final_x,final_y,final_loss,last_step,status,diverged_at,"
            "reached_at,basin");

  int diverged = 0;
  for (std::size_t r = 1; r < rows.size(); r += 3) {
    const auto cell = split(rows[r]);
    diverged += cell[8] == "diverged" ? 1 : 0;
    const std::string spec = "momentum:lr=" + cell[2] + ",momentum=" + cell[3];
    const Result single = run(
        {"run", "--optimizer", spec, "--steps", "60", "--no-figures", "--out", "cell", "--quiet"});
    ASSERT_EQ(single.exit_code, 0) << single.err;
    const auto path = file_lines(dir_ / "cell" / "optimizer-paths.csv");
    const auto last = split(path.back());
    EXPECT_EQ(last[1], cell[7]) << spec;  // last step
    EXPECT_EQ(last[2], cell[4]) << spec;  // x
    EXPECT_EQ(last[3], cell[5]) << spec;  // y
    EXPECT_EQ(last[4], cell[6]) << spec;  // loss
  }
  EXPECT_GT(diverged, 0) << "the grid should reach the unstable region";
}

TEST_F(SweepCli, ShardsMergeToTheWholeSweep) {
  ASSERT_EQ(run(kMomentumSweep).exit_code, 0);
  for (int shard = 0; shard < 3; ++shard) {
    std::vector<std::string> args = kMomentumSweep;
    args.insert(args.end(), {"--shard", std::to_string(shard) + "/3", "--csv",
                             "parts/" + std::to_string(shard) + ".csv", "--quiet"});
    ASSERT_EQ(run(args).exit_code, 0);
  }
  const Result merged = run({"merge", "parts/2.csv", "parts/0.csv", "parts/1.csv", "--out", "m"});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(read_file(dir_ / "m" / "sweep.csv"), read_file(dir_ / "out" / "sweep.csv"));

  const Result missing = run({"merge", "parts/0.csv", "parts/1.csv", "--out", "bad"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("is in no shard; run the missing shard"), std::string::npos)
      << missing.err;
  const Result twice = run({"merge", "parts/0.csv", "parts/0.csv", "--out", "bad"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("appears in more than one shard"), std::string::npos) << twice.err;
}

TEST_F(SweepCli, MergeRejectsShardsOfDifferentSweeps) {
  std::vector<std::string> first = kMomentumSweep;
  first.insert(first.end(), {"--shard", "0/2", "--csv", "a/0.csv", "--quiet"});
  std::vector<std::string> second = kMomentumSweep;
  second[4] = "61";
  second.insert(second.end(), {"--shard", "1/2", "--csv", "a/1.csv", "--quiet"});
  ASSERT_EQ(run(first).exit_code, 0);
  ASSERT_EQ(run(second).exit_code, 0);
  const Result merged = run({"merge", "a/0.csv", "a/1.csv"});
  EXPECT_EQ(merged.exit_code, 2);
  EXPECT_NE(merged.err.find("describes a different sweep"), std::string::npos) << merged.err;
}

TEST_F(SweepCli, ResolvedSweepReproducesCsv) {
  ASSERT_EQ(run({"sweep", "--optimizer", "adam", "--optimizer", "rmsprop", "--axis",
                 "lr=1e-3:0.5:9:log", "--axis", "beta1=0:0.99:4", "--steps", "40", "--quiet"})
                .exit_code,
            2)
      << "rmsprop has no beta1, so this sweep is invalid";
  ASSERT_EQ(
      run({"sweep", "--optimizer", "adam", "--optimizer", "adamw", "--axis", "lr=1e-3:0.5:9:log",
           "--axis", "beta1=0:0.99:4", "--steps", "40", "--schedule", "cosine", "--quiet"})
          .exit_code,
      0);
  const Result again = run({"sweep", "out/sweep.toml", "--out", "again", "--quiet"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(dir_ / "again" / "sweep.csv"), read_file(dir_ / "out" / "sweep.csv"));
}

TEST_F(SweepCli, StartGridGivesBasins) {
  const Result r = run({"sweep", "--surface", "himmelblau", "--optimizer", "gd:lr=0.01", "--steps",
                        "300", "--axis", "x=-4:4:9", "--axis", "y=-4:4:9"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> basins;
  for (const std::string& row : file_lines(dir_ / "out" / "sweep.csv")) {
    basins[split(row).back()]++;
  }
  for (const char* basin : {"0", "1", "2", "3"}) {
    EXPECT_GT(basins[basin], 0) << "no start reached minimizer " << basin;
  }
}

TEST_F(SweepCli, DefaultSweepIsLearningRate) {
  const Result r = run({"sweep"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Sweep of lr"), std::string::npos) << r.out;
  EXPECT_EQ(file_lines(dir_ / "out" / "sweep.csv").size(), 1u + 3u * 49u);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "sweep-curves.png"));
  EXPECT_NE(read_file(dir_ / "out" / "sweep-curves.svg").find("<svg"), std::string::npos);
}

TEST_F(SweepCli, BadInput) {
  expect_usage_error({"sweep", "--axis", "lr=0:1:5:log"},
                     "axis 'lr=0:1:5:log' is logarithmic, so FROM and TO must be positive");
  expect_usage_error({"sweep", "--axis", "lr"}, "axis 'lr' is invalid; write KEY=FROM:TO:COUNT");
  expect_usage_error({"sweep", "--shard", "3/3"}, "--shard '3/3' is invalid");
  expect_usage_error({"sweep", "--optimizer", "adam", "--axis", "momentum=0:0.9:3"},
                     "adam: unknown hyperparameter 'momentum'");
  expect_usage_error({"sweep", "--axis", "lr=0.1:1:3", "--axis", "lr=0.1:1:3"},
                     "both axes vary 'lr'");
  expect_usage_error({"sweep", "--optimizer", "nesterov", "--axis", "momentum=0:0.9:3"},
                     "nesterov = true requires momentum > 0");
  expect_usage_error({"sweep", "--threads", "x"}, "--threads 'x' is invalid");
  expect_usage_error({"sweep", "--lang", "fr"}, "--lang 'fr' is invalid; write en or zh");
}

#ifdef OPTISCOPE_TEST_MPI
// Two MPI ranks on this machine, talking through shared memory only, give
// the single-process CSV byte for byte.
TEST_F(SweepCli, MpiRanksGiveTheSingleProcessResult) {
  ASSERT_EQ(run(kMomentumSweep).exit_code, 0);
  std::string command =
      "OMPI_MCA_btl=self,vader OMPI_MCA_plm_rsh_agent=false mpirun --allow-run-as-root "
      "--oversubscribe -np 2 " +
      optiscope::testing::shell_quote(OPTISCOPE_EXECUTABLE);
  for (const std::string& arg : kMomentumSweep) {
    command += " " + optiscope::testing::shell_quote(arg);
  }
  const Result mpi = run_shell(command + " --out mpi");
  ASSERT_EQ(mpi.exit_code, 0) << mpi.err;
  EXPECT_NE(mpi.out.find("computed on 2 MPI ranks"), std::string::npos) << mpi.out;
  EXPECT_EQ(read_file(dir_ / "mpi" / "sweep.csv"), read_file(dir_ / "out" / "sweep.csv"));
}
#endif

}  // namespace
