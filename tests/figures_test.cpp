// Structure checks of the figures: what the SVG, PNG and GIF contain, not
// how they look pixel by pixel.

#include "optiscope/render/figures.hpp"

#include <cairo.h>
#include <gif_lib.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "optiscope/core/replay.hpp"
#include "optiscope/core/scenario.hpp"
#include "optiscope/render/animation.hpp"
#include "optiscope/render/chart.hpp"
#include "optiscope/render/figure_file.hpp"
#include "optiscope/render/lab_sheet.hpp"
#include "optiscope/render/path_map.hpp"
#include "optiscope/render/placement.hpp"
#include "optiscope/render/step_arrows.hpp"
#include "optiscope/render/strings.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {
namespace {
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The value of attribute `name` in the element that starts at `at`.
std::string attribute(const std::string& svg, std::size_t at, const std::string& name) {
  const std::size_t end = svg.find('>', at);
  const std::size_t key = svg.find(" " + name + "=\"", at);
  if (key == std::string::npos || key > end) {
    return {};
  }
  const std::size_t begin = key + name.size() + 3;
  return svg.substr(begin, svg.find('"', begin) - begin);
}

std::size_t count(const std::string& text, const std::string& piece) {
  std::size_t n = 0;
  for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) {
    ++n;
  }
  return n;
}

class Figures : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("optiscope-figures-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    scenario_ = reference_scenario();
    results_ = run_scenario(scenario_);
    input_ = {scenario_.surface.get(), scenario_.start, scenario_.run.steps, &results_};
  }

  fs::path dir_;
  Scenario scenario_;
  std::vector<OptimizerResult> results_;
  FigureInput input_;
};

TEST_F(Figures, SvgHasOneTaggedPathPerOptimizer) {
  const fs::path svg = dir_ / "map.svg";
  write_figure(svg, ImageFormat::svg, path_map_figure(input_));
  const std::string text = read_text(svg);

  ASSERT_EQ(count(text, "class=\"optimizer-path\""), results_.size());
  for (std::size_t k = 0; k < results_.size(); ++k) {
    const std::string id = "id=\"optimizer-path-" + std::to_string(k + 1) + "\"";
    const std::size_t at = text.rfind("<path", text.find(id));
    ASSERT_NE(at, std::string::npos) << id;
    // One "M a L b" sub-path per step.
    const std::string d = attribute(text, at, "d");
    EXPECT_EQ(count(d, "M "), results_[k].trajectory.records.size() - 1) << id;
    EXPECT_EQ(count(d, "L "), results_[k].trajectory.records.size() - 1) << id;
  }
}

TEST_F(Figures, SvgTagsCurvesOfChartsAndSheet) {
  const fs::path loss = dir_ / "loss.svg";
  write_figure(loss, ImageFormat::svg, still_figure(FigureKind::loss_curves, input_));
  EXPECT_EQ(count(read_text(loss), "class=\"loss-curve\""), results_.size());

  const fs::path eigen = dir_ / "eigen.svg";
  write_figure(eigen, ImageFormat::svg, still_figure(FigureKind::eigencomponents, input_));
  // Two panels: steep and flat.
  EXPECT_EQ(count(read_text(eigen), "class=\"eigencomponent-curve\""), 2 * results_.size());

  const fs::path sheet = dir_ / "sheet.svg";
  write_figure(sheet, ImageFormat::svg, still_figure(FigureKind::lab_sheet, input_));
  const std::string text = read_text(sheet);
  EXPECT_EQ(count(text, "class=\"optimizer-path\""), results_.size());
  EXPECT_EQ(count(text, "class=\"chart-curve\""), 3 * results_.size());
}

TEST_F(Figures, MarkersSitAtStartAndMinimum) {
  const FigureDrawing drawing = path_map_figure(input_);
  const MapPanel map = path_map_figure_panel(input_);
  cairo_surface_t* image = render_to_image(drawing);
  cairo_surface_flush(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  const auto pixel = [&](Vec2 p) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(
        data + static_cast<std::ptrdiff_t>(std::lround(p.y)) * stride);
    return row[std::lround(p.x)] & 0xffffffu;
  };

  // The start ring: white inside, black on the ring.
  const double radius = start_marker_radius(style_for(drawing.size));
  const Vec2 start = map.frame.to_pixel(scenario_.start);
  EXPECT_EQ(pixel(start), 0xffffffu);
  EXPECT_EQ(pixel({start.x + radius, start.y}), 0x000000u);
  EXPECT_EQ(pixel({start.x, start.y - radius}), 0x000000u);

  // The minimum cross: black at its centre and along its diagonals.
  const Vec2 minimum = map.frame.to_pixel(scenario_.surface->info().minimizers[0]);
  EXPECT_EQ(pixel(minimum), 0x000000u);
  EXPECT_EQ(pixel({minimum.x + radius * 0.5, minimum.y + radius * 0.5}), 0x000000u);
  cairo_surface_destroy(image);
}

