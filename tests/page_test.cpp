// The embedded page, its preloaded state and the HTTP server of `serve`.
// The browser tests in web/tests drive the page itself.

#include "optiscope/page/page.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "app_command.hpp"
#include "optiscope/core/error.hpp"
#include "optiscope/core/experiment.hpp"
#include "page_server.hpp"

namespace optiscope {
namespace {

TEST(PageFragment, EncodesReservedCharacters) {
  EXPECT_EQ(page::encode_fragment_value("adam:lr=0.1,beta1=0.9"), "adam:lr=0.1,beta1=0.9");
  EXPECT_EQ(page::encode_fragment_value("x^2 + y&z#"), "x%5E2%20%2B%20y%26z%23");
  EXPECT_EQ(page::encode_fragment_value("\"<script>\""), "%22%3Cscript%3E%22");
  EXPECT_EQ(page::encode_fragment_value("慢"), "%E6%85%A2");
}

TEST(PageFragment, FormatsTheExperiment) {
  Experiment experiment;
  experiment.surface = "x^2 + 3*y^2";
  experiment.start = Vec2{-1.5, 2.5};
  experiment.steps = 40;
  experiment.optimizers = {parse_optimizer_entry("adam:lr=0.05,label=fast one"),
                           parse_optimizer_entry("gd")};
  experiment.optimizers[1].schedule = "step:step_size=10";
  experiment.schedule = "cosine";
  experiment.noise = 0.5;
  experiment.seed = 7;
  experiment.repeats = 3;
  EXPECT_EQ(cli::experiment_fragment(experiment),
            "surface=x%5E2%20%2B%203*y%5E2&start=-1.5,2.5&steps=40&o1=adam:lr=0.05"
            "&l1=fast%20one&o2=gd&s2=step:step_size=10&schedule=cosine&noise=0.5&seed=7"
            "&repeats=3&step=40");
}

TEST(PageFragment, LeavesDefaultsOut) {
  EXPECT_EQ(cli::experiment_fragment(Experiment{}), "surface=quadratic&steps=100&step=100");
}

TEST(EmbeddedPage, PreloadsTheState) {
  if (page::html().empty()) {
    GTEST_SKIP() << "this build has no page: " << page::missing_reason();
  }
  const std::string html = page::html_with_state("surface=rosenbrock&steps=5");
  EXPECT_NE(html.find(R"(<script id="optiscope-preload" type="application/json">)"
                      R"("surface=rosenbrock&steps=5"</script>)"),
            std::string::npos);
  EXPECT_EQ(html.size(), page::html().size() +
                             std::string("\"surface=rosenbrock&steps=5\"").size() -
                             std::string("null").size());
  EXPECT_THROW(page::html_with_state("a\"b"), RuntimeFailure);
}

// Sends `request` to 127.0.0.1:`port` and returns everything the server
// sends back before it closes the connection.
std::string send_request(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[4096];
  ssize_t received = 0;
  while ((received = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
    response.append(buffer, static_cast<std::size_t>(received));
  }
  ::close(fd);
  return response;
}

std::string status_line(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

class PageServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = server_.bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_.serve(); });
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }

  std::string log_;
  cli::PageServer server_{"<html>page</html>",
                          [this](const std::string& line) { log_ += line + "\n"; }};
  int port_ = 0;
  std::thread thread_;
};

TEST_F(PageServerTest, ServesThePage) {
  const std::string response = send_request(port_, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(response), "HTTP/1.1 200 OK");
  EXPECT_NE(response.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(response.find("Content-Length: 17\r\n"), std::string::npos);
  EXPECT_EQ(response.substr(response.size() - 17), "<html>page</html>");
  EXPECT_EQ(status_line(send_request(port_, "GET /optiscope.html?x=1 HTTP/1.1\r\n\r\n")),
            "HTTP/1.1 200 OK");
}

TEST_F(PageServerTest, HeadSendsNoBody) {
  const std::string response = send_request(port_, "HEAD / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(status_line(response), "HTTP/1.1 200 OK");
  EXPECT_EQ(response.substr(response.size() - 4), "\r\n\r\n");
}

TEST_F(PageServerTest, RejectsOtherPaths) {
  for (const std::string path : {"/../etc/passwd", "/%2e%2e/etc/passwd", "/index.html", "//"}) {
    EXPECT_EQ(status_line(send_request(port_, "GET " + path + " HTTP/1.1\r\n\r\n")),
              "HTTP/1.1 404 Not Found")
        << path;
  }
  EXPECT_NE(log_.find("GET /../etc/passwd 404"), std::string::npos);
}

TEST_F(PageServerTest, RejectsOtherMethods) {
  EXPECT_EQ(status_line(send_request(port_, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")),
            "HTTP/1.1 405 Method Not Allowed");
}

TEST_F(PageServerTest, RejectsMalformedRequests) {
  EXPECT_EQ(status_line(send_request(port_, "nonsense\r\n\r\n")), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(status_line(send_request(port_, std::string(20000, 'a'))), "HTTP/1.1 400 Bad Request");
}

TEST(PageServer, ReportsAnAddressInUse) {
  cli::PageServer first("page", [](const std::string&) {});
  const int port = first.bind("127.0.0.1", 0);
  cli::PageServer second("page", [](const std::string&) {});
  EXPECT_THROW(second.bind("127.0.0.1", port), RuntimeFailure);
}

}  // namespace
}  // namespace optiscope
