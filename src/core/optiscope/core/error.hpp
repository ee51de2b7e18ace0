#pragma once

#include <stdexcept>
#include <string>

namespace optiscope {

/// Base of every error optiscope reports to a user. Each error carries the
/// exit code the command-line tool returns for it.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, int exit_code)
      : std::runtime_error(message), exit_code_(exit_code) {}

  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

/// Invalid input from the user: an option, a specification or a value.
/// The message names the value, the constraint and the fix. Exit code 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, 2) {}
};

/// A failure while carrying out valid input, such as an output file that
/// cannot be written. Exit code 1.
class RuntimeFailure : public Error {
 public:
  explicit RuntimeFailure(const std::string& message) : Error(message, 1) {}
};

}  // namespace optiscope
