#include "optiscope/render/text.hpp"

#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace optiscope::render {
namespace {

// Latin first, so that digits and letters look the same in both languages,
// then the CJK face that fontconfig falls back to for Chinese characters.
constexpr const char* kFamilies = "DejaVu Sans,Noto Sans CJK SC";

struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

// Lays out text without hinted metrics, so that PNG, SVG and PDF output
// place every glyph at the same position.
LayoutPtr make_layout(cairo_t* cr, std::string_view text, Font font, double wrap_width = 0.0) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(layout.get());

  PangoFontDescription* description = pango_font_description_new();
  pango_font_description_set_family(description, kFamilies);
  pango_font_description_set_weight(description,
                                    font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(description, font.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), description);
  pango_font_description_free(description);

  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  if (wrap_width > 0.0) {
    pango_layout_set_width(layout.get(), static_cast<int>(wrap_width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  }
  return layout;
}

TextExtent extent_of(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE,
          static_cast<double>(logical.height) / PANGO_SCALE};
}

}  // namespace

TextExtent measure_text(cairo_t* cr, std::string_view text, Font font, double wrap_width) {
  return extent_of(make_layout(cr, text, font, wrap_width).get());
}

namespace {

void show_layout(cairo_t* cr, PangoLayout* layout, Vec2 anchor, Align align) {
  const TextExtent extent = extent_of(layout);
  double left = anchor.x;
  if (align == Align::center) {
    left -= extent.width / 2.0;
  } else if (align == Align::right) {
    left -= extent.width;
  }
  // A wrapped layout is as wide as its wrap width, with the lines centred
  // inside, so its logical rectangle may start right of the origin.
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  cairo_move_to(cr, left - static_cast<double>(logical.x) / PANGO_SCALE,
                anchor.y - extent.height / 2.0);
  pango_cairo_show_layout(cr, layout);
  cairo_new_path(cr);
}

}  // namespace

void draw_text(cairo_t* cr, std::string_view text, Vec2 anchor, Font font, Align align) {
  show_layout(cr, make_layout(cr, text, font).get(), anchor, align);
}

void draw_vertical_text(cairo_t* cr, std::string_view text, Vec2 centre, Font font,
                        double wrap_length) {
  cairo_save(cr);
  cairo_translate(cr, centre.x, centre.y);
  cairo_rotate(cr, -M_PI / 2.0);
  show_layout(cr, make_layout(cr, text, font, wrap_length).get(), {0.0, 0.0}, Align::center);
  cairo_restore(cr);
}

int count_missing_glyphs(std::string_view text, Font font) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(surface);
  const int missing = pango_layout_get_unknown_glyphs_count(make_layout(cr, text, font).get());
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return missing;
}

}  // namespace optiscope::render
