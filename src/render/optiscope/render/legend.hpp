#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "optiscope/render/colors.hpp"
#include "optiscope/render/figure.hpp"

namespace optiscope::render {

/// The sample drawn before a legend entry's text.
enum class Symbol {
  path,
  start,
  minimum,
  final_point,
  step_dots,
  ellipse,
  arrow_solid,
  arrow_dashed,
  arrow_dotted,
  none,
  /// Drawn by the entry's draw_custom.
  custom,
};

struct LegendEntry {
  Symbol symbol = Symbol::none;
  Color color;
  std::string text;
  /// Starts a new row instead of following the previous entry.
  bool starts_row = false;
  /// Draws the sample of a Symbol::custom entry inside `sample`, the box
  /// that a symbol takes before the text.
  std::function<void(cairo_t*, const Rect& sample, const Style&)> draw_custom = {};
};

/// One entry per optimizer, each on its own row, in path colours: the label,
/// the learning rate and, if `with_outcome`, how the run ended.
std::vector<LegendEntry> optimizer_entries(const FigureInput& input, bool with_outcome = true);

/// Returns the height the entries take when flowed into rows of `width`.
double legend_height(cairo_t* cr, const std::vector<LegendEntry>& entries, double width,
                     const Style& style);

/// Draws the entries flowed into rows inside `area`, from its top left.
void draw_legend(cairo_t* cr, const std::vector<LegendEntry>& entries, const Rect& area,
                 const Style& style);

}  // namespace optiscope::render
