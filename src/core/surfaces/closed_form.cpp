#include "optiscope/core/surfaces/closed_form.hpp"

namespace optiscope {

Vec2 refine_stationary_point(const Surface& surface, Vec2 guess) {
  Vec2 p = guess;
  for (int iteration = 0; iteration < 50; ++iteration) {
    const Vec2 g = surface.gradient(p);
    const SymmetricMatrix2 h = surface.hessian(p);
    const double determinant = h.xx * h.yy - h.xy * h.xy;
    if (determinant == 0.0) {
      break;
    }
    // The Newton step H^-1 g, with the inverse of a 2x2 matrix written out.
    const Vec2 step{(h.yy * g.x - h.xy * g.y) / determinant,
                    (h.xx * g.y - h.xy * g.x) / determinant};
    const Vec2 next = p - step;
    if (next == p) {
      break;
    }
    p = next;
  }
  return p;
}

}  // namespace optiscope
