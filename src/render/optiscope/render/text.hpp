#pragma once

#include <cairo.h>

#include <string_view>

#include "optiscope/core/vec2.hpp"

namespace optiscope::render {

/// The font of one piece of figure text: DejaVu Sans for Latin and Greek,
/// with Noto Sans CJK SC for Chinese characters, at `size` pixels.
struct Font {
  double size = 15.0;
  bool bold = false;
};

/// Width and height of laid-out text in pixels.
struct TextExtent {
  double width = 0.0;
  double height = 0.0;
};

enum class Align { left, center, right };

/// Measures `text` laid out in `font`. Text is UTF-8 and is laid out with
/// pango, so characters missing from DejaVu Sans fall back to a CJK font.
/// A positive `wrap_width` breaks longer text into centred lines.
TextExtent measure_text(cairo_t* cr, std::string_view text, Font font, double wrap_width = 0.0);

/// Draws `text` in the current source colour. `anchor.x` is its left end,
/// centre or right end as `align` says; `anchor.y` is its vertical centre.
void draw_text(cairo_t* cr, std::string_view text, Vec2 anchor, Font font,
               Align align = Align::left);

/// Draws `text` turned 90 degrees counter-clockwise, centred on `centre`,
/// for vertical axis titles. A positive `wrap_length` breaks text longer
/// than that into lines.
void draw_vertical_text(cairo_t* cr, std::string_view text, Vec2 centre, Font font,
                        double wrap_length = 0.0);

/// Returns how many characters of `text` no installed font can show, which
/// a figure would draw as empty boxes; 0 when every glyph exists.
int count_missing_glyphs(std::string_view text, Font font);

}  // namespace optiscope::render
