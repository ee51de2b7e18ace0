#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "optiscope/core/optimizer.hpp"
#include "optiscope/core/runner.hpp"
#include "optiscope/core/surface.hpp"
#include "optiscope/core/vec2.hpp"

namespace optiscope {

// Convergence theory of gradient descent and momentum on a quadratic
//
//   L(θ) = L* + ½ (θ − θ*)ᵀ H (θ − θ*),
//
// and on the local quadratic model of any surface, whose H is the surface's
// Hessian at a point. docs/theory.md derives every formula here.

/// The signs of a Hessian's two eigenvalues, which decide whether its
/// quadratic has a minimum (positive definite), a valley of minima
/// (positive semidefinite), a saddle (indefinite) or no minimum at all.
enum class Curvature {
  positive_definite,
  positive_semidefinite,
  indefinite,
  negative_semidefinite,
  negative_definite,
};

std::string_view to_string(Curvature curvature);

/// The eigen decomposition and condition number of a quadratic's Hessian.
struct QuadraticModel {
  SymmetricMatrix2 hessian;
  SymmetricEigen eigen;
  Curvature curvature = Curvature::positive_definite;
  /// κ = λmax / λmin; set only when the Hessian is positive definite.
  std::optional<double> condition_number;
};

/// Analyses `hessian`. An eigenvalue counts as zero when its magnitude is
/// below 1e-12 times the larger one, so rounding in a computed Hessian does
/// not turn a valley into a saddle. Throws UsageError for a non-finite entry.
QuadraticModel analyze_hessian(SymmetricMatrix2 hessian);

/// The local quadratic model of `surface` at `point`. Throws UsageError
/// naming the point when the Hessian there is not finite.
QuadraticModel local_quadratic_model(const Surface& surface, Vec2 point);

/// Returns the Hessian of `surface` when it is quadratic, else nothing. A
/// QuadraticSurface always is. Any other surface counts as quadratic when
/// its Hessian agrees to 1e-12 relative at the default start, the known
/// minimizers and a 4 x 4 lattice over the view box.
/// NOTE: for surfaces that are not QuadraticSurface this is a sampling test.
/// A function whose Hessian varies only between the sampled points would
/// pass it; no surface of the catalogue does.
std::optional<SymmetricMatrix2> constant_hessian(const Surface& surface);

/// Gradient descent θ ← θ − lr·∇L on a quadratic. For eigenvalue λ the
/// error along its eigenvector is multiplied by 1 − lr·λ every step, so
/// the iteration converges exactly when |1 − lr·λ| < 1 for both eigenvalues.
struct GradientDescentLimits {
  /// 2 / λmax: gradient descent converges for 0 < lr < this. Set when
  /// λmax > 0 and λmin >= 0; a semidefinite Hessian converges towards the
  /// valley of minimizers but not along it.
  std::optional<double> max_stable_lr;
  /// 2 / (λmin + λmax), which balances the two eigendirections; positive
  /// definite only.
  std::optional<double> best_lr;
  /// (κ − 1) / (κ + 1), the contraction per step at best_lr.
  std::optional<double> best_rate;
};

GradientDescentLimits gradient_descent_limits(const QuadraticModel& model);

/// Polyak's heavy ball, which is torch.optim.SGD with momentum μ and no
/// dampening: b ← μ·b + ∇L, θ ← θ − lr·b. Along eigenvalue λ > 0 it
/// converges exactly when 0 <= μ < 1 and 0 < lr·λ < 2(1 + μ).
struct HeavyBallLimits {
  /// 4 / (√λmax + √λmin)²; positive definite only, like the other two.
  std::optional<double> best_lr;
  /// ((√κ − 1) / (√κ + 1))².
  std::optional<double> best_momentum;
  /// (√κ − 1) / (√κ + 1), the contraction per step at the best pair.
  std::optional<double> best_rate;
};

HeavyBallLimits heavy_ball_limits(const QuadraticModel& model);

/// Returns 2(1 + μ) / λmax, the largest lr for which heavy ball with
/// momentum `momentum` converges. Returns nothing when the Hessian is not
/// positive (semi)definite or μ is outside [0, 1).
std::optional<double> heavy_ball_max_stable_lr(const QuadraticModel& model, double momentum);

/// The linear iteration that torch.optim.SGD performs on a quadratic, with
/// the settings that change it. Weight decay and maximize fold into the
/// Hessian, because the update follows the gradient of
/// ±L + ½·weight_decay·‖θ‖².
struct SgdIteration {
  double lr = 0.0;
  double momentum = 0.0;
  double dampening = 0.0;
  bool nesterov = false;
  double weight_decay = 0.0;
  bool maximize = false;

