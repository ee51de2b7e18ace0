#include "optiscope/core/theory.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "optiscope/core/error.hpp"
#include "optiscope/core/optimizers/sgd.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

// Eigenvalues smaller than this fraction of the larger one count as zero.
constexpr double kZeroEigenvalue = 1e-12;

// Hessians that differ by less than this, relative to their largest entry,
// count as equal in the constant-Hessian test.
constexpr double kSameHessian = 1e-12;

bool is_finite(SymmetricMatrix2 m) {
  return std::isfinite(m.xx) && std::isfinite(m.xy) && std::isfinite(m.yy);
}

double largest_entry(SymmetricMatrix2 m) {
  return std::max({std::abs(m.xx), std::abs(m.xy), std::abs(m.yy)});
}

bool nearly_equal(SymmetricMatrix2 a, SymmetricMatrix2 b) {
  const double scale = std::max(largest_entry(a), largest_entry(b));
  const double tolerance = kSameHessian * std::max(scale, 1e-300);
  return std::abs(a.xx - b.xx) <= tolerance && std::abs(a.xy - b.xy) <= tolerance &&
         std::abs(a.yy - b.yy) <= tolerance;
}

// The points the constant-Hessian test samples.
std::vector<Vec2> hessian_sample_points(const SurfaceInfo& info) {
  std::vector<Vec2> points{info.default_start};
  points.insert(points.end(), info.minimizers.begin(), info.minimizers.end());
  const Box& view = info.view;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      points.push_back({view.x_min + (view.x_max - view.x_min) * i / 3.0,
                        view.y_min + (view.y_max - view.y_min) * j / 3.0});
    }
  }
  return points;
}

// Returns the spectral radius of the companion matrix of z² − t·z + d,
// that is the larger magnitude of its two roots.
double largest_root_magnitude(double t, double d) {
  const double discriminant = t * t - 4.0 * d;
  if (discriminant < 0.0) {
    // Complex conjugate roots with product d.
    return std::sqrt(d);
  }
  return 0.5 * (std::abs(t) + std::sqrt(discriminant));
}

std::string digits(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

}  // namespace

std::string_view to_string(Curvature curvature) {
  switch (curvature) {
    case Curvature::positive_definite:
      return "positive definite";
    case Curvature::positive_semidefinite:
      return "positive semidefinite";
    case Curvature::indefinite:
      return "indefinite";
    case Curvature::negative_semidefinite:
      return "negative semidefinite";
    case Curvature::negative_definite:
      return "negative definite";
  }
  return "unknown";
}

QuadraticModel analyze_hessian(SymmetricMatrix2 hessian) {
  if (!is_finite(hessian)) {
    throw UsageError("the Hessian [[" + format_shortest(hessian.xx) + ", " +
                     format_shortest(hessian.xy) + "], [" + format_shortest(hessian.xy) + ", " +
                     format_shortest(hessian.yy) +
                     "]] is not finite, so it has no quadratic model; pick a point inside the "
                     "surface's domain");
  }
  QuadraticModel model;
  model.hessian = hessian;
  model.eigen = eigen_decompose(hessian);

  const double scale = std::max(std::abs(model.eigen.lambda_min), std::abs(model.eigen.lambda_max));
  const auto sign = [&](double lambda) {
    return std::abs(lambda) <= kZeroEigenvalue * scale ? 0 : (lambda > 0.0 ? 1 : -1);
  };
  const int low = sign(model.eigen.lambda_min);
  const int high = sign(model.eigen.lambda_max);
  if (low > 0) {
    model.curvature = Curvature::positive_definite;
    model.condition_number = model.eigen.lambda_max / model.eigen.lambda_min;
  } else if (low == 0 && high > 0) {
    model.curvature = Curvature::positive_semidefinite;
  } else if (low < 0 && high > 0) {
    model.curvature = Curvature::indefinite;
  } else if (high < 0) {
    model.curvature = Curvature::negative_definite;
  } else {
    // Covers the zero matrix as well: no direction curves upwards.
    model.curvature = Curvature::negative_semidefinite;
  }
  return model;
}

QuadraticModel local_quadratic_model(const Surface& surface, Vec2 point) {
  const SymmetricMatrix2 hessian = surface.hessian(point);
  if (!is_finite(hessian)) {
    throw UsageError("the Hessian of " + surface.info().name + " at (" + format_shortest(point.x) +
                     ", " + format_shortest(point.y) +
                     ") is not finite; pick a point inside the surface's domain");
  }
  return analyze_hessian(hessian);
}

