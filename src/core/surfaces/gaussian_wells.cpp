#include <array>
#include <cmath>

#include "optiscope/core/surfaces/closed_form.hpp"
#include "optiscope/core/surfaces/test_functions.hpp"

namespace optiscope {
namespace {

// One well -depth * exp(-|p - centre|^2 / width).
struct Well {
  Vec2 centre;
  double depth = 0.0;
  double width = 0.0;
};

constexpr std::array<Well, 3> kWells{{
    {{-1.0, -1.0}, 1.0, 1.0},
    {{1.2, 1.0}, 0.8, 0.5},
    {{1.5, -1.4}, 0.5, 0.3},
}};

// For one well with E = exp(-|d|^2 / w), d = p - c:
//   L = -depth E,  grad L = 2 depth E d / w,
//   H L = 2 depth E / w (I - 2 d d^T / w).
struct GaussianWells {
  double value(Vec2 p) const {
    double sum = 0.0;
    for (const Well& well : kWells) {
      sum -= well.depth * strength(well, p);
    }
    return sum;
  }
  Vec2 gradient(Vec2 p) const {
    Vec2 g;
    for (const Well& well : kWells) {
      g = g + (2.0 * well.depth * strength(well, p) / well.width) * (p - well.centre);
    }
    return g;
  }
  SymmetricMatrix2 hessian(Vec2 p) const {
    SymmetricMatrix2 h;
    for (const Well& well : kWells) {
      const Vec2 d = p - well.centre;
      const double scale = 2.0 * well.depth * strength(well, p) / well.width;
      const double bend = 2.0 / well.width;
      h = h + scale * SymmetricMatrix2{1.0 - bend * d.x * d.x, -bend * d.x * d.y,
                                       1.0 - bend * d.y * d.y};
    }
    return h;
  }

 private:
  static double strength(const Well& well, Vec2 p) {
    const Vec2 d = p - well.centre;
    return std::exp(-dot(d, d) / well.width);
  }
};

}  // namespace

std::unique_ptr<Surface> make_gaussian_wells() {
  SurfaceInfo info;
  info.name = "gaussian-wells";
  info.formula =
      "-exp(-((x + 1)^2 + (y + 1)^2)) - 0.8*exp(-((x - 1.2)^2 + (y - 1)^2)/0.5)"
      " - 0.5*exp(-((x - 1.5)^2 + (y + 1.4)^2)/0.3)";
  info.gradient_formula = "sum over wells of 2 d_i E_i (p - c_i)/w_i";
  info.view = {-3.0, 3.0, -3.0, 3.0};
  info.default_start = {0.4, -0.1};
  // The neighbours shift the deepest minimum slightly off its centre.
  return make_closed_form(GaussianWells{}, std::move(info), {kWells[0].centre});
}

}  // namespace optiscope
