#pragma once

#include <array>
#include <cmath>
#include <cstddef>

namespace optiscope {

/// W doubles that move together: the scalar type of the batched sweep
/// kernel. Every operation applies the scalar IEEE operation lane by lane,
/// so lane i of a result is bit-identical to the scalar computation on lane
/// i of the inputs, while the loops let the compiler use SIMD instructions.
template <std::size_t W>
struct Lanes {
  std::array<double, W> v{};

  Lanes() = default;
  /// Broadcasts a scalar to every lane.
  Lanes(double value) { v.fill(value); }  // NOLINT: implicit by design, as for double

  double& operator[](std::size_t i) { return v[i]; }
  double operator[](std::size_t i) const { return v[i]; }
};

#define OPTISCOPE_LANES_BINARY(op)                                 \
  template <std::size_t W>                                         \
  Lanes<W> operator op(const Lanes<W>& a, const Lanes<W>& b) {     \
    Lanes<W> r;                                                    \
    for (std::size_t i = 0; i < W; ++i) r.v[i] = a.v[i] op b.v[i]; \
    return r;                                                      \
  }                                                                \
  template <std::size_t W>                                         \
  Lanes<W> operator op(const Lanes<W>& a, double b) {              \
    return a op Lanes<W>(b);                                       \
  }                                                                \
  template <std::size_t W>                                         \
  Lanes<W> operator op(double a, const Lanes<W>& b) {              \
    return Lanes<W>(a) op b;                                       \
  }

OPTISCOPE_LANES_BINARY(+)
OPTISCOPE_LANES_BINARY(-)
OPTISCOPE_LANES_BINARY(*)
OPTISCOPE_LANES_BINARY(/)
#undef OPTISCOPE_LANES_BINARY

/// Comparisons give 1.0 where they hold and 0.0 elsewhere, so that an
/// expression such as (a > 0) - (a < 0) computes a sign lane by lane and a
/// product of comparisons is a lane-wise "and".
#define OPTISCOPE_LANES_COMPARE(op)                                \
  template <std::size_t W>                                         \
  Lanes<W> operator op(const Lanes<W>& a, const Lanes<W>& b) {     \
    Lanes<W> r;                                                    \
    for (std::size_t i = 0; i < W; ++i) r.v[i] = a.v[i] op b.v[i]; \
    return r;                                                      \
  }

OPTISCOPE_LANES_COMPARE(<)
OPTISCOPE_LANES_COMPARE(>)
OPTISCOPE_LANES_COMPARE(<=)
OPTISCOPE_LANES_COMPARE(==)
#undef OPTISCOPE_LANES_COMPARE

template <std::size_t W>
Lanes<W> operator-(const Lanes<W>& a) {
  Lanes<W> r;
  for (std::size_t i = 0; i < W; ++i) r.v[i] = -a.v[i];
  return r;
}

template <std::size_t W>
Lanes<W> sqrt(const Lanes<W>& a) {
  Lanes<W> r;
  for (std::size_t i = 0; i < W; ++i) r.v[i] = std::sqrt(a.v[i]);
  return r;
}

template <std::size_t W>
Lanes<W> abs(const Lanes<W>& a) {
  Lanes<W> r;
  for (std::size_t i = 0; i < W; ++i) r.v[i] = std::abs(a.v[i]);
  return r;
}

/// Lane-wise std::max(a, b): returns a where !(a < b), as std::max does.
template <std::size_t W>
Lanes<W> max(const Lanes<W>& a, const Lanes<W>& b) {
  Lanes<W> r;
  for (std::size_t i = 0; i < W; ++i) r.v[i] = a.v[i] < b.v[i] ? b.v[i] : a.v[i];
  return r;
}

}  // namespace optiscope
