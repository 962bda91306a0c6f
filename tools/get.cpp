// `meerkat get`: fetch one https:// URL over TLS 1.3 and print the body. On any
// failure, one line on stderr naming the reason, and a non-zero exit status.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "args.h"
#include "commands.h"
#include "failure.h"
#include "http_request.h"
#include "http_response.h"
#include "negotiated.h"
#include "tcp.h"
#include "tls_config.h"
#include "tls_socket.h"
#include "url.h"

namespace mk::cli {
namespace {

constexpr const char* kDefaultCaFile = "/etc/ssl/certs/ca-certificates.crt";

constexpr OptionSpec kOptions[] = {
    {"--ca", "", true},       {"--insecure", "-k", false}, {"--servername", "", true},
    {"--cert", "", true},     {"--key", "", true},         {"--alpn", "", true},
    {"--versions", "", true}, {"--suites", "", true},      {"--groups", "", true},
    {"--output", "-o", true}, {"--timeout", "", true},     {"--verbose", "-v", false},
    {"--help", "-h", false},
};

constexpr const char* kUsage =
    "usage: meerkat get URL [--ca FILE] [--insecure] [--servername NAME]\n"
    "                   [--cert FILE --key FILE] [--alpn LIST] [--versions LIST]\n"
    "                   [--suites LIST] [--groups LIST] [-o FILE] [--timeout SECONDS] [-v]\n"
    "\n"
    "Fetch https://host[:port]/path over TLS and print the body. host is a DNS\n"
    "name or an IP literal ([::1] for IPv6). On failure, prints one line naming the\n"
    "reason and exits with status 1.\n"
    "\n"
    "      --ca FILE          CA certificates to trust, PEM (default:\n"
    "                         /etc/ssl/certs/ca-certificates.crt)\n"
    "  -k, --insecure         do not verify the server's certificate chain or name\n"
    "      --servername NAME  name to send as SNI and to verify (default: the URL's host)\n"
    "      --cert FILE        client certificate chain for mutual TLS, PEM, leaf first\n"
    "      --key FILE         its private key\n"
    "      --alpn LIST        ALPN protocols to offer (default: http/1.1)\n"
    "      --versions LIST    TLS versions to offer: 1.3, 1.2 or both (default both)\n"
    "      --suites LIST      cipher suites to offer, in order\n"
    "      --groups LIST      key exchange groups, in order (key share for the first)\n"
    "  -o, --output FILE      write the body to FILE instead of standard output\n"
    "      --timeout S        give up when connecting and the handshake take longer, or\n"
    "                         when the server sends nothing for that long (default 10)\n"
    "  -v, --verbose          print the connection, what TLS negotiated and the status on\n"
    "                         standard error\n";

int failure(const std::string& line) {
  std::fprintf(stderr, "%s\n", line.c_str());
  return kExitFailure;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

struct FdCloser {
  int fd = -1;
  ~FdCloser() {
    if (fd > 1) ::close(fd);
  }
};

// One fetch: the handshake, the request, the response.
class Fetch {
 public:
  Fetch(TlsSocket& tls, const Url& url, int out_fd, bool verbose, std::chrono::seconds timeout)
      : tls_(tls), url_(url), out_fd_(out_fd), verbose_(verbose), timeout_(timeout) {}

  // The exit status; failures are reported on stderr.
  int run(Clock::time_point deadline);

 private:
  // One round of moving bytes after the socket was ready. Empty while going on;
  // otherwise the failure line, or "" in done_ when finished.
  std::string advance();
  // TLS 1.3 clients finish their handshake before the server has checked their
  // certificate: a server's alert before any response byte is its verdict on the
  // handshake, and is reported as such.
  Phase phase_of(int err) const {
    bool refused_at_once = !received_any_ && MK_ERR_CATEGORY(err) == MK_CAT_PEER_ALERT;
    return tls_.handshake_done() && !refused_at_once ? Phase::transfer : Phase::handshake;
  }

  TlsSocket& tls_;
  const Url& url_;
  int out_fd_;
  bool verbose_;
  std::chrono::seconds timeout_;
  std::string request_;
  size_t request_sent_ = 0;
  ResponseParser response_;
  std::string body_;
  bool handshake_reported_ = false;
  bool received_any_ = false;
  bool done_ = false;
};

std::string Fetch::advance() {
  mk_conn* c = tls_.conn();
  if (tls_.failed()) {
    tls_.flush();  // our alert, if any
    return tls_failure_line(mk_conn_error(c), mk_conn_error_message(c), phase_of(mk_conn_error(c)));
  }
  if (tls_.handshake_done()) {
    if (!handshake_reported_) {
      handshake_reported_ = true;
      if (verbose_) std::fputs(describe_negotiated(c, "* ").c_str(), stderr);
      request_ = build_get_request(url_.authority(), url_.target);
    }
    while (request_sent_ < request_.size()) {
      size_t n = tls_.write_plaintext(std::string_view(request_).substr(request_sent_));
      if (n == 0) break;
      request_sent_ += n;
    }
    std::string plain;
    int rc = tls_.read_plaintext(plain);
    if (!plain.empty()) {
      received_any_ = true;
      bool had_head = response_.head_done();
      ResponseParser::Status s = response_.feed(plain, body_);
      if (s == ResponseParser::Status::malformed) return "bad response: " + response_.error();
      if (!had_head && response_.head_done() && verbose_) {
        std::fprintf(stderr, "* HTTP status: %d %s\n", response_.status(),
                     response_.reason().c_str());
      }
      if (!write_all(out_fd_, body_)) return std::string("write failed: ") + std::strerror(errno);
      body_.clear();
      if (s == ResponseParser::Status::done) {
        done_ = true;
        return "";
      }
    }
    if (rc == MK_ERR_CLOSED) {
      if (response_.finish() != ResponseParser::Status::done) {
        return "connection failed: server closed the connection before the response was complete";
      }
      done_ = true;
      return "";
    }
    if (rc != MK_OK) {
      return tls_failure_line(rc, mk_conn_error_message(c), phase_of(rc));
    }
  }
  if (tls_.flush() == TlsSocket::Io::error) {
    return std::string("connection failed: ") + std::strerror(tls_.socket_error());
  }
  if (tls_.peer_eof()) {
    if (!tls_.handshake_done()) return "handshake failed: server closed the connection";
    // No close_notify: only a body delimited by the close itself can end this way.
    if (response_.finish() != ResponseParser::Status::done) {
      return "connection failed: connection closed before the response was complete";
    }
    if (verbose_) std::fputs("* warning: server closed without close_notify\n", stderr);
    done_ = true;
    return "";
  }
  return {};
}

int Fetch::run(Clock::time_point deadline) {
  mk_conn_start(tls_.conn());
  for (;;) {
    std::string outcome = advance();
    if (done_) break;
    if (!outcome.empty()) return failure(outcome);
    pollfd p{tls_.fd(), tls_.poll_events(), 0};
    int wait = poll_timeout_ms(deadline);
    int r = ::poll(&p, 1, wait);
    if (r < 0 && errno != EINTR) return failure(std::string("poll: ") + std::strerror(errno));
    if (r == 0 && wait == 0) {
      const char* during = !tls_.handshake_done()   ? "the handshake"
                           : !response_.head_done() ? "the response"
                                                    : "the body";
      return failure("timed out after " + std::to_string(timeout_.count()) + " s waiting for " +
                     during);
    }
    if (r > 0) {
      tls_.receive();
      // The handshake has one deadline; after it, the timeout is for silence.
      if (tls_.handshake_done()) deadline = Clock::now() + timeout_;
    }
  }
  mk_conn_close(tls_.conn());
  tls_.flush();
  if (response_.status() / 100 != 2) {
    return failure("server answered " + std::to_string(response_.status()) + " " +
                   response_.reason());
  }
  return kExitOk;
}

}  // namespace

int run_get(std::span<const char* const> argv) {
  Args args;
  if (!args.parse(kOptions, argv)) return usage_error("get", args.error());
  if (args.has("--help")) {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (args.positional().size() != 1) return usage_error("get", "give exactly one URL");
  Url url;
  std::string error;
  if (!parse_url(args.positional()[0], url, error)) return usage_error("get", error);
  int64_t timeout = 10;
  if (args.has("--timeout") && !parse_int(args.value("--timeout"), 1, 3600, timeout)) {
    return usage_error("get", "--timeout needs a number of seconds from 1 to 3600");
  }
  if (args.has("--cert") != args.has("--key"))
    return usage_error("get", "--cert and --key go together");
  if (args.has("--insecure") && args.has("--ca"))
    return usage_error("get", "--insecure and --ca exclude each other");
  ::signal(SIGPIPE, SIG_IGN);

  ConfigPtr config(mk_config_new(MK_ROLE_CLIENT));
  if (!config) return failure("out of memory");
  if (!apply_tls_options(config.get(), args, error)) return usage_error("get", error);
  if (args.has("--insecure")) {
    mk_config_set_verify(config.get(), MK_VERIFY_NONE);
  } else if (!load_ca_file(config.get(), std::string(args.value("--ca", kDefaultCaFile)), error)) {
    return failure(error);
  }
  if (args.has("--cert") && !load_chain_and_key(config.get(), std::string(args.value("--cert")),
                                                std::string(args.value("--key")), error)) {
    return failure(error);
  }
  if (!args.has("--alpn")) mk_config_set_alpn(config.get(), "http/1.1");

  FdCloser out{1};
  if (args.has("--output")) {
    std::string path(args.value("--output"));
    out.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out.fd < 0) return failure("cannot write " + path + ": " + std::strerror(errno));
  }

  bool verbose = args.has("--verbose");
  Clock::time_point deadline = Clock::now() + std::chrono::seconds(timeout);
  if (verbose) std::fprintf(stderr, "* connecting to %s port %u\n", url.host.c_str(), url.port);
  int fd = tcp_connect(url.host, url.port, deadline, error);
  if (fd < 0) return failure("connect failed: " + error);
  if (verbose) std::fprintf(stderr, "* connected to %s\n", tcp_peer_name(fd).c_str());

  mk_conn* conn = mk_conn_new(config.get());
  if (!conn) {
    ::close(fd);
    return failure("out of memory");
  }
  TlsSocket tls(fd, conn);
  std::string name(args.value("--servername", url.host));
  if (int rc = mk_conn_set_server_name(conn, name.data(), name.size()); rc != MK_OK) {
    return failure("invalid server name " + name + ": " + mk_err_text(rc));
  }
  Fetch fetch(tls, url, out.fd, verbose, std::chrono::seconds(timeout));
  return fetch.run(deadline);
}

}  // namespace mk::cli
