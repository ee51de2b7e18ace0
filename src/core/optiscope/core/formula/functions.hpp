#pragma once

#include <span>
#include <string_view>

#include "optiscope/core/formula/expression.hpp"

namespace optiscope {

/// A function a formula may call.
struct FormulaFunction {
  std::string_view name;
  Operation operation;
  /// The number of arguments; min and max take two or more.
  int arity;
  bool variadic;
  /// How to call it, for error messages and `optiscope list surfaces`.
  std::string_view usage;
  /// What it computes, for the documentation of the grammar.
  std::string_view meaning;
};

/// Every function a formula may call, in the order the documentation lists
/// them.
std::span<const FormulaFunction> formula_functions();

/// Returns the function called `name`, or null.
const FormulaFunction* find_formula_function(std::string_view name);

/// Returns the name a message uses for an operation, such as "log", "/" or
/// "^".
std::string_view operation_name(Operation operation);

}  // namespace optiscope
