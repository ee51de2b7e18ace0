#include "optiscope/io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>

#include "optiscope/core/error.hpp"

namespace optiscope::io {
namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

fs::path temporary_name(const fs::path& target) {
  std::random_device entropy;
  const auto tag = std::to_string(entropy() % 1000000000u);
  fs::path temporary = target;
  temporary += ".tmp-" + tag;
  return temporary;
}

// Flushes a finished file to disk so that the rename publishes complete
// contents even after a crash.
void sync_file(const fs::path& path) {
  const int descriptor = ::open(path.c_str(), O_RDONLY);
  if (descriptor >= 0) {
    ::fsync(descriptor);
    ::close(descriptor);
  }
}

}  // namespace

void prepare_output_directory(const fs::path& directory) {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    throw RuntimeFailure("cannot create output directory " + quoted(directory) + ": " +
                         error.message() + "; choose a writable directory with --out");
  }
  if (!fs::is_directory(directory)) {
    throw RuntimeFailure("output path " + quoted(directory) +
                         " exists and is not a directory; choose another with --out");
  }
}

void write_atomically(const fs::path& target,
                      const std::function<void(const fs::path& temporary)>& write) {
  const fs::path temporary = temporary_name(target);
  try {
    write(temporary);
    sync_file(temporary);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }

  std::error_code error;
  fs::rename(temporary, target, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw RuntimeFailure("cannot write " + quoted(target) + ": " + error.message());
  }
}

void write_text_atomically(const fs::path& target, std::string_view contents) {
  write_atomically(target, [&](const fs::path& temporary) {
    FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) {
      throw RuntimeFailure("cannot write " + quoted(target) + ": " + std::strerror(errno) +
                           "; check that the directory exists and is writable");
    }
    const std::size_t written = std::fwrite(contents.data(), 1, contents.size(), file);
    const bool closed = std::fclose(file) == 0;
    if (written != contents.size() || !closed) {
      throw RuntimeFailure("cannot write " + quoted(target) + ": " + std::strerror(errno));
    }
  });
}

}  // namespace optiscope::io
