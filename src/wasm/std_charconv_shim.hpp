#pragma once

// Force-included into every core source of the WebAssembly build. libc++ 14
// in Emscripten 3.1.6 declares no floating-point std::to_chars or
// std::from_chars, so core, which uses them to print and read numbers, does
// not compile. These overloads fill the gap with portable_charconv.
//
// NOTE: declaring functions in namespace std is formally undefined; it is
// confined to this build and to overloads the library does not declare.
// Remove the shim once Emscripten's libc++ has them (LLVM 20 and later).

#include <charconv>

#include "portable_charconv.hpp"

namespace std {

inline to_chars_result to_chars(char* first, char* last, double value) {
  return optiscope::web::to_chars_shortest(first, last, value);
}

inline to_chars_result to_chars(char* first, char* last, double value, chars_format format,
                                int precision) {
  return optiscope::web::to_chars_precision(first, last, value, format, precision);
}

inline from_chars_result from_chars(const char* first, const char* last, double& value,
                                    chars_format = chars_format::general) {
  return optiscope::web::from_chars_decimal(first, last, value);
}

}  // namespace std
