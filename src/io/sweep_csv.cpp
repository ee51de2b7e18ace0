#include "optiscope/io/sweep_csv.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <sstream>

#include "optiscope/core/error.hpp"
#include "optiscope/core/paths_csv.hpp"
#include "optiscope/core/text.hpp"

namespace optiscope::io {
namespace {

std::string optional_step(const std::optional<long>& step) {
  return step ? std::to_string(*step) : std::string();
}

// The optimizer label and cell index at the start of a data row.
std::pair<std::string, long> row_key(const std::string& row, const std::string& source) {
  std::string label;
  std::size_t at = 0;
  if (!row.empty() && row[0] == '"') {
    // A quoted label: "" stands for one quote.
    for (at = 1; at < row.size(); ++at) {
      if (row[at] == '"') {
        if (at + 1 < row.size() && row[at + 1] == '"') {
          label += '"';
          ++at;
          continue;
        }
        ++at;
        break;
      }
      label += row[at];
    }
  } else {
    at = row.find(',');
    label = row.substr(0, at);
  }
  const std::size_t begin = at + 1;
  const std::size_t end = row.find(',', begin);
  long cell = -1;
  const auto parsed =
      std::from_chars(row.data() + begin, row.data() + std::min(end, row.size()), cell);
  if (at >= row.size() || row[at] != ',' || parsed.ec != std::errc()) {
    throw UsageError(source + ": row '" + row.substr(0, 60) +
                     "' does not start with an optimizer and a cell index; pass CSV files "
                     "written by optiscope sweep --shard");
  }
  return {label, cell};
}

}  // namespace

std::string sweep_csv_header(const std::vector<SweepAxis>& axes) {
  std::string header = "optimizer,cell";
  for (const SweepAxis& axis : axes) {
    header += "," + axis.key;
  }
  return header + ",final_x,final_y,final_loss,last_step,status,diverged_at,reached_at,basin";
}

std::string format_sweep_csv(const SweepResult& result) {
  std::string text = sweep_csv_header(result.axes) + "\n";
  for (const SweepTable& table : result.tables) {
    const std::string label = csv_field(table.base.label);
    for (const SweepCell& cell : table.cells) {
      text += label + "," + std::to_string(cell.index) + "," + format_shortest(cell.first);
      if (result.axes.size() > 1) {
        text += "," + format_shortest(cell.second);
      }
      const bool has_point = is_finite(cell.final_position) && std::isfinite(cell.final_loss);
      text += "," + (has_point ? format_shortest(cell.final_position.x) : std::string());
      text += "," + (has_point ? format_shortest(cell.final_position.y) : std::string());
      text += "," + (has_point ? format_shortest(cell.final_loss) : std::string());
      text += "," + std::to_string(cell.last_step) + "," + std::string(to_string(cell.status));
      text += "," + optional_step(cell.diverged_at) + "," + optional_step(cell.reached_at);
      text += "," + std::to_string(cell.basin) + "\n";
    }
  }
  return text;
}

std::string merge_sweep_csv(const std::vector<std::string>& texts,
                            const std::vector<std::string>& sources,
                            const std::vector<std::string>& labels, long cell_count) {
  std::string header;
  // rows[label][cell] = the row text.
  std::map<std::string, std::map<long, std::string>> rows;
  for (std::size_t s = 0; s < texts.size(); ++s) {
    std::istringstream in(texts[s]);
    std::string line;
    std::getline(in, line);
    if (s == 0) {
      header = line;
    } else if (line != header) {
      throw UsageError(sources[s] + ": header '" + line + "' differs from " + sources[0] + "'s '" +
                       header + "'; merge only shards of one sweep");
    }
    while (std::getline(in, line)) {
      if (line.empty()) {
        continue;
      }
      const auto [label, cell] = row_key(line, sources[s]);
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
        throw UsageError(sources[s] + ": optimizer '" + label +
                         "' is not part of this sweep; merge only shards of one sweep");
      }
      if (cell < 0 || cell >= cell_count) {
        throw UsageError(sources[s] + ": cell " + std::to_string(cell) + " is outside 0 to " +
                         std::to_string(cell_count - 1));
      }
      if (!rows[label].emplace(cell, line).second) {
        throw UsageError(sources[s] + ": cell " + std::to_string(cell) + " of " + label +
                         " appears in more than one shard; pass each shard once");
      }
    }
  }

  std::string merged = header + "\n";
  for (const std::string& label : labels) {
    const auto& cells = rows[label];
    for (long cell = 0; cell < cell_count; ++cell) {
      const auto found = cells.find(cell);
      if (found == cells.end()) {
        throw UsageError("cell " + std::to_string(cell) + " of " + label +
                         " is in no shard; run the missing shard and merge again");
      }
      merged += found->second + "\n";
    }
  }
  return merged;
}

}  // namespace optiscope::io
