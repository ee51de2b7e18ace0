#include "figure_options.hpp"

#include <charconv>

#include "optiscope/core/error.hpp"
#include "optiscope/core/hyperparameters.hpp"
#include "optiscope/core/text.hpp"
#include "optiscope/io/atomic_file.hpp"

namespace optiscope::cli {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    items.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return items;
}

long parse_bounded(const std::string& option, const std::string& text, long low, long high,
                   const std::string& meaning) {
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw UsageError(option + " '" + text + "' is invalid; it must be " + meaning + " from " +
                     std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

std::vector<render::FigureKind> parse_figures(const std::string& text) {
  std::vector<std::string> names;
  for (render::FigureKind kind : render::kAllFigures) {
    names.emplace_back(render::figure_name(kind));
  }
  std::vector<render::FigureKind> figures;
  for (const std::string& item : split_list(text)) {
    const std::optional<render::FigureKind> kind = render::parse_figure_kind(item);
    if (!kind) {
      const std::optional<std::string> suggestion = closest_match(item, names);
      throw UsageError("--figures: unknown figure '" + item + "'" +
                       (suggestion ? "; did you mean '" + *suggestion + "'?" : "") +
                       " Valid figures: " + join(names, ", "));
    }
    if (std::find(figures.begin(), figures.end(), *kind) == figures.end()) {
      figures.push_back(*kind);
    }
  }
  return figures;
}

std::vector<render::ImageFormat> parse_formats(const std::string& text) {
  std::vector<render::ImageFormat> formats;
  for (const std::string& item : split_list(text)) {
    const std::optional<render::ImageFormat> format = render::parse_image_format(item);
    if (!format) {
      throw UsageError("--format: unknown format '" + item +
                       "'; valid formats: png, svg, pdf, such as --format png,pdf");
    }
    if (std::find(formats.begin(), formats.end(), *format) == formats.end()) {
      formats.push_back(*format);
    }
  }
  return formats;
}

render::FigureSize parse_size(const std::string& text) {
  const auto whole = [](std::string_view part, long& value) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size();
  };
  const std::size_t cross = text.find('x');
  long width = 0;
  long height = 0;
  const bool parsed = cross != std::string::npos &&
                      whole(std::string_view(text).substr(0, cross), width) &&
                      whole(std::string_view(text).substr(cross + 1), height);
  if (!parsed || width < 320 || width > 3840 || height < 240 || height > 2160) {
    throw UsageError("--gif-size '" + text +
                     "' is invalid; write WIDTHxHEIGHT in pixels, the width from 320 to 3840 "
                     "and the height from 240 to 2160, such as 800x600");
  }
  return {static_cast<int>(width), static_cast<int>(height)};
}

}  // namespace

void add_figure_options(CLI::App* command, FigureOptions& options) {
  command->add_option("--figures", options.figures,
                      "comma-separated figures to write: path-map, loss-curves, eigencomponents, "
                      "lab-sheet, animation (default all)");
  command->add_option("--format", options.formats,
                      "comma-separated formats of the still figures: png, svg, pdf "
                      "(default png,svg)");
  command->add_option("--lang", options.language,
                      "language of figure labels: en or zh (default en)");
  command->add_option("--arrows", options.arrows,
                      "step K at which the path map draws the update, -lr*gradient and the "
                      "velocity or Adam's average as arrows (default none)");
  command->add_option("--gif-frames", options.gif_frames,
                      "frames of optimizer-paths.gif, 1 to 2000 (default 100)");
  command->add_option("--gif-fps", options.gif_fps,
                      "frames per second of optimizer-paths.gif, 1 to 50 (default 10)");
  command->add_option("--gif-size", options.gif_size,
                      "size of optimizer-paths.gif in pixels, WIDTHxHEIGHT (default 800x600)");
}

FigurePlan plan_figures(const FigureOptions& options, long steps) {
  FigurePlan plan;
  if (!options.figures.empty()) {
    plan.settings.figures = parse_figures(options.figures);
  }
  if (!options.formats.empty()) {
    plan.settings.formats = parse_formats(options.formats);
  }
  if (!options.language.empty()) {
    const std::optional<render::Language> language = render::parse_language(options.language);
    if (!language) {
      throw UsageError("--lang '" + options.language + "' is invalid; write en or zh");
    }
    plan.language = *language;
  }
  if (!options.arrows.empty()) {
    plan.arrows_step = parse_bounded("--arrows", options.arrows, 0, std::max(steps - 1, 0L),
                                     "the step an update starts from, a whole number");
  }
  if (!options.gif_frames.empty()) {
    plan.settings.animation.frames = static_cast<int>(
        parse_bounded("--gif-frames", options.gif_frames, 1, 2000, "a frame count"));
  }
  if (!options.gif_fps.empty()) {
    const std::optional<double> fps = parse_real(options.gif_fps);
    if (!fps || *fps < 1.0 || *fps > 50.0) {
      throw UsageError("--gif-fps '" + options.gif_fps +
                       "' is invalid; it must be a number of frames per second from 1 to 50");
    }
    plan.settings.animation.fps = *fps;
  }
  if (!options.gif_size.empty()) {
    plan.settings.animation.size = parse_size(options.gif_size);
  }
  return plan;
}

std::vector<std::filesystem::path> write_planned_figures(
    const std::filesystem::path& directory, const FigurePlan& plan, const Surface& surface,
    Vec2 start, long steps, const std::vector<OptimizerResult>& results) {
  io::prepare_output_directory(directory);
  render::FigureInput input{&surface, start, steps, &results, plan.language, plan.arrows_step};
  return render::write_figures(directory, input, plan.settings);
}

}  // namespace optiscope::cli
