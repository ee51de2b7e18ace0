#pragma once

// Second-order forward-mode automatic differentiation. Internal to the
// formula engine.
//
// A Jet is a value with its gradient and Hessian with respect to (x, y): the
// truncated second-order Taylor expansion. Every operation applies the chain
// rule exactly, so derivatives carry only rounding error, never the
// truncation error of finite differences. The template parameter Order
// (0, 1 or 2) says which parts are live: callers that need only values or
// gradients skip the rest, and the compiler removes the dead arithmetic.

#include <cmath>

#include "optiscope/core/formula/expression.hpp"

namespace optiscope::formula_detail {

struct Jet {
  double value = 0.0;
  double dx = 0.0;
  double dy = 0.0;
  double dxx = 0.0;
  double dxy = 0.0;
  double dyy = 0.0;
};

/// The number of doubles an Order keeps per jet.
constexpr int jet_components(int order) { return order == 0 ? 1 : order == 1 ? 3 : 6; }

/// f(u), f'(u) and f''(u) of a function of one argument. Rules fill the
/// derivatives only when Order asks for them.
struct LocalDerivatives {
  double value = 0.0;
  double first = 0.0;
  double second = 0.0;
};

/// f(u) by the chain rule: f' scales the gradient, and the Hessian gets
/// f' H(u) + f'' g(u) g(u)^T.
template <int Order>
inline Jet chain(const Jet& u, const LocalDerivatives& f) {
  Jet r;
  r.value = f.value;
  if constexpr (Order >= 1) {
    r.dx = f.first * u.dx;
    r.dy = f.first * u.dy;
  }
  if constexpr (Order >= 2) {
    r.dxx = f.first * u.dxx + f.second * u.dx * u.dx;
    r.dxy = f.first * u.dxy + f.second * u.dx * u.dy;
    r.dyy = f.first * u.dyy + f.second * u.dy * u.dy;
  }
  return r;
}

template <int Order>
inline Jet add(const Jet& a, const Jet& b) {
  return {a.value + b.value, a.dx + b.dx, a.dy + b.dy, a.dxx + b.dxx, a.dxy + b.dxy, a.dyy + b.dyy};
}

template <int Order>
inline Jet subtract(const Jet& a, const Jet& b) {
  return {a.value - b.value, a.dx - b.dx, a.dy - b.dy, a.dxx - b.dxx, a.dxy - b.dxy, a.dyy - b.dyy};
}

template <int Order>
inline Jet scale(double c, const Jet& u) {
  return {c * u.value, c * u.dx, c * u.dy, c * u.dxx, c * u.dxy, c * u.dyy};
}

/// The product rule. The value is a * b in that order, so a formula
/// reproduces a hand-written product to the last bit.
template <int Order>
inline Jet multiply(const Jet& a, const Jet& b) {
  Jet r;
  r.value = a.value * b.value;
  if constexpr (Order >= 1) {
    r.dx = a.dx * b.value + a.value * b.dx;
    r.dy = a.dy * b.value + a.value * b.dy;
  }
  if constexpr (Order >= 2) {
    r.dxx = a.dxx * b.value + 2.0 * (a.dx * b.dx) + a.value * b.dxx;
    r.dxy = a.dxy * b.value + a.dx * b.dy + a.dy * b.dx + a.value * b.dxy;
    r.dyy = a.dyy * b.value + 2.0 * (a.dy * b.dy) + a.value * b.dyy;
  }
  return r;
}

/// q = a / b from q b = a: q' = (a' - q b') / b and
/// q'' = (a'' - q' b'^T - b' q'^T - q b'') / b.
template <int Order>
inline Jet divide(const Jet& a, const Jet& b) {
  Jet q;
  q.value = a.value / b.value;
  if constexpr (Order >= 1) {
    q.dx = (a.dx - q.value * b.dx) / b.value;
    q.dy = (a.dy - q.value * b.dy) / b.value;
  }
  if constexpr (Order >= 2) {
    q.dxx = (a.dxx - 2.0 * (q.dx * b.dx) - q.value * b.dxx) / b.value;
    q.dxy = (a.dxy - q.dx * b.dy - q.dy * b.dx - q.value * b.dxy) / b.value;
    q.dyy = (a.dyy - 2.0 * (q.dy * b.dy) - q.value * b.dyy) / b.value;
  }
  return q;
}

/// a^b for a variable exponent: exp(b log a) differentiated, with the value
/// from pow for accuracy. Needs a > 0 for finite derivatives.
template <int Order>
inline Jet power(const Jet& a, const Jet& b) {
  const double value = std::pow(a.value, b.value);
  if constexpr (Order == 0) {
    return {value};
  } else {
    const Jet log_a =
        chain<Order>(a, {std::log(a.value), 1.0 / a.value, -1.0 / (a.value * a.value)});
    const Jet exponent = multiply<Order>(b, log_a);
    return chain<Order>(exponent, {value, value, value});
  }
}

/// u^c for a constant c other than 0, 1 and 2.
template <int Order>
inline LocalDerivatives power_rule(double u, double c) {
  const double value = std::pow(u, c);
  if constexpr (Order == 0) {
    return {value};
  } else {
    return {value, c * std::pow(u, c - 1.0), c * (c - 1.0) * std::pow(u, c - 2.0)};
  }
}

/// min(a, b) or max(a, b). At a tie the derivatives are the average of
/// both, so max(u, u) differentiates like u. A NaN operand gives NaN, which
/// std::fmin and std::fmax would hide.
template <int Order>
inline Jet select(const Jet& a, const Jet& b, bool maximum) {
  if (a.value == b.value) {
    return scale<Order>(0.5, add<Order>(a, b));
  }
  if (std::isnan(a.value) || std::isnan(b.value)) {
    return {a.value + b.value, NAN, NAN, NAN, NAN, NAN};
  }
  return (a.value > b.value) == maximum ? a : b;
}

/// The logistic function and its complement 1 - sigmoid(u), both computed
/// without cancellation.
struct Logistic {
  double of_u = 0.0;
  double of_minus_u = 0.0;
};

inline Logistic logistic(double u) {
  if (u >= 0.0) {
    const double e = std::exp(-u);
    return {1.0 / (1.0 + e), e / (1.0 + e)};
  }
  const double e = std::exp(u);
  return {e / (1.0 + e), 1.0 / (1.0 + e)};
}

/// f, f' and f'' of every function of one argument.
template <int Order>
inline LocalDerivatives unary_rule(Operation operation, double u) {
  using enum Operation;
  constexpr double kLn10 = 2.302585092994046;
  switch (operation) {
    case sin: {
      const double s = std::sin(u);
      return Order == 0 ? LocalDerivatives{s} : LocalDerivatives{s, std::cos(u), -s};
    }
    case cos: {
      const double c = std::cos(u);
      return Order == 0 ? LocalDerivatives{c} : LocalDerivatives{c, -std::sin(u), -c};
    }
    case tan: {
      const double t = std::tan(u);
      return {t, 1.0 + t * t, 2.0 * t * (1.0 + t * t)};
    }
    case asin:
    case acos: {
      const double value = operation == asin ? std::asin(u) : std::acos(u);
      if constexpr (Order == 0) {
        return {value};
      }
      const double first = 1.0 / std::sqrt(1.0 - u * u);
      const double sign = operation == asin ? 1.0 : -1.0;
      return {value, sign * first, sign * u * first * first * first};
    }
    case atan: {
      const double denominator = 1.0 + u * u;
      return {std::atan(u), 1.0 / denominator, -2.0 * u / (denominator * denominator)};
    }
    case sinh:
      return Order == 0 ? LocalDerivatives{std::sinh(u)}
                        : LocalDerivatives{std::sinh(u), std::cosh(u), std::sinh(u)};
    case cosh:
      return Order == 0 ? LocalDerivatives{std::cosh(u)}
                        : LocalDerivatives{std::cosh(u), std::sinh(u), std::cosh(u)};
    case tanh: {
      const double t = std::tanh(u);
      return {t, 1.0 - t * t, -2.0 * t * (1.0 - t * t)};
    }
    case exp: {
      const double e = std::exp(u);
      return {e, e, e};
    }
    case log:
      return {std::log(u), 1.0 / u, -1.0 / (u * u)};
    case log10:
      return {std::log10(u), 1.0 / (u * kLn10), -1.0 / (u * u * kLn10)};
    case sqrt: {
      const double s = std::sqrt(u);
      return {s, 0.5 / s, -0.25 / (u * s)};
    }
    case abs:
      return {std::abs(u), u > 0.0 ? 1.0 : u < 0.0 ? -1.0 : 0.0, 0.0};
    case sigmoid: {
      const Logistic l = logistic(u);
      return {l.of_u, l.of_u * l.of_minus_u, l.of_u * l.of_minus_u * (l.of_minus_u - l.of_u)};
    }
    case softplus: {
      const Logistic l = logistic(u);
      const double value = u > 0.0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u));
      return {value, l.of_u, l.of_u * l.of_minus_u};
    }
    default:
      return {NAN, NAN, NAN};
  }
}

