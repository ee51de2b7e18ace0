#pragma once

// The tokens of a formula. Internal to the formula parser.

#include <cstddef>
#include <string_view>
#include <vector>

namespace optiscope::formula_detail {

enum class TokenKind {
  number,
  name,
  plus,
  minus,
  star,
  slash,
  caret,  // ^ or **
  left_paren,
  right_paren,
  comma,
  end,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::size_t begin = 0;
  std::size_t end = 0;
  double number = 0.0;
};

/// Splits `text` into tokens, ending with one `end` token. Throws
/// FormulaError for a character no token starts with and for a number that
/// a double cannot hold.
std::vector<Token> tokenize(std::string_view text);

}  // namespace optiscope::formula_detail