std::optional<SymmetricMatrix2> constant_hessian(const Surface& surface) {
  if (const auto* quadratic = dynamic_cast<const QuadraticSurface*>(&surface)) {
    return quadratic->hessian({});
  }
  const std::vector<Vec2> points = hessian_sample_points(surface.info());
  const SymmetricMatrix2 first = surface.hessian(points.front());
  if (!is_finite(first)) {
    return std::nullopt;
  }
  for (Vec2 point : points) {
    const SymmetricMatrix2 sampled = surface.hessian(point);
    if (!is_finite(sampled) || !nearly_equal(first, sampled)) {
      return std::nullopt;
    }
  }
  return first;
}

GradientDescentLimits gradient_descent_limits(const QuadraticModel& model) {
  GradientDescentLimits limits;
  const double low = model.eigen.lambda_min;
  const double high = model.eigen.lambda_max;
  if (model.curvature == Curvature::positive_definite ||
      model.curvature == Curvature::positive_semidefinite) {
    limits.max_stable_lr = 2.0 / high;
  }
  if (model.condition_number) {
    const double kappa = *model.condition_number;
    limits.best_lr = 2.0 / (low + high);
    limits.best_rate = (kappa - 1.0) / (kappa + 1.0);
  }
  return limits;
}

HeavyBallLimits heavy_ball_limits(const QuadraticModel& model) {
  HeavyBallLimits limits;
  if (!model.condition_number) {
    return limits;
  }
  const double root_low = std::sqrt(model.eigen.lambda_min);
  const double root_high = std::sqrt(model.eigen.lambda_max);
  const double root_kappa = std::sqrt(*model.condition_number);
  const double rate = (root_kappa - 1.0) / (root_kappa + 1.0);
  limits.best_lr = 4.0 / ((root_high + root_low) * (root_high + root_low));
  limits.best_momentum = rate * rate;
  limits.best_rate = rate;
  return limits;
}

std::optional<double> heavy_ball_max_stable_lr(const QuadraticModel& model, double momentum) {
  if (!(momentum >= 0.0 && momentum < 1.0)) {
    return std::nullopt;
  }
  if (model.curvature != Curvature::positive_definite &&
      model.curvature != Curvature::positive_semidefinite) {
    return std::nullopt;
  }
  return 2.0 * (1.0 + momentum) / model.eigen.lambda_max;
}

std::optional<SgdIteration> sgd_iteration(const Optimizer& optimizer) {
  const auto* sgd = dynamic_cast<const SgdOptimizer*>(&optimizer);
  if (sgd == nullptr) {
    return std::nullopt;
  }
  const SgdSettings& s = sgd->settings();
  return SgdIteration{optimizer.lr(), s.momentum,     s.dampening,
                      s.nesterov,     s.weight_decay, s.maximize};
}

std::optional<SgdIteration> with_hyperparameter(SgdIteration iteration, std::string_view key,
                                                double value) {
  if (key == "lr") {
    iteration.lr = value;
  } else if (key == "momentum") {
    iteration.momentum = value;
  } else if (key == "dampening") {
    iteration.dampening = value;
  } else if (key == "weight_decay") {
    iteration.weight_decay = value;
  } else {
    return std::nullopt;
  }
  return iteration;
}

double mode_contraction_rate(const SgdIteration& iteration, double lambda) {
  const double lr = iteration.lr;
  const double mu = iteration.momentum;
  const double h = lr * iteration.effective_eigenvalue(lambda);
  if (mu == 0.0) {
    // torch skips the buffer, and so dampening, when momentum is 0.
    return std::abs(1.0 - h);
  }

  // After the first step the error e and the buffer b evolve linearly:
  //   b_k = μ b_{k-1} + (1 − d) λ e_k,  e_{k+1} = e_k − lr·(b_k, or λ e_k + μ b_k with Nesterov).
  // The iteration matrix on (e_k, b_{k-1}) has the characteristic
  // polynomial z² − t·z + det below.
  const double damped = (1.0 - iteration.dampening) * h;
  double trace = 0.0;
  double determinant = 0.0;
  if (iteration.nesterov) {
    trace = 1.0 + mu - h - mu * damped;
    determinant = mu * (1.0 - h);
  } else {
    trace = 1.0 + mu - damped;
    determinant = mu;
  }
  return largest_root_magnitude(trace, determinant);
}

