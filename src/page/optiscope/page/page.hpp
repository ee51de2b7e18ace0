#pragma once

#include <string>
#include <string_view>

namespace optiscope::page {

/// The page's HTML as the build embedded it; empty when the build had no
/// page (see missing_reason).
std::string_view html();

/// The reason this build has no page, with what to install; empty when it
/// has one.
std::string_view missing_reason();

/// Returns the page with `fragment`, a URL fragment in the page's state
/// format without '#', preloaded: the page opens with that state unless its
/// own URL has a fragment. Throws RuntimeFailure when the build has no page.
std::string html_with_state(std::string_view fragment);

/// Percent-encodes `text` for a value in the page's URL fragment, leaving
/// the characters the page leaves (letters, digits and -_.~:,=()*!/).
std::string encode_fragment_value(std::string_view text);

}  // namespace optiscope::page
