#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "optiscope/core/error.hpp"

namespace optiscope {

/// A formula that cannot be parsed or compiled. what() is the reason on its
/// first line, then the formula and a caret under the offending column:
///
///     unknown function 'sinn' at column 1; did you mean 'sin'?
///       sinn(x)
///       ^
class FormulaError : public UsageError {
 public:
  /// `offset` is the byte offset of the offending character in `formula`.
  FormulaError(std::string reason, std::string_view formula, std::size_t offset);

  /// The first line of the message, without the formula and caret.
  const std::string& reason() const { return reason_; }
  /// The 1-based column of the offending character, counted in UTF-8
  /// characters.
  std::size_t column() const { return column_; }

 private:
  std::string reason_;
  std::size_t column_;
};

/// Returns the 1-based column of byte `offset` in `text`, counting UTF-8
/// characters so that a caret lines up under non-ASCII text.
std::size_t column_of(std::string_view text, std::size_t offset);

}  // namespace optiscope
