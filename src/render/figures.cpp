#include "optiscope/render/figures.hpp"

#include "optiscope/render/lab_sheet.hpp"
#include "optiscope/render/line_charts.hpp"
#include "optiscope/render/path_map.hpp"

namespace optiscope::render {
namespace fs = std::filesystem;

std::string_view figure_name(FigureKind kind) {
  switch (kind) {
    case FigureKind::path_map:
      return "path-map";
    case FigureKind::loss_curves:
      return "loss-curves";
    case FigureKind::eigencomponents:
      return "eigencomponents";
    case FigureKind::lab_sheet:
      return "lab-sheet";
    case FigureKind::animation:
      return "animation";
  }
  return "path-map";
}

std::optional<FigureKind> parse_figure_kind(std::string_view name) {
  for (FigureKind kind : kAllFigures) {
    if (figure_name(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

fs::path figure_file_name(FigureKind kind, ImageFormat format) {
  switch (kind) {
    case FigureKind::path_map:
      return "optimizer-paths." + std::string(extension(format));
    case FigureKind::animation:
      return "optimizer-paths.gif";
    default:
      return std::string(figure_name(kind)) + "." + std::string(extension(format));
  }
}

FigureDrawing still_figure(FigureKind kind, const FigureInput& input) {
  switch (kind) {
    case FigureKind::loss_curves:
      return loss_curves_figure(input);
    case FigureKind::eigencomponents:
      return eigencomponents_figure(input);
    case FigureKind::lab_sheet:
      return lab_sheet_figure(input);
    case FigureKind::path_map:
    case FigureKind::animation:
      break;
  }
  return path_map_figure(input);
}

std::vector<fs::path> write_figures(const fs::path& directory, const FigureInput& input,
                                    const FigureSettings& settings) {
  std::vector<fs::path> written;
  for (FigureKind kind : settings.figures) {
    if (kind == FigureKind::animation) {
      written.push_back(directory / figure_file_name(kind, ImageFormat::png));
      write_animation(written.back(), input, settings.animation);
      continue;
    }
    const FigureDrawing drawing = still_figure(kind, input);
    for (ImageFormat format : settings.formats) {
      written.push_back(directory / figure_file_name(kind, format));
      write_figure(written.back(), format, drawing);
    }
  }
  return written;
}

}  // namespace optiscope::render
