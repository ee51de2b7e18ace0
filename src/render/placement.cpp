#include "optiscope/render/placement.hpp"

#include "optiscope/render/plot_frame.hpp"

namespace optiscope::render {

void Occupancy::add_polyline(const std::vector<Vec2>& points, double clearance) {
  for (std::size_t k = 1; k < points.size(); ++k) {
    segments_.push_back({points[k - 1], points[k], clearance});
  }
  if (points.size() == 1) {
    segments_.push_back({points[0], points[0], clearance});
  }
}

void Occupancy::add_rect(const Rect& rect) { rects_.push_back(rect); }

bool Occupancy::is_free(const Rect& rect) const {
  for (const Rect& taken : rects_) {
    if (taken.intersects(rect)) {
      return false;
    }
  }
  for (const Segment& segment : segments_) {
    // A segment misses the widened rectangle exactly when clipping to it
    // leaves nothing.
    const Box widened{rect.left - segment.clearance, rect.right() + segment.clearance,
                      rect.top - segment.clearance, rect.bottom() + segment.clearance};
    Vec2 a = segment.a;
    Vec2 b = segment.b;
    if (clip_segment(a, b, widened)) {
      return false;
    }
  }
  return true;
}

std::optional<Rect> Occupancy::claim_first_free(const std::vector<Rect>& candidates,
                                                const Rect& bounds) {
  for (const Rect& candidate : candidates) {
    const bool inside = candidate.left >= bounds.left && candidate.right() <= bounds.right() &&
                        candidate.top >= bounds.top && candidate.bottom() <= bounds.bottom();
    if (inside && is_free(candidate)) {
      rects_.push_back(candidate);
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace optiscope::render
