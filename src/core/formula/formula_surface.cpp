#include "optiscope/core/formula/formula_surface.hpp"

#include "optiscope/core/formula/expression.hpp"

namespace optiscope {
namespace {

SurfaceInfo formula_info(std::string_view formula) {
  SurfaceInfo info;
  info.name = "formula";
  const std::size_t first = formula.find_first_not_of(" \t\r\n");
  const std::size_t last = formula.find_last_not_of(" \t\r\n");
  info.formula = first == std::string_view::npos
                     ? std::string()
                     : std::string(formula.substr(first, last - first + 1));
  info.view = {-3.0, 3.0, -3.0, 3.0};
  info.default_start = {2.2, -2.0};
  return info;
}

}  // namespace

FormulaSurface::FormulaSurface(std::string_view formula)
    : program_(parse_expression(formula)), info_(formula_info(formula)) {}

}  // namespace optiscope
