// URLs for `meerkat get`.
#include <gtest/gtest.h>

#include "url.h"

namespace mk::cli {
namespace {

Url parsed(std::string_view text) {
  Url u;
  std::string error;
  EXPECT_TRUE(parse_url(text, u, error)) << error;
  return u;
}

std::string refusal(std::string_view text) {
  Url u;
  std::string error;
  EXPECT_FALSE(parse_url(text, u, error));
  return error;
}

TEST(CliUrl, DnsHostDefaultsToPort443AndRootPath) {
  Url u = parsed("https://example.org");
  EXPECT_EQ(u.host, "example.org");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/");
  EXPECT_FALSE(u.host_is_ip);
}

TEST(CliUrl, KeepsPortPathAndQuery) {
  Url u = parsed("https://localhost:8443/a/b.html?x=1&y=2");
  EXPECT_EQ(u.host, "localhost");
  EXPECT_EQ(u.port, 8443);
  EXPECT_EQ(u.target, "/a/b.html?x=1&y=2");
}

TEST(CliUrl, QueryWithoutPathGetsRootPath) {
  EXPECT_EQ(parsed("https://h?q=1").target, "/?q=1");
}

TEST(CliUrl, DropsTheFragment) {
  EXPECT_EQ(parsed("https://h/page#top").target, "/page");
}

TEST(CliUrl, Ipv4LiteralIsMarkedAsIp) {
  Url u = parsed("https://127.0.0.1:4433/");
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_TRUE(u.host_is_ip);
}

TEST(CliUrl, Ipv6LiteralLosesItsBrackets) {
  Url u = parsed("https://[::1]:4433/x");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 4433);
  EXPECT_TRUE(u.host_is_ip);
}

TEST(CliUrl, SchemeIsCaseInsensitive) {
  EXPECT_EQ(parsed("HTTPS://h/").host, "h");
}

TEST(CliUrl, AuthorityOmitsDefaultPortAndBracketsIpv6) {
  EXPECT_EQ(parsed("https://example.org/").authority(), "example.org");
  EXPECT_EQ(parsed("https://[::1]:8443/").authority(), "[::1]:8443");
}

TEST(CliUrl, RefusesOtherSchemes) {
  EXPECT_EQ(refusal("http://h/"), "URL must start with https://");
}

TEST(CliUrl, RefusesEmptyHost) {
  EXPECT_EQ(refusal("https:///x"), "URL has no host");
}

TEST(CliUrl, RefusesBadPorts) {
  EXPECT_EQ(refusal("https://h:0/"), "URL has an invalid port: 0");
  EXPECT_EQ(refusal("https://h:65536/"), "URL has an invalid port: 65536");
  EXPECT_EQ(refusal("https://h:/"), "URL has an invalid port: ");
}

TEST(CliUrl, RefusesUserInfo) {
  EXPECT_EQ(refusal("https://user@h/"), "URL user info (user@host) is not supported");
}

TEST(CliUrl, RefusesInvalidIpv6Literal) {
  EXPECT_EQ(refusal("https://[::g]/"), "URL has an invalid IPv6 literal: ::g");
  EXPECT_EQ(refusal("https://[::1/"), "URL has an unterminated IPv6 literal");
}

TEST(CliUrl, RefusesSpacesAndInvalidHostCharacters) {
  EXPECT_EQ(refusal("https://h/a b"), "URL contains a space or control character");
  EXPECT_EQ(refusal("https://ex!ample/"), "URL has an invalid host name: ex!ample");
}

}  // namespace
}  // namespace mk::cli
