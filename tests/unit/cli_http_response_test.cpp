// Response heads the file server writes, and the client's response parser with
// each body framing: Content-Length, chunked, and close-delimited.
#include <gtest/gtest.h>

#include <string>

#include "http_response.h"

namespace mk::cli {
namespace {

using Status = ResponseParser::Status;

TEST(CliHttpResponse, FormatsHeadWithLengthTypeAndConnection) {
  EXPECT_EQ(format_response_head(404, "text/plain", 10, false),
            "HTTP/1.1 404 Not Found\r\nServer: meerkat\r\nContent-Type: text/plain\r\n"
            "Content-Length: 10\r\nConnection: close\r\n\r\n");
}

TEST(CliHttpResponse, FormatsExtraHeadersBeforeTheEmptyLine) {
  EXPECT_EQ(format_response_head(405, "text/plain", 0, true, "Allow: GET, HEAD\r\n"),
            "HTTP/1.1 405 Method Not Allowed\r\nServer: meerkat\r\nContent-Type: text/plain\r\n"
            "Content-Length: 0\r\nConnection: keep-alive\r\nAllow: GET, HEAD\r\n\r\n");
}

TEST(CliHttpResponse, ContentLengthBodyEndsAfterThatManyBytes) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", body), Status::more);
  EXPECT_EQ(p.feed("lo", body), Status::done);
  EXPECT_EQ(p.status(), 200);
  EXPECT_EQ(p.reason(), "OK");
  EXPECT_EQ(body, "hello");
}

TEST(CliHttpResponse, ContentLengthBodyCutShortIsMalformedAtClose) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", body), Status::more);
  EXPECT_EQ(p.finish(), Status::malformed);
}

TEST(CliHttpResponse, ChunkedBodyIsDecodedAcrossFeeds) {
  ResponseParser p;
  std::string body;
  std::string wire =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
  Status s = Status::more;
  for (char c : wire) s = p.feed(std::string_view(&c, 1), body);
  EXPECT_EQ(s, Status::done);
  EXPECT_EQ(body, "hello, world");
}

TEST(CliHttpResponse, ChunkWithoutItsCrlfIsMalformed) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", body),
            Status::malformed);
}

TEST(CliHttpResponse, ChunkSizeThatIsNotHexIsMalformed) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", body),
            Status::malformed);
}

TEST(CliHttpResponse, BodyWithoutLengthEndsWhenTheConnectionCloses) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n<pre>", body), Status::more);
  EXPECT_EQ(p.feed("x</pre>", body), Status::more);
  EXPECT_EQ(p.finish(), Status::done);
  EXPECT_EQ(body, "<pre>x</pre>");
}

TEST(CliHttpResponse, InformationalHeadIsSkipped) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(
      p.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", body),
      Status::done);
  EXPECT_EQ(p.status(), 200);
  EXPECT_EQ(body, "ok");
}

TEST(CliHttpResponse, NoContentHasNoBody) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.1 204 No Content\r\n\r\n", body), Status::done);
  EXPECT_EQ(body, "");
}

TEST(CliHttpResponse, MalformedStatusLineIsRefused) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("SSH-2.0-OpenSSH\r\n\r\n", body), Status::malformed);
  EXPECT_EQ(p.error(), "malformed HTTP status line");
}

TEST(CliHttpResponse, ConnectionClosedBeforeTheHeadIsMalformed) {
  ResponseParser p;
  std::string body;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\n", body), Status::more);
  EXPECT_EQ(p.finish(), Status::malformed);
}

}  // namespace
}  // namespace mk::cli
