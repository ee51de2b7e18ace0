#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "optiscope/render/animation.hpp"
#include "optiscope/render/figure.hpp"
#include "optiscope/render/figure_file.hpp"

namespace optiscope::render {

/// The figures optiscope can write.
enum class FigureKind { path_map, loss_curves, eigencomponents, lab_sheet, animation };

/// Every figure, in the order they are written.
inline constexpr FigureKind kAllFigures[] = {FigureKind::path_map, FigureKind::loss_curves,
                                             FigureKind::eigencomponents, FigureKind::lab_sheet,
                                             FigureKind::animation};

/// The name of a figure on the command line, such as "loss-curves".
std::string_view figure_name(FigureKind kind);

/// Parses a figure name; returns nothing for an unknown one.
std::optional<FigureKind> parse_figure_kind(std::string_view name);

/// Which figures to write, in which formats and how the animation plays.
struct FigureSettings {
  std::vector<FigureKind> figures{std::begin(kAllFigures), std::end(kAllFigures)};
  /// Formats of the still figures; the animation is always a GIF.
  std::vector<ImageFormat> formats{ImageFormat::png, ImageFormat::svg};
  AnimationSettings animation;
};

/// Returns the file name of a still figure: optimizer-paths, loss-curves,
/// eigencomponents or lab-sheet with the format's extension; the animation
/// is optimizer-paths.gif.
std::filesystem::path figure_file_name(FigureKind kind, ImageFormat format);

/// Returns the drawing of a still figure at its default size.
FigureDrawing still_figure(FigureKind kind, const FigureInput& input);

/// Writes the chosen figures into `directory`, each atomically, and
/// returns the paths written in order. Throws RuntimeFailure naming the
/// file that could not be written.
std::vector<std::filesystem::path> write_figures(const std::filesystem::path& directory,
                                                 const FigureInput& input,
                                                 const FigureSettings& settings);

}  // namespace optiscope::render
