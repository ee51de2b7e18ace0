#pragma once

#include <string>
#include <string_view>

namespace optiscope::fuzz {

/// Parses, compiles and evaluates `text` as a formula and as a gradient
/// list, and checks what must hold for every input:
///   - parsing either succeeds or throws FormulaError with a column inside
///     the text and the reason first in its message;
///   - a compiled formula gives bit-identical values and gradients from
///     single-point and batched evaluation, and from the first- and
///     second-order paths;
///   - a non-finite value or gradient comes with an explanation.
/// Returns a description of the first broken rule, or an empty string.
/// Any other exception escapes, which the fuzzer reports as a crash.
std::string exercise_formula(std::string_view text);

}  // namespace optiscope::fuzz
