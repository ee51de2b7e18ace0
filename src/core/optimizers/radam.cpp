#include "optiscope/core/optimizers/radam.hpp"

namespace optiscope {

RAdamRule::Settings RAdamRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.beta1 = h.get("beta1");
  s.beta2 = h.get("beta2");
  s.eps = h.get("eps");
  s.weight_decay = h.get("weight_decay");
  return s;
}

std::vector<StateEntry> RAdamRule::state(const Settings&, const Coordinate<double>& x,
                                         const Coordinate<double>& y) {
  return {{"exp_avg", {x.exp_avg, y.exp_avg}}, {"exp_avg_sq", {x.exp_avg_sq, y.exp_avg_sq}}};
}

}  // namespace optiscope
