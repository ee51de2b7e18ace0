#include "optiscope/render/sweep_figures.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "optiscope/core/surfaces/catalogue.hpp"
#include "optiscope/core/sweep.hpp"
#include "optiscope/core/theory.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {
namespace fs = std::filesystem;

std::shared_ptr<const Surface> catalogue_surface(std::string_view spec) {
  return make_surface(spec);
}

SweepResult sweep(const std::string& surface, const std::vector<std::string>& optimizers,
                  const std::vector<std::string>& axes, long steps = 100) {
  SweepRequest request;
  request.experiment.surface = surface;
  request.experiment.steps = steps;
  for (const std::string& spec : optimizers) {
    request.experiment.optimizers.push_back(parse_optimizer_entry(spec));
  }
  for (const std::string& axis : axes) {
    request.axes.push_back(parse_sweep_axis(axis));
  }
  return run_sweep(request, catalogue_surface, 1);
}

// The figures land here so that a person can look at them after a run.
fs::path figure_directory() {
  const fs::path directory = fs::temp_directory_path() / "optiscope-sweep-figures";
  fs::create_directories(directory);
  return directory;
}

std::string svg_text(const FigureDrawing& drawing, const std::string& name) {
  const fs::path path = figure_directory() / (name + ".svg");
  write_figure(path, ImageFormat::svg, drawing);
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_png(const FigureDrawing& drawing, const std::string& name) {
  write_figure(figure_directory() / (name + ".png"), ImageFormat::png, drawing);
}

// Returns the colour of one pixel of the drawn figure.
Color pixel_color(const FigureDrawing& drawing, Vec2 at) {
  cairo_surface_t* image = render_to_image(drawing);
  cairo_surface_flush(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  const auto* pixel =
      data + static_cast<std::ptrdiff_t>(at.y) * stride + static_cast<int>(at.x) * 4;
  // ARGB32 in native byte order: blue, green, red, alpha on little-endian.
  const Color color{pixel[2] / 255.0, pixel[1] / 255.0, pixel[0] / 255.0};
  cairo_surface_destroy(image);
  return color;
}

bool is_vermillion(Color c) {
  return std::abs(c.r - 213.0 / 255.0) < 0.02 && std::abs(c.g - 94.0 / 255.0) < 0.02 && c.b < 0.02;
}

TEST(SweepFigures, HeavyBallMapShowsBoundary) {
  const SweepResult result =
      sweep("quadratic", {"momentum"}, {"lr=0.001:1:61:log", "momentum=0:0.99:45"}, 200);
  const FigureDrawing drawing = sweep_heatmap_figure(result, 0, Language::en);
  write_png(drawing, "stability-map-momentum");
  const std::string svg = svg_text(drawing, "stability-map-momentum");
  EXPECT_NE(svg.find("class=\"theory-boundary\""), std::string::npos);
  write_png(sweep_heatmap_figure(result, 0, Language::zh), "stability-map-momentum-zh");
  write_png(sweep_heatmap_figure(result, 0, Language::en, SweepMeasure::steps_to_tolerance),
            "steps-map-momentum");
}

TEST(SweepFigures, AdamMapHasNoTheory) {
  const SweepResult result = sweep("quadratic", {"adam"}, {"lr=0.001:3:41:log", "beta1=0:0.99:34"});
  const FigureDrawing drawing = sweep_heatmap_figure(result, 0, Language::en);
  write_png(drawing, "stability-map-adam");
  EXPECT_EQ(svg_text(drawing, "stability-map-adam").find("theory-boundary"), std::string::npos);
}

// The boundary lr·λmax = 2(1 + μ) separates the cells that diverged from
// those that did not, apart from the cells it passes through.
TEST(SweepFigures, BoundarySeparatesDivergedCells) {
  const SweepResult result =
      sweep("quadratic", {"momentum"}, {"lr=0.01:1:41:log", "momentum=0:0.9:10"}, 3000);
  const QuadraticModel model = analyze_hessian({8.0, 0.8, 1.0});
  int checked = 0;
  for (const SweepCell& cell : result.tables[0].cells) {
    const double limit = *heavy_ball_max_stable_lr(model, cell.second);
    if (cell.first < 0.95 * limit) {
      EXPECT_EQ(cell.status, RunStatus::completed) << cell.first << ", " << cell.second;
      ++checked;
    } else if (cell.first > 1.05 * limit) {
      EXPECT_EQ(cell.status, RunStatus::diverged) << cell.first << ", " << cell.second;
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(SweepFigures, DivergedCellIsVermillion) {
  // Two lr values: 0.1 converges, 10 diverges at once.
  const SweepResult result = sweep("quadratic", {"gd"}, {"lr=0.1:10:2:log", "weight_decay=0:0:1"});
  const FigureDrawing drawing = sweep_heatmap_figure(result, 0, Language::en);
  write_png(drawing, "two-cells");
  ASSERT_EQ(result.tables[0].cells[1].status, RunStatus::diverged);
  ASSERT_EQ(result.tables[0].cells[0].status, RunStatus::completed);
  // The right half of the plot area is the diverged cell; sample the middle
  // of the figure's width a little right of centre, halfway down.
  const Color right = pixel_color(drawing, {drawing.size.width * 0.62, drawing.size.height * 0.45});
  const Color left = pixel_color(drawing, {drawing.size.width * 0.25, drawing.size.height * 0.45});
  EXPECT_TRUE(is_vermillion(right)) << right.r << " " << right.g << " " << right.b;
  EXPECT_FALSE(is_vermillion(left)) << left.r << " " << left.g << " " << left.b;
}

// The start does not change gradient descent's rate on a quadratic, so the
// boundary and the best lr are vertical lines across start y.
TEST(SweepFigures, GradientDescentMapMarksBestLr) {
  const SweepResult result = sweep("quadratic", {"gd"}, {"lr=0.01:1:50:log", "y=-3:3:31"});
  const FigureDrawing drawing = sweep_heatmap_figure(result, 0, Language::en);
  write_png(drawing, "stability-map-gd-start-y");
  const std::string svg = svg_text(drawing, "stability-map-gd-start-y");
  EXPECT_NE(svg.find("theory-boundary"), std::string::npos);
}

TEST(SweepFigures, BasinMapOnHimmelblau) {
  const SweepResult result =
      sweep("himmelblau", {"gd:lr=0.01", "adam:lr=0.1"}, {"x=-5:5:81", "y=-5:5:81"}, 200);
  ASSERT_TRUE(is_start_grid(result));
  write_png(sweep_basin_figure(result, 0, Language::en), "basin-map-gd");
  write_png(sweep_basin_figure(result, 1, Language::zh), "basin-map-adam-zh");
  write_png(sweep_heatmap_figure(result, 0, Language::en), "stability-map-himmelblau-gd");
  // Every listed minimizer is reached from some start.
  std::set<int> basins;
  for (const SweepCell& cell : result.tables[0].cells) {
    basins.insert(cell.basin);
  }
  for (int k = 0; k < 4; ++k) {
    EXPECT_TRUE(basins.count(k)) << k;
  }
}

TEST(SweepFigures, CurvesOfLrSweep) {
  const SweepResult result =
      sweep("quadratic", {"gd", "momentum", "nesterov", "adam"}, {"lr=1e-4:1:49:log"}, 200);
  const FigureDrawing drawing = sweep_curves_figure(result, Language::en);
  write_png(drawing, "sweep-curves");
  write_png(sweep_curves_figure(result, Language::zh), "sweep-curves-zh");
  EXPECT_FALSE(svg_text(drawing, "sweep-curves").empty());
}

TEST(SweepFigures, CurvesOnRosenbrockHaveNoTheory) {
  const SweepResult result = sweep("rosenbrock", {"gd", "adam"}, {"lr=1e-5:0.1:25:log"}, 300);
  write_png(sweep_curves_figure(result, Language::en), "sweep-curves-rosenbrock");
}

TEST(SweepFigures, FigureListMatchesDimensions) {
  const SweepResult one = sweep("quadratic", {"gd"}, {"lr=0.01:0.3:5"}, 20);
  const std::vector<NamedFigure> curves = sweep_figures(one, Language::en);
  ASSERT_EQ(curves.size(), 1u);
  EXPECT_EQ(curves[0].stem, "sweep-curves");

  const SweepResult grid =
      sweep("quadratic", {"gd:label=plain gd/1"}, {"x=-1:1:3", "y=-1:1:3"}, 20);
  const std::vector<NamedFigure> maps = sweep_figures(grid, Language::en);
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[0].stem, "stability-map-plain-gd-1");
  EXPECT_EQ(maps[1].stem, "steps-map-plain-gd-1");
  EXPECT_EQ(maps[2].stem, "basin-map-plain-gd-1");
}

TEST(SweepFigures, WrongDimensionsAreRejected) {
  const SweepResult one = sweep("quadratic", {"gd"}, {"lr=0.01:0.3:5"}, 20);
  EXPECT_THROW(sweep_heatmap_figure(one, 0, Language::en), std::invalid_argument);
  EXPECT_THROW(sweep_basin_figure(one, 0, Language::en), std::invalid_argument);
  const SweepResult two = sweep("quadratic", {"gd"}, {"lr=0.01:0.3:5", "momentum=0:0.5:3"}, 20);
  EXPECT_THROW(sweep_curves_figure(two, Language::en), std::invalid_argument);
  EXPECT_THROW(sweep_basin_figure(two, 0, Language::en), std::invalid_argument);
  EXPECT_THROW(sweep_heatmap_figure(two, 1, Language::en), std::invalid_argument);
}

TEST(SweepFigures, ShardLeavesOtherCellsBlank) {
  SweepRequest request;
  request.experiment.optimizers = {parse_optimizer_entry("momentum")};
  request.axes = {parse_sweep_axis("lr=0.01:1:20:log"), parse_sweep_axis("momentum=0:0.9:10")};
  request.shard = parse_shard("1/3");
  const SweepResult result = run_sweep(request, catalogue_surface, 1);
  write_png(sweep_heatmap_figure(result, 0, Language::en), "shard-1-of-3");
}

TEST(SweepFigures, EveryLabelHasGlyphs) {
  for (Language language : {Language::en, Language::zh}) {
    for (Text id : {Text::sweep_heatmap_title, Text::sweep_key_boundary, Text::sweep_key_best_pair,
                    Text::sweep_key_not_reached, Text::sweep_curves_title, Text::sweep_key_basin}) {
      EXPECT_EQ(count_missing_glyphs(text(language, id), {15.0}), 0) << static_cast<int>(id);
    }
  }
}

}  // namespace
}  // namespace optiscope::render
