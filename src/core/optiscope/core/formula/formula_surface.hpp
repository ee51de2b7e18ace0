#pragma once

#include <string_view>

#include "optiscope/core/formula/program.hpp"
#include "optiscope/core/surface.hpp"

namespace optiscope {

/// A surface typed as a formula in x and y, such as "(1 - x)^2 +
/// 100*(y - x^2)^2". Gradients and Hessians are exact, by forward-mode
/// automatic differentiation of the compiled formula.
///
/// Its info has the name "formula", the text as typed and no minimizers,
/// because none are known. The view and start are those of the reference
/// quadratic ([-3, 3] x [-3, 3] from (2.2, -2.0)), so the reference
/// quadratic typed as a formula reproduces the default run.
class FormulaSurface final : public Surface {
 public:
  /// Parses and compiles `formula`. Throws FormulaError, a UsageError, with
  /// the column and what was expected there.
  explicit FormulaSurface(std::string_view formula);

  const SurfaceInfo& info() const override { return info_; }
  double value(Vec2 p) const override { return program_.value(p); }
  Vec2 gradient(Vec2 p) const override { return program_.gradient(p); }
  SymmetricMatrix2 hessian(Vec2 p) const override { return program_.derivatives(p).hessian; }

  void values(std::span<const Vec2> points, std::span<double> values) const override {
    program_.values(points, values);
  }
  void values_and_gradients(std::span<const Vec2> points, std::span<double> values,
                            std::span<Vec2> gradients) const override {
    program_.values_and_gradients(points, values, gradients);
  }
  std::string explain_non_finite(Vec2 p) const override { return program_.explain_non_finite(p); }

  const FormulaProgram& program() const { return program_; }

 private:
  FormulaProgram program_;
  SurfaceInfo info_;
};

}  // namespace optiscope
