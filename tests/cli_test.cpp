// End-to-end tests of the optiscope executable: arguments in, exit code,
// output and files out.

#include <cairo.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("optiscope-cli-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  // Runs optiscope with `args` in the test's own directory.
  Result run(const std::vector<std::string>& args) {
    std::string command =
        "cd " + shell_quote(dir_.string()) + " && " + shell_quote(OPTISCOPE_EXECUTABLE);
    for (const std::string& arg : args) {
      command += " " + shell_quote(arg);
    }
    command += " >stdout.txt 2>stderr.txt";
    const int status = std::system(command.c_str());
    Result result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(dir_ / "stdout.txt");
    result.err = read_file(dir_ / "stderr.txt");
    return result;
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

std::vector<std::string> csv_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

TEST_F(Cli, DefaultRunWritesFilesAndHandCheck) {
  const Result r = run({"run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;

  for (const char* expected :
       {"[16.000000, -0.240000]", "= 0.920000", "= -1.980800", "from 17.840000 to 3.889516",
        "loss < 1e-6 at", "completed", "wrote out/optimizer-paths.csv"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << "missing '" << expected << "' in\n"
                                                       << r.out;
  }

  const auto lines = csv_lines(dir_ / "out" / "optimizer-paths.csv");
  ASSERT_EQ(lines.size(), 1u + 3u * 101u);
  EXPECT_EQ(lines[0], "optimizer,step,x,y,loss,grad_x,grad_y,lr");
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
  const auto lines = csv_lines(dir_ / "results" / "optimizer-paths.csv");
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

}  // namespace