double contraction_rate(const SgdIteration& iteration, const QuadraticModel& model) {
  return std::max(mode_contraction_rate(iteration, model.eigen.lambda_min),
                  mode_contraction_rate(iteration, model.eigen.lambda_max));
}

std::optional<Vec2> iteration_fixed_point(const Surface& surface, SymmetricMatrix2 hessian,
                                          const SgdIteration& iteration, Vec2 guess) {
  // The update follows G(θ) = s·∇L(θ) + wd·θ with s = ±1; on a quadratic its
  // Jacobian J = s·H + wd·I is constant, so one Newton step lands on G = 0.
  const double s = iteration.maximize ? -1.0 : 1.0;
  const double wd = iteration.weight_decay;
  const SymmetricMatrix2 jacobian{s * hessian.xx + wd, s * hessian.xy, s * hessian.yy + wd};
  const double determinant = jacobian.xx * jacobian.yy - jacobian.xy * jacobian.xy;
  const double scale = largest_entry(jacobian);
  if (!(std::abs(determinant) > kZeroEigenvalue * scale * scale)) {
    return std::nullopt;
  }
  const Vec2 g = surface.gradient(guess);
  const Vec2 residual{s * g.x + wd * guess.x, s * g.y + wd * guess.y};
  if (residual == Vec2{}) {
    // Keeps an exact minimizer exact instead of adding rounding noise.
    return guess;
  }
  const Vec2 newton{(jacobian.yy * residual.x - jacobian.xy * residual.y) / determinant,
                    (jacobian.xx * residual.y - jacobian.xy * residual.x) / determinant};
  return guess - newton;
}

std::optional<MeasuredRate> measure_contraction_rate(const Trajectory& trajectory, Vec2 fixed_point,
                                                     double floor) {
  constexpr std::size_t kMinimumPoints = 8;
  // Far below this, distances lose precision in the subnormal range.
  floor = std::max(floor, 1e-280);

  // The steps before the distance first reaches the rounding floor.
  std::size_t usable = 0;
  while (usable < trajectory.records.size() &&
         norm(trajectory.records[usable].position - fixed_point) > floor) {
    ++usable;
  }
  if (usable < 2 * kMinimumPoints) {
    return std::nullopt;
  }

  // Least-squares slope of log distance against step over the second half.
  const std::size_t begin = usable / 2;
  double sum_k = 0.0;
  double sum_log = 0.0;
  const double count = static_cast<double>(usable - begin);
  for (std::size_t i = begin; i < usable; ++i) {
    const StepRecord& record = trajectory.records[i];
    sum_k += static_cast<double>(record.step);
    sum_log += std::log(norm(record.position - fixed_point));
  }
  const double mean_k = sum_k / count;
  const double mean_log = sum_log / count;
  double covariance = 0.0;
  double variance = 0.0;
  for (std::size_t i = begin; i < usable; ++i) {
    const StepRecord& record = trajectory.records[i];
    const double dk = static_cast<double>(record.step) - mean_k;
    covariance += dk * (std::log(norm(record.position - fixed_point)) - mean_log);
    variance += dk * dk;
  }
  return MeasuredRate{std::exp(covariance / variance), trajectory.records[begin].step,
                      trajectory.records[usable - 1].step};
}

std::string describe_gradient_descent(const QuadraticModel& model) {
  const GradientDescentLimits limits = gradient_descent_limits(model);
  const std::string low = digits(model.eigen.lambda_min);
  const std::string high = digits(model.eigen.lambda_max);
  switch (model.curvature) {
    case Curvature::positive_definite:
      return "gradient descent converges for 0 < lr < " + digits(*limits.max_stable_lr) +
             " (2/λmax); best lr " + digits(*limits.best_lr) + " (2/(λmin + λmax)), rate " +
             digits(*limits.best_rate) + " per step ((κ − 1)/(κ + 1))";
    case Curvature::positive_semidefinite:
      return "a valley of minimizers (λmin = " + low + "): gradient descent with 0 < lr < " +
             digits(*limits.max_stable_lr) + " (2/λmax) converges onto it but not along it";
    case Curvature::indefinite:
      return "a saddle: no lr converges, because gradient descent multiplies the error along "
             "the eigenvector of λmin = " +
             low + " by 1 + lr·" + digits(-model.eigen.lambda_min) + " > 1 every step";
    case Curvature::negative_semidefinite:
    case Curvature::negative_definite:
      return "no minimum (λmax = " + high + "): gradient descent cannot converge";
  }
  return {};
}

}  // namespace optiscope
