#include "optiscope/core/optimizers/rmsprop.hpp"

namespace optiscope {

RMSpropRule::Settings RMSpropRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.alpha = h.get("alpha");
  s.eps = h.get("eps");
  s.weight_decay = h.get("weight_decay");
  s.momentum = h.get("momentum");
  s.centered = h.flag("centered");
  s.maximize = h.flag("maximize");
  return s;
}

std::vector<StateEntry> RMSpropRule::state(const Settings& s, const Coordinate<double>& x,
                                           const Coordinate<double>& y) {
  std::vector<StateEntry> entries = {{"square_avg", {x.square_avg, y.square_avg}}};
  if (s.centered) {
    entries.push_back({"grad_avg", {x.grad_avg, y.grad_avg}});
  }
  if (s.momentum > 0.0) {
    entries.push_back({"momentum_buffer", {x.momentum_buffer, y.momentum_buffer}});
  }
  return entries;
}

}  // namespace optiscope
