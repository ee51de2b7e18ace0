#include "optiscope/page/page.hpp"

#include <cstddef>

#include "optiscope/core/error.hpp"

namespace optiscope::page {
namespace detail {
extern const unsigned char kPageBytes[];
extern const std::size_t kPageSize;
extern const char kMissingReason[];
}  // namespace detail

namespace {

// The element web/index.html keeps for the preloaded state; the page reads
// its text as JSON.
constexpr std::string_view kPreloadElement =
    R"(<script id="optiscope-preload" type="application/json">null</script>)";

}  // namespace

std::string_view html() {
  return {reinterpret_cast<const char*>(detail::kPageBytes), detail::kPageSize};
}

std::string_view missing_reason() { return detail::kMissingReason; }

std::string html_with_state(std::string_view fragment) {
  const std::string_view page = html();
  if (page.empty()) {
    throw RuntimeFailure("this optiscope was built without the browser page: " +
                         std::string(missing_reason()));
  }
  const std::size_t at = page.find(kPreloadElement);
  if (at == std::string_view::npos) {
    throw RuntimeFailure("the embedded page has no preload element; rebuild optiscope");
  }
  // The fragment is percent-encoded ASCII, so it needs no JSON escapes and
  // cannot end the script element; check rather than trust.
  for (char c : fragment) {
    if (c == '"' || c == '\\' || c == '<' || c == '>' || static_cast<unsigned char>(c) < 0x20 ||
        static_cast<unsigned char>(c) >= 0x7f) {
      throw RuntimeFailure("internal error: the preloaded state is not percent-encoded");
    }
  }
  std::string result(page.substr(0, at));
  result += R"(<script id="optiscope-preload" type="application/json">")";
  result += fragment;
  result += R"("</script>)";
  result += page.substr(at + kPreloadElement.size());
  return result;
}

std::string encode_fragment_value(std::string_view text) {
  constexpr std::string_view kPlain = "-_.~:,=()*!/";
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool alphanumeric =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alphanumeric || kPlain.find(c) != std::string_view::npos) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0f];
    }
  }
  return encoded;
}

}  // namespace optiscope::page
