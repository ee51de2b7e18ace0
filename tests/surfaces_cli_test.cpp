// End-to-end tests of --surface, 'optiscope list surfaces' and
// 'optiscope check'.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace {
namespace fs = std::filesystem;
using optiscope::testing::CommandResult;

class SurfaceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("optiscope-surface-cli-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult run(const std::vector<std::string>& args) {
    return optiscope::testing::run_in(dir_, OPTISCOPE_EXECUTABLE, args);
  }

  // Expects exit code 2 and `message` on stderr, and no output directory.
  void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
    const CommandResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
  }

  std::vector<std::string> csv_lines(const fs::path& path) {
    std::vector<std::string> lines;
    std::istringstream in(optiscope::testing::read_file_text(path));
    for (std::string line; std::getline(in, line);) {
      lines.push_back(line);
    }
    return lines;
  }

  fs::path dir_;
};

TEST_F(SurfaceCli, CatalogueSurfaceUsesItsStart) {
  const CommandResult r = run({"run", "--surface", "rosenbrock", "--optimizer", "adam:lr=0.05",
                               "--steps", "20", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("L(x, y) = (1 - x)^2 + 100*(y - x^2)^2, start (-1.2, 1)"), std::string::npos)
      << r.out;
  const auto lines = csv_lines(dir_ / "out" / "optimizer-paths.csv");
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[1].rfind("adam,0,-1.2,1,24.19999", 0), 0u) << lines[1];
}

TEST_F(SurfaceCli, SurfaceParameters) {
  const CommandResult r = run({"run", "--surface", "quadratic:kappa=50,angle=30", "--steps", "5",
                               "--no-figures", "--quiet", "--out", "rotated"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_usage_error({"run", "--surface", "rosenbrock:b=-1"}, "rosenbrock: b = -1 is invalid");
  expect_usage_error({"run", "--surface", "rosenbrok"},
                     "unknown surface 'rosenbrok'; did you mean 'rosenbrock'?");
}

// The reference quadratic typed as a formula writes the same CSV as the
// default run.
TEST_F(SurfaceCli, FormulaReproducesDefaultRun) {
  ASSERT_EQ(run({"run", "--no-figures", "--out", "builtin"}).exit_code, 0);
  const CommandResult r =
      run({"run", "--surface", "0.5*(8*x^2 + y^2) + 0.8*x*y", "--no-figures", "--out", "typed"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_lines(dir_ / "typed" / "optimizer-paths.csv"),
            csv_lines(dir_ / "builtin" / "optimizer-paths.csv"));
}

TEST_F(SurfaceCli, FormulaRunWritesFigure) {
  const CommandResult r = run({"run", "--surface", "x^2 + 3*sin(y)^2", "--steps", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "optimizer-paths.png"));
}

TEST_F(SurfaceCli, ParseErrorsShowCaret) {
  const CommandResult r = run({"run", "--surface", "x + sinn(y)"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "optiscope: error: unknown function 'sinn' at column 5; did you mean 'sin'?\n"
            "  x + sinn(y)\n"
            "      ^\n");
  expect_usage_error({"run", "--surface", "2 + (x * y"}, "missing ')' opened at column 5");
  expect_usage_error({"run", "--surface", "z + 1"},
                     "unexpected variable 'z'; a surface uses x and y");
}

TEST_F(SurfaceCli, DomainErrorEndsOptimizerAsDiverged) {
  const CommandResult r = run({"run", "--surface", "log(x) + y^2", "--optimizer", "gd:lr=1",
                               "--optimizer", "adam", "--steps", "10", "--no-figures"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("gd diverged at step"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("log(x) at column 1 is not finite here: log needs a positive argument"),
            std::string::npos)
      << r.out;
  const std::string csv = optiscope::testing::read_file_text(dir_ / "out" / "optimizer-paths.csv");
  EXPECT_EQ(csv.find("nan"), std::string::npos);
}

TEST_F(SurfaceCli, StartOutsideDomain) {
  expect_usage_error({"run", "--surface", "sqrt(y)"},
                     "sqrt(y) at column 1 is not finite here: sqrt needs a non-negative argument");
}

TEST_F(SurfaceCli, ListSurfaces) {
  const CommandResult all = run({"list", "surfaces"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  for (const char* expected :
       {"rosenbrock — curved narrow valley", "L(x, y) = (a - x)^2 + b*(y - x^2)^2",
        "minimum 0 at (3, 0.5)", "minimum 3 at (0, -1)", "saddle — saddle point, no minimum",
        "sigmoid, softplus"}) {
    EXPECT_NE(all.out.find(expected), std::string::npos) << "missing '" << expected << "'";
  }
  const CommandResult one = run({"list", "surfaces", "himmelblau"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("source: D. M. Himmelblau, Applied Nonlinear Programming"),
            std::string::npos)
      << one.out;
  expect_usage_error({"list", "surfaces", "rastrign"}, "did you mean 'rastrigin'?");
}

TEST_F(SurfaceCli, CheckCatalogueSurfacePasses) {
  for (const char* surface : {"rosenbrock", "goldstein-price", "ackley", "x^3*y - exp(x*y)"}) {
    const CommandResult r = run({"check", "--surface", surface});
    EXPECT_EQ(r.exit_code, 0) << surface << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("largest absolute error"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("largest relative error"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("agree: the exact gradient and Hessian match"), std::string::npos)
        << r.out;
  }
}

TEST_F(SurfaceCli, CheckHandGradient) {
  const CommandResult right = run({"check", "--surface", "rosenbrock", "--gradient",
                                   "-2*(1 - x) - 400*x*(y - x^2), 200*(y - x^2)"});
  EXPECT_EQ(right.exit_code, 0) << right.out << right.err;
  EXPECT_NE(right.out.find("agree: your gradient matches at every point"), std::string::npos)
      << right.out;

  const CommandResult wrong = run({"check", "--surface", "rosenbrock", "--gradient",
                                   "[-2*(1 - x) - 200*x*(y - x^2), 200*(y - x^2)]"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.out << wrong.err;
  EXPECT_NE(wrong.out.find("disagree: first at (x, y) = ("), std::string::npos) << wrong.out;
  EXPECT_NE(wrong.out.find("  yours  ["), std::string::npos) << wrong.out;
  EXPECT_NE(wrong.out.find("  exact  ["), std::string::npos) << wrong.out;
}

TEST_F(SurfaceCli, CheckUsageErrors) {
  expect_usage_error({"check", "--surface", "quadratic", "--gradient", "8*x"},
                     "--gradient '8*x' has 1 formula; write the two partial derivatives");
  expect_usage_error({"check", "--gradient", "8*x + , y"},
                     "unexpected ',' at column 7; expected a number, x, y, a function or '('");
  expect_usage_error({"check", "--surface", "sinn(x)"}, "did you mean 'sin'?");
  expect_usage_error({"check", "--points", "0"}, "--points '0' is invalid");
  expect_usage_error({"check", "--surface", "log(-10 - x^2) + y"},
                     "none of the 100 points sampled in [-3, 3] x [-3, 3] has a finite value and "
                     "derivatives on log(-10 - x^2) + y; the surface's domain misses its view");
}

TEST_F(SurfaceCli, CheckSkipsPointsOutsideDomain) {
  const CommandResult r = run({"check", "--surface", "log(x) + y", "--points", "40"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("skipped"), std::string::npos) << r.out;
}

}  // namespace