TEST_F(Figures, PathMapPngHasRequestedSize) {
  const fs::path png = dir_ / "map.png";
  write_figure(png, ImageFormat::png, path_map_figure(input_, FigureSize{640, 480}));
  cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
  ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(image), 640);
  EXPECT_EQ(cairo_image_surface_get_height(image), 480);
  cairo_surface_destroy(image);
}

TEST_F(Figures, SvgIsCompleteDocument) {
  const fs::path svg = dir_ / "map.svg";
  write_figure(svg, ImageFormat::svg, path_map_figure(input_));
  const std::string text = read_text(svg);
  EXPECT_NE(text.find("<svg"), std::string::npos);
  EXPECT_NE(text.find("</svg>"), std::string::npos);
  EXPECT_GT(count(text, "<path"), 10u);
}

TEST_F(Figures, ChartPngsHaveTheirSize) {
  for (FigureKind kind : {FigureKind::loss_curves, FigureKind::eigencomponents}) {
    const fs::path png = dir_ / (std::string(figure_name(kind)) + ".png");
    write_figure(png, ImageFormat::png, still_figure(kind, input_));
    cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
    ASSERT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS) << png;
    EXPECT_EQ(cairo_image_surface_get_width(image), still_figure(kind, input_).size.width);
    EXPECT_EQ(cairo_image_surface_get_height(image), still_figure(kind, input_).size.height);
    cairo_surface_destroy(image);
  }
}

TEST_F(Figures, PdfStartsWithHeader) {
  const fs::path pdf = dir_ / "sheet.pdf";
  write_figure(pdf, ImageFormat::pdf, still_figure(FigureKind::lab_sheet, input_));
  EXPECT_EQ(read_text(pdf).rfind("%PDF-", 0), 0u);
}

TEST_F(Figures, GifHasFramesSizeAndDelay) {
  const fs::path gif = dir_ / "paths.gif";
  AnimationSettings settings;
  settings.frames = 12;
  settings.fps = 20.0;
  settings.size = {640, 480};
  write_animation(gif, input_, settings);

  int error = 0;
  GifFileType* file = DGifOpenFileName(gif.c_str(), &error);
  ASSERT_NE(file, nullptr) << GifErrorString(error);
  ASSERT_EQ(DGifSlurp(file), GIF_OK) << GifErrorString(file->Error);
  EXPECT_EQ(file->SWidth, 640);
  EXPECT_EQ(file->SHeight, 480);
  EXPECT_EQ(file->ImageCount, 12);
  GraphicsControlBlock control;
  ASSERT_EQ(DGifSavedExtensionToGCB(file, 0, &control), GIF_OK);
  EXPECT_EQ(control.DelayTime, 5);
  // The first frame covers the whole picture; later ones only what changed.
  EXPECT_EQ(file->SavedImages[0].ImageDesc.Width, 640);
  EXPECT_LT(file->SavedImages[1].ImageDesc.Width * file->SavedImages[1].ImageDesc.Height,
            640 * 480);
  DGifCloseFile(file, &error);
}

TEST(FrameStep, RunsFromStartToLastStep) {
  EXPECT_EQ(frame_step(0, 100, 100), 0);
  EXPECT_EQ(frame_step(99, 100, 100), 100);
  EXPECT_EQ(frame_step(0, 1, 40), 40);
  EXPECT_EQ(frame_step(5, 11, 10), 5);
  EXPECT_EQ(frame_delay_centiseconds(10.0), 10);
  EXPECT_EQ(frame_delay_centiseconds(50.0), 2);
}

TEST(Strings, EveryChineseLabelHasGlyphs) {
  for (int id = 0; id <= static_cast<int>(Text::animation_step); ++id) {
    const std::string_view zh = text(Language::zh, static_cast<Text>(id));
    EXPECT_EQ(count_missing_glyphs(zh, {15.0}), 0) << zh;
    EXPECT_EQ(count_missing_glyphs(text(Language::en, static_cast<Text>(id)), {15.0}), 0);
  }
  EXPECT_EQ(text(Language::zh, Text::axis_step), "步数");
  EXPECT_EQ(text(Language::zh, Text::loss_title), "损失随步数的变化");
}

TEST(Strings, FillPlaceholdersInOrder) {
  EXPECT_EQ(fill_placeholders("step {} of {}", {"3", "10"}), "step 3 of 10");
  EXPECT_EQ(fill_placeholders("{} and {}", {"one"}), "one and {}");
  EXPECT_EQ(text(Language::zh, Text::animation_step, {"3", "10"}), "第 3 步，共 10 步");
  EXPECT_EQ(format_number(0.000378318), "0.000378");
  EXPECT_EQ(format_number(6.2e-7), "6.2e-07");
}

