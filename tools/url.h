// https:// URLs as `meerkat get` takes them: https://host[:port][/path][?query].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mk::cli {

struct Url {
  std::string host;  // DNS name or IP literal; an IPv6 literal without its brackets
  uint16_t port = 443;
  std::string target = "/";  // path and query, as sent in the request line
  bool host_is_ip = false;

  // The Host header value: host, bracketed when IPv6, with ":port" unless 443.
  std::string authority() const;
};

// False with error set when the text is not an https URL Meerkat can fetch: another
// scheme, user info, an empty or malformed host, a bad port, spaces or control
// characters. The fragment (#...) is dropped.
bool parse_url(std::string_view text, Url& out, std::string& error);

}  // namespace mk::cli
