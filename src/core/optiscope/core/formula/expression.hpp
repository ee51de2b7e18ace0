#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace optiscope {

/// What a node of a parsed formula, or an instruction of a compiled one,
/// computes. The parser produces the leaves, the unary functions and the
/// binary operations; the compiler adds the forms with one constant operand
/// and `copy`.
enum class Operation : std::uint8_t {
  // Leaves.
  constant,
  variable_x,
  variable_y,
  // Unary operations: -u and the functions of one argument.
  negate,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  exp,
  log,
  log10,
  sqrt,
  abs,
  sigmoid,
  softplus,
  // Binary operations; pow(a, b) is `power`, min and max fold left.
  add,
  subtract,
  multiply,
  divide,
  power,
  minimum,
  maximum,
  // Compiled forms where one operand is the constant c.
  add_constant,            // u + c
  subtract_from_constant,  // c - u
  multiply_by_constant,    // c * u
  divide_by_constant,      // u / c
  divide_constant_by,      // c / u
  power_constant,          // u ^ c
  constant_power,          // c ^ u
  square,                  // u ^ 2, computed as u * u
  copy,                    // u, for a formula that is a bare variable
};

/// A byte range [begin, end) of the formula text.
struct TextSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// One node of a parsed formula.
struct ExpressionNode {
  Operation operation = Operation::constant;
  /// The number of a `constant` leaf.
  double constant = 0.0;
  /// Indices of the operands in Expression::nodes; -1 when absent.
  std::int32_t left = -1;
  std::int32_t right = -1;
  /// The text of this node, including the parentheses around it.
  TextSpan span;
};

/// A parsed formula. `nodes` is in post-order: every node comes after its
/// operands, and the last node is the root, so a compiler can walk the
/// vector front to back without recursion.
struct Expression {
  std::string text;
  std::vector<ExpressionNode> nodes;
};

/// The longest formula accepted, in bytes. It bounds the work of parsing
/// and compiling an input such as a fuzzer's.
inline constexpr std::size_t kMaxFormulaLength = 10'000;

/// The deepest nesting of parentheses, unary minus and powers accepted. It
/// keeps the recursive-descent parser far from the end of the stack, also
/// in WebAssembly where the stack is small.
inline constexpr int kMaxFormulaDepth = 200;

/// Parses a formula in x and y. Throws FormulaError naming the column and
/// what was expected there; docs/formulas.md lists the grammar.
Expression parse_expression(std::string_view text);

/// Parses a comma-separated list of formulas, such as a gradient
/// "8*x + 0.8*y, y + 0.8*x", optionally inside one pair of brackets. Commas
/// inside function calls do not split. Every expression keeps the whole text,
/// so that error carets point into it. Throws FormulaError.
std::vector<Expression> parse_expression_list(std::string_view text);

}  // namespace optiscope
