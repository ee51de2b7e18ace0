#include "portable_charconv.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace optiscope::web {
namespace {

// A decimal d.ddd x 10^exponent with its significant digits.
struct Decimal {
  std::string digits;
  int exponent = 0;
};

// Rounds the positive finite `value` to `precision` significant digits with
// printf, which rounds the exact binary value correctly.
Decimal nearest_decimal(double value, int precision) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
  Decimal decimal;
  const char* p = buffer;
  for (; *p != 'e'; ++p) {
    if (*p != '.') {
      decimal.digits += *p;
    }
  }
  decimal.exponent = std::atoi(p + 1);
  return decimal;
}

double read_back(const Decimal& decimal) {
  const std::string text =
      decimal.digits + "e" +
      std::to_string(decimal.exponent - static_cast<int>(decimal.digits.size()) + 1);
  return std::strtod(text.c_str(), nullptr);
}

// Moves the decimal one unit in its last digit up or down, carrying
// through nines and zeros; keeps the number of digits.
Decimal neighbour(Decimal decimal, bool up) {
  std::string& digits = decimal.digits;
  int i = static_cast<int>(digits.size()) - 1;
  if (up) {
    while (i >= 0 && digits[static_cast<std::size_t>(i)] == '9') {
      digits[static_cast<std::size_t>(i--)] = '0';
    }
    if (i < 0) {
      digits.insert(digits.begin(), '1');
      digits.pop_back();
      ++decimal.exponent;
    } else {
      ++digits[static_cast<std::size_t>(i)];
    }
  } else {
    while (i >= 0 && digits[static_cast<std::size_t>(i)] == '0') {
      digits[static_cast<std::size_t>(i--)] = '9';
    }
    if (i >= 0) {
      --digits[static_cast<std::size_t>(i)];
    }
    if (digits.front() == '0') {
      // 1000 went down to 0999: one digit fewer before the point.
      digits.erase(digits.begin());
      digits.push_back('9');
      --decimal.exponent;
    }
  }
  return decimal;
}

// Returns a `precision`-digit decimal that reads back to `value`, if any.
// The nearest one does, except sometimes at a power of two: there the gap
// to the next double below is half the gap above. Then the neighbour on
// the far side of `value` may read back while the nearest does not.
bool round_trips(double value, int precision, Decimal& found) {
  Decimal nearest = nearest_decimal(value, precision);
  const double back = read_back(nearest);
  if (back == value) {
    found = nearest;
    return true;
  }
  Decimal other = neighbour(nearest, back < value);
  if (read_back(other) == value) {
    found = other;
    return true;
  }
  return false;
}

