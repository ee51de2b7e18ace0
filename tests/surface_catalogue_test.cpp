// Ground truth of every catalogue surface: derivatives against finite
// differences, minimum values at the minimizers, and agreement with the
// same formula typed by a user.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "optiscope/core/derivative_check.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/formula/formula_surface.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"

namespace optiscope {
namespace {

// Every catalogue entry with its defaults, and the parameterised ones with
// other values too.
std::vector<std::string> specs_to_check() {
  std::vector<std::string> specs;
  for (const SurfaceEntry& entry : surface_catalogue()) {
    specs.emplace_back(entry.name);
  }
  specs.insert(specs.end(), {"rosenbrock:a=-1.5,b=10", "quadratic:kappa=50,angle=30",
                             "quadratic:a=2,b=-1,c=3", "quadratic:kappa=1e6,angle=-75"});
  return specs;
}

bool contains(const Box& box, Vec2 p) {
  return p.x >= box.x_min && p.x <= box.x_max && p.y >= box.y_min && p.y <= box.y_max;
}

class CatalogueSurface : public ::testing::TestWithParam<std::string> {};

TEST_P(CatalogueSurface, DerivativesMatchFiniteDifferences) {
  const auto surface = make_surface(GetParam());
  DerivativeCheckSettings settings;
  settings.points = 400;
  settings.box = surface->info().view;
  const DerivativeCheckReport report = check_derivatives(*surface, settings);
  EXPECT_EQ(report.points_skipped, 0);
  EXPECT_LE(report.gradient.relative, kGradientTolerance)
      << "worst at (" << report.gradient.worst_point.x << ", " << report.gradient.worst_point.y
      << ")";
  EXPECT_LE(report.hessian.relative, kHessianTolerance)
      << "worst at (" << report.hessian.worst_point.x << ", " << report.hessian.worst_point.y
      << ")";
  EXPECT_TRUE(report.passed);
}

TEST_P(CatalogueSurface, MinimizersReachMinimumValue) {
  const auto surface = make_surface(GetParam());
  const SurfaceInfo& info = surface->info();
  for (Vec2 minimizer : info.minimizers) {
    SCOPED_TRACE("minimizer (" + std::to_string(minimizer.x) + ", " + std::to_string(minimizer.y) +
                 ")");
    const double scale = std::max(1.0, std::abs(info.minimum_value));
    EXPECT_NEAR(surface->value(minimizer), info.minimum_value, 1e-12 * scale);
    const Vec2 g = surface->gradient(minimizer);
    EXPECT_NEAR(g.x, 0.0, 1e-9 * scale);
    EXPECT_NEAR(g.y, 0.0, 1e-9 * scale);
    EXPECT_TRUE(contains(info.view, minimizer));
  }
}

// No sampled point of the view may lie below the listed minimum, which
// catches a minimizer that is only local.
TEST_P(CatalogueSurface, NoSampledPointBelowMinimum) {
  const auto surface = make_surface(GetParam());
  const SurfaceInfo& info = surface->info();
  if (info.minimizers.empty()) {
    GTEST_SKIP() << info.name << " has no minimum";
  }
  DerivativeCheckSettings settings;
  settings.points = 20000;
  settings.box = info.view;
  for (Vec2 p : derivative_check_points(settings)) {
    ASSERT_GE(surface->value(p), info.minimum_value - 1e-12) << "at (" << p.x << ", " << p.y << ")";
  }
}

TEST_P(CatalogueSurface, InfoIsComplete) {
  const auto surface = make_surface(GetParam());
  const SurfaceInfo& info = surface->info();
  EXPECT_FALSE(info.name.empty());
  EXPECT_FALSE(info.formula.empty());
  EXPECT_FALSE(info.gradient_formula.empty());
  EXPECT_LT(info.view.x_min, info.view.x_max);
  EXPECT_LT(info.view.y_min, info.view.y_max);
  EXPECT_TRUE(contains(info.view, info.default_start));
  EXPECT_TRUE(std::isfinite(surface->value(info.default_start)));
  EXPECT_TRUE(is_finite(surface->gradient(info.default_start)));
}

// The formula text of each surface, typed as a formula, is the same
// function: values, gradients and Hessians agree to rounding.
TEST_P(CatalogueSurface, FormulaTextMatchesHandCode) {
  const auto surface = make_surface(GetParam());
  const FormulaSurface typed(surface->info().formula);
  DerivativeCheckSettings settings;
  settings.points = 200;
  settings.seed = 7;
  settings.box = surface->info().view;
  for (Vec2 p : derivative_check_points(settings)) {
    SCOPED_TRACE("at (" + std::to_string(p.x) + ", " + std::to_string(p.y) + ")");
    const double value = surface->value(p);
    const Vec2 g = surface->gradient(p);
    const SymmetricMatrix2 h = surface->hessian(p);
    const FormulaDerivatives d = typed.program().derivatives(p);
    const double value_scale = 1e-12 * std::max(1.0, std::abs(value));
    const double slope_scale = 1e-11 * std::max({1.0, std::abs(value), norm(g)});
    const double curvature_scale =
        1e-10 * std::max({1.0, std::abs(value), norm(g), std::abs(h.xx), std::abs(h.yy)});
    EXPECT_NEAR(d.value, value, value_scale);
    EXPECT_NEAR(d.gradient.x, g.x, slope_scale);
    EXPECT_NEAR(d.gradient.y, g.y, slope_scale);
    EXPECT_NEAR(d.hessian.xx, h.xx, curvature_scale);
    EXPECT_NEAR(d.hessian.xy, h.xy, curvature_scale);
    EXPECT_NEAR(d.hessian.yy, h.yy, curvature_scale);
  }
}

INSTANTIATE_TEST_SUITE_P(All, CatalogueSurface, ::testing::ValuesIn(specs_to_check()),
                         [](const auto& parameter) {
                           std::string name = parameter.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) {
                               c = '_';
                             }
                           }
                           return name;
                         });

