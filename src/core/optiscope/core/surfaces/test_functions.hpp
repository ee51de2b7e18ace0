#pragma once

// Factories for the catalogue of classic test surfaces. Each surface carries
// its ground truth in its SurfaceInfo: the formula in the syntax of typed
// formulas, the gradient written out, the global minimizers and minimum
// value, a view box and a default start. docs/surfaces.md lists them.
//
// Sources: the definitions and minima follow the survey of M. Jamil and
// X.-S. Yang, "A literature survey of benchmark functions for global
// optimisation problems", Int. J. Mathematical Modelling and Numerical
// Optimisation 4(2):150-194, 2013, and S. Surjanovic and D. Bingham,
// Virtual Library of Simulation Experiments: Test Functions and Datasets,
// Simon Fraser University, https://www.sfu.ca/~ssurjano/. Minimizers given
// there to about six digits are refined here by Newton's method.

#include <memory>

#include "optiscope/core/surface.hpp"

namespace optiscope {

/// L = (a - x)^2 + b (y - x^2)^2, a curved valley with its minimum 0 at
/// (a, a^2). H. H. Rosenbrock, "An automatic method for finding the greatest
/// or least value of a function", The Computer Journal 3(3):175-184, 1960.
/// Requires b > 0.
std::unique_ptr<Surface> make_rosenbrock(double a, double b);

/// L = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2, minimum
/// 0 at (3, 0.5) in a narrow valley with flat plateaus (Jamil and Yang 2013;
/// Surjanovic and Bingham).
std::unique_ptr<Surface> make_beale();

/// L = (x + 2y - 7)^2 + (2x + y - 5)^2, a quadratic bowl with minimum 0 at
/// (1, 3) (Jamil and Yang 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_booth();

/// L = 0.26 (x^2 + y^2) - 0.48 xy, a flat, nearly degenerate bowl with
/// minimum 0 at the origin (Jamil and Yang 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_matyas();

/// L = (x^2 + y - 11)^2 + (x + y^2 - 7)^2, four minima of value 0 around a
/// local maximum. D. M. Himmelblau, Applied Nonlinear Programming,
/// McGraw-Hill, 1972.
std::unique_ptr<Surface> make_himmelblau();

/// L = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2, three minima with the global one 0
/// at the origin (Jamil and Yang 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_three_hump_camel();

/// L = (4 - 2.1x^2 + x^4/3) x^2 + xy + (-4 + 4y^2) y^2, six minima with two
/// global ones of about -1.0316 near (0.0898, -0.7126) and (-0.0898, 0.7126)
/// (Jamil and Yang 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_six_hump_camel();

/// L = 0.5 (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y), four minima with the
/// global one about -78.332 near (-2.903534, -2.903534) (Jamil and Yang
/// 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_styblinski_tang();

/// Goldstein-Price: a product of two polynomials with steep walls, several
/// local minima and the global minimum 3 at (0, -1) (Jamil and Yang 2013;
/// Surjanovic and Bingham).
std::unique_ptr<Surface> make_goldstein_price();

/// L = 20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y), a bowl covered in a
/// regular grid of local minima, with the global minimum 0 at the origin
/// (Jamil and Yang 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_rastrigin();

/// Ackley's function: a nearly flat, rippled plateau around a sharp funnel
/// with minimum 0 at the origin, where it is not differentiable (Jamil and
/// Yang 2013; Surjanovic and Bingham).
std::unique_ptr<Surface> make_ackley();

/// Levi function N.13: L = sin^2(3 pi x) + (x - 1)^2 (1 + sin^2(3 pi y)) +
/// (y - 1)^2 (1 + sin^2(2 pi y)), rippled with minimum 0 at (1, 1)
/// (Surjanovic and Bingham, who spell it Levy).
std::unique_ptr<Surface> make_levi13();

/// L = x^2 - y^2, the standard saddle: a stationary point at the origin that
/// is not a minimum, and no minimum at all.
std::unique_ptr<Surface> make_saddle();

/// L = x^3 - 3xy^2, the monkey saddle: a degenerate stationary point at the
/// origin with three descending valleys, and no minimum.
std::unique_ptr<Surface> make_monkey_saddle();

/// L = -sum_i d_i exp(-|p - c_i|^2 / w_i), three Gaussian wells of depths 1,
/// 0.8 and 0.5 on a flat plane: the deepest is the global minimum, the
/// others are local traps, and far away the gradient vanishes.
std::unique_ptr<Surface> make_gaussian_wells();

/// L = 1/2 (a x^2 + c y^2) + b xy with the Hessian [[a, b], [b, c]]. Requires
/// a > 0 and ac > b^2 (positive definite), or throws UsageError.
std::unique_ptr<Surface> make_quadratic(double a, double b, double c);

/// The largest condition number make_rotated_quadratic accepts: beyond it
/// the rounding of the coefficients would change kappa visibly.
inline constexpr double kMaxConditionNumber = 1e6;

/// The quadratic with eigenvalues 1 and 1/kappa whose steep axis is rotated
/// `angle_degrees` from the x axis, so that gradient descent is stable for
/// lr < 2. Its coefficients are rounded to ten significant digits, so that
/// the printed formula is exactly the surface optimized; kappa then holds to
/// about four digits at kappa = 1e6 and better below. Requires
/// 1 <= kappa <= kMaxConditionNumber.
std::unique_ptr<Surface> make_rotated_quadratic(double kappa, double angle_degrees);

}  // namespace optiscope