// Finds the shortest decimal that reads back to the positive finite
// `value`. A precision that works makes every larger one work too, so a
// binary search over 1 to 17 digits finds the smallest.
Decimal shortest_decimal(double value) {
  int low = 1;
  int high = 17;
  Decimal best = nearest_decimal(value, 17);
  while (low < high) {
    const int middle = (low + high) / 2;
    Decimal candidate;
    if (round_trips(value, middle, candidate)) {
      best = candidate;
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  if (low == 17) {
    round_trips(value, 17, best);
  }
  // Trailing zeros carry no information; "%.*e" keeps them.
  while (best.digits.size() > 1 && best.digits.back() == '0') {
    best.digits.pop_back();
  }
  return best;
}

std::string scientific(const Decimal& decimal) {
  std::string text(1, decimal.digits.front());
  if (decimal.digits.size() > 1) {
    text += '.';
    text += decimal.digits.substr(1);
  }
  text += decimal.exponent < 0 ? "e-" : "e+";
  const int magnitude = std::abs(decimal.exponent);
  if (magnitude < 10) {
    text += '0';
  }
  return text + std::to_string(magnitude);
}

std::string fixed(const Decimal& decimal) {
  const int count = static_cast<int>(decimal.digits.size());
  if (decimal.exponent < 0) {
    return "0." + std::string(static_cast<std::size_t>(-decimal.exponent - 1), '0') +
           decimal.digits;
  }
  if (decimal.exponent >= count - 1) {
    return decimal.digits +
           std::string(static_cast<std::size_t>(decimal.exponent - count + 1), '0');
  }
  const auto point = static_cast<std::size_t>(decimal.exponent + 1);
  return decimal.digits.substr(0, point) + "." + decimal.digits.substr(point);
}

std::to_chars_result copy_out(char* first, char* last, const std::string& text) {
  if (static_cast<std::size_t>(last - first) < text.size()) {
    return {last, std::errc::value_too_large};
  }
  std::memcpy(first, text.data(), text.size());
  return {first + text.size(), std::errc()};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Matches `word` case-insensitively at [p, last).
bool starts_with_word(const char* p, const char* last, const char* word) {
  const std::size_t length = std::strlen(word);
  if (static_cast<std::size_t>(last - p) < length) {
    return false;
  }
  for (std::size_t i = 0; i < length; ++i) {
    if ((p[i] | 0x20) != word[i]) {
      return false;
    }
  }
  return true;
}

// Returns the end of the longest prefix of [p, last) that from_chars
// accepts as a number after the sign, or p when there is none.
const char* scan_number(const char* p, const char* last) {
  if (starts_with_word(p, last, "infinity")) {
    return p + 8;
  }
  if (starts_with_word(p, last, "inf")) {
    return p + 3;
  }
  if (starts_with_word(p, last, "nan")) {
    const char* end = p + 3;
    if (end != last && *end == '(') {
      const char* close = end + 1;
      while (close != last && (is_digit(*close) ||
                               std::isalpha(static_cast<unsigned char>(*close)) || *close == '_')) {
        ++close;
      }
      if (close != last && *close == ')') {
        return close + 1;
      }
    }
    return end;
  }
  const char* q = p;
  bool any_digit = false;
  while (q != last && is_digit(*q)) {
    ++q;
    any_digit = true;
  }
  if (q != last && *q == '.') {
    ++q;
    while (q != last && is_digit(*q)) {
      ++q;
      any_digit = true;
    }
  }
  if (!any_digit) {
    return p;
  }
  if (q != last && (*q == 'e' || *q == 'E')) {
    const char* e = q + 1;
    if (e != last && (*e == '+' || *e == '-')) {
      ++e;
    }
    if (e != last && is_digit(*e)) {
      while (e != last && is_digit(*e)) {
        ++e;
      }
      q = e;
    }
  }
  return q;
}

}  // namespace

std::to_chars_result to_chars_shortest(char* first, char* last, double value) {
  std::string text = std::signbit(value) ? "-" : "";
  const double magnitude = std::fabs(value);
  if (std::isnan(value)) {
    text += "nan";
  } else if (std::isinf(value)) {
    text += "inf";
  } else if (magnitude == 0.0) {
    text += "0";
  } else {
    const Decimal decimal = shortest_decimal(magnitude);
    std::string in_fixed = fixed(decimal);
    const std::string in_scientific = scientific(decimal);
    if (in_scientific.size() < in_fixed.size()) {
      text += in_scientific;
    } else {
      if (decimal.exponent >= static_cast<int>(decimal.digits.size()) - 1) {
        // An integer in fixed notation: libstdc++ prints its exact digits,
        // not the shortest digits padded with zeros, and so does "%.0f".
        // They differ only above 2^53, where doubles are sparser than 1.
        char buffer[400];
        std::snprintf(buffer, sizeof buffer, "%.0f", magnitude);
        in_fixed = buffer;
      }
      text += in_fixed;
    }
  }
  return copy_out(first, last, text);
}

std::to_chars_result to_chars_precision(char* first, char* last, double value,
                                        std::chars_format format, int precision) {
  const char* pattern = "%.*g";
  if (format == std::chars_format::fixed) {
    pattern = "%.*f";
  } else if (format == std::chars_format::scientific) {
    pattern = "%.*e";
  } else if (format == std::chars_format::hex) {
    pattern = "%.*a";
  }
  // 1e308 in fixed notation has 309 digits before the point.
  char buffer[1100];
  const int length = std::snprintf(buffer, sizeof buffer, pattern, precision, value);
  if (length < 0 || static_cast<std::size_t>(length) >= sizeof buffer) {
    return {last, std::errc::value_too_large};
  }
  return copy_out(first, last, std::string(buffer, static_cast<std::size_t>(length)));
}

std::from_chars_result from_chars_decimal(const char* first, const char* last, double& value) {
  const char* p = first;
  if (p != last && *p == '-') {
    ++p;
  }
  const char* end = scan_number(p, last);
  if (end == p) {
    return {first, std::errc::invalid_argument};
  }
  const std::string text(first, end);
  errno = 0;
  const double parsed = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE && (std::isinf(parsed) || parsed == 0.0)) {
    return {end, std::errc::result_out_of_range};
  }
  value = parsed;
  return {end, std::errc()};
}

}  // namespace optiscope::web
