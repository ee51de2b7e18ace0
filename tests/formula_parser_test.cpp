// The formula grammar, its error messages and the compiled program.

#include <gtest/gtest.h>

#include <string>

#include "optiscope/core/formula/formula_error.hpp"
#include "optiscope/core/formula/formula_surface.hpp"

namespace optiscope {
namespace {

double evaluate(const std::string& formula, Vec2 p = {0.0, 0.0}) {
  return FormulaSurface(formula).value(p);
}

TEST(FormulaGrammar, Precedence) {
  EXPECT_EQ(evaluate("-x^2", {3.0, 0.0}), -9.0);
  EXPECT_EQ(evaluate("-2^2"), -4.0);
  EXPECT_EQ(evaluate("2^3^2"), 512.0);
  EXPECT_EQ(evaluate("2**3**2"), 512.0);
  EXPECT_EQ(evaluate("2^-1"), 0.5);
  EXPECT_EQ(evaluate("2*-x", {3.0, 0.0}), -6.0);
  EXPECT_EQ(evaluate("x - y - 1", {5.0, 2.0}), 2.0);
  EXPECT_EQ(evaluate("x/y/2", {8.0, 2.0}), 2.0);
  EXPECT_EQ(evaluate("1 + 2*3^2"), 19.0);
  EXPECT_EQ(evaluate("(1 + 2)*3"), 9.0);
  EXPECT_EQ(evaluate("--x", {4.0, 0.0}), 4.0);
  EXPECT_EQ(evaluate("+x", {4.0, 0.0}), 4.0);
}

TEST(FormulaGrammar, NumbersAndConstants) {
  EXPECT_EQ(evaluate("1e-3*1E+3"), 1.0);
  EXPECT_EQ(evaluate(".5 + 5."), 5.5);
  EXPECT_EQ(evaluate("2.5e2"), 250.0);
  EXPECT_EQ(evaluate("pi"), 3.141592653589793);
  EXPECT_EQ(evaluate("e"), 2.718281828459045);
  EXPECT_EQ(evaluate(" \t x \n", {7.0, 0.0}), 7.0);
}

TEST(FormulaGrammar, FunctionsOfSeveralArguments) {
  EXPECT_EQ(evaluate("pow(2, 10)"), 1024.0);
  EXPECT_EQ(evaluate("min(3, x, 1)", {2.0, 0.0}), 1.0);
  EXPECT_EQ(evaluate("max(x, y)", {2.0, 5.0}), 5.0);
  EXPECT_EQ(evaluate("max(x, y, -1)", {-2.0, -5.0}), -1.0);
}

TEST(FormulaGrammar, FunctionValues) {
  const Vec2 p{0.3, 0.0};
  EXPECT_DOUBLE_EQ(evaluate("sin(x)", p), std::sin(0.3));
  EXPECT_DOUBLE_EQ(evaluate("cos(x)", p), std::cos(0.3));
  EXPECT_DOUBLE_EQ(evaluate("tan(x)", p), std::tan(0.3));
  EXPECT_DOUBLE_EQ(evaluate("asin(x)", p), std::asin(0.3));
  EXPECT_DOUBLE_EQ(evaluate("acos(x)", p), std::acos(0.3));
  EXPECT_DOUBLE_EQ(evaluate("atan(x)", p), std::atan(0.3));
  EXPECT_DOUBLE_EQ(evaluate("sinh(x)", p), std::sinh(0.3));
  EXPECT_DOUBLE_EQ(evaluate("cosh(x)", p), std::cosh(0.3));
  EXPECT_DOUBLE_EQ(evaluate("tanh(x)", p), std::tanh(0.3));
  EXPECT_DOUBLE_EQ(evaluate("exp(x)", p), std::exp(0.3));
  EXPECT_DOUBLE_EQ(evaluate("log(x)", p), std::log(0.3));
  EXPECT_DOUBLE_EQ(evaluate("log10(x)", p), std::log10(0.3));
  EXPECT_DOUBLE_EQ(evaluate("sqrt(x)", p), std::sqrt(0.3));
  EXPECT_DOUBLE_EQ(evaluate("abs(-x)", p), 0.3);
  EXPECT_DOUBLE_EQ(evaluate("sigmoid(x)", p), 1.0 / (1.0 + std::exp(-0.3)));
  EXPECT_DOUBLE_EQ(evaluate("softplus(x)", p), std::log(1.0 + std::exp(0.3)));
  // The stable forms stay finite far out.
  EXPECT_EQ(evaluate("sigmoid(-800)"), 0.0);
  EXPECT_EQ(evaluate("softplus(800)"), 800.0);
}

TEST(FormulaDerivatives, ClosedFormsAtOnePoint) {
  const Vec2 p{0.7, -1.3};
  const FormulaDerivatives d = FormulaSurface("x^3*y + sin(x*y)").program().derivatives(p);
  const double c = std::cos(p.x * p.y);
  const double s = std::sin(p.x * p.y);
  EXPECT_DOUBLE_EQ(d.value, p.x * p.x * p.x * p.y + s);
  EXPECT_DOUBLE_EQ(d.gradient.x, 3.0 * p.x * p.x * p.y + p.y * c);
  EXPECT_DOUBLE_EQ(d.gradient.y, p.x * p.x * p.x + p.x * c);
  EXPECT_DOUBLE_EQ(d.hessian.xx, 6.0 * p.x * p.y - p.y * p.y * s);
  EXPECT_DOUBLE_EQ(d.hessian.xy, 3.0 * p.x * p.x + c - p.x * p.y * s);
  EXPECT_DOUBLE_EQ(d.hessian.yy, -p.x * p.x * s);
}

TEST(FormulaDerivatives, TieOfMinAndMaxAveragesBothSides) {
  const FormulaSurface surface("max(x, y)");
  EXPECT_EQ(surface.gradient({1.0, 1.0}), (Vec2{0.5, 0.5}));
  EXPECT_EQ(surface.gradient({2.0, 1.0}), (Vec2{1.0, 0.0}));
  EXPECT_EQ(FormulaSurface("abs(x)").gradient({0.0, 0.0}), (Vec2{0.0, 0.0}));
}

TEST(FormulaProgram, FoldsConstantsAndUsesConstantForms) {
  const FormulaSurface rosenbrock("(1 - x)^2 + 100*(y - x^2)^2");
  const auto& instructions = rosenbrock.program().instructions();
  ASSERT_EQ(instructions.size(), 7u);
  EXPECT_EQ(instructions[0].operation, Operation::subtract_from_constant);
  EXPECT_EQ(instructions[1].operation, Operation::square);
  EXPECT_EQ(instructions[5].operation, Operation::multiply_by_constant);
  EXPECT_EQ(instructions[6].operation, Operation::add);

  EXPECT_EQ(FormulaSurface("2*pi*x").program().instructions().size(), 1u);
  EXPECT_EQ(FormulaSurface("x^1").program().instructions().front().operation, Operation::copy);
  EXPECT_EQ(FormulaSurface("x^0 + y").value({5.0, 2.0}), 3.0);
}

// The reason (first line) of the FormulaError that `formula` raises.
std::string reason_for(const std::string& formula) {
  try {
    FormulaSurface surface(formula);
  } catch (const FormulaError& error) {
    return error.reason();
  }
  return "no error";
}

TEST(FormulaErrors, MessagesOfTheIssue) {
  EXPECT_EQ(reason_for("sinn(x)"), "unknown function 'sinn' at column 1; did you mean 'sin'?");
  EXPECT_EQ(reason_for("2 + (x * y"), "missing ')' opened at column 5");
  EXPECT_EQ(reason_for("z + 1"), "unexpected variable 'z'; a surface uses x and y");
}

TEST(FormulaErrors, MessageShowsFormulaAndCaret) {
  try {
    FormulaSurface surface("x + sinn(y)");
    FAIL() << "no error";
  } catch (const FormulaError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown function 'sinn' at column 5; did you mean 'sin'?\n"
                 "  x + sinn(y)\n"
                 "      ^");
    EXPECT_EQ(error.column(), 5u);
    EXPECT_EQ(error.exit_code(), 2);
  }
}

TEST(FormulaErrors, CaretUnderMissingParenthesis) {
  try {
    FormulaSurface surface("2 + (x * y");
    FAIL() << "no error";
  } catch (const FormulaError& error) {
    EXPECT_STREQ(error.what(),
                 "missing ')' opened at column 5\n"
                 "  2 + (x * y\n"
                 "            ^");
  }
}

TEST(FormulaErrors, EveryKindOfMistake) {
  EXPECT_EQ(reason_for(""),
            "the formula is empty; write an expression in x and y, such as x^2 + y^2");
  EXPECT_EQ(reason_for("   "),
            "the formula is empty; write an expression in x and y, such as x^2 + y^2");
  EXPECT_EQ(reason_for("x +"),
            "the formula ends after '+' at column 3; expected a number, x, y, a function or '('");
  EXPECT_EQ(reason_for("x * )"),
            "unexpected ')' at column 5; expected a number, x, y, a function or '('");
  EXPECT_EQ(reason_for("2x"),
            "missing operator before 'x' at column 2; write '*' for a product, "
            "such as 2*x");
  EXPECT_EQ(reason_for("x(y + 1)"),
            "missing operator before '(' at column 2; write '*' for a "
            "product, such as 2*x");
  EXPECT_EQ(reason_for("x)"), "unmatched ')' at column 2; no '(' is open");
  EXPECT_EQ(reason_for("x, y"),
            "unexpected ',' at column 2; commas separate the arguments of "
            "functions such as pow(x, 2)");
  EXPECT_EQ(reason_for("sin(x"), "missing ')' opened at column 4");
  EXPECT_EQ(reason_for("sin"),
            "function 'sin' at column 1 needs parentheses around its "
            "arguments, such as sin(u)");
  EXPECT_EQ(reason_for("foo(x)"),
            "unknown function 'foo' at column 1; valid functions: sin, cos, tan, asin, acos, atan, "
            "sinh, cosh, tanh, exp, log, log10, sqrt, abs, pow, min, max, sigmoid, softplus");
  EXPECT_EQ(reason_for("pow(x)"),
            "function 'pow' at column 1 takes 2 arguments, not 1; write pow(base, exponent)");
  EXPECT_EQ(reason_for("sin(x, y)"),
            "function 'sin' at column 1 takes 1 argument, not 2; write sin(u)");
  EXPECT_EQ(reason_for("max(x)"),
            "function 'max' at column 1 takes 2 or more arguments, not 1; write max(a, b, ...)");
  EXPECT_EQ(reason_for("exp()"),
            "function 'exp' at column 1 takes 1 argument, not 0; write exp(u)");
  EXPECT_EQ(reason_for("X + y"),
            "unexpected variable 'X'; a surface uses x and y; did you mean 'x'?");
  EXPECT_EQ(reason_for("pii*x"),
            "unexpected variable 'pii'; a surface uses x and y; did you mean "
            "'pi'?");
  EXPECT_EQ(reason_for("x # y"),
            "unexpected character '#' at column 3; a formula uses numbers, "
            "x, y, + - * / ^ ** ( ) , and function names");
  EXPECT_EQ(reason_for("x \u2212 y"),
            "unexpected character '\u2212' at column 3; write '-' instead");
  EXPECT_EQ(reason_for("x\xff"),
            "unexpected byte 0xff at column 2; a formula uses numbers, x, y, "
            "+ - * / ^ ** ( ) , and function names");
  EXPECT_EQ(reason_for("1e999"),
            "number '1e999' at column 1 is out of the range of a double "
            "(about 2.2e-308 to 1.8e308)");
}

TEST(FormulaErrors, ColumnsCountCharactersNotBytes) {
  try {
    FormulaSurface surface("\u03c0 * x");
    FAIL() << "no error";
  } catch (const FormulaError& error) {
    EXPECT_EQ(error.reason(), "unexpected character '\u03c0' at column 1; write 'pi' instead");
  }
  EXPECT_EQ(column_of("\u00b2\u00b2x", 4), 3u);
}

TEST(FormulaErrors, ConstantsOutsideTheirDomain) {
  EXPECT_EQ(reason_for("log(-1) + x"),
            "log(-1) at column 1 is not finite here: log needs a positive argument");
  EXPECT_EQ(reason_for("x + 1/0"),
            "1/0 at column 5 is not finite here: the divisor must not be zero");
  EXPECT_EQ(reason_for("x/0"), "division by zero at column 1; the divisor is the constant 0");
  EXPECT_EQ(reason_for("exp(1000)*x"),
            "exp(1000) at column 1 is not finite here: the result overflows the range of a double "
            "(about 1.8e308)");
}

TEST(FormulaErrors, LimitsOnSizeAndDepth) {
  EXPECT_EQ(reason_for(std::string(300, '(') + "x" + std::string(300, ')')),
            "the formula nests more than 200 levels deep at column 201; simplify it");
  try {
    FormulaSurface surface(std::string(10'001, 'x'));
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "the formula has 10001 characters; the limit is 10000, so shorten it");
  }
}

TEST(FormulaList, SplitsAtTopLevelCommas) {
  EXPECT_EQ(parse_expression_list("8*x + 0.8*y, y + 0.8*x").size(), 2u);
  EXPECT_EQ(parse_expression_list(" [8*x + 0.8*y, y + 0.8*x] ").size(), 2u);
  EXPECT_EQ(parse_expression_list("pow(x, 2), max(x, y, 1)").size(), 2u);
  EXPECT_EQ(parse_expression_list("x").size(), 1u);
  try {
    parse_expression_list("2*x, ");
    FAIL() << "no error";
  } catch (const FormulaError& error) {
    EXPECT_EQ(error.reason(),
              "the formula ends after ',' at column 4; expected a number, x, y, a function or '('");
  }
}

}  // namespace
}  // namespace optiscope
