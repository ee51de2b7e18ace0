#include "optiscope/core/formula/functions.hpp"

#include <array>

namespace optiscope {
namespace {

using enum Operation;

constexpr std::array kFunctions{
    FormulaFunction{"sin", sin, 1, false, "sin(u)", "sine, u in radians"},
    FormulaFunction{"cos", cos, 1, false, "cos(u)", "cosine, u in radians"},
    FormulaFunction{"tan", tan, 1, false, "tan(u)", "tangent, u in radians"},
    FormulaFunction{"asin", asin, 1, false, "asin(u)", "inverse sine, -1 <= u <= 1"},
    FormulaFunction{"acos", acos, 1, false, "acos(u)", "inverse cosine, -1 <= u <= 1"},
    FormulaFunction{"atan", atan, 1, false, "atan(u)", "inverse tangent"},
    FormulaFunction{"sinh", sinh, 1, false, "sinh(u)", "hyperbolic sine"},
    FormulaFunction{"cosh", cosh, 1, false, "cosh(u)", "hyperbolic cosine"},
    FormulaFunction{"tanh", tanh, 1, false, "tanh(u)", "hyperbolic tangent"},
    FormulaFunction{"exp", exp, 1, false, "exp(u)", "e to the power u"},
    FormulaFunction{"log", log, 1, false, "log(u)", "natural logarithm, u > 0"},
    FormulaFunction{"log10", log10, 1, false, "log10(u)", "base-10 logarithm, u > 0"},
    FormulaFunction{"sqrt", sqrt, 1, false, "sqrt(u)", "square root, u >= 0"},
    FormulaFunction{"abs", abs, 1, false, "abs(u)", "absolute value"},
    FormulaFunction{"pow", power, 2, false, "pow(base, exponent)", "the same as base^exponent"},
    FormulaFunction{"min", minimum, 2, true, "min(a, b, ...)", "smallest argument"},
    FormulaFunction{"max", maximum, 2, true, "max(a, b, ...)", "largest argument"},
    FormulaFunction{"sigmoid", sigmoid, 1, false, "sigmoid(u)",
                    "logistic function 1/(1 + exp(-u))"},
    FormulaFunction{"softplus", softplus, 1, false, "softplus(u)", "log(1 + exp(u))"},
};

}  // namespace

std::span<const FormulaFunction> formula_functions() { return kFunctions; }

const FormulaFunction* find_formula_function(std::string_view name) {
  for (const FormulaFunction& function : kFunctions) {
    if (function.name == name) {
      return &function;
    }
  }
  return nullptr;
}

std::string_view operation_name(Operation operation) {
  for (const FormulaFunction& function : kFunctions) {
    if (function.operation == operation) {
      return function.name;
    }
  }
  switch (operation) {
    case negate:
    case subtract:
    case subtract_from_constant:
      return "-";
    case add:
    case add_constant:
      return "+";
    case multiply:
    case multiply_by_constant:
      return "*";
    case divide:
    case divide_by_constant:
    case divide_constant_by:
      return "/";
    case power_constant:
    case constant_power:
    case square:
      return "^";
    default:
      return "value";
  }
}

}  // namespace optiscope