TEST(SurfaceCatalogue, PublishedMinimaAfterRefinement) {
  const auto himmelblau = make_surface("himmelblau");
  ASSERT_EQ(himmelblau->info().minimizers.size(), 4u);
  EXPECT_NEAR(himmelblau->info().minimizers[1].x, -2.805118, 1e-6);
  EXPECT_NEAR(himmelblau->info().minimizers[1].y, 3.131312, 1e-6);

  const auto camel = make_surface("six-hump-camel");
  EXPECT_NEAR(camel->info().minimum_value, -1.0316, 1e-4);

  const auto tang = make_surface("styblinski-tang");
  EXPECT_NEAR(tang->info().minimum_value, -78.33233, 1e-5);
  EXPECT_NEAR(tang->info().minimizers[0].x, -2.903534, 1e-6);

  const auto wells = make_surface("gaussian-wells");
  EXPECT_NEAR(wells->info().minimizers[0].x, -1.0, 0.05);
  EXPECT_LT(wells->info().minimum_value, -1.0);
}

TEST(SurfaceCatalogue, ReferenceQuadraticIsDefault) {
  const auto by_name = make_surface("quadratic");
  const auto reference = make_reference_quadratic();
  EXPECT_EQ(by_name->info().formula, reference->info().formula);
  EXPECT_EQ(by_name->value({2.2, -2.0}), reference->value({2.2, -2.0}));
  EXPECT_EQ(make_surface("quadratic:a=8,b=0.8,c=1")->info().formula, reference->info().formula);
}

TEST(SurfaceCatalogue, RotatedQuadraticHasRequestedConditioning) {
  const auto surface = make_surface("quadratic:kappa=50,angle=30");
  const SymmetricEigen e = eigen_decompose(surface->hessian({0.0, 0.0}));
  EXPECT_NEAR(e.lambda_max, 1.0, 1e-9);
  EXPECT_NEAR(e.lambda_max / e.lambda_min, 50.0, 1e-6);
  EXPECT_NEAR(std::atan2(e.v_max.y, e.v_max.x) * 180.0 / 3.141592653589793, 30.0, 1e-6);
  EXPECT_EQ(surface->info().formula, "0.5*(0.755*x^2 + 0.265*y^2) + 0.4243524479*x*y");
}

TEST(SurfaceCatalogue, InvalidParameters) {
  EXPECT_THROW(make_surface("rosenbrock:b=0"), UsageError);
  EXPECT_THROW(make_surface("quadratic:kappa=0.5"), UsageError);
  EXPECT_THROW(make_surface("quadratic:a=1,b=2,c=1"), UsageError);
  EXPECT_THROW(make_surface("quadratic:a=1,kappa=3"), UsageError);
  EXPECT_THROW(make_surface("himmelblau:a=1"), UsageError);
}

std::string usage_message(const std::string& spec) {
  try {
    make_surface(spec);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no error";
}

TEST(SurfaceCatalogue, MessagesNameTheProblem) {
  EXPECT_EQ(usage_message("quadratic:a=1,b=2,c=1"),
            "quadratic: a = 1, b = 2, c = 1 is not positive definite; it must satisfy a > 0 and "
            "a*c > b^2 (a*c - b^2 = -3), or use the saddle surface for an indefinite one");
  EXPECT_EQ(usage_message("quadratic:kappa=50,c=2"),
            "quadratic: give either the Hessian entries a, b, c or kappa and angle, not both; "
            "for example quadratic:kappa=50,angle=30");
  EXPECT_EQ(usage_message("rosenbrok")
                .rfind("unknown surface 'rosenbrok'; did you mean "
                       "'rosenbrock'? Valid surfaces: quadratic, rosenbrock,",
                       0),
            0u);
  EXPECT_EQ(usage_message("rosenbrok:a=1").rfind("unknown surface 'rosenbrok'; did you mean", 0),
            0u);
  EXPECT_NE(usage_message("rosenbrock:c=1").find("unknown hyperparameter 'c'"), std::string::npos)
      << usage_message("rosenbrock:c=1");
}

TEST(SurfaceCatalogue, FormulaSpecsMakeFormulaSurfaces) {
  const auto surface = make_surface("  x^2 + 3*y^2 ");
  EXPECT_EQ(surface->info().name, "formula");
  EXPECT_EQ(surface->info().formula, "x^2 + 3*y^2");
  EXPECT_EQ(surface->value({1.0, 1.0}), 4.0);
}

TEST(SurfaceCatalogue, ListedInOrderWithCitations) {
  const auto& catalogue = surface_catalogue();
  ASSERT_GE(catalogue.size(), 16u);
  EXPECT_EQ(catalogue.front().name, "quadratic");
  for (const SurfaceEntry& entry : catalogue) {
    EXPECT_FALSE(entry.summary.empty()) << entry.name;
    EXPECT_FALSE(entry.citation.empty()) << entry.name;
    EXPECT_EQ(find_surface(entry.name), &entry);
  }
  EXPECT_EQ(find_surface("nonexistent"), nullptr);
}

}  // namespace
}  // namespace optiscope
