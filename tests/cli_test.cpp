// End-to-end tests of the optiscope executable: arguments in, exit code,
// output and files out.

#include <cairo.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace {
namespace fs = std::filesystem;
using optiscope::testing::Cli;
using optiscope::testing::file_lines;
using optiscope::testing::read_file;
using optiscope::testing::Result;

// The lr column (the one before repeat) of a CSV row.
double lr_of(const std::string& line) {
  const std::size_t last = line.rfind(',');
  const std::size_t before = line.rfind(',', last - 1);
  return std::stod(line.substr(before + 1, last - before - 1));
}

TEST_F(Cli, DefaultRunWritesFilesAndHandCheck) {
  const Result r = run({"run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;

  for (const char* expected : {"[16.000000, -0.240000]", "= 0.920000", "= -1.980800",
                               "from 17.840000 to 3.889516", "loss < 1e-6 at", "completed",
                               "wrote out/optimizer-paths.csv", "wrote out/optimizer-paths.toml"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << "missing '" << expected << "' in\n"
                                                       << r.out;
  }

  const auto lines = file_lines(dir_ / "out" / "optimizer-paths.csv");
  ASSERT_EQ(lines.size(), 1u + 3u * 101u);
  EXPECT_EQ(lines[0], "optimizer,step,x,y,loss,grad_x,grad_y,lr,repeat");
  EXPECT_EQ(lines[2].rfind("gd,1,0.9200000000000002,-1.9808000000000001,3.88951552", 0), 0u)
      << lines[2];
  EXPECT_EQ(lines[102].rfind("momentum,0,", 0), 0u) << lines[102];
  EXPECT_EQ(lines[203].rfind("adam,0,", 0), 0u) << lines[203];

  cairo_surface_t* png =
      cairo_image_surface_create_from_png((dir_ / "out" / "optimizer-paths.png").c_str());
  EXPECT_EQ(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
  EXPECT_GT(cairo_image_surface_get_width(png), 0);
  cairo_surface_destroy(png);
  EXPECT_NE(read_file(dir_ / "out" / "optimizer-paths.svg").find("<svg"), std::string::npos);

  // No temporary file is left behind.
  for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST_F(Cli, OptionsChangeTheRun) {
  const Result r =
      run({"run", "--start", "-1.5,2.5", "--steps", "10", "--optimizer", "adam:lr=0.05,label=slow",
           "--optimizer", "adam", "--optimizer", "adam", "--out", "results", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = file_lines(dir_ / "results" / "optimizer-paths.csv");
  ASSERT_EQ(lines.size(), 1u + 3u * 11u);
  EXPECT_EQ(lines[1].rfind("slow,0,-1.5,2.5,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[12].rfind("adam,0,", 0), 0u) << lines[12];
  EXPECT_EQ(lines[23].rfind("adam-2,0,", 0), 0u) << lines[23];
  EXPECT_FALSE(fs::exists(dir_ / "results" / "optimizer-paths.png"));
}

TEST_F(Cli, CsvPathAndQuiet) {
  const Result r = run({"run", "--csv", "data/paths.csv", "--quiet", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_TRUE(fs::exists(dir_ / "data" / "paths.csv"));
}

TEST_F(Cli, DivergenceIsAResult) {
  const Result r = run({"run", "--optimizer", "gd:lr=0.3", "--optimizer", "gd:lr=0.08"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("diverged at step 40"), std::string::npos) << r.out;
  const std::string csv = read_file(dir_ / "out" / "optimizer-paths.csv");
  EXPECT_EQ(csv.find("nan"), std::string::npos);
  EXPECT_EQ(csv.find("inf"), std::string::npos);
}

TEST_F(Cli, UnknownOptimizerSuggests) {
  expect_usage_error({"run", "--optimizer", "adma"},
                     "unknown optimizer 'adma'; did you mean 'adam'?");
}

TEST_F(Cli, UnknownKeyListsValidKeys) {
  expect_usage_error({"run", "--optimizer", "adam:beta3=0.5"},
                     "Valid keys: lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, label");
}

TEST_F(Cli, OutOfRangeValue) {
  expect_usage_error({"run", "--optimizer", "momentum:momentum=1.5"},
                     "momentum: momentum = 1.5 is invalid; it must satisfy 0 <= momentum < 1");
}

TEST_F(Cli, MalformedNumbers) {
  expect_usage_error({"run", "--optimizer", "adam:lr=fast"}, "adam: lr = 'fast' is invalid");
  expect_usage_error({"run", "--start", "1.5"}, "--start '1.5' is invalid");
  expect_usage_error({"run", "--start", "a,b"}, "--start 'a,b' is invalid");
  expect_usage_error({"run", "--steps", "ten"}, "--steps 'ten' is invalid");
}

TEST_F(Cli, NonPositiveSteps) {
  expect_usage_error({"run", "--steps", "0"}, "--steps '0' is invalid");
  expect_usage_error({"run", "--steps", "-5"}, "--steps '-5' is invalid");
}

TEST_F(Cli, UnknownOptionAndMissingCommand) {
  expect_usage_error({"run", "--bogus"}, "--bogus");
  expect_usage_error({}, "a command is required");
}

TEST_F(Cli, UnwritableOutputDirectory) {
  std::ofstream(dir_ / "blocker") << "a file, not a directory";
  const Result r = run({"run", "--out", "blocker/out"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("blocker/out"), std::string::npos) << r.err;
}

TEST_F(Cli, HelpAndVersion) {
  const Result help = run({"run", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--optimizer"), std::string::npos);
  const Result version = run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("optiscope "), std::string::npos);
}

TEST_F(Cli, ListOptimizers) {
  const Result all = run({"list", "optimizers"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("adam"), std::string::npos);
  const Result one = run({"list", "optimizers", "adam"});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("sqrt(1 - beta2^t)"), std::string::npos) << one.out;
  expect_usage_error({"list", "optimizers", "adma"}, "did you mean 'adam'?");
}

TEST_F(Cli, ScheduleNoiseAndRepeats) {
  const Result r =
      run({"run", "--optimizer", "gd:lr=0.05", "--schedule", "step:step_size=5", "--noise", "0.5",
           "--seed", "7", "--repeats", "3", "--steps", "10", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = file_lines(dir_ / "out" / "optimizer-paths.csv");
  ASSERT_EQ(lines.size(), 1u + 3u * 11u);
  EXPECT_EQ(lines[1].substr(lines[1].rfind(',') + 1), "0");
  EXPECT_EQ(lines[12].substr(lines[12].rfind(',') + 1), "1");
  EXPECT_EQ(lines[23].substr(lines[23].rfind(',') + 1), "2");
  // lr column (row k + 1 is step k): 0.05 for steps 1-5, then 0.05 * 0.1.
  EXPECT_EQ(lr_of(lines[6]), 0.05) << lines[6];
  EXPECT_DOUBLE_EQ(lr_of(lines[7]), 0.005) << lines[7];
  // Different repeats draw different noise.
  EXPECT_NE(lines[11].substr(0, lines[11].rfind(',')), lines[22].substr(0, lines[22].rfind(',')));
  EXPECT_NE(r.out.find("gd [repeat 2]"), std::string::npos) << r.out;
}

TEST_F(Cli, NoisyRunWithSameSeedIsByteIdentical) {
  const std::vector<std::string> args = {"run", "--noise",      "0.3",    "--seed",
                                         "11",  "--no-figures", "--quiet"};
  ASSERT_EQ(run(args).exit_code, 0);
  const std::string first = read_file(dir_ / "out" / "optimizer-paths.csv");
  ASSERT_EQ(run(args).exit_code, 0);
  EXPECT_EQ(read_file(dir_ / "out" / "optimizer-paths.csv"), first);

  std::vector<std::string> other_seed = args;
  other_seed[4] = "12";
  ASSERT_EQ(run(other_seed).exit_code, 0);
  EXPECT_NE(read_file(dir_ / "out" / "optimizer-paths.csv"), first);
}

TEST_F(Cli, ResolvedExperimentReproducesCsv) {
  ASSERT_EQ(run({"run",
                 "--optimizer",
                 "adamw:lr=0.05,amsgrad=true,label=aw \"quoted\" \\ label",
                 "--optimizer",
                 "rmsprop:lr=0.01,centered=true",
                 "--optimizer",
                 "nesterov:lr=0.02",
                 "--schedule",
                 "onecycle:anneal_strategy=linear",
                 "--noise",
                 "0.2",
                 "--seed",
                 "3",
                 "--repeats",
                 "2",
                 "--start",
                 "-1.5,2.5",
                 "--steps",
                 "50",
                 "--no-figures"})
                .exit_code,
            0);
  const std::string toml = read_file(dir_ / "out" / "optimizer-paths.toml");
  EXPECT_NE(toml.find("optiscope_version = "), std::string::npos) << toml;
  EXPECT_NE(toml.find("amsgrad = true"), std::string::npos) << toml;
  EXPECT_NE(toml.find("schedule = \"onecycle:max_lr=0.05,total_steps=50"), std::string::npos)
      << toml;

  const Result again = run({"run", "out/optimizer-paths.toml", "--out", "again"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_file(dir_ / "again" / "optimizer-paths.csv"),
            read_file(dir_ / "out" / "optimizer-paths.csv"));
}

TEST_F(Cli, ExperimentFileAndOverrides) {
  std::ofstream(dir_ / "exp.toml") << R"(surface = "quadratic"
start = [1.0, 1.0]
steps = 20
schedule = "exponential:gamma=0.9"

[[optimizer]]
name = "momentum"
lr = 0.05
label = "heavy ball"

[[optimizer]]
name = "adam"
lr = 0.1
schedule = "constant"

[output]
dir = "results"
figures = false
)";
  const Result r = run({"run", "exp.toml", "--steps", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = file_lines(dir_ / "results" / "optimizer-paths.csv");
  ASSERT_EQ(lines.size(), 1u + 2u * 6u);
  EXPECT_EQ(lines[1].rfind("heavy ball,0,1,1,", 0), 0u) << lines[1];
  EXPECT_DOUBLE_EQ(lr_of(lines[3]), 0.05 * 0.9) << lines[3];
  EXPECT_EQ(lr_of(lines[9]), 0.1) << lines[9];  // adam keeps its constant schedule
  EXPECT_FALSE(fs::exists(dir_ / "results" / "optimizer-paths.png"));
}

TEST_F(Cli, ExperimentFileErrorsNamePlace) {
  const auto check = [&](const std::string& contents, const std::string& message) {
    std::ofstream(dir_ / "bad.toml") << contents;
    expect_usage_error({"run", "bad.toml"}, message);
  };
  check("steps = 10\nstepz = 5\n", "bad.toml:2:9: unknown key 'stepz'; did you mean 'steps'?");
  check("steps = \"ten\"\n", "bad.toml:1:9: steps is a string; write a whole number such as 100");
  check("[[optimizer]]\nname = \"adam\"\nlr = \"fast\"\n",
        "bad.toml:3:6: adam: lr is a string; write a number such as 0.5");
  check("[[optimizer]]\nname = \"adam\"\nbeta1 = 1.5\n",
        "bad.toml:3:9: adam: beta1 = 1.5 is invalid; it must satisfy 0 <= beta1 < 1");
  check("[[optimizer]]\nname = \"adma\"\n",
        "bad.toml:2:8: unknown optimizer 'adma'; did you mean 'adam'?");
  check("[[optimizer]]\nname = \"sgd\"\nnesterov = true\n",
        "bad.toml:3:12: sgd: nesterov = true requires momentum > 0 and dampening = 0");
  check("[[optimizer]]\nname = \"adam\"\nbeta3 = 0.5\n",
        "bad.toml:3:9: adam: unknown hyperparameter 'beta3'; did you mean 'beta1'?");
  check("schedule = \"cosine:T_max=0\"\n",
        "bad.toml:1:12: cosine: T_max = 0 is invalid; it must satisfy T_max >= 1");
  check("steps = [1,\n", "bad.toml:1:13: invalid TOML:");
  check("[output]\nfigure = true\n",
        "bad.toml:2:10: unknown key 'output.figure'; did you mean 'output.figures'?");
}

TEST_F(Cli, MissingExperimentFile) {
  expect_usage_error({"run", "nowhere.toml"}, "cannot read experiment file 'nowhere.toml'");
}

TEST_F(Cli, ScheduleAndNoiseErrors) {
  expect_usage_error({"run", "--schedule", "cosin"}, "did you mean 'cosine'?");
  expect_usage_error({"run", "--noise", "-1"}, "--noise '-1' is invalid");
  expect_usage_error({"run", "--seed", "x"}, "--seed 'x' is invalid");
  expect_usage_error({"run", "--repeats", "0"}, "--repeats '0' is invalid");
}

TEST_F(Cli, ListSchedules) {
  const Result r = run({"list", "schedules"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"step", "multistep", "exponential", "cosine", "linear", "warmup_cosine", "onecycle"}) {
    EXPECT_NE(r.out.find(std::string(name) + " — "), std::string::npos) << name;
  }
}

}  // namespace
