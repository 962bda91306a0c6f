#include "url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "args.h"

namespace mk::cli {
namespace {

bool is_dns_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

bool is_ipv4(const std::string& s) {
  in_addr a;
  return inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& s) {
  in6_addr a;
  return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

}  // namespace

std::string Url::authority() const {
  std::string a = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 443) a += ":" + std::to_string(port);
  return a;
}

bool parse_url(std::string_view text, Url& out, std::string& error) {
  constexpr std::string_view kScheme = "https://";
  if (text.size() < kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), text.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    error = "URL must start with https://";
    return false;
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      error = "URL contains a space or control character";
      return false;
    }
  }
  std::string_view rest = text.substr(kScheme.size());
  rest = rest.substr(0, rest.find('#'));
  size_t path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  std::string_view target =
      path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos) {
    error = "URL user info (user@host) is not supported";
    return false;
  }

  Url url;
  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with("[")) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      error = "URL has an unterminated IPv6 literal";
      return false;
    }
    url.host = authority.substr(1, close - 1);
    if (!is_ipv6(url.host)) {
      error = "URL has an invalid IPv6 literal: " + url.host;
      return false;
    }
    url.host_is_ip = true;
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') {
        error = "URL has characters after the IPv6 literal";
        return false;
      }
      port_text = after.substr(1);
      has_port = true;
    }
  } else {
    size_t colon = authority.find(':');
    url.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      has_port = true;
    }
    if (url.host.empty() || !std::all_of(url.host.begin(), url.host.end(), is_dns_char)) {
      error = url.host.empty() ? "URL has no host" : "URL has an invalid host name: " + url.host;
      return false;
    }
    url.host_is_ip = is_ipv4(url.host);
  }
  if (has_port) {
    int64_t port = 0;
    if (!parse_int(port_text, 1, 65535, port)) {
      error = "URL has an invalid port: " + std::string(port_text);
      return false;
    }
    url.port = static_cast<uint16_t>(port);
  }
  if (!target.empty()) url.target = target[0] == '?' ? "/" + std::string(target) : target;
  out = std::move(url);
  return true;
}

}  // namespace mk::cli
