#include <gtest/gtest.h>

#include "optiscope/core/scenario.hpp"
#include "optiscope/render/colors.hpp"
#include "optiscope/render/contour.hpp"
#include "optiscope/render/path_map.hpp"
#include "optiscope/render/plot_frame.hpp"

namespace optiscope::render {
namespace {

TEST(LogLevels, OneTwoFiveSequence) {
  const std::vector<double> levels = log_levels(0.03, 47.7, 20);
  const std::vector<double> expected = {0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20};
  ASSERT_EQ(levels.size(), expected.size());
  for (std::size_t k = 0; k < levels.size(); ++k) {
    EXPECT_NEAR(levels[k], expected[k], 1e-12);
  }
}

TEST(LogLevels, ThinsToDecadesWhenTooMany) {
  const std::vector<double> levels = log_levels(1e-6, 1e3, 10);
  ASSERT_EQ(levels.size(), 9u);
  EXPECT_NEAR(levels.front(), 1e-5, 1e-18);
  EXPECT_NEAR(levels.back(), 1e3, 1e-9);
}

TEST(Isoline, CircleRadiusIsRight) {
  // x^2 + y^2 = 1 traced on a fine grid lies on the unit circle.
  QuadraticSurface circle({2.0, 0.0, 2.0}, SurfaceInfo{});
  const Grid grid = sample_grid(circle, {-2.0, 2.0, -2.0, 2.0}, 201, 201);
  const std::vector<Segment> segments = trace_isoline(grid, 1.0);
  ASSERT_GT(segments.size(), 100u);
  for (const Segment& s : segments) {
    EXPECT_NEAR(norm(s.a), 1.0, 2e-3);
    EXPECT_NEAR(norm(s.b), 1.0, 2e-3);
  }
}

TEST(PlotFrame, EqualAspectAndOrientation) {
  const PlotFrame frame({-1.0, 1.0, -1.0, 1.0}, 100.0, 50.0, 400.0, 200.0);
  // The x range widens to keep one unit = 100 pixels on both axes.
  EXPECT_NEAR(frame.view().x_min, -2.0, 1e-12);
  EXPECT_NEAR(frame.view().x_max, 2.0, 1e-12);
  const Vec2 origin = frame.to_pixel({0.0, 0.0});
  EXPECT_NEAR(origin.x, 300.0, 1e-9);
  EXPECT_NEAR(origin.y, 150.0, 1e-9);
  const Vec2 up = frame.to_pixel({0.0, 1.0});
  EXPECT_NEAR(up.y, 50.0, 1e-9);  // y grows upwards
}

TEST(ClipSegment, KeepsInsidePart) {
  Vec2 a{-10.0, 0.0};
  Vec2 b{10.0, 0.0};
  ASSERT_TRUE(clip_segment(a, b, {-1.0, 1.0, -1.0, 1.0}));
  EXPECT_EQ(a, (Vec2{-1.0, 0.0}));
  EXPECT_EQ(b, (Vec2{1.0, 0.0}));
  Vec2 c{5.0, 5.0};
  Vec2 d{6.0, 7.0};
  EXPECT_FALSE(clip_segment(c, d, {-1.0, 1.0, -1.0, 1.0}));
}

TEST(NiceTicks, ReadableSteps) {
  const std::vector<double> ticks = nice_ticks(-2.3, 3.1, 6);
  const std::vector<double> expected = {-2, -1, 0, 1, 2, 3};
  EXPECT_EQ(ticks, expected);
  EXPECT_EQ(format_tick(0.5), "0.5");
  EXPECT_EQ(format_tick(-2.0), "-2");
}

TEST(Colors, SurfaceRampGetsLighter) {
  double previous = -1.0;
  for (double t = 0.0; t <= 1.0; t += 0.1) {
    const Color c = surface_color(t);
    const double luma = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
    EXPECT_GT(luma, previous) << "t = " << t;
    previous = luma;
  }
  EXPECT_NE(path_color(0).r, path_color(1).r);
}

TEST(ChooseView, ContainsSettledPathsAndIgnoresRunaways) {
  Scenario scenario = reference_scenario();
  scenario.optimizers.push_back(parse_optimizer_spec("gd:lr=0.3"));
  const auto results = run_scenario(scenario);
  const FigureInput input{scenario.surface.get(), scenario.start, scenario.run.steps, &results};
  const Box view = choose_view(input);
  for (std::size_t k = 0; k < 3; ++k) {
    for (const StepRecord& r : results[k].trajectory.records) {
      EXPECT_GE(r.position.x, view.x_min);
      EXPECT_LE(r.position.x, view.x_max);
      EXPECT_GE(r.position.y, view.y_min);
      EXPECT_LE(r.position.y, view.y_max);
    }
  }
  EXPECT_LT(view.x_max - view.x_min, 20.0);
}

}  // namespace
}  // namespace optiscope::render