TEST_F(Figures, ChineseCaptionUsesTable) {
  input_.language = Language::zh;
  const std::vector<std::string> lines = caption_lines(input_);
  ASSERT_EQ(lines.size(), 2u + results_.size());
  EXPECT_EQ(lines[1], "起点 (2.2, -2)，共 100 步");
  EXPECT_NE(lines[2].find("超参数 lr=0.08"), std::string::npos) << lines[2];
  input_.language = Language::en;
  EXPECT_EQ(caption_lines(input_)[4],
            "adam: torch.optim.Adam with lr=0.1, beta1=0.9, beta2=0.999, eps=1e-08, "
            "weight_decay=0, amsgrad=false, maximize=false");
}

TEST_F(Figures, MomentumArrowsAddUp) {
  // Heavy ball: update = -lr*g + (-lr*mu*b), the gradient step plus the
  // velocity carried from the earlier steps.
  const long step = 5;
  const std::vector<StepArrow> arrows = step_arrows(results_[1], step);
  ASSERT_EQ(arrows.size(), 3u);
  const Vec2 gradient_step = arrows[0].head - arrows[0].tail;
  const Vec2 velocity = arrows[1].head - arrows[1].tail;
  const Vec2 update = arrows[2].head - arrows[2].tail;
  EXPECT_EQ(arrows[1].kind, ArrowKind::state);
  EXPECT_NEAR(update.x, gradient_step.x + velocity.x, 1e-12);
  EXPECT_NEAR(update.y, gradient_step.y + velocity.y, 1e-12);
  EXPECT_EQ(arrows[2].head, results_[1].trajectory.records[step + 1].position);

  // Plain gradient descent has no state: its update is the gradient step.
  const std::vector<StepArrow> gd = step_arrows(results_[0], step);
  ASSERT_EQ(gd.size(), 2u);
  EXPECT_NEAR(norm((gd[1].head - gd[1].tail) - (gd[0].head - gd[0].tail)), 0.0, 1e-15);
  EXPECT_TRUE(step_arrows(results_[0], 100).empty());
}

TEST_F(Figures, ReplayReproducesMomentumBuffer) {
  const Trajectory& trajectory = results_[1].trajectory;
  const std::vector<StateEntry> state = replay_state(*results_[1].choice.optimizer, trajectory, 2);
  ASSERT_EQ(state.size(), 1u);
  // b1 = g0, b2 = 0.9 b1 + g1.
  const Vec2 g0 = trajectory.records[0].gradient;
  const Vec2 g1 = trajectory.records[1].gradient;
  EXPECT_EQ(state[0].value.x, g0.x * 0.9 + g1.x);
  EXPECT_EQ(state[0].value.y, g0.y * 0.9 + g1.y);
  EXPECT_TRUE(replay_state(*results_[1].choice.optimizer, trajectory, 0).empty());
}

TEST(Occupancy, RejectsBoxesOnLinesAndTakenBoxes) {
  Occupancy occupancy;
  occupancy.add_polyline({{0.0, 50.0}, {100.0, 50.0}}, 2.0);
  EXPECT_FALSE(occupancy.is_free({10.0, 45.0, 20.0, 10.0}));
  EXPECT_FALSE(occupancy.is_free({10.0, 51.0, 20.0, 10.0}));  // within the clearance
  EXPECT_TRUE(occupancy.is_free({10.0, 60.0, 20.0, 10.0}));

  const Rect bounds{0.0, 0.0, 200.0, 200.0};
  const auto first =
      occupancy.claim_first_free({{10.0, 45.0, 20.0, 10.0}, {10.0, 70.0, 20.0, 10.0}}, bounds);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->top, 70.0);
  EXPECT_FALSE(occupancy.is_free({15.0, 75.0, 5.0, 5.0}));
}

TEST(Chart, LogTicksAndSuperscripts) {
  EXPECT_EQ(log_ticks(1e-7, 1e2, 10).size(), 10u);
  EXPECT_LE(log_ticks(1e-16, 1e3, 8).size(), 8u);
  EXPECT_EQ(format_power_of_ten(-6), "10⁻⁶");
  EXPECT_EQ(format_power_of_ten(2), "10²");
  EXPECT_EQ(format_power_of_ten(0), "1");
}

TEST(SvgTags, MatchStrokeColourAndWidth) {
  const std::string svg =
      "<path style=\"fill:none;stroke-width:2.4;stroke:rgb(0%,44.705882%,69.803922%);\" "
      "d=\"M 0 0 L 1 1\"/><path style=\"fill:none;stroke-width:5;stroke:rgb(0%,44.705882%,"
      "69.803922%);\" d=\"M 0 0\"/><path style=\"fill:none;stroke-width:2.4;stroke:rgb(0%,"
      "44.705882%,69.803922%);\" d=\"M 2 2\"/>";
  const std::string tagged = tag_svg_paths(svg, {{path_color(0), 2.4, "line", "line-1"}});
  EXPECT_EQ(count(tagged, "class=\"line\""), 2u);
  EXPECT_NE(tagged.find("id=\"line-1\""), std::string::npos);
  EXPECT_NE(tagged.find("id=\"line-1-2\""), std::string::npos);
}

}  // namespace
}  // namespace optiscope::render
