#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "formula/lexer.hpp"
#include "optiscope/core/formula/expression.hpp"
#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/formula/functions.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope {
namespace {

using formula_detail::Token;
using formula_detail::TokenKind;

constexpr std::string_view kOperandExpected = "expected a number, x, y, a function or '('";

bool starts_operand(TokenKind kind) {
  return kind == TokenKind::number || kind == TokenKind::name || kind == TokenKind::left_paren;
}

// A recursive-descent parser over the token list, one function per
// precedence level:
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary (('^' | '**') unary)?
//   primary := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
// The exponent of a power is a unary, so ^ is right-associative, -x^2 is
// -(x^2) and 2^-x is allowed.
class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  // Parses one expression that ends at a token of kind `terminator` (end of
  // the text, or a comma in a list) and returns it.
  Expression parse_until(bool stop_at_comma) {
    nodes_.clear();
    if (peek().kind == TokenKind::end && position_ == 0) {
      fail("the formula is empty; write an expression in x and y, such as x^2 + y^2", peek().begin);
    }
    parse_sum();
    const Token& next = peek();
    if (next.kind != TokenKind::end && !(stop_at_comma && next.kind == TokenKind::comma)) {
      reject_after_operand(next, nullptr);
    }
    return {std::string(text_), std::move(nodes_)};
  }

