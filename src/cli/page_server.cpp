#include "page_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "optiscope/core/error.hpp"

namespace optiscope::cli {
namespace {

// A request head larger than this is rejected; a browser's is about 1 KiB.
constexpr std::size_t kMaxRequestHead = 16 * 1024;
// A client that sends nothing for this long is dropped. The server handles
// one connection at a time, so an idle client would otherwise block it.
constexpr int kReadTimeoutMs = 5000;

std::string response(std::string_view status, std::string_view type, std::string_view body,
                     bool include_body) {
  std::string text = "HTTP/1.1 ";
  text += status;
  text += "\r\nContent-Type: ";
  text += type;
  text += "\r\nContent-Length: " + std::to_string(body.size());
  text +=
      "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: "
      "close\r\n\r\n";
  if (include_body) {
    text += body;
  }
  return text;
}

void send_all(int connection, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(connection, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) {
      if (sent < 0 && errno == EINTR) {
        continue;
      }
      return;
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
}

// Reads until the blank line that ends the request head and returns the
// head. Returns an empty string when the client sent too much, paused too
// long or closed the connection.
std::string read_head(int connection) {
  std::string head;
  char buffer[2048];
  while (head.find("\r\n\r\n") == std::string::npos) {
    pollfd ready{connection, POLLIN, 0};
    if (::poll(&ready, 1, kReadTimeoutMs) <= 0) {
      return {};
    }
    const ssize_t received = ::recv(connection, buffer, sizeof buffer, 0);
    if (received <= 0) {
      return {};
    }
    head.append(buffer, static_cast<std::size_t>(received));
    if (head.size() > kMaxRequestHead) {
      return {};
    }
  }
  return head;
}

// Closes after the client has read the response. Closing a socket with
// unread request bytes makes the kernel send a reset, which can destroy the
// response before the client reads it, so first stop sending and discard
// what is left, for a bounded time.
void close_gracefully(int connection) {
  ::shutdown(connection, SHUT_WR);
  char buffer[4096];
  for (int reads = 0; reads < 64; ++reads) {
    pollfd ready{connection, POLLIN, 0};
    if (::poll(&ready, 1, 500) <= 0 || ::recv(connection, buffer, sizeof buffer, 0) <= 0) {
      break;
    }
  }
  ::close(connection);
}

}  // namespace

PageServer::PageServer(std::string html, std::function<void(const std::string&)> log)
    : html_(std::move(html)), log_(std::move(log)) {}

PageServer::~PageServer() {
  if (listener_ >= 0) {
    ::close(listener_);
  }
  for (int fd : wake_pipe_) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
}

int PageServer::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int error = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); error != 0) {
    throw RuntimeFailure("cannot listen on " + host + ": " + ::gai_strerror(error));
  }
  std::string failure = "no address";
  for (addrinfo* candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
    const int fd = ::socket(candidate->ai_family, candidate->ai_socktype, candidate->ai_protocol);
    if (fd < 0) {
      failure = std::strerror(errno);
      continue;
    }
    const int enable = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof enable);
    if (::bind(fd, candidate->ai_addr, candidate->ai_addrlen) == 0 && ::listen(fd, 16) == 0) {
      listener_ = fd;
      break;
    }
    failure = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  if (listener_ < 0) {
    throw RuntimeFailure("cannot listen on " + host + " port " + service + ": " + failure +
                         "; choose another --port");
  }
  if (::pipe(wake_pipe_) != 0) {
    throw RuntimeFailure(std::string("cannot create a pipe: ") + std::strerror(errno));
  }

  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&bound), &length);
  if (bound.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  }
  return ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

void PageServer::serve() {
  while (true) {
    pollfd ready[2] = {{listener_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(ready, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw RuntimeFailure(std::string("waiting for connections failed: ") + std::strerror(errno));
    }
    if (ready[1].revents != 0) {
      return;
    }
    const int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) {
      log_(std::string("accepting a connection failed: ") + std::strerror(errno));
      continue;
    }
    handle(connection);
    close_gracefully(connection);
  }
}

void PageServer::stop() {
  if (wake_pipe_[1] >= 0) {
    const char byte = 0;
    // write is async-signal-safe, so a signal handler may call stop().
    [[maybe_unused]] const ssize_t written = ::write(wake_pipe_[1], &byte, 1);
  }
}

void PageServer::handle(int connection) {
  const std::string head = read_head(connection);
  if (head.empty()) {
    send_all(connection,
             response("400 Bad Request", "text/plain; charset=utf-8", "bad request\n", true));
    log_("400 (incomplete or oversized request)");
    return;
  }
  const std::string_view line = std::string_view(head).substr(0, head.find("\r\n"));
  const std::size_t first_space = line.find(' ');
  const std::size_t second_space = line.find(' ', first_space + 1);
  if (first_space == std::string_view::npos || second_space == std::string_view::npos) {
    send_all(connection,
             response("400 Bad Request", "text/plain; charset=utf-8", "bad request\n", true));
    log_("400 (malformed request line)");
    return;
  }
  const std::string_view method = line.substr(0, first_space);
  std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
  // The query string does not choose a resource; the page reads its state
  // from the fragment, which browsers never send.
  target = target.substr(0, target.find('?'));
  const std::string request = std::string(method) + " " + std::string(target);

  if (method != "GET" && method != "HEAD") {
    send_all(connection, response("405 Method Not Allowed", "text/plain; charset=utf-8",
                                  "only GET and HEAD are supported\n", true));
    log_(request + " 405");
    return;
  }
  const bool with_body = method == "GET";
  if (target == "/" || target == "/optiscope.html") {
    send_all(connection, response("200 OK", "text/html; charset=utf-8", html_, with_body));
    log_(request + " 200");
    return;
  }
  send_all(connection,
           response("404 Not Found", "text/plain; charset=utf-8",
                    "not found: this server has only / (the optiscope page)\n", with_body));
  log_(request + " 404");
}

}  // namespace optiscope::cli
