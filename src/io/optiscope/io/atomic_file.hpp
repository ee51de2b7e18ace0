#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace optiscope::io {

/// Creates `directory` and its parents if needed. Throws RuntimeFailure
/// naming the directory when it cannot be created or is not a directory.
void prepare_output_directory(const std::filesystem::path& directory);

/// Writes `target` by calling `write` on a temporary file in the same
/// directory and renaming it over `target` once `write` returns. If `write`
/// throws, the temporary file is removed and `target` is left untouched, so
/// a failure never leaves a half-written file. Throws RuntimeFailure naming
/// `target` when the file system refuses.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& temporary)>& write);

/// Writes `contents` to `target` through write_atomically.
void write_text_atomically(const std::filesystem::path& target, std::string_view contents);

}  // namespace optiscope::io
