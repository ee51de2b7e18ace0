#include "formula/lexer.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include "optiscope/core/formula/formula_error.hpp"

namespace optiscope::formula_detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Returns the end of the number starting at `begin`: digits with an optional
// fraction and an optional exponent. An 'e' that no digit follows is not an
// exponent, so "2e" ends before the 'e'.
std::size_t scan_number(std::string_view text, std::size_t begin) {
  std::size_t i = begin;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) {
      ++j;
    }
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) {
        ++j;
      }
      i = j;
    }
  }
  return i;
}

// Common look-alikes pasted from documents, with what to type instead.
std::string replacement_hint(std::string_view character) {
  struct LookAlike {
    std::string_view character;
    std::string_view replacement;
  };
  static constexpr LookAlike kLookAlikes[] = {
      {"\u2212", "-"}, {"\u2013", "-"},  {"\u00D7", "*"},  {"\u00B7", "*"},  {"\u22C5", "*"},
      {"\u00F7", "/"}, {"\u00B2", "^2"}, {"\u00B3", "^3"}, {"\u03C0", "pi"}, {"\u221A", "sqrt("},
  };
  for (const LookAlike& look_alike : kLookAlikes) {
    if (look_alike.character == character) {
      return "; write '" + std::string(look_alike.replacement) + "' instead";
    }
  }
  return "; a formula uses numbers, x, y, + - * / ^ ** ( ) , and function names";
}

// Returns the UTF-8 character starting at `begin`, or the single byte when
// the text is not valid UTF-8 there.
std::string_view character_at(std::string_view text, std::size_t begin) {
  const auto lead = static_cast<unsigned char>(text[begin]);
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (begin + length > text.size()) {
    length = 1;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[begin + k]) & 0xC0) != 0x80) {
      return text.substr(begin, 1);
    }
  }
  return text.substr(begin, length);
}

[[noreturn]] void reject_character(std::string_view text, std::size_t begin) {
  const std::string_view character = character_at(text, begin);
  const auto byte = static_cast<unsigned char>(character.front());
  std::string shown;
  if (character.size() == 1 && (byte < 0x20 || byte >= 0x7F)) {
    constexpr char kHex[] = "0123456789abcdef";
    shown = std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
  } else {
    shown = "character '" + std::string(character) + "'";
  }
  throw FormulaError("unexpected " + shown + " at column " +
                         std::to_string(column_of(text, begin)) + replacement_hint(character),
                     text, begin);
}

Token number_token(std::string_view text, std::size_t begin) {
  const std::size_t end = scan_number(text, begin);
  Token token{TokenKind::number, begin, end, 0.0};
  const auto [ptr, error] = std::from_chars(text.data() + begin, text.data() + end, token.number);
  if (error != std::errc() || ptr != text.data() + end || !std::isfinite(token.number)) {
    throw FormulaError("number '" + std::string(text.substr(begin, end - begin)) + "' at column " +
                           std::to_string(column_of(text, begin)) +
                           " is out of the range of a double (about 2.2e-308 to 1.8e308)",
                       text, begin);
  }
  return token;
}

TokenKind operator_kind(char c) {
  switch (c) {
    case '+':
      return TokenKind::plus;
    case '-':
      return TokenKind::minus;
    case '*':
      return TokenKind::star;
    case '/':
      return TokenKind::slash;
    case '^':
      return TokenKind::caret;
    case '(':
      return TokenKind::left_paren;
    case ')':
      return TokenKind::right_paren;
    case ',':
      return TokenKind::comma;
    default:
      return TokenKind::end;
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
    } else if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      tokens.push_back(number_token(text, i));
      i = tokens.back().end;
    } else if (is_name_start(c)) {
      std::size_t end = i;
      while (end < text.size() && is_name_char(text[end])) {
        ++end;
      }
      tokens.push_back({TokenKind::name, i, end, 0.0});
      i = end;
    } else if (c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      tokens.push_back({TokenKind::caret, i, i + 2, 0.0});
      i += 2;
    } else if (const TokenKind kind = operator_kind(c); kind != TokenKind::end) {
      tokens.push_back({kind, i, i + 1, 0.0});
      ++i;
    } else {
      reject_character(text, i);
    }
  }
  tokens.push_back({TokenKind::end, text.size(), text.size(), 0.0});
  return tokens;
}

}  // namespace optiscope::formula_detail
