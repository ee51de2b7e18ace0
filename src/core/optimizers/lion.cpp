#include "optiscope/core/optimizers/lion.hpp"

namespace optiscope {

LionRule::Settings LionRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.beta1 = h.get("beta1");
  s.beta2 = h.get("beta2");
  s.weight_decay = h.get("weight_decay");
  return s;
}

std::vector<StateEntry> LionRule::state(const Settings&, const Coordinate<double>& x,
                                        const Coordinate<double>& y) {
  return {{"exp_avg", {x.exp_avg, y.exp_avg}}};
}

}  // namespace optiscope
