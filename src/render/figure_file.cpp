#include "optiscope/render/figure_file.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "optiscope/core/error.hpp"
#include "optiscope/io/atomic_file.hpp"

namespace optiscope::render {
namespace fs = std::filesystem;

namespace {

void check_cairo(cairo_status_t status, const fs::path& path) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw RuntimeFailure("cannot write '" + path.string() + "': " + cairo_status_to_string(status));
  }
}

// Draws on a vector surface (SVG or PDF) that writes to `temporary`.
void write_vector(cairo_surface_t* surface, const FigureDrawing& figure, const fs::path& target) {
  cairo_t* cr = cairo_create(surface);
  figure.draw(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  check_cairo(status, target);
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Returns the value of `key` inside a style attribute, such as
// "rgb(0%,44.7%,69.8%)" for "stroke".
std::string style_value(std::string_view style, std::string_view key) {
  std::size_t at = 0;
  while ((at = style.find(key, at)) != std::string_view::npos) {
    const bool starts_entry = at == 0 || style[at - 1] == ';' || style[at - 1] == '"';
    if (starts_entry && at + key.size() < style.size() && style[at + key.size()] == ':') {
      const std::size_t begin = at + key.size() + 1;
      const std::size_t end = style.find(';', begin);
      return std::string(style.substr(begin, end - begin));
    }
    at += key.size();
  }
  return {};
}

// Parses cairo's "rgb(R%,G%,B%)" into a colour.
std::optional<Color> parse_svg_color(const std::string& text) {
  double r = 0.0;
  double g = 0.0;
  double b = 0.0;
  if (std::sscanf(text.c_str(), "rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) != 3) {
    return std::nullopt;
  }
  return Color{r / 100.0, g / 100.0, b / 100.0};
}

bool matches(const SvgPathTag& tag, std::string_view style) {
  if (style_value(style, "fill") != "none") {
    return false;
  }
  const std::optional<Color> stroke = parse_svg_color(style_value(style, "stroke"));
  const std::string width = style_value(style, "stroke-width");
  if (!stroke || width.empty()) {
    return false;
  }
  // cairo prints colour channels to six decimals of a percent.
  const double tolerance = 1e-5;
  return std::abs(stroke->r - tag.stroke.r) < tolerance &&
         std::abs(stroke->g - tag.stroke.g) < tolerance &&
         std::abs(stroke->b - tag.stroke.b) < tolerance &&
         std::abs(std::atof(width.c_str()) - tag.width) < 1e-4;
}

}  // namespace

std::optional<ImageFormat> parse_image_format(std::string_view name) {
  if (name == "png") {
    return ImageFormat::png;
  }
  if (name == "svg") {
    return ImageFormat::svg;
  }
  if (name == "pdf") {
    return ImageFormat::pdf;
  }
  return std::nullopt;
}

std::string_view extension(ImageFormat format) {
  switch (format) {
    case ImageFormat::png:
      return "png";
    case ImageFormat::svg:
      return "svg";
    case ImageFormat::pdf:
      return "pdf";
  }
  return "png";
}

cairo_surface_t* render_to_image(const FigureDrawing& figure) {
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, figure.size.width, figure.size.height);
  cairo_t* cr = cairo_create(surface);
  figure.draw(cr);
  cairo_destroy(cr);
  return surface;
}

std::string tag_svg_paths(const std::string& svg, const std::vector<SvgPathTag>& tags) {
  std::string result;
  result.reserve(svg.size() + 64 * tags.size());
  // An id must be unique in the document, so later matches of a tag get a
  // suffix: "loss-curve-1", "loss-curve-1-2".
  std::vector<int> uses(tags.size(), 0);
  std::size_t at = 0;
  while (true) {
    const std::size_t element = svg.find("<path ", at);
    if (element == std::string::npos) {
      break;
    }
    const std::size_t end = svg.find('>', element);
    const std::string_view tag_text(svg.data() + element, end - element);
    const std::size_t style_at = tag_text.find("style=\"");
    result.append(svg, at, element + 5 - at);
    if (style_at != std::string_view::npos) {
      const std::size_t style_end = tag_text.find('"', style_at + 7);
      const std::string_view style = tag_text.substr(style_at + 7, style_end - style_at - 7);
      for (std::size_t k = 0; k < tags.size(); ++k) {
        if (matches(tags[k], style)) {
          ++uses[k];
          result.append(" class=\"").append(tags[k].css_class).append("\" id=\"");
          result.append(tags[k].id);
          if (uses[k] > 1) {
            result.append("-").append(std::to_string(uses[k]));
          }
          result.append("\"");
          break;
        }
      }
    }
    at = element + 5;
  }
  result.append(svg, at, std::string::npos);
  return result;
}

void write_figure(const fs::path& path, ImageFormat format, const FigureDrawing& figure) {
  io::write_atomically(path, [&](const fs::path& temporary) {
    switch (format) {
      case ImageFormat::png: {
        cairo_surface_t* image = render_to_image(figure);
        const cairo_status_t status = cairo_surface_write_to_png(image, temporary.c_str());
        cairo_surface_destroy(image);
        check_cairo(status, path);
        return;
      }
      case ImageFormat::pdf:
        write_vector(
            cairo_pdf_surface_create(temporary.c_str(), figure.size.width, figure.size.height),
            figure, path);
        return;
      case ImageFormat::svg: {
        write_vector(
            cairo_svg_surface_create(temporary.c_str(), figure.size.width, figure.size.height),
            figure, path);
        if (!figure.svg_tags.empty()) {
          const std::string tagged = tag_svg_paths(read_all(temporary), figure.svg_tags);
          std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
          out << tagged;
          if (!out.flush()) {
            throw RuntimeFailure("cannot write '" + path.string() +
                                 "'; check that the disk has space left");
          }
        }
        return;
      }
    }
  });
}

}  // namespace optiscope::render
