#include "optiscope/core/optimizers/adagrad.hpp"

namespace optiscope {

AdagradRule::Settings AdagradRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.lr_decay = h.get("lr_decay");
  s.weight_decay = h.get("weight_decay");
  s.initial_accumulator_value = h.get("initial_accumulator_value");
  s.eps = h.get("eps");
  s.maximize = h.flag("maximize");
  return s;
}

std::vector<StateEntry> AdagradRule::state(const Settings&, const Coordinate<double>& x,
                                           const Coordinate<double>& y) {
  return {{"sum", {x.sum, y.sum}}};
}

}  // namespace optiscope
