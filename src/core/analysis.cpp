#include "optiscope/core/analysis.hpp"

namespace optiscope {

std::optional<long> first_step_below(const Trajectory& trajectory, double threshold) {
  for (const StepRecord& record : trajectory.records) {
    if (record.loss < threshold) {
      return record.step;
    }
  }
  return std::nullopt;
}

}  // namespace optiscope
