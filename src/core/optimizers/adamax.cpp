#include "optiscope/core/optimizers/adamax.hpp"

namespace optiscope {

AdamaxRule::Settings AdamaxRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.beta1 = h.get("beta1");
  s.beta2 = h.get("beta2");
  s.eps = h.get("eps");
  s.weight_decay = h.get("weight_decay");
  s.maximize = h.flag("maximize");
  return s;
}

std::vector<StateEntry> AdamaxRule::state(const Settings&, const Coordinate<double>& x,
                                          const Coordinate<double>& y) {
  return {{"exp_avg", {x.exp_avg, y.exp_avg}}, {"exp_inf", {x.exp_inf, y.exp_inf}}};
}

}  // namespace optiscope