  /// Returns the eigenvalue of the gradient the update follows, for a
  /// Hessian eigenvalue λ.
  double effective_eigenvalue(double lambda) const {
    return (maximize ? -lambda : lambda) + weight_decay;
  }
};

/// Returns the iteration of an optimizer made by the catalogue's sgd, gd,
/// momentum or nesterov, with its base lr; nothing for other optimizers.
std::optional<SgdIteration> sgd_iteration(const Optimizer& optimizer);

/// Returns `iteration` with the hyperparameter `key` ("lr", "momentum",
/// "dampening" or "weight_decay", PyTorch's names) set to `value`. Returns
/// nothing for any other key, such as a start coordinate, because the rate
/// does not depend on it.
std::optional<SgdIteration> with_hyperparameter(SgdIteration iteration, std::string_view key,
                                                double value);

/// Returns the asymptotic contraction rate along one eigendirection: the
/// spectral radius of the step's iteration matrix on (error, momentum
/// buffer). Below 1 the error shrinks by about this factor per step; above 1
/// it grows.
double mode_contraction_rate(const SgdIteration& iteration, double lambda);

/// Returns the larger mode_contraction_rate of the two eigenvalues, which
/// governs ‖θ_k − θ*‖ once the faster mode has died out.
double contraction_rate(const SgdIteration& iteration, const QuadraticModel& model);

/// Returns the point the iteration converges to on a quadratic with
/// Hessian `hessian`: the zero of the gradient the update follows, found by
/// one Newton step from `guess`. Nothing when that gradient's Jacobian is
/// singular (a valley without a unique minimizer).
std::optional<Vec2> iteration_fixed_point(const Surface& surface, SymmetricMatrix2 hessian,
                                          const SgdIteration& iteration, Vec2 guess);

/// A contraction rate measured on a trajectory.
struct MeasuredRate {
  double rate = 0.0;
  /// The steps the fit used.
  long first_step = 0;
  long last_step = 0;
};

/// Measures how fast `trajectory` approaches `fixed_point`: exp of the
/// slope of a least-squares line through log‖θ_k − θ*‖ over the second half
/// of the steps before the distance first falls to `floor`. A least-squares
/// line averages out the oscillation of momentum, which a ratio of two
/// distances would not. Iterates stall about one rounding error away from
/// θ*, so pass a floor a little above that, such as 1e-13·‖θ*‖, plus the
/// error of θ* itself; 0 suits an exact θ* = 0. Distances below 1e-280 always
/// end the fit. Returns nothing when fewer than 8 steps qualify.
std::optional<MeasuredRate> measure_contraction_rate(const Trajectory& trajectory, Vec2 fixed_point,
                                                     double floor);

/// Returns one line on how gradient descent behaves on `model`, such as
/// "gradient descent converges for 0 < lr < 0.2472 (2/λmax); best lr 0.2222
/// (2/(λmin + λmax)), rate 0.7978 per step ((κ − 1)/(κ + 1))", or, for a
/// saddle, why no lr converges.
std::string describe_gradient_descent(const QuadraticModel& model);

}  // namespace optiscope
