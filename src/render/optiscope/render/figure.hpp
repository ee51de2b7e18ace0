#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "optiscope/core/scenario.hpp"
#include "optiscope/render/strings.hpp"
#include "optiscope/render/text.hpp"

namespace optiscope::render {

/// Size of a figure in pixels (PNG, GIF) or points (SVG, PDF).
struct FigureSize {
  int width = 1200;
  int height = 900;
};

/// A rectangle in pixels, y growing downwards.
struct Rect {
  double left = 0.0;
  double top = 0.0;
  double width = 0.0;
  double height = 0.0;

  double right() const { return left + width; }
  double bottom() const { return top + height; }
  bool contains(Vec2 p) const {
    return p.x >= left && p.x <= right() && p.y >= top && p.y <= bottom();
  }
  bool intersects(const Rect& other) const {
    return left < other.right() && other.left < right() && top < other.bottom() &&
           other.top < bottom();
  }
};

/// Font sizes, line widths and gaps of one figure, all proportional to the
/// tick-label size, so a figure keeps its proportions from a slide-sized
/// PNG down to a small GIF.
struct Style {
  /// The tick-label size in pixels.
  double base = 15.0;

  Font title() const { return {base * 1.45, true}; }
  Font heading() const { return {base * 1.15, true}; }
  Font label() const { return {base * 1.1}; }
  Font tick() const { return {base}; }
  Font caption() const { return {base * 0.95}; }
  double gap() const { return base * 0.6; }
  /// The stroke width of an optimizer's path on the map. Loss and
  /// eigencomponent curves and legend samples use other widths, so that SVG
  /// tagging can distinguish the map paths from them.
  double path_width() const { return base * 0.16; }
  double curve_width() const { return base * 0.14; }
  double legend_line_width() const { return base * 0.2; }
};

/// Returns the style for a figure of `size`: the tick labels take 1/80 of
/// the width, between 11 and 26 pixels.
inline Style style_for(FigureSize size) { return {std::clamp(size.width / 80.0, 11.0, 26.0)}; }

/// Everything a figure shows: the surface, the start, the requested number
/// of steps, every optimizer's trajectory and how to label them.
struct FigureInput {
  const Surface* surface = nullptr;
  Vec2 start;
  /// The requested number of steps; a path that ends earlier diverged or
  /// was stopped.
  long steps = 0;
  const std::vector<OptimizerResult>* results = nullptr;
  Language language = Language::en;
  /// The step at which the path map draws gradient, update and state arrows.
  std::optional<long> arrows_step = std::nullopt;
};

}  // namespace optiscope::render
