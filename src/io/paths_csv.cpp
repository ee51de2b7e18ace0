#include "optiscope/io/paths_csv.hpp"

#include "optiscope/io/atomic_file.hpp"

namespace optiscope::io {

void write_paths_csv(const std::filesystem::path& path,
                     const std::vector<OptimizerResult>& results) {
  write_text_atomically(path, format_paths_csv(results));
}

}  // namespace optiscope::io
