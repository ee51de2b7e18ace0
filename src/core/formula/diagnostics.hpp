#pragma once

// Messages for values that leave a function's domain. Internal to the
// formula engine.

#include <string>
#include <string_view>

#include "formula/jet.hpp"
#include "optiscope/core/formula/program.hpp"

namespace optiscope::formula_detail {

/// Explains why `instruction` produced `result`, which has a non-finite
/// value or derivative, from the finite operands `left` and `right`:
/// "log(x - 3) at column 1 is not finite here: log needs a positive
/// argument (x - 3 = -2.5)".
std::string describe_non_finite(std::string_view text, const Instruction& instruction,
                                const Jet& result, const Jet& left, const Jet& right);

}  // namespace optiscope::formula_detail
