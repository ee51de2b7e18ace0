#include "optiscope/core/surface.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace optiscope {
namespace {

TEST(ReferenceQuadratic, ValueAtStart) {
  const auto surface = make_reference_quadratic();
  EXPECT_NEAR(surface->value({2.2, -2.0}), 17.84, 1e-12);
  EXPECT_EQ(surface->value({0.0, 0.0}), 0.0);
}

TEST(ReferenceQuadratic, GradientAtStart) {
  const auto surface = make_reference_quadratic();
  const Vec2 g = surface->gradient({2.2, -2.0});
  EXPECT_DOUBLE_EQ(g.x, 16.0);
  EXPECT_NEAR(g.y, -0.24, 1e-15);
}

TEST(ReferenceQuadratic, HessianIsConstant) {
  const auto surface = make_reference_quadratic();
  for (Vec2 p : {Vec2{0.0, 0.0}, Vec2{2.2, -2.0}, Vec2{-7.0, 3.5}}) {
    const SymmetricMatrix2 h = surface->hessian(p);
    EXPECT_EQ(h.xx, 8.0);
    EXPECT_EQ(h.xy, 0.8);
    EXPECT_EQ(h.yy, 1.0);
  }
}

TEST(ReferenceQuadratic, GroundTruth) {
  const auto surface = make_reference_quadratic();
  const SurfaceInfo& info = surface->info();
  ASSERT_EQ(info.minimizers.size(), 1u);
  EXPECT_EQ(info.minimizers[0], (Vec2{0.0, 0.0}));
  EXPECT_EQ(info.minimum_value, 0.0);
  EXPECT_EQ(info.default_start, (Vec2{2.2, -2.0}));
  EXPECT_EQ(surface->gradient(info.minimizers[0]), (Vec2{0.0, 0.0}));
}

// Central differences of the value must match the exact gradient, and
// central differences of the gradient the exact Hessian.
TEST(ReferenceQuadratic, DerivativesMatchFiniteDifferences) {
  const auto surface = make_reference_quadratic();
  const double h = 1e-5;
  for (Vec2 p : {Vec2{2.2, -2.0}, Vec2{-1.3, 0.7}, Vec2{0.01, 2.9}}) {
    const Vec2 g = surface->gradient(p);
    const double dx = (surface->value({p.x + h, p.y}) - surface->value({p.x - h, p.y})) / (2 * h);
    const double dy = (surface->value({p.x, p.y + h}) - surface->value({p.x, p.y - h})) / (2 * h);
    EXPECT_NEAR(g.x, dx, 1e-7);
    EXPECT_NEAR(g.y, dy, 1e-7);

    const SymmetricMatrix2 hessian = surface->hessian(p);
    const Vec2 gx_plus = surface->gradient({p.x + h, p.y});
    const Vec2 gx_minus = surface->gradient({p.x - h, p.y});
    const Vec2 gy_plus = surface->gradient({p.x, p.y + h});
    const Vec2 gy_minus = surface->gradient({p.x, p.y - h});
    EXPECT_NEAR(hessian.xx, (gx_plus.x - gx_minus.x) / (2 * h), 1e-7);
    EXPECT_NEAR(hessian.xy, (gx_plus.y - gx_minus.y) / (2 * h), 1e-7);
    EXPECT_NEAR(hessian.xy, (gy_plus.x - gy_minus.x) / (2 * h), 1e-7);
    EXPECT_NEAR(hessian.yy, (gy_plus.y - gy_minus.y) / (2 * h), 1e-7);
  }
}

TEST(EigenDecompose, ReferenceHessian) {
  const SymmetricEigen e = eigen_decompose({8.0, 0.8, 1.0});
  const double radius = std::sqrt(3.5 * 3.5 + 0.8 * 0.8);
  EXPECT_NEAR(e.lambda_max, 4.5 + radius, 1e-14);
  EXPECT_NEAR(e.lambda_min, 4.5 - radius, 1e-14);

  // A v = lambda v, unit length, orthogonal.
  const SymmetricMatrix2 a{8.0, 0.8, 1.0};
  for (auto [lambda, v] : {std::pair{e.lambda_max, e.v_max}, std::pair{e.lambda_min, e.v_min}}) {
    const Vec2 av = a * v;
    EXPECT_NEAR(av.x, lambda * v.x, 1e-13);
    EXPECT_NEAR(av.y, lambda * v.y, 1e-13);
    EXPECT_NEAR(norm(v), 1.0, 1e-15);
  }
  EXPECT_NEAR(dot(e.v_max, e.v_min), 0.0, 1e-15);
  // The steep direction is mostly along x.
  EXPECT_GT(std::abs(e.v_max.x), 0.99);
}

TEST(EigenDecompose, DiagonalAndIndefinite) {
  const SymmetricEigen diagonal = eigen_decompose({1.0, 0.0, 4.0});
  EXPECT_EQ(diagonal.lambda_max, 4.0);
  EXPECT_EQ(diagonal.lambda_min, 1.0);
  EXPECT_EQ(diagonal.v_max, (Vec2{0.0, 1.0}));
  EXPECT_EQ(diagonal.v_min, (Vec2{1.0, 0.0}));

  const SymmetricEigen saddle = eigen_decompose({2.0, 0.0, -2.0});
  EXPECT_EQ(saddle.lambda_max, 2.0);
  EXPECT_EQ(saddle.lambda_min, -2.0);
}

}  // namespace
}  // namespace optiscope
