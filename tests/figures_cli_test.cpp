// End-to-end tests of the figures: `run` writes them, `plot` redraws them
// from a CSV, and bad CSVs and options get clear errors.

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

namespace {
namespace fs = std::filesystem;
using optiscope::testing::CommandResult;
using optiscope::testing::read_file_text;

const std::vector<std::string> kFigureFiles = {
    "optimizer-paths.png", "optimizer-paths.svg", "loss-curves.png",
    "loss-curves.svg",     "eigencomponents.png", "eigencomponents.svg",
    "lab-sheet.png",       "lab-sheet.svg",       "optimizer-paths.gif"};

class FiguresCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("optiscope-figures-cli-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  CommandResult run(const std::vector<std::string>& args) {
    return optiscope::testing::run_in(dir_, OPTISCOPE_EXECUTABLE, args);
  }

  // Expects exit code 2 and a message containing `message`.
  void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
    const CommandResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  // Expects every figure file in `a` to equal the one in `b` byte for byte.
  void expect_same_figures(const fs::path& a, const fs::path& b) {
    for (const std::string& name : kFigureFiles) {
      ASSERT_TRUE(fs::exists(dir_ / a / name)) << a / name;
      ASSERT_TRUE(fs::exists(dir_ / b / name)) << b / name;
      EXPECT_TRUE(read_file_text(dir_ / a / name) == read_file_text(dir_ / b / name))
          << name << " differs between " << a << " and " << b;
    }
  }

  fs::path dir_;
};

TEST_F(FiguresCli, RunWritesEveryFigure) {
  const CommandResult r = run({"run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& name : kFigureFiles) {
    EXPECT_TRUE(fs::exists(dir_ / "out" / name)) << name;
    EXPECT_NE(r.out.find("wrote out/" + name), std::string::npos) << name;
  }
  for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }

  int error = 0;
  GifFileType* gif = DGifOpenFileName((dir_ / "out" / "optimizer-paths.gif").c_str(), &error);
  ASSERT_NE(gif, nullptr) << GifErrorString(error);
  ASSERT_EQ(DGifSlurp(gif), GIF_OK);
  EXPECT_EQ(gif->SWidth, 800);
  EXPECT_EQ(gif->SHeight, 600);
  EXPECT_EQ(gif->ImageCount, 100);
  DGifCloseFile(gif, &error);
}

TEST_F(FiguresCli, FiguresAndFormatPickSubset) {
  // NOTE: English labels on purpose. Finishing a PDF that embeds Noto Sans
  // CJK, cairo 1.16 leaks about 1.5 KB, and LeakSanitizer cannot unwind
  // cairo's frames to suppress only that leak.
  const CommandResult r = run({"run", "--figures", "loss-curves,animation", "--format", "pdf",
                               "--gif-frames", "5", "--gif-size", "400x300"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file_text(dir_ / "out" / "loss-curves.pdf").rfind("%PDF-", 0), 0u);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "optimizer-paths.gif"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "loss-curves.png"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "optimizer-paths.png"));
  EXPECT_FALSE(fs::exists(dir_ / "out" / "lab-sheet.pdf"));

  int error = 0;
  GifFileType* gif = DGifOpenFileName((dir_ / "out" / "optimizer-paths.gif").c_str(), &error);
  ASSERT_NE(gif, nullptr);
  ASSERT_EQ(DGifSlurp(gif), GIF_OK);
  EXPECT_EQ(gif->ImageCount, 5);
  EXPECT_EQ(gif->SWidth, 400);
  DGifCloseFile(gif, &error);
}

