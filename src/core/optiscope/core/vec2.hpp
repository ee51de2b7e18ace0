#pragma once

#include <cmath>

namespace optiscope {

/// A point or direction in the plane of the two parameters (x, y).
struct Vec2 {
  double x = 0.0;
  double y = 0.0;

  friend constexpr bool operator==(Vec2, Vec2) = default;
};

constexpr Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
constexpr Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
constexpr Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }
constexpr double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline double norm(Vec2 a) { return std::hypot(a.x, a.y); }
inline bool is_finite(Vec2 a) { return std::isfinite(a.x) && std::isfinite(a.y); }

/// A symmetric 2x2 matrix [[xx, xy], [xy, yy]], such as a Hessian.
struct SymmetricMatrix2 {
  double xx = 0.0;
  double xy = 0.0;
  double yy = 0.0;

  friend constexpr bool operator==(SymmetricMatrix2, SymmetricMatrix2) = default;
};

constexpr Vec2 operator*(SymmetricMatrix2 m, Vec2 v) {
  return {m.xx * v.x + m.xy * v.y, m.xy * v.x + m.yy * v.y};
}

/// Eigenvalues in ascending order with unit eigenvectors of a symmetric 2x2
/// matrix. The eigenvectors are orthogonal, and each is normalised so that its
/// first nonzero component is positive, which makes the result deterministic.
struct SymmetricEigen {
  double lambda_min = 0.0;
  double lambda_max = 0.0;
  Vec2 v_min;
  Vec2 v_max;
};

/// Computes the eigen decomposition in closed form. The eigenvalues use the
/// trace and discriminant, which is exact for diagonal matrices and accurate
/// to a few ulps otherwise.
SymmetricEigen eigen_decompose(SymmetricMatrix2 m);

}  // namespace optiscope
