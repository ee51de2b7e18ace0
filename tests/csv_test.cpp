#include <gtest/gtest.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "optiscope/core/error.hpp"
#include "optiscope/core/scenario.hpp"
#include "optiscope/core/text.hpp"
#include "optiscope/io/atomic_file.hpp"
#include "optiscope/io/paths_csv.hpp"

namespace optiscope {
namespace {
namespace fs = std::filesystem;

fs::path fresh_directory(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("optiscope-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

TEST(PathsCsv, HeaderAndRowCount) {
  const Scenario scenario = reference_scenario();
  const std::vector<std::string> lines = lines_of(io::format_paths_csv(run_scenario(scenario)));
  ASSERT_EQ(lines.size(), 1u + 3u * 101u);
  EXPECT_EQ(lines[0], "optimizer,step,x,y,loss,grad_x,grad_y,lr,repeat");
  EXPECT_EQ(lines[1].rfind("gd,0,2.2,-2,", 0), 0u) << lines[1];
  // Step 0 has no learning rate; the last column is the repeat.
  EXPECT_EQ(lines[1].substr(lines[1].size() - 3), ",,0");
  EXPECT_EQ(lines[2].rfind("gd,1,0.9200000000000002,-1.9808000000000001,", 0), 0u) << lines[2];
  EXPECT_EQ(lines[2].substr(lines[2].size() - 7), ",0.08,0");
}

TEST(PathsCsv, NumbersRoundTrip) {
  for (double value : {0.1, 1.0 / 3.0, -1.9808000000000001, 1e-300, 6.02214076e23, -0.0}) {
    const std::string text = format_shortest(value);
    double back = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), back);
    EXPECT_EQ(back, value) << text;
  }
  EXPECT_EQ(format_shortest(0.08), "0.08");
  EXPECT_EQ(format_shortest(16.0), "16");
}

TEST(PathsCsv, QuotesLabelsWithCommasOrQuotes) {
  Scenario scenario = reference_scenario();
  scenario.run.steps = 1;
  scenario.optimizers.resize(1);
  scenario.optimizers[0].label = "say \"hi\"";
  const std::vector<std::string> lines = lines_of(io::format_paths_csv(run_scenario(scenario)));
  EXPECT_EQ(lines[1].rfind("\"say \"\"hi\"\"\",0,", 0), 0u) << lines[1];
}

TEST(PathsCsv, DivergedRunHasNoNonFiniteValues) {
  Scenario scenario = reference_scenario();
  scenario.optimizers = {parse_optimizer_spec("gd:lr=0.3")};
  const std::string text = io::format_paths_csv(run_scenario(scenario));
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
  EXPECT_EQ(lines_of(text).size(), 1u + 40u);
}

TEST(AtomicFile, FailedWriteLeavesOldFileAndNoTemporary) {
  const fs::path dir = fresh_directory("atomic");
  const fs::path target = dir / "data.csv";
  io::write_text_atomically(target, "old contents\n");

  EXPECT_THROW(io::write_atomically(target,
                                    [](const fs::path& temporary) {
                                      std::ofstream(temporary) << "half a fi";
                                      throw RuntimeFailure("disk full");
                                    }),
               RuntimeFailure);

  std::ifstream in(target);
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(contents, "old contents\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
}

TEST(AtomicFile, MissingDirectoryIsRuntimeFailure) {
  const fs::path dir = fresh_directory("missing");
  try {
    io::write_text_atomically(dir / "no-such-dir" / "x.csv", "x");
    FAIL() << "expected RuntimeFailure";
  } catch (const RuntimeFailure& error) {
    EXPECT_NE(std::string(error.what()).find("no-such-dir/x.csv"), std::string::npos)
        << error.what();
    EXPECT_EQ(error.exit_code(), 1);
  }
}

TEST(AtomicFile, OutputDirectoryUnderAFileIsRuntimeFailure) {
  const fs::path dir = fresh_directory("under-file");
  io::write_text_atomically(dir / "file", "x");
  EXPECT_THROW(io::prepare_output_directory(dir / "file" / "out"), RuntimeFailure);
  EXPECT_THROW(io::prepare_output_directory(dir / "file"), RuntimeFailure);
  EXPECT_NO_THROW(io::prepare_output_directory(dir / "new" / "nested"));
  EXPECT_TRUE(fs::is_directory(dir / "new" / "nested"));
}

}  // namespace
}  // namespace optiscope
