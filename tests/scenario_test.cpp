#include "optiscope/core/scenario.hpp"

#include <gtest/gtest.h>

#include "summary.hpp"

namespace optiscope {
namespace {

TEST(ReferenceScenario, Defaults) {
  const Scenario scenario = reference_scenario();
  EXPECT_EQ(scenario.start, (Vec2{2.2, -2.0}));
  EXPECT_EQ(scenario.run.steps, 100);
  ASSERT_EQ(scenario.optimizers.size(), 3u);
  EXPECT_EQ(scenario.optimizers[0].label, "gd");
  EXPECT_EQ(scenario.optimizers[1].label, "momentum");
  EXPECT_EQ(scenario.optimizers[2].label, "adam");
  EXPECT_EQ(scenario.optimizers[0].optimizer->lr(), 0.08);
  EXPECT_EQ(scenario.optimizers[1].optimizer->hyperparameters().get("momentum"), 0.9);
  EXPECT_EQ(scenario.optimizers[2].optimizer->lr(), 0.1);
}

TEST(Summary, HandCheckShowsReferenceNumbers) {
  const Scenario scenario = reference_scenario();
  const std::string text = cli::format_hand_check(scenario, run_scenario(scenario));
  EXPECT_NE(text.find("[16.000000, -0.240000]"), std::string::npos) << text;
  EXPECT_NE(text.find("= 0.920000"), std::string::npos) << text;
  EXPECT_NE(text.find("= -1.980800"), std::string::npos) << text;
  EXPECT_NE(text.find("from 17.840000 to 3.889516"), std::string::npos) << text;
}

TEST(Summary, TableListsEveryOptimizer) {
  const Scenario scenario = reference_scenario();
  const std::string table = cli::format_results_table(run_scenario(scenario));
  EXPECT_NE(table.find("gd"), std::string::npos);
  EXPECT_NE(table.find("momentum"), std::string::npos);
  EXPECT_NE(table.find("adam"), std::string::npos);
  EXPECT_NE(table.find("step 97"), std::string::npos) << table;
  EXPECT_NE(table.find("not reached"), std::string::npos) << table;
}

}  // namespace
}  // namespace optiscope
