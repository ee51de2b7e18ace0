#pragma once

#include <functional>
#include <string>

namespace optiscope::cli {

/// A minimal HTTP/1.1 server for the browser page: one connection at a
/// time, GET and HEAD only, and exactly one resource, the page, at "/" and
/// "/optiscope.html". Every other path, including any with "..", gets 404,
/// so nothing outside the page can be read through it. Each response closes
/// its connection.
class PageServer {
 public:
  /// Takes the page to serve and a log for one line per request.
  PageServer(std::string html, std::function<void(const std::string&)> log);
  ~PageServer();
  PageServer(const PageServer&) = delete;
  PageServer& operator=(const PageServer&) = delete;

  /// Binds to `host` (a numeric IPv4 or IPv6 address, or "localhost") and
  /// `port` (0 picks a free port) and listens. Returns the bound port.
  /// Throws RuntimeFailure naming the address when that fails.
  int bind(const std::string& host, int port);

  /// Serves requests one after another until stop() is called. Blocks.
  void serve();

  /// Makes serve() return after the request in progress.
  void stop();

 private:
  void handle(int connection);

  std::string html_;
  std::function<void(const std::string&)> log_;
  int listener_ = -1;
  int wake_pipe_[2] = {-1, -1};
};

}  // namespace optiscope::cli