  // Consumes a comma between list items; returns false at the end.
  bool next_item() {
    if (peek().kind == TokenKind::comma) {
      ++position_;
      return true;
    }
    return false;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& take() { return tokens_[position_++]; }

  std::string token_text(const Token& token) const {
    return std::string(text_.substr(token.begin, token.end - token.begin));
  }
  std::string column(std::size_t offset) const { return std::to_string(column_of(text_, offset)); }

  [[noreturn]] void fail(const std::string& reason, std::size_t offset) const {
    throw FormulaError(reason, text_, offset);
  }

  std::int32_t add_node(ExpressionNode node) {
    nodes_.push_back(node);
    return static_cast<std::int32_t>(nodes_.size() - 1);
  }

  std::int32_t add_binary(Operation operation, std::int32_t left, std::int32_t right) {
    return add_node(
        {operation, 0.0, left, right, {nodes_[left].span.begin, nodes_[right].span.end}});
  }

  // Reports the token that follows a complete operand where an operator,
  // or the ')' of `open_paren`, was expected.
  [[noreturn]] void reject_after_operand(const Token& token, const Token* open_paren) const {
    if (token.kind == TokenKind::end) {
      fail("missing ')' opened at column " + column(open_paren->begin), token.begin);
    }
    if (starts_operand(token.kind)) {
      fail("missing operator before '" + token_text(token) + "' at column " + column(token.begin) +
               "; write '*' for a product, such as 2*x",
           token.begin);
    }
    if (token.kind == TokenKind::right_paren) {
      fail("unmatched ')' at column " + column(token.begin) + "; no '(' is open", token.begin);
    }
    fail("unexpected ',' at column " + column(token.begin) +
             "; commas separate the arguments of functions such as pow(x, 2)",
         token.begin);
  }

  [[noreturn]] void reject_operand(const Token& token) const {
    if (token.kind == TokenKind::end) {
      const Token& previous = tokens_[position_ - 1];
      fail("the formula ends after '" + token_text(previous) + "' at column " +
               column(previous.begin) + "; " + std::string(kOperandExpected),
           token.begin);
    }
    fail("unexpected '" + token_text(token) + "' at column " + column(token.begin) + "; " +
             std::string(kOperandExpected),
         token.begin);
  }

  void parse_sum() {
    std::int32_t left = parse_product();
    while (peek().kind == TokenKind::plus || peek().kind == TokenKind::minus) {
      const Operation operation =
          take().kind == TokenKind::plus ? Operation::add : Operation::subtract;
      const std::int32_t right = parse_product();
      left = add_binary(operation, left, right);
    }
  }

  std::int32_t parse_product() {
    std::int32_t left = parse_unary();
    while (peek().kind == TokenKind::star || peek().kind == TokenKind::slash) {
      const Operation operation =
          take().kind == TokenKind::star ? Operation::multiply : Operation::divide;
      const std::int32_t right = parse_unary();
      left = add_binary(operation, left, right);
    }
    return left;
  }

  // Every recursive cycle of the grammar passes through here, so this is
  // where the nesting depth is counted.
  std::int32_t parse_unary() {
    if (++depth_ > kMaxFormulaDepth) {
      fail("the formula nests more than " + std::to_string(kMaxFormulaDepth) +
               " levels deep at column " + column(peek().begin) + "; simplify it",
           peek().begin);
    }
    std::int32_t result = 0;
    const Token& token = peek();
    if (token.kind == TokenKind::minus || token.kind == TokenKind::plus) {
      take();
      const std::int32_t operand = parse_unary();
      result =
          token.kind == TokenKind::plus
              ? operand
              : add_node({Operation::negate,
                          0.0,
                          operand,
                          -1,
                          {static_cast<std::uint32_t>(token.begin), nodes_[operand].span.end}});
    } else {
      result = parse_power();
    }
    --depth_;
    return result;
  }

  std::int32_t parse_power() {
    const std::int32_t base = parse_primary();
    if (peek().kind != TokenKind::caret) {
      return base;
    }
    take();
    const std::int32_t exponent = parse_unary();
    return add_binary(Operation::power, base, exponent);
  }

  std::int32_t parse_primary() {
    const Token& token = peek();
    if (token.kind == TokenKind::number) {
      take();
      return add_node({Operation::constant, token.number, -1, -1, span_of(token)});
    }
    if (token.kind == TokenKind::left_paren) {
      return parse_parenthesized();
    }
    if (token.kind == TokenKind::name) {
      take();
      if (peek().kind == TokenKind::left_paren && !is_value_name(token_text(token))) {
        return parse_call(token);
      }
      return parse_name(token);
    }
    reject_operand(token);
  }

  std::int32_t parse_parenthesized() {
    const Token& open = take();
    parse_sum();
    const std::int32_t inner = static_cast<std::int32_t>(nodes_.size() - 1);
    if (peek().kind != TokenKind::right_paren) {
      reject_after_operand(peek(), &open);
    }
    const Token& close = take();
    nodes_[inner].span = {static_cast<std::uint32_t>(open.begin),
                          static_cast<std::uint32_t>(close.end)};
    return inner;
  }

  static bool is_value_name(const std::string& name) {
    return name == "x" || name == "y" || name == "pi" || name == "e";
  }

  static TextSpan span_of(const Token& token) {
    return {static_cast<std::uint32_t>(token.begin), static_cast<std::uint32_t>(token.end)};
  }

  std::int32_t parse_name(const Token& token) {
    const std::string name = token_text(token);
    if (name == "x" || name == "y") {
      return add_node({name == "x" ? Operation::variable_x : Operation::variable_y, 0.0, -1, -1,
                       span_of(token)});
    }
    if (name == "pi" || name == "e") {
      const double value = name == "pi" ? 3.141592653589793 : 2.718281828459045;
      return add_node({Operation::constant, value, -1, -1, span_of(token)});
    }
    if (const FormulaFunction* function = find_formula_function(name)) {
      fail("function '" + name + "' at column " + column(token.begin) +
               " needs parentheses around its arguments, such as " + std::string(function->usage),
           token.begin);
    }
    reject_unknown_name(name, token);
  }

  [[noreturn]] void reject_unknown_name(const std::string& name, const Token& token) const {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::optional<std::string> suggestion;
    if (lower != name && (is_value_name(lower) || find_formula_function(lower) != nullptr)) {
      suggestion = lower;
    } else {
      suggestion = closest_match(name, {"x", "y", "pi", "e"});
    }
    std::string reason = "unexpected variable '" + name + "'; a surface uses x and y";
    if (suggestion) {
      reason += "; did you mean '" + *suggestion + "'?";
    }
    fail(reason, token.begin);
  }

  std::int32_t parse_call(const Token& name_token) {
    const std::string name = token_text(name_token);
    const FormulaFunction* function = find_formula_function(name);
    if (function == nullptr) {
      reject_unknown_function(name, name_token);
    }
    const Token& open = take();
    std::vector<std::int32_t> arguments;
    if (peek().kind != TokenKind::right_paren) {
      while (true) {
        parse_sum();
        arguments.push_back(static_cast<std::int32_t>(nodes_.size() - 1));
        if (peek().kind == TokenKind::comma) {
          take();
          continue;
        }
        if (peek().kind != TokenKind::right_paren) {
          reject_after_operand(peek(), &open);
        }
        break;
      }
    }
    const Token& close = take();
    check_arity(*function, arguments.size(), name_token);

    const TextSpan span{static_cast<std::uint32_t>(name_token.begin),
                        static_cast<std::uint32_t>(close.end)};
    std::int32_t result = arguments[0];
    if (function->arity == 1) {
      result = add_node({function->operation, 0.0, result, -1, span});
    }
    // Variadic min and max fold left: min(a, b, c) is min(min(a, b), c).
    for (std::size_t k = 1; k < arguments.size(); ++k) {
      result = add_node({function->operation, 0.0, result, arguments[k], span});
    }
    return result;
  }

  void check_arity(const FormulaFunction& function, std::size_t count, const Token& name) const {
    const auto arity = static_cast<std::size_t>(function.arity);
    if (count == arity || (function.variadic && count > arity)) {
      return;
    }
    const std::string expected = std::to_string(arity) + (function.variadic ? " or more" : "") +
                                 (arity == 1 && !function.variadic ? " argument" : " arguments");
    fail("function '" + std::string(function.name) + "' at column " + column(name.begin) +
             " takes " + expected + ", not " + std::to_string(count) + "; write " +
             std::string(function.usage),
         name.begin);
  }

  [[noreturn]] void reject_unknown_function(const std::string& name, const Token& token) const {
    std::vector<std::string> names;
    for (const FormulaFunction& function : formula_functions()) {
      names.emplace_back(function.name);
    }
    std::string reason = "unknown function '" + name + "' at column " + column(token.begin);
    if (const auto suggestion = closest_match(name, names)) {
      reason += "; did you mean '" + *suggestion + "'?";
    } else {
      reason += "; valid functions: " + join(names, ", ");
    }
    fail(reason, token.begin);
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t position_ = 0;
  std::vector<ExpressionNode> nodes_;
  int depth_ = 0;
};

void check_length(std::string_view text) {
  if (text.size() > kMaxFormulaLength) {
    throw UsageError("the formula has " + std::to_string(text.size()) +
                     " characters; the limit is " + std::to_string(kMaxFormulaLength) +
                     ", so shorten it");
  }
}

}  // namespace

Expression parse_expression(std::string_view text) {
  check_length(text);
  Parser parser(text, formula_detail::tokenize(text));
  return parser.parse_until(false);
}

std::vector<Expression> parse_expression_list(std::string_view text) {
  check_length(text);
  // Blank out one pair of enclosing brackets, keeping every offset.
  std::string unbracketed(text);
  const std::size_t first = unbracketed.find_first_not_of(" \t\r\n");
  const std::size_t last = unbracketed.find_last_not_of(" \t\r\n");
  if (first != std::string::npos && unbracketed[first] == '[' && unbracketed[last] == ']' &&
      first != last) {
    unbracketed[first] = ' ';
    unbracketed[last] = ' ';
  }

  Parser parser(text, formula_detail::tokenize(unbracketed));
  std::vector<Expression> expressions;
  do {
    expressions.push_back(parser.parse_until(true));
  } while (parser.next_item());
  return expressions;
}

}  // namespace optiscope
