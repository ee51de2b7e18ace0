#pragma once

#include <optional>
#include <vector>

#include "optiscope/render/figure.hpp"

namespace optiscope::render {

/// The parts of a plot that text must not cover: drawn polylines and
/// rectangles already taken by other text, all in pixels. Labels are placed
/// by trying candidate positions in order of preference.
class Occupancy {
 public:
  /// Marks the polyline through `points` as taken, widened by `clearance`
  /// pixels on each side.
  void add_polyline(const std::vector<Vec2>& points, double clearance);
  void add_rect(const Rect& rect);

  /// Returns true when `rect` touches no polyline and no taken rectangle.
  bool is_free(const Rect& rect) const;

  /// Returns the first candidate that lies inside `bounds` and is free, and
  /// marks it as taken; nothing when every candidate collides.
  std::optional<Rect> claim_first_free(const std::vector<Rect>& candidates, const Rect& bounds);

 private:
  struct Segment {
    Vec2 a;
    Vec2 b;
    double clearance;
  };
  std::vector<Segment> segments_;
  std::vector<Rect> rects_;
};

}  // namespace optiscope::render
