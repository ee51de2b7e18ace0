#include "optiscope/core/optimizers/sgd.hpp"

namespace optiscope {

SgdRule::Settings SgdRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.momentum = h.get("momentum");
  s.dampening = h.get("dampening");
  s.nesterov = h.flag("nesterov");
  s.weight_decay = h.get("weight_decay");
  s.maximize = h.flag("maximize");
  return s;
}

std::vector<StateEntry> SgdRule::state(const Settings& s, const Coordinate<double>& x,
                                       const Coordinate<double>& y) {
  if (s.momentum == 0.0) {
    return {};
  }
  return {{"momentum_buffer", {x.buffer, y.buffer}}};
}

}  // namespace optiscope
