// The file server's request parser: what makes a request head complete, and what
// makes it malformed (answered with 400).
#include <gtest/gtest.h>

#include <string>

#include "http_request.h"

namespace mk::cli {
namespace {

ParseResult parse(std::string_view text, HttpRequest& req, size_t& len) {
  return parse_request_head(text, req, len);
}

ParseResult parse(std::string_view text) {
  HttpRequest req;
  size_t len = 0;
  return parse_request_head(text, req, len);
}

TEST(CliHttpRequest, ParsesMethodTargetVersionAndHeaders) {
  HttpRequest req;
  size_t len = 0;
  std::string_view text = "GET /index.html?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n";
  ASSERT_EQ(parse(text, req, len), ParseResult::complete);
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.target, "/index.html?x=1");
  EXPECT_EQ(req.minor_version, 1);
  EXPECT_EQ(req.header("host"), "localhost");
  EXPECT_EQ(req.header("ACCEPT"), "*/*");
  EXPECT_EQ(len, text.size());
}

TEST(CliHttpRequest, HeadLengthStopsAtTheEmptyLineSoPipelinedRequestsStay) {
  HttpRequest req;
  size_t len = 0;
  std::string first = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
  ASSERT_EQ(parse(first + "GET /b HTTP/1.1\r\n", req, len), ParseResult::complete);
  EXPECT_EQ(len, first.size());
}

TEST(CliHttpRequest, IncompleteUntilTheEmptyLine) {
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\n"), ParseResult::incomplete);
  EXPECT_EQ(parse("GET / HT"), ParseResult::incomplete);
}

TEST(CliHttpRequest, AcceptsBareLineFeeds) {
  EXPECT_EQ(parse("GET / HTTP/1.1\nHost: h\n\n"), ParseResult::complete);
}

TEST(CliHttpRequest, Http11KeepsAliveUnlessConnectionClose) {
  HttpRequest req;
  size_t len = 0;
  ASSERT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n", req, len), ParseResult::complete);
  EXPECT_TRUE(req.keep_alive);
  ASSERT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n", req, len),
            ParseResult::complete);
  EXPECT_FALSE(req.keep_alive);
}

TEST(CliHttpRequest, Http10ClosesUnlessConnectionKeepAlive) {
  HttpRequest req;
  size_t len = 0;
  ASSERT_EQ(parse("GET / HTTP/1.0\r\n\r\n", req, len), ParseResult::complete);
  EXPECT_FALSE(req.keep_alive);
  ASSERT_EQ(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", req, len),
            ParseResult::complete);
  EXPECT_TRUE(req.keep_alive);
}

TEST(CliHttpRequest, ReadsContentLength) {
  HttpRequest req;
  size_t len = 0;
  ASSERT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\n", req, len),
            ParseResult::complete);
  EXPECT_EQ(req.content_length, 12u);
}

TEST(CliHttpRequest, MalformedRequestLines) {
  EXPECT_EQ(parse("GET /\r\n\r\n"), ParseResult::malformed);
  EXPECT_EQ(parse("GET  / HTTP/1.1\r\nHost: h\r\n\r\n"), ParseResult::malformed);
  EXPECT_EQ(parse("GET index.html HTTP/1.1\r\nHost: h\r\n\r\n"), ParseResult::malformed);
  EXPECT_EQ(parse("GET / HTTP/2.0\r\nHost: h\r\n\r\n"), ParseResult::malformed);
  EXPECT_EQ(parse("G(T / HTTP/1.1\r\nHost: h\r\n\r\n"), ParseResult::malformed);
}

TEST(CliHttpRequest, MalformedHeaderLines) {
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost h\r\n\r\n"), ParseResult::malformed);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost : h\r\n\r\n"), ParseResult::malformed);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n"), ParseResult::malformed);
}

TEST(CliHttpRequest, Http11WithoutHostIsMalformed) {
  EXPECT_EQ(parse("GET / HTTP/1.1\r\n\r\n"), ParseResult::malformed);
}

TEST(CliHttpRequest, InvalidOrConflictingContentLengthIsMalformed) {
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n"),
            ParseResult::malformed);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
            ParseResult::malformed);
}

TEST(CliHttpRequest, TransferEncodingIsMalformed) {
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"),
            ParseResult::malformed);
}

TEST(CliHttpRequest, HeadWithoutEndPastTheLimitIsMalformed) {
  std::string text = "GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(kMaxRequestHead, 'a');
  EXPECT_EQ(parse(text), ParseResult::malformed);
}

TEST(CliHttpRequest, BuildsTheClientsGet) {
  EXPECT_EQ(build_get_request("localhost:8443", "/x?y"),
            "GET /x?y HTTP/1.1\r\nHost: localhost:8443\r\nUser-Agent: meerkat-get\r\n"
            "Accept: */*\r\nConnection: close\r\n\r\n");
}

}  // namespace
}  // namespace mk::cli
