#include "optiscope/core/optimizers/adamw.hpp"

namespace optiscope {

AdamWRule::Settings AdamWRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.beta1 = h.get("beta1");
  s.beta2 = h.get("beta2");
  s.eps = h.get("eps");
  s.weight_decay = h.get("weight_decay");
  s.amsgrad = h.flag("amsgrad");
  s.maximize = h.flag("maximize");
  return s;
}

std::vector<StateEntry> AdamWRule::state(const Settings& s, const Coordinate<double>& x,
                                         const Coordinate<double>& y) {
  std::vector<StateEntry> entries = {
      {"exp_avg", {x.exp_avg, y.exp_avg}},
      {"exp_avg_sq", {x.exp_avg_sq, y.exp_avg_sq}},
  };
  if (s.amsgrad) {
    entries.push_back({"max_exp_avg_sq", {x.max_exp_avg_sq, y.max_exp_avg_sq}});
  }
  return entries;
}

}  // namespace optiscope