/// Applies one operation to its operand jets. `c` is the constant of the
/// forms with a constant operand. This is the single definition of what an
/// operation computes: the batched evaluator and constant folding both call
/// it.
template <int Order>
inline Jet apply(Operation operation, const Jet& a, const Jet& b, double c) {
  using enum Operation;
  switch (operation) {
    case constant:
      return {c};
    case add:
      return formula_detail::add<Order>(a, b);
    case subtract:
      return formula_detail::subtract<Order>(a, b);
    case multiply:
      return formula_detail::multiply<Order>(a, b);
    case divide:
      return formula_detail::divide<Order>(a, b);
    case power:
      return formula_detail::power<Order>(a, b);
    case minimum:
    case maximum:
      return select<Order>(a, b, operation == maximum);
    case negate:
      return scale<Order>(-1.0, a);
    case add_constant: {
      Jet r = a;
      r.value = a.value + c;
      return r;
    }
    case subtract_from_constant: {
      Jet r = scale<Order>(-1.0, a);
      r.value = c - a.value;
      return r;
    }
    case multiply_by_constant:
      return scale<Order>(c, a);
    case divide_by_constant:
      return {a.value / c, a.dx / c, a.dy / c, a.dxx / c, a.dxy / c, a.dyy / c};
    case divide_constant_by: {
      const double value = c / a.value;
      return chain<Order>(a, {value, -value / a.value, 2.0 * value / (a.value * a.value)});
    }
    case power_constant:
      return chain<Order>(a, power_rule<Order>(a.value, c));
    case constant_power: {
      const double value = std::pow(c, a.value);
      const double log_c = std::log(c);
      return chain<Order>(a, {value, value * log_c, value * log_c * log_c});
    }
    case square:
      return chain<Order>(a, {a.value * a.value, 2.0 * a.value, 2.0});
    case copy:
      return a;
    default:
      return chain<Order>(a, unary_rule<Order>(operation, a.value));
  }
}

}  // namespace optiscope::formula_detail
