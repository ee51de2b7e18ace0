#pragma once

#include <cairo.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/render/colors.hpp"
#include "optiscope/render/figure.hpp"

namespace optiscope::render {

enum class ImageFormat { png, svg, pdf };

/// Parses "png", "svg" or "pdf"; returns nothing for any other text.
std::optional<ImageFormat> parse_image_format(std::string_view name);

/// The file name extension of `format`, without the dot.
std::string_view extension(ImageFormat format);

/// Marks the SVG <path> elements that stroke exactly `stroke` at `width`
/// (and fill nothing) with a class and an id, so that tests and other tools
/// can find, say, the path of each optimizer. cairo writes no ids of its
/// own, so the tags are added to its output afterwards.
struct SvgPathTag {
  Color stroke;
  double width = 0.0;
  std::string css_class;
  std::string id;
};

/// A figure ready to be written: a function that draws it on a cairo
/// context of the given size, and the SVG tags for its output.
struct FigureDrawing {
  FigureSize size;
  std::function<void(cairo_t*)> draw;
  std::vector<SvgPathTag> svg_tags;
};

/// Writes `figure` to `path` in `format`, atomically. Throws RuntimeFailure
/// naming the file when cairo or the file system fails.
void write_figure(const std::filesystem::path& path, ImageFormat format,
                  const FigureDrawing& figure);

/// Adds `class` and `id` attributes to every <path> element of `svg` whose
/// style matches a tag; the first matching tag wins. Returns the new text.
std::string tag_svg_paths(const std::string& svg, const std::vector<SvgPathTag>& tags);

/// Draws `figure` on a new ARGB32 image surface, which the caller destroys.
cairo_surface_t* render_to_image(const FigureDrawing& figure);

}  // namespace optiscope::render
