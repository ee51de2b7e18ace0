#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optiscope {

/// Returns the edit distance between two strings, counting an insertion,
/// deletion, substitution or swap of adjacent characters as one edit
/// (optimal string alignment distance), so "adma" is one edit from "adam".
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Returns the candidate closest to `word` when it is close enough to be a
/// likely typo (at most 2 edits, and fewer edits than half the word).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// Formats a double in the shortest form that reads back to the same value,
/// such as "0.08" or "1e-08".
std::string format_shortest(double value);

/// Rounds `value` to `digits` significant decimal digits (1 to 17), such as
/// 0.031622776601683794 to 0.03162 for 4, with correct rounding on every
/// platform.
double round_to_significant_digits(double value, int digits);

/// Joins strings with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace optiscope
