#pragma once

#include <cstdint>

namespace optiscope {

/// Advances `state` and returns the next output of splitmix64 (Steele, Lea
/// and Flood, "Fast splittable pseudorandom number generators", OOPSLA
/// 2014). Its sequence depends only on the seed, on every platform.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9E3779B97F4A7C15ull;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Returns a uniform double in [0, 1) from the top 53 bits of splitmix64.
inline double splitmix64_uniform(std::uint64_t& state) {
  return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
}

}  // namespace optiscope
