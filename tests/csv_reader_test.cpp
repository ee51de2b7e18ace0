#include <gtest/gtest.h>

#include "optiscope/core/error.hpp"
#include "optiscope/core/scenario.hpp"
#include "optiscope/io/paths_csv.hpp"
#include "optiscope/io/paths_csv_reader.hpp"

namespace optiscope::io {
namespace {

// Expects parse_paths_csv to reject `text` with a message containing `part`.
void expect_rejected(const std::string& text, const std::string& part) {
  try {
    parse_paths_csv(text, "paths.csv");
    FAIL() << "expected UsageError containing '" << part << "'";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
  }
}

const std::string kHeader = "optimizer,step,x,y,loss,grad_x,grad_y,lr\n";

TEST(PathsCsvReader, ReadsBackWhatRunWrites) {
  const std::vector<OptimizerResult> results = run_scenario(reference_scenario());
  const PathsCsv csv = parse_paths_csv(format_paths_csv(results), "paths.csv");
  ASSERT_EQ(csv.paths.size(), results.size());
  for (std::size_t k = 0; k < results.size(); ++k) {
    EXPECT_EQ(csv.paths[k].label, results[k].choice.label);
    const auto& expected = results[k].trajectory.records;
    ASSERT_EQ(csv.paths[k].records.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const StepRecord& read = csv.paths[k].records[i];
      EXPECT_EQ(read.step, expected[i].step);
      EXPECT_EQ(read.position, expected[i].position);
      EXPECT_EQ(read.loss, expected[i].loss);
      EXPECT_EQ(read.gradient, expected[i].gradient);
      EXPECT_EQ(read.lr, expected[i].lr);
    }
  }
  EXPECT_EQ(csv.paths[1].first_line, 2 + 101);
}

TEST(PathsCsvReader, AcceptsReorderedColumnsQuotesAndInterleaving) {
  const std::string text =
      "step,optimizer,note,x,y,loss,grad_x,grad_y,lr\r\n"
      "0,\"my, \"\"adam\"\"\",a,1,2,3,4,5,\r\n"
      "0,gd,b,1,2,3,4,5,\r\n"
      "1,\"my, \"\"adam\"\"\",c,0.5,1,2,3,4,0.1\r\n";
  const PathsCsv csv = parse_paths_csv(text, "other.csv");
  ASSERT_EQ(csv.paths.size(), 2u);
  EXPECT_EQ(csv.paths[0].label, "my, \"adam\"");
  EXPECT_EQ(csv.paths[0].records.size(), 2u);
  EXPECT_EQ(csv.paths[0].records[1].lr, 0.1);
  EXPECT_EQ(csv.paths[1].first_line, 3);
  EXPECT_EQ(csv.optimizer_column, 2);
}

TEST(PathsCsvReader, SeparatesRepeats) {
  const std::string text =
      "optimizer,step,x,y,loss,grad_x,grad_y,lr,repeat\n"
      "gd,0,1,2,3,4,5,,0\n"
      "gd,0,1,2,3,4,5,,1\n";
  const PathsCsv csv = parse_paths_csv(text, "paths.csv");
  ASSERT_EQ(csv.paths.size(), 2u);
  EXPECT_EQ(csv.paths[1].repeat, 1);
}

TEST(PathsCsvReader, MissingColumnIsNamed) {
  expect_rejected("optimizer,step,x,y,grad_x,grad_y,lr\n",
                  "paths.csv: line 1: missing column 'loss'");
}

TEST(PathsCsvReader, NonNumericValueNamesLineAndColumn) {
  expect_rejected(kHeader + "gd,0,1,2,3,4,5,\ngd,1,abc,2,3,4,5,0.1\n",
                  "paths.csv: line 3, column 3 (x): 'abc' is not a finite number");
  expect_rejected(kHeader + "gd,0,1,2,nan,4,5,\n", "line 2, column 5 (loss): 'nan'");
  expect_rejected(kHeader + "gd,zero,1,2,3,4,5,\n", "line 2, column 2 (step): 'zero'");
}

TEST(PathsCsvReader, StepGapsAndFieldCounts) {
  expect_rejected(kHeader + "gd,0,1,2,3,4,5,\ngd,2,1,2,3,4,5,0.1\n",
                  "line 3, column 2 (step): step 2 of optimizer 'gd' should be 1");
  expect_rejected(kHeader + "gd,0,1,2,3,4,5\n",
                  "line 2: expected 8 fields like the header, found 7");
  expect_rejected(kHeader + ",0,1,2,3,4,5,\n",
                  "line 2, column 1 (optimizer): the optimizer label is empty");
  expect_rejected(kHeader + "\"gd,0,1,2,3,4,5,\n", "line 2: a quoted field is never closed");
}

TEST(PathsCsvReader, EmptyFiles) {
  expect_rejected("", "paths.csv: the file is empty");
  expect_rejected(kHeader, "the file has a header but no rows");
}

TEST(PathsCsvReader, MissingFileIsUsageError) {
  EXPECT_THROW(read_paths_csv("/nonexistent/optiscope/paths.csv"), UsageError);
}

}  // namespace
}  // namespace optiscope::io
