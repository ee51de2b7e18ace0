#include "optiscope/core/paths_csv.hpp"

#include "optiscope/core/text.hpp"

namespace optiscope {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

std::string format_paths_csv(const std::vector<OptimizerResult>& results) {
  std::string text = std::string(kPathsCsvHeader) + "\n";
  for (const OptimizerResult& result : results) {
    const std::string label = csv_field(result.choice.label);
    for (const StepRecord& record : result.trajectory.records) {
      text += label;
      text += ',' + std::to_string(record.step);
      for (double value : {record.position.x, record.position.y, record.loss, record.gradient.x,
                           record.gradient.y}) {
        text += ',' + format_shortest(value);
      }
      text += ',';
      if (record.lr) {
        text += format_shortest(*record.lr);
      }
      text += ',' + std::to_string(result.repeat);
      text += '\n';
    }
  }
  return text;
}

}  // namespace optiscope
