#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "optiscope/core/formula/expression.hpp"
#include "optiscope/core/vec2.hpp"

namespace optiscope {

/// One step of a compiled formula: result = operation(left, right) on
/// registers, or operation(left, constant) for the forms with a constant.
/// Registers 0 and 1 hold x and y.
struct Instruction {
  Operation operation = Operation::copy;
  std::uint32_t result = 0;
  std::uint32_t left = 0;
  /// Equal to `left` for operations of one operand.
  std::uint32_t right = 0;
  double constant = 0.0;
  /// The formula text this instruction computes, and the text of its
  /// register operands, for messages.
  TextSpan span;
  TextSpan left_span;
  TextSpan right_span;
};

/// A formula's value with its exact gradient and Hessian at one point.
struct FormulaDerivatives {
  double value = 0.0;
  Vec2 gradient;
  SymmetricMatrix2 hessian;
};

/// A formula compiled to a flat list of instructions over registers, which
/// is evaluated with second-order forward-mode automatic differentiation.
///
/// Compiling walks the parsed formula once. It folds sub-expressions without
/// x and y into constants and turns an operation with one constant operand
/// into a single instruction (x^2 becomes `square`, 100*u becomes
/// `multiply_by_constant`). Evaluation runs the list front to back; batched
/// calls run each instruction over a block of points at a time, so the
/// dispatch cost is shared and the arithmetic vectorizes.
class FormulaProgram {
 public:
  /// Compiles a parsed formula. Throws FormulaError when a constant
  /// sub-expression is not finite, such as log(-1) or 1/0.
  explicit FormulaProgram(const Expression& expression);

  double value(Vec2 p) const;
  Vec2 gradient(Vec2 p) const;
  FormulaDerivatives derivatives(Vec2 p) const;

  /// Evaluates the value at every point; `values` has the size of `points`.
  void values(std::span<const Vec2> points, std::span<double> values) const;

  /// Evaluates the value and gradient at every point.
  void values_and_gradients(std::span<const Vec2> points, std::span<double> values,
                            std::span<Vec2> gradients) const;

  /// Names the first instruction whose value or gradient is not finite at
  /// `p` although its operands are, with its text, the column and the
  /// operand values. Returns an empty string when everything is finite or
  /// `p` itself is not.
  std::string explain_non_finite(Vec2 p) const;

  const std::vector<Instruction>& instructions() const { return instructions_; }
  std::uint32_t register_count() const { return register_count_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<Instruction> instructions_;
  std::uint32_t register_count_ = 2;
};

}  // namespace optiscope
