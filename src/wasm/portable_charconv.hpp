#pragma once

#include <charconv>

namespace optiscope::web {

// Floating-point std::to_chars and std::from_chars written with snprintf and
// strtod, for the C++ library of Emscripten 3.1.6 (libc++ 14), which lacks
// them. Each function returns what the C++17 function of the same shape
// returns, so the WebAssembly build prints the same CSV bytes as the native
// one. Emscripten's C library (musl) rounds both snprintf and strtod
// correctly, which the shortest form depends on.

/// std::to_chars(first, last, value): the shortest decimal that reads back
/// to `value`, in fixed or scientific notation, whichever is shorter (fixed
/// on a tie), such as "0.08", "1e-08" or "-0".
std::to_chars_result to_chars_shortest(char* first, char* last, double value);

/// std::to_chars(first, last, value, format, precision), which the C++
/// standard defines as printf's "%.*g", "%.*f", "%.*e" or "%.*a".
std::to_chars_result to_chars_precision(char* first, char* last, double value,
                                        std::chars_format format, int precision);

/// std::from_chars(first, last, value) in the general format: an optional
/// '-', decimal digits with an optional point and exponent, or inf,
/// infinity and nan in any case; no leading '+' or whitespace, no hex.
std::from_chars_result from_chars_decimal(const char* first, const char* last, double& value);

}  // namespace optiscope::web
