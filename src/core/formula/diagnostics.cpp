#include "formula/diagnostics.hpp"

#include <cmath>
#include <vector>

#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/formula/functions.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope::formula_detail {
namespace {

constexpr std::size_t kMaxQuotedLength = 60;

std::string quote(std::string_view text, TextSpan span) {
  std::string_view quoted = text.substr(span.begin, span.end - span.begin);
  if (quoted.size() > kMaxQuotedLength) {
    return std::string(quoted.substr(0, kMaxQuotedLength - 3)) + "...";
  }
  return std::string(quoted);
}

constexpr std::string_view kOverflow = "the result overflows the range of a double (about 1.8e308)";

// The domain rule that `instruction` broke, given its operand values.
std::string domain_rule(const Instruction& instruction, double left, double right) {
  using enum Operation;
  const std::string name(operation_name(instruction.operation));
  const double c = instruction.constant;
  switch (instruction.operation) {
    case log:
    case log10:
      return name + " needs a positive argument";
    case sqrt:
      return "sqrt needs a non-negative argument and has no finite derivative at 0";
    case asin:
    case acos:
      return name + " needs an argument in [-1, 1] and has no finite derivative at -1 and 1";
    case divide:
      return right == 0.0 ? "the divisor must not be zero" : std::string(kOverflow);
    case divide_constant_by:
      return left == 0.0 ? "the divisor must not be zero" : std::string(kOverflow);
    case power:
      return left > 0.0 ? std::string(kOverflow)
                        : "a power with a variable exponent needs a positive base";
    case constant_power:
      return c > 0.0 ? std::string(kOverflow)
                     : "a power with a variable exponent needs a positive base";
    case power_constant:
      if (std::floor(c) != c) {
        return "a fractional power needs a non-negative base and has no finite derivative at 0";
      }
      return c < 0.0 && left == 0.0 ? "a negative power needs a nonzero base"
                                    : std::string(kOverflow);
    default:
      return std::string(kOverflow);
  }
}

bool has_two_operands(Operation operation) {
  using enum Operation;
  return operation == add || operation == subtract || operation == multiply ||
         operation == divide || operation == power || operation == minimum || operation == maximum;
}

// "x - 3 = -2.5", or nothing for a literal such as "2", whose value the
// text already shows.
std::string describe_operand(std::string_view text, TextSpan span, double value) {
  const std::string quoted = quote(text, span);
  const std::string shown = format_shortest(value);
  return quoted == shown ? std::string() : quoted + " = " + shown;
}

}  // namespace

std::string describe_non_finite(std::string_view text, const Instruction& instruction,
                                const Jet& result, const Jet& left, const Jet& right) {
  const bool value_is_finite = std::isfinite(result.value);
  std::string message = value_is_finite ? "the derivative of " : "";
  message += quote(text, instruction.span) + " at column " +
             std::to_string(column_of(text, instruction.span.begin)) +
             " is not finite here: " + domain_rule(instruction, left.value, right.value);

  std::vector<std::string> operands = {describe_operand(text, instruction.left_span, left.value)};
  if (has_two_operands(instruction.operation)) {
    operands.push_back(describe_operand(text, instruction.right_span, right.value));
  }
  std::erase(operands, std::string());
  if (!operands.empty()) {
    message += " (" + join(operands, ", ") + ")";
  }
  return message;
}

}  // namespace optiscope::formula_detail
