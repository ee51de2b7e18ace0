// The WebAssembly build prints numbers with portable_charconv because its
// C++ library lacks floating-point to_chars; the page's CSV matches the
// command line's only if both print the same digits. These tests compare
// the portable functions with the native std::to_chars and std::from_chars.

#include "portable_charconv.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using optiscope::web::from_chars_decimal;
using optiscope::web::to_chars_precision;
using optiscope::web::to_chars_shortest;

std::string native_shortest(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string portable_shortest(double value) {
  char buffer[64];
  const auto result = to_chars_shortest(buffer, buffer + sizeof buffer, value);
  EXPECT_EQ(result.ec, std::errc());
  return std::string(buffer, result.ptr);
}

std::vector<double> edge_values() {
  std::vector<double> values = {0.0,
                                -0.0,
                                0.08,
                                1e-8,
                                0.1,
                                0.2,
                                0.3,
                                1.0 / 3.0,
                                2.2,
                                -2.0,
                                17.840000000000003,
                                100.0,
                                123456.0,
                                1e15,
                                1e16,
                                1e21,
                                1e22,
                                1e23,
                                9007199254740993.0,
                                1234567890123456789.0,
                                5e-324,
                                2.2250738585072014e-308,
                                std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::min(),
                                std::numeric_limits<double>::epsilon(),
                                0.0001,
                                0.001,
                                1e-5,
                                12345.678,
                                9.999999999999999e22};
  for (int exponent = -1074; exponent <= 1023; ++exponent) {
    values.push_back(std::ldexp(1.0, exponent));
  }
  for (int power = -20; power <= 25; ++power) {
    values.push_back(std::pow(10.0, power));
    values.push_back(3.0 * std::pow(10.0, power));
  }
  return values;
}

TEST(PortableCharconv, ShortestMatchesEdgeValues) {
  for (double value : edge_values()) {
    EXPECT_EQ(portable_shortest(value), native_shortest(value))
        << "value " << native_shortest(value);
    EXPECT_EQ(portable_shortest(-value), native_shortest(-value));
  }
}

TEST(PortableCharconv, ShortestMatchesRandomBits) {
  std::mt19937_64 random(42);
  for (int i = 0; i < 100000; ++i) {
    const double value = std::bit_cast<double>(random());
    if (!std::isfinite(value)) {
      continue;
    }
    ASSERT_EQ(portable_shortest(value), native_shortest(value))
        << "bits " << std::hex << std::bit_cast<std::uint64_t>(value);
  }
}

TEST(PortableCharconv, ShortestMatchesComputedValues) {
  // Values like those in a trajectory: products and sums of short decimals.
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(-1000.0, 1000.0);
  std::uniform_int_distribution<int> digits(0, 6);
  for (int i = 0; i < 100000; ++i) {
    const double scale = std::pow(10.0, digits(random));
    const double value = std::round(uniform(random) * scale) / scale;
    ASSERT_EQ(portable_shortest(value), native_shortest(value));
    const double product = value * 0.08 + 1e-3;
    ASSERT_EQ(portable_shortest(product), native_shortest(product));
  }
}

TEST(PortableCharconv, NonFinite) {
  EXPECT_EQ(portable_shortest(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(portable_shortest(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(portable_shortest(std::numeric_limits<double>::quiet_NaN()), "nan");
}

TEST(PortableCharconv, ShortBufferReportsTooLarge) {
  char buffer[3];
  EXPECT_EQ(to_chars_shortest(buffer, buffer + sizeof buffer, 0.125).ec,
            std::errc::value_too_large);
}

TEST(PortableCharconv, PrecisionMatchesNative) {
  for (double value : {0.0, 1.0, 8.0899, 0.1, 123456.789, 1e-7, 1e22, -3.25}) {
    for (int precision : {1, 3, 6, 12, 17}) {
      for (auto format :
           {std::chars_format::general, std::chars_format::fixed, std::chars_format::scientific}) {
        char native[1100];
        char portable[1100];
        const auto n = std::to_chars(native, native + sizeof native, value, format, precision);
        const auto p =
            to_chars_precision(portable, portable + sizeof portable, value, format, precision);
        EXPECT_EQ(std::string(portable, p.ptr), std::string(native, n.ptr))
            << value << " precision " << precision;
      }
    }
  }
}

TEST(PortableCharconv, ParsesLikeFromChars) {
  const std::vector<std::string> inputs = {
      "0",   "-0",   "0.08",      "1e-8",   "1E+3",
      "2.",  ".5",   "-.5e1",     "12abc",  "1e",
      "1e+", "inf",  "-Infinity", "nan",    "NaN(123)",
      "+1",  " 1",   "",          "-",      ".",
      "e5",  "0x10", "1e400",     "1e-400", "123456789012345678901234567890"};
  for (const std::string& input : inputs) {
    double native = -1.0;
    double portable = -1.0;
    const auto n = std::from_chars(input.data(), input.data() + input.size(), native);
    const auto p = from_chars_decimal(input.data(), input.data() + input.size(), portable);
    EXPECT_EQ(p.ec, n.ec) << "input '" << input << "'";
    EXPECT_EQ(p.ptr - input.data(), n.ptr - input.data()) << "input '" << input << "'";
    if (n.ec == std::errc() && !std::isnan(native)) {
      EXPECT_EQ(portable, native) << "input '" << input << "'";
    }
  }
}

}  // namespace
