#pragma once

#include <cstdint>
#include <utility>

namespace optiscope {

/// Returns ln(x) for finite x > 0 using only IEEE 754 basic operations
/// (+, -, *, /, exact scaling by powers of two) in a fixed order, so the
/// result is bit-identical on every platform that rounds to nearest without
/// fused multiply-adds, including WebAssembly. Accurate to about 2 ulp.
double portable_log(double x);

/// A seeded source of standard normal numbers whose sequence depends only
/// on (seed, stream): xoshiro256** seeded through splitmix64, uniform
/// doubles from the top 53 bits, and Marsaglia's polar method with
/// portable_log and sqrt (which IEEE 754 rounds exactly). It never uses the
/// standard library's distributions, whose algorithms differ between
/// implementations.
class GaussianSource {
 public:
  GaussianSource(std::uint64_t seed, std::uint64_t stream);

  /// Returns the next pair of independent standard normal numbers.
  std::pair<double, double> next_pair();

 private:
  std::uint64_t next_bits();
  double next_uniform();

  std::uint64_t state_[4];
};

}  // namespace optiscope
