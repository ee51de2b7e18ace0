#include "optiscope/core/noise.hpp"

#include <cmath>

#include "optiscope/core/splitmix64.hpp"

namespace optiscope {
namespace {

std::uint64_t rotate_left(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

double portable_log(double x) {
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); frexp and the doubling are exact.
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);
  if (mantissa < 0.70710678118654752440) {
    mantissa = mantissa * 2.0;
    exponent -= 1;
  }

  // ln(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = (m - 1)/(m + 1),
  // |s| <= 0.1716; twelve terms leave a truncation error below 1e-20.
  const double s = (mantissa - 1.0) / (mantissa + 1.0);
  const double s2 = s * s;
  double series = 0.0;
  for (int k = 23; k >= 1; k -= 2) {
    series = series * s2 + 1.0 / static_cast<double>(k);
  }
  const double log_mantissa = 2.0 * s * series;

  // ln 2 split into a high part with trailing zero bits and a correction,
  // so that exponent * ln2_high is exact for |exponent| < 2^11.
  constexpr double kLn2High = 6.93147180369123816490e-01;
  constexpr double kLn2Low = 1.90821492927058770002e-10;
  const double e = static_cast<double>(exponent);
  return e * kLn2High + (log_mantissa + e * kLn2Low);
}

GaussianSource::GaussianSource(std::uint64_t seed, std::uint64_t stream) {
  // Mix the stream in so that streams of one seed are unrelated.
  std::uint64_t mixer = seed ^ (0xD1B54A32D192ED03ull * (stream + 1));
  for (std::uint64_t& word : state_) {
    word = splitmix64(mixer);
  }
}

std::uint64_t GaussianSource::next_bits() {
  // xoshiro256** (Blackman and Vigna, 2018).
  const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotate_left(state_[3], 45);
  return result;
}

double GaussianSource::next_uniform() { return static_cast<double>(next_bits() >> 11) * 0x1.0p-53; }

std::pair<double, double> GaussianSource::next_pair() {
  while (true) {
    const double u = 2.0 * next_uniform() - 1.0;
    const double v = 2.0 * next_uniform() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) {
      const double factor = std::sqrt(-2.0 * portable_log(s) / s);
      return {u * factor, v * factor};
    }
  }
}

}  // namespace optiscope
