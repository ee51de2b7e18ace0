#include "optiscope/core/optimizers/adadelta.hpp"

namespace optiscope {

AdadeltaRule::Settings AdadeltaRule::settings_from(const Hyperparameters& h) {
  Settings s;
  s.rho = h.get("rho");
  s.eps = h.get("eps");
  s.weight_decay = h.get("weight_decay");
  s.maximize = h.flag("maximize");
  return s;
}

std::vector<StateEntry> AdadeltaRule::state(const Settings&, const Coordinate<double>& x,
                                            const Coordinate<double>& y) {
  return {{"square_avg", {x.square_avg, y.square_avg}}, {"acc_delta", {x.acc_delta, y.acc_delta}}};
}

}  // namespace optiscope
