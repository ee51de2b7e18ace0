#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optiscope/core/runner.hpp"

namespace optiscope::io {

/// One optimizer's rows of an optimizer-paths.csv, in step order.
struct CsvPath {
  std::string label;
  /// The repeat of a noisy run; 0 when the CSV has no repeat column.
  long repeat = 0;
  /// The line of the path's first row; the header is line 1.
  long first_line = 0;
  /// Steps 0, 1, 2, ... with position, loss, gradient and lr as written.
  std::vector<StepRecord> records;
  /// The line of each record, for messages about a value.
  std::vector<long> lines;
};

/// The contents of an optimizer-paths.csv.
struct PathsCsv {
  /// Where the text came from, as error messages name it.
  std::string source;
  /// Paths in the order their first rows appear.
  std::vector<CsvPath> paths;
  /// The 1-based columns of `optimizer` and `loss`, for messages.
  int optimizer_column = 1;
  int loss_column = 5;
};

/// Parses CSV text in the schema of docs/csv.md. The header must name the
/// eight columns optimizer, step, x, y, loss, grad_x, grad_y and lr in any
/// order; other columns are ignored, except an optional `repeat` column that
/// tells repeated runs of one optimizer apart. Rows of different paths may
/// interleave, but each path's steps must run 0, 1, 2, ... Every number
/// must be finite; lr may be empty. Throws UsageError naming `source`, the
/// line, the column and the fix for the first problem found.
PathsCsv parse_paths_csv(std::string_view text, const std::string& source);

/// Reads and parses the file at `path`. Throws UsageError when it cannot be
/// read, naming the path.
PathsCsv read_paths_csv(const std::filesystem::path& path);

}  // namespace optiscope::io
