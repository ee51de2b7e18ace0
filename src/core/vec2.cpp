#include "optiscope/core/vec2.hpp"

namespace optiscope {
namespace {

// Makes the first nonzero component positive so that eigenvectors do not
// flip sign between platforms or between nearby matrices.
Vec2 canonical_direction(Vec2 v) {
  const double length = norm(v);
  Vec2 unit{v.x / length, v.y / length};
  if (unit.x < 0.0 || (unit.x == 0.0 && unit.y < 0.0)) {
    unit = -1.0 * unit;
  }
  return unit;
}

}  // namespace

SymmetricEigen eigen_decompose(SymmetricMatrix2 m) {
  const double half_trace = 0.5 * (m.xx + m.yy);
  const double half_gap = 0.5 * (m.xx - m.yy);
  const double radius = std::hypot(half_gap, m.xy);

  SymmetricEigen result;
  result.lambda_min = half_trace - radius;
  result.lambda_max = half_trace + radius;

  if (m.xy == 0.0) {
    // Diagonal: the axes are the eigenvectors.
    const bool x_is_larger = m.xx >= m.yy;
    result.v_max = x_is_larger ? Vec2{1.0, 0.0} : Vec2{0.0, 1.0};
    result.v_min = x_is_larger ? Vec2{0.0, 1.0} : Vec2{1.0, 0.0};
    return result;
  }

  // (A - lambda I) v = 0 gives v = (xy, lambda - xx); using the larger
  // eigenvalue avoids cancellation because lambda_max - xx >= -|half_gap|.
  result.v_max = canonical_direction({m.xy, result.lambda_max - m.xx});
  result.v_min = canonical_direction({-result.v_max.y, result.v_max.x});
  return result;
}

}  // namespace optiscope
