#pragma once

#include <charconv>
#include <string>

#include "optiscope/core/error.hpp"

namespace optiscope::cli {

/// Parses the whole number `text` given for `option` and checks that it lies
/// within [low, high]. Throws UsageError naming the option, the text, the
/// range and `example`.
template <typename Integer>
Integer parse_whole(const std::string& option, const std::string& text, Integer low, Integer high,
                    const std::string& example) {
  Integer value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw UsageError(option + " '" + text + "' is invalid; it must be a whole number from " +
                     std::to_string(low) + " to " + std::to_string(high) + ", such as " + example);
  }
  return value;
}

}  // namespace optiscope::cli
