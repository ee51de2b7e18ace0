#include "optiscope/core/formula/formula_error.hpp"

namespace optiscope {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Copies the formula for display: control characters and bytes that do not
// start a printable character become '?', so that the terminal shows one
// cell per column and the caret lines up.
std::string printable(std::string_view formula) {
  std::string shown;
  for (char c : formula) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      shown += c == '\t' ? ' ' : '?';
    } else {
      shown += c;
    }
  }
  return shown;
}

std::string compose_message(const std::string& reason, std::string_view formula,
                            std::size_t column) {
  return reason + "\n  " + printable(formula) + "\n  " + std::string(column - 1, ' ') + "^";
}

}  // namespace

std::size_t column_of(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (!is_continuation_byte(text[i])) {
      ++column;
    }
  }
  // An offset inside a character points at that character. A stray
  // continuation byte at the start has no character before it.
  if (column > 1 && offset < text.size() && is_continuation_byte(text[offset])) {
    --column;
  }
  return column;
}

FormulaError::FormulaError(std::string reason, std::string_view formula, std::size_t offset)
    : UsageError(compose_message(reason, formula, column_of(formula, offset))),
      reason_(std::move(reason)),
      column_(column_of(formula, offset)) {}

}  // namespace optiscope
