#include <cmath>
#include <optional>
#include <vector>

#include "formula/diagnostics.hpp"
#include "formula/jet.hpp"
#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/formula/program.hpp"

namespace optiscope {
namespace {

using formula_detail::Jet;

// A value on the compile stack: a constant known at compile time or a
// register. Registers 0 and 1 hold x and y and are never freed.
struct Operand {
  std::optional<double> constant;
  std::uint32_t reg = 0;
  TextSpan span;
};

constexpr std::uint32_t kFirstTemporary = 2;

bool is_unary(Operation operation) {
  return operation >= Operation::negate && operation <= Operation::softplus;
}

class Compiler {
 public:
  Compiler(const Expression& expression, std::vector<Instruction>& instructions)
      : expression_(expression), instructions_(instructions) {}

  // Compiles every node and returns the register of the result and the
  // number of registers used.
  std::pair<std::uint32_t, std::uint32_t> run() {
    for (const ExpressionNode& node : expression_.nodes) {
      compile(node);
    }
    const Operand root = pop();
    std::uint32_t result = 0;
    if (root.constant) {
      result = emit(Operation::constant, root, root, *root.constant, root.span);
    } else if (root.reg < kFirstTemporary) {
      result = emit(Operation::copy, root, root, 0.0, root.span);
    } else {
      result = root.reg;
    }
    return {result, static_cast<std::uint32_t>(in_use_.size())};
  }

 private:
  Operand pop() {
    Operand operand = stack_.back();
    stack_.pop_back();
    return operand;
  }

  void compile(const ExpressionNode& node) {
    using enum Operation;
    switch (node.operation) {
      case constant:
        stack_.push_back({node.constant, 0, node.span});
        return;
      case variable_x:
      case variable_y:
        stack_.push_back({std::nullopt, node.operation == variable_x ? 0u : 1u, node.span});
        return;
      default:
        break;
    }
    if (is_unary(node.operation)) {
      const Operand operand = pop();
      if (operand.constant) {
        push_folded(node, operand, operand);
      } else {
        push_register(emit(node.operation, operand, operand, 0.0, node.span), node.span);
      }
      return;
    }
    const Operand right = pop();
    const Operand left = pop();
    compile_binary(node, left, right);
  }

  void compile_binary(const ExpressionNode& node, const Operand& left, const Operand& right) {
    using enum Operation;
    const Operation operation = node.operation;
    if (left.constant && right.constant) {
      push_folded(node, left, right);
      return;
    }
    if (operation == minimum || operation == maximum) {
      const Operand a = materialize(left);
      const Operand b = materialize(right);
      push_register(emit(operation, a, b, 0.0, node.span), node.span);
      return;
    }
    if (right.constant) {
      compile_constant_right(node, left, *right.constant);
      return;
    }
    if (left.constant) {
      compile_constant_left(node, *left.constant, right);
      return;
    }
    push_register(emit(operation, left, right, 0.0, node.span), node.span);
  }

  // u op c. Subtracting c adds -c, which IEEE arithmetic computes exactly
  // as u - c.
  void compile_constant_right(const ExpressionNode& node, const Operand& u, double c) {
    using enum Operation;
    Operation form = add_constant;
    switch (node.operation) {
      case add:
        break;
      case subtract:
        c = -c;
        break;
      case multiply:
        form = multiply_by_constant;
        break;
      case divide:
        if (c == 0.0) {
          throw FormulaError("division by zero at column " +
                                 std::to_string(column_of(expression_.text, node.span.begin)) +
                                 "; the divisor is the constant 0",
                             expression_.text, node.span.begin);
        }
        form = divide_by_constant;
        break;
      default:  // power
        if (c == 1.0) {
          stack_.push_back({std::nullopt, u.reg, node.span});
          return;
        }
        if (c == 0.0) {
          // pow(u, 0) is 1 for every u, even NaN.
          release(u);
          stack_.push_back({1.0, 0, node.span});
          return;
        }
        form = c == 2.0 ? square : power_constant;
        break;
    }
    push_register(emit(form, u, u, c, node.span), node.span);
  }

  // c op u.
  void compile_constant_left(const ExpressionNode& node, double c, const Operand& u) {
    using enum Operation;
    Operation form = add_constant;
    switch (node.operation) {
      case add:
        break;
      case subtract:
        form = subtract_from_constant;
        break;
      case multiply:
        form = multiply_by_constant;
        break;
      case divide:
        form = divide_constant_by;
        break;
      default:  // power
        form = constant_power;
        break;
    }
    push_register(emit(form, u, u, c, node.span), node.span);
  }

  // Evaluates an operation of constants now, with the same arithmetic the
  // evaluator uses, and rejects a result that is not finite.
  void push_folded(const ExpressionNode& node, const Operand& left, const Operand& right) {
    const Jet a{*left.constant};
    const Jet b{*right.constant};
    const Jet result = formula_detail::apply<0>(node.operation, a, b, 0.0);
    if (!std::isfinite(result.value)) {
      Instruction folded{node.operation, 0, 0, 0, 0.0, node.span, left.span, right.span};
      throw FormulaError(
          formula_detail::describe_non_finite(expression_.text, folded, result, a, b),
          expression_.text, node.span.begin);
    }
    stack_.push_back({result.value, 0, node.span});
  }

  // Loads a constant operand into a register for an operation that has no
  // form with a constant operand.
  Operand materialize(const Operand& operand) {
    if (!operand.constant) {
      return operand;
    }
    return {std::nullopt,
            emit(Operation::constant, operand, operand, *operand.constant, operand.span),
            operand.span};
  }

  void push_register(std::uint32_t reg, TextSpan span) {
    stack_.push_back({std::nullopt, reg, span});
  }

  // Appends an instruction and returns its result register. The result gets
  // a register distinct from both operands, so the evaluator may assume
  // that a result never aliases an operand.
  std::uint32_t emit(Operation operation, const Operand& left, const Operand& right,
                     double constant, TextSpan span) {
    const std::uint32_t result = allocate();
    instructions_.push_back(
        {operation, result, left.reg, right.reg, constant, span, left.span, right.span});
    release(left);
    release(right);
    return result;
  }

  std::uint32_t allocate() {
    for (std::uint32_t reg = kFirstTemporary; reg < in_use_.size(); ++reg) {
      if (!in_use_[reg]) {
        in_use_[reg] = true;
        return reg;
      }
    }
    in_use_.push_back(true);
    return static_cast<std::uint32_t>(in_use_.size() - 1);
  }

  void release(const Operand& operand) {
    if (!operand.constant && operand.reg >= kFirstTemporary) {
      in_use_[operand.reg] = false;
    }
  }

  const Expression& expression_;
  std::vector<Instruction>& instructions_;
  std::vector<Operand> stack_;
  std::vector<bool> in_use_ = {true, true};
};

}  // namespace

FormulaProgram::FormulaProgram(const Expression& expression) : text_(expression.text) {
  Compiler compiler(expression, instructions_);
  const auto [result, registers] = compiler.run();
  register_count_ = registers;
  // The evaluator reads the result from the last instruction.
  if (instructions_.empty() || instructions_.back().result != result) {
    Operand operand{std::nullopt, result, {}};
    instructions_.push_back({Operation::copy, registers, result, result, 0.0, operand.span,
                             operand.span, operand.span});
    register_count_ = registers + 1;
  }
}

}  // namespace optiscope
