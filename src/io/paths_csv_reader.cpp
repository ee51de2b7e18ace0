#include "optiscope/io/paths_csv_reader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "optiscope/core/error.hpp"
#include "optiscope/core/hyperparameters.hpp"

namespace optiscope::io {
namespace {

// The required columns, in the order optiscope writes them, then the
// optional repeat column.
enum Column { optimizer, step, x, y, loss, grad_x, grad_y, lr, repeat, column_count };
constexpr std::array<std::string_view, column_count> kColumnNames = {
    "optimizer", "step", "x", "y", "loss", "grad_x", "grad_y", "lr", "repeat"};
constexpr std::string_view kRequiredColumns = "optimizer, step, x, y, loss, grad_x, grad_y and lr";

// One CSV record with the line it starts on.
struct Row {
  long line = 0;
  std::vector<std::string> fields;
};

// Splits RFC 4180 text into records. Quoted fields may contain commas,
// doubled quotes and line breaks; a trailing \r before \n is dropped.
class RowReader {
 public:
  RowReader(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  std::optional<Row> next() {
    if (at_ >= text_.size()) {
      return std::nullopt;
    }
    Row row{line_, {}};
    std::string field;
    bool quoted = false;
    while (at_ < text_.size()) {
      const char c = text_[at_++];
      if (quoted) {
        if (c == '"' && at_ < text_.size() && text_[at_] == '"') {
          field += '"';
          ++at_;
        } else if (c == '"') {
          quoted = false;
        } else {
          line_ += c == '\n' ? 1 : 0;
          field += c;
        }
      } else if (c == '"' && field.empty()) {
        quoted = true;
      } else if (c == ',') {
        row.fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r' || (at_ < text_.size() && text_[at_] != '\n')) {
        field += c;
      }
    }
    if (quoted) {
      throw UsageError(source_ + ": line " + std::to_string(row.line) +
                       ": a quoted field is never closed; end it with a double quote");
    }
    row.fields.push_back(std::move(field));
    return row;
  }

 private:
  std::string_view text_;
  const std::string& source_;
  std::size_t at_ = 0;
  long line_ = 1;
};

std::string locate(const std::string& source, long line, int column, std::string_view name) {
  return source + ": line " + std::to_string(line) + ", column " + std::to_string(column) + " (" +
         std::string(name) + ")";
}

// Maps each required column to its position in the header.
std::array<int, column_count> find_columns(const Row& header, const std::string& source) {
  std::array<int, column_count> positions;
  positions.fill(-1);
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    for (std::size_t c = 0; c < column_count; ++c) {
      if (header.fields[k] == kColumnNames[c] && positions[c] < 0) {
        positions[c] = static_cast<int>(k);
      }
    }
  }
  for (std::size_t c = 0; c < Column::repeat; ++c) {
    if (positions[c] < 0) {
      throw UsageError(source + ": line 1: missing column '" + std::string(kColumnNames[c]) +
                       "'; the header must name " + std::string(kRequiredColumns) +
                       " in any order, as optiscope run writes it");
    }
  }
  return positions;
}

class RowParser {
 public:
  RowParser(const Row& row, const std::array<int, column_count>& positions,
            const std::string& source)
      : row_(row), positions_(positions), source_(source) {}

  const std::string& field(Column column) const {
    return row_.fields[static_cast<std::size_t>(positions_[column])];
  }

  std::string where(Column column) const {
    return locate(source_, row_.line, positions_[column] + 1, kColumnNames[column]);
  }

  double number(Column column) const {
    const std::optional<double> value = parse_real(field(column));
    if (!value) {
      throw UsageError(where(column) + ": '" + field(column) +
                       "' is not a finite number; write a decimal such as -1.25 or 3e-05");
    }
    return *value;
  }

  long whole_number(Column column) const {
    const std::string& text = field(column);
    long value = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) {
      throw UsageError(where(column) + ": '" + text +
                       "' is not a whole number; write 0, 1, 2, ...");
    }
    return value;
  }

  long repeat() const { return positions_[Column::repeat] < 0 ? 0 : whole_number(Column::repeat); }

  StepRecord record() const {
    StepRecord record;
    record.step = whole_number(Column::step);
    record.position = {number(Column::x), number(Column::y)};
    record.loss = number(Column::loss);
    record.gradient = {number(Column::grad_x), number(Column::grad_y)};
    if (!field(Column::lr).empty()) {
      record.lr = number(Column::lr);
    }
    return record;
  }

 private:
  const Row& row_;
  const std::array<int, column_count>& positions_;
  const std::string& source_;
};

}  // namespace

PathsCsv parse_paths_csv(std::string_view text, const std::string& source) {
  RowReader reader(text, source);
  const std::optional<Row> header = reader.next();
  if (!header || (header->fields.size() == 1 && header->fields[0].empty())) {
    throw UsageError(source + ": the file is empty; it needs a header naming " +
                     std::string(kRequiredColumns) + ", then one row per optimizer per step");
  }
  const std::array<int, column_count> positions = find_columns(*header, source);

  PathsCsv csv;
  csv.source = source;
  csv.optimizer_column = positions[Column::optimizer] + 1;
  csv.loss_column = positions[Column::loss] + 1;
  while (std::optional<Row> row = reader.next()) {
    if (row->fields.size() == 1 && row->fields[0].empty()) {
      continue;  // A blank line, such as the one after the last newline.
    }
    if (row->fields.size() != header->fields.size()) {
      throw UsageError(source + ": line " + std::to_string(row->line) + ": expected " +
                       std::to_string(header->fields.size()) + " fields like the header, found " +
                       std::to_string(row->fields.size()) +
                       "; quote a label that contains a comma");
    }
    const RowParser parser(*row, positions, source);
    const std::string& label = parser.field(Column::optimizer);
    if (label.empty()) {
      throw UsageError(parser.where(Column::optimizer) +
                       ": the optimizer label is empty; name the optimizer, such as adam");
    }
    const StepRecord record = parser.record();
    const long repeat = parser.repeat();

    auto path = std::find_if(csv.paths.begin(), csv.paths.end(), [&](const CsvPath& p) {
      return p.label == label && p.repeat == repeat;
    });
    if (path == csv.paths.end()) {
      csv.paths.push_back({label, repeat, row->line, {}, {}});
      path = csv.paths.end() - 1;
    }
    const long expected = static_cast<long>(path->records.size());
    if (record.step != expected) {
      throw UsageError(parser.where(Column::step) + ": step " + std::to_string(record.step) +
                       " of optimizer '" + label + "' should be " + std::to_string(expected) +
                       "; each optimizer's rows must run 0, 1, 2, ... without gaps");
    }
    path->records.push_back(record);
    path->lines.push_back(row->line);
  }
  if (csv.paths.empty()) {
    throw UsageError(source +
                     ": the file has a header but no rows; add one row per optimizer "
                     "per step, starting at step 0");
  }
  return csv;
}

PathsCsv read_paths_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UsageError("cannot read '" + path.string() + "': " + std::strerror(errno) +
                     "; give the path of an optimizer-paths.csv");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_paths_csv(text.str(), path.string());
}

}  // namespace optiscope::io