TEST_F(FiguresCli, PlotMatchesRun) {
  ASSERT_EQ(run({"run", "--out", "ran", "--arrows", "4"}).exit_code, 0);
  const CommandResult r =
      run({"plot", "ran/optimizer-paths.csv", "--out", "plotted", "--arrows", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_figures("ran", "plotted");
}

TEST_F(FiguresCli, PlotMatchesRunWithLabelsAndDivergence) {
  const std::vector<std::string> specs = {"--optimizer", "adam:lr=0.05,label=slow", "--optimizer",
                                          "gd:lr=0.3"};
  std::vector<std::string> run_args = {"run", "--out", "ran", "--lang", "zh"};
  run_args.insert(run_args.end(), specs.begin(), specs.end());
  ASSERT_EQ(run(run_args).exit_code, 0);

  expect_usage_error({"plot", "ran/optimizer-paths.csv"},
                     "ran/optimizer-paths.csv: line 2, column 1 (optimizer): unknown optimizer "
                     "'slow'");

  std::vector<std::string> plot_args = {
      "plot", "ran/optimizer-paths.csv", "--out", "plotted", "--steps", "100", "--lang", "zh"};
  plot_args.insert(plot_args.end(), specs.begin(), specs.end());
  const CommandResult r = run(plot_args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_figures("ran", "plotted");
}

TEST_F(FiguresCli, PlotRejectsBadCsv) {
  const std::string header = "optimizer,step,x,y,loss,grad_x,grad_y,lr\n";
  write("missing.csv", "optimizer,step,x,y,grad_x,grad_y,lr\ngd,0,1,1,1,1,\n");
  expect_usage_error({"plot", "missing.csv"}, "missing.csv: line 1: missing column 'loss'");

  write("unknown.csv", header + "adma,0,2.2,-2,17.84,16,-0.24,\n");
  expect_usage_error({"plot", "unknown.csv"},
                     "unknown.csv: line 2, column 1 (optimizer): unknown optimizer 'adma'; did "
                     "you mean 'adam'?");

  write("text.csv",
        header + "gd,0,2.2,-2,17.84,16,-0.24,\ngd,1,0.92,minus two,3.9,5.8,-1.2,0.08\n");
  expect_usage_error({"plot", "text.csv"},
                     "text.csv: line 3, column 4 (y): 'minus two' is not a finite number");

  write("other-surface.csv", header + "gd,0,2.2,-2,1.5,16,-0.24,\n");
  expect_usage_error({"plot", "other-surface.csv"},
                     "other-surface.csv: line 2, column 5 (loss): 1.5 differs from L(2.2, -2)");

  expect_usage_error({"plot", "absent.csv"}, "cannot read 'absent.csv'");
  EXPECT_FALSE(fs::exists(dir_ / "optimizer-paths.png"));
}

TEST_F(FiguresCli, PlotTakesSurfaceOfPaths) {
  ASSERT_EQ(run({"run", "--out", "ran", "--no-figures"}).exit_code, 0);
  expect_usage_error({"plot", "ran/optimizer-paths.csv", "--surface", "rosenbrock"},
                     "ran/optimizer-paths.csv: line 2, column 5 (loss): 17.840000000000003 "
                     "differs from L(2.2, -2)");

  // The same quadratic written as a formula draws the same paths.
  const CommandResult r = run({"plot", "ran/optimizer-paths.csv", "--surface",
                               "0.5*(8*x^2 + y^2) + 0.8*x*y", "--figures", "path-map"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "ran" / "optimizer-paths.svg"));
  EXPECT_FALSE(fs::exists(dir_ / "ran" / "loss-curves.png"));
}

TEST_F(FiguresCli, FigureOptionErrors) {
  expect_usage_error({"run", "--lang", "fr"}, "--lang 'fr' is invalid; write en or zh");
  expect_usage_error({"run", "--figures", "loss-curve"},
                     "--figures: unknown figure 'loss-curve'; did you mean 'loss-curves'?");
  expect_usage_error({"run", "--format", "jpg"}, "--format: unknown format 'jpg'");
  expect_usage_error({"run", "--arrows", "100"}, "--arrows '100' is invalid");
  expect_usage_error({"run", "--gif-size", "10x10"}, "--gif-size '10x10' is invalid");
  expect_usage_error({"run", "--gif-size", "800"}, "--gif-size '800' is invalid");
  expect_usage_error({"run", "--gif-fps", "0"}, "--gif-fps '0' is invalid");
  expect_usage_error({"run", "--gif-frames", "0"}, "--gif-frames '0' is invalid");
  EXPECT_FALSE(fs::exists(dir_ / "out")) << "a usage error must not write output";
}

}  // namespace
