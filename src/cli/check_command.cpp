#include "check_command.hpp"

#include <fmt/core.h>

#include "optiscope/core/derivative_check.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/formula/expression.hpp"
#include "optiscope/core/surfaces/catalogue.hpp"
#include "whole_number.hpp"

namespace optiscope::cli {
namespace {

constexpr long kMaxPoints = 100'000;

DerivativeCheckSettings settings_from(const CheckOptions& options, const Surface& surface) {
  DerivativeCheckSettings settings;
  settings.box = surface.info().view;
  if (!options.points.empty()) {
    settings.points =
        static_cast<int>(parse_whole<long>("--points", options.points, 1, kMaxPoints, "100"));
  }
  if (!options.seed.empty()) {
    settings.seed = parse_whole<std::uint64_t>("--seed", options.seed, 0, UINT64_MAX, "1");
  }
  return settings;
}

std::string describe_box(const Box& box) {
  return fmt::format("[{:g}, {:g}] x [{:g}, {:g}]", box.x_min, box.x_max, box.y_min, box.y_max);
}

std::string describe_sample(const DerivativeCheckSettings& settings) {
  return fmt::format("{} seeded points in {} (seed {})", settings.points,
                     describe_box(settings.box), settings.seed);
}

void require_checked_points(int checked, const Surface& surface,
                            const DerivativeCheckSettings& settings) {
  if (checked == 0) {
    throw UsageError(fmt::format(
        "none of the {} points sampled in {} has a finite value and derivatives on {}; the "
        "surface's domain misses its view, so choose another surface",
        settings.points, describe_box(settings.box), surface.info().formula));
  }
}

void print_skipped(int skipped) {
  if (skipped > 0) {
    fmt::print("  skipped {} points where the surface or a difference is not finite\n", skipped);
  }
}

int check_against_differences(const Surface& surface, const DerivativeCheckSettings& settings) {
  const DerivativeCheckReport report = check_derivatives(surface, settings);
  require_checked_points(report.points_checked, surface, settings);

  fmt::print("Exact derivatives of L(x, y) = {}\nagainst central differences at {}:\n",
             surface.info().formula, describe_sample(settings));
  print_skipped(report.points_skipped);
  fmt::print(
      "  gradient: largest absolute error {:.3g}, largest relative error {:.3g} "
      "(tolerance {:g})\n",
      report.gradient.absolute, report.gradient.relative, kGradientTolerance);
  fmt::print(
      "  Hessian:  largest absolute error {:.3g}, largest relative error {:.3g} "
      "(tolerance {:g})\n",
      report.hessian.absolute, report.hessian.relative, kHessianTolerance);
  fmt::print(
      "  relative error = |exact - difference| / (|exact| + max(1, |L|)); the Hessian's "
      "scale also includes |grad L|\n");

  if (report.passed) {
    fmt::print("agree: the exact gradient and Hessian match the differences\n");
    return 0;
  }
  const DerivativeError& worst =
      report.gradient.relative > kGradientTolerance ? report.gradient : report.hessian;
  fmt::print("disagree: the {} is off by a relative {:.3g} at ({:.10g}, {:.10g})\n",
             &worst == &report.gradient ? "gradient" : "Hessian", worst.relative,
             worst.worst_point.x, worst.worst_point.y);
  return 1;
}

int check_hand_gradient(const Surface& surface, const std::string& text,
                        const DerivativeCheckSettings& settings) {
  const std::vector<Expression> formulas = parse_expression_list(text);
  if (formulas.size() != 2) {
    throw UsageError(fmt::format(
        "--gradient '{}' has {} formula{}; write the two partial derivatives separated by a "
        "comma, such as --gradient \"8*x + 0.8*y, y + 0.8*x\"",
        text, formulas.size(), formulas.size() == 1 ? "" : "s"));
  }
  const FormulaProgram gx(formulas[0]);
  const FormulaProgram gy(formulas[1]);
  const GradientComparison comparison = compare_gradient(surface, gx, gy, settings);
  require_checked_points(comparison.points_checked, surface, settings);

  fmt::print("Your gradient [{}] of L(x, y) = {}\nagainst the exact gradient at {}:\n", text,
             surface.info().formula, describe_sample(settings));
  print_skipped(comparison.points_skipped);
  if (!comparison.first_disagreement) {
    fmt::print("agree: your gradient matches at every point (largest difference {:.3g})\n",
               comparison.largest_difference);
    return 0;
  }
  const Vec2 p = *comparison.first_disagreement;
  fmt::print("disagree: first at (x, y) = ({:.10g}, {:.10g})\n", p.x, p.y);
  fmt::print("  yours  [{:.10g}, {:.10g}]\n", comparison.yours.x, comparison.yours.y);
  fmt::print("  exact  [{:.10g}, {:.10g}]\n", comparison.exact.x, comparison.exact.y);
  return 1;
}

}  // namespace

CLI::App* add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App* check = app.add_subcommand(
      "check",
      "Check a surface's exact gradient and Hessian against finite differences, or your "
      "hand-derived gradient against the exact one");
  check->add_option("--surface", options.surface,
                    "surface NAME[:key=value,...] or a formula in x and y (default quadratic)");
  check->add_option("--gradient", options.gradient,
                    "your gradient as two formulas \"GX, GY\", compared with the exact one");
  check->add_option("--points", options.points,
                    "number of seeded points in the surface's view (default 100)");
  check->add_option("--seed", options.seed, "seed of the sample points (default 1)");
  return check;
}

int execute_check(const CheckOptions& options) {
  const std::unique_ptr<Surface> surface = make_surface(options.surface);
  const DerivativeCheckSettings settings = settings_from(options, *surface);
  if (!options.gradient.empty()) {
    return check_hand_gradient(*surface, options.gradient, settings);
  }
  return check_against_differences(*surface, settings);
}

}  // namespace optiscope::cli
