// `meerkat serve`: the HTTPS file server. One thread and one poll() loop over the
// listener, a signal pipe and every connection (see https_connection.h).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "args.h"
#include "commands.h"
#include "demo_certs.h"
#include "fd_limit.h"
#include "heap_usage.h"
#include "https_connection.h"
#include "tcp.h"
#include "tls_config.h"

namespace mk::cli {
namespace {

constexpr OptionSpec kOptions[] = {
    {"--port", "-p", true},
    {"--cert", "", true},
    {"--key", "", true},
    {"--dir", "-d", true},
    {"--alpn", "", true},
    {"--client-ca", "", true},
    {"--client-cert", "", true},
    {"--versions", "", true},
    {"--suites", "", true},
    {"--groups", "", true},
    {"--handshake-timeout", "", true},
    {"--request-timeout", "", true},
    {"--verbose", "-v", false},
    {"--help", "-h", false},
};

constexpr const char* kUsage =
    "usage: meerkat serve [--port N] [--cert CHAIN.pem --key KEY.pem] [--dir DIR]\n"
    "                     [--alpn LIST] [--client-ca FILE [--client-cert optional|required]]\n"
    "                     [--versions LIST] [--suites LIST] [--groups LIST]\n"
    "                     [--handshake-timeout SECONDS] [--request-timeout SECONDS] [-v]\n"
    "\n"
    "Serve the files in DIR over HTTPS/1.1 (TLS 1.3 or 1.2) on 127.0.0.1: GET and HEAD,\n"
    "keep-alive, many connections at once. Stop it with Ctrl-C.\n"
    "\n"
    "  -p, --port N               port to listen on (default 8443; 0 picks a free one)\n"
    "      --cert FILE            certificate chain, PEM, leaf first (default: the DEMO\n"
    "                             chain in certs/demo, for localhost only)\n"
    "      --key FILE             private key for the leaf (PKCS#8, SEC1 or PKCS#1)\n"
    "  -d, --dir DIR              directory to serve (default: the current directory)\n"
    "      --alpn LIST            ALPN protocols in preference order, e.g. http/1.1\n"
    "      --client-ca FILE       ask clients for a certificate and verify it against FILE\n"
    "      --client-cert MODE     required (default with --client-ca) or optional\n"
    "      --versions LIST        TLS versions to accept: 1.3, 1.2 or both (default both)\n"
    "      --suites LIST          cipher suites in preference order, e.g.\n"
    "                             TLS_AES_128_GCM_SHA256,TLS_CHACHA20_POLY1305_SHA256\n"
    "      --groups LIST          key exchange groups in preference order, e.g.\n"
    "                             x25519,secp256r1,secp384r1\n"
    "      --handshake-timeout S  close connections whose handshake takes longer (default 10)\n"
    "      --request-timeout S    close connections whose request head takes longer to\n"
    "                             arrive, counted from its first byte (default 30)\n"
    "  -v, --verbose              log each connection's handshake, requests and failures\n";

// Signals reach the poll loop through a pipe, so a signal between two polls is never
// lost. Each signal writes the byte that says what it asks for.
int g_signal_pipe[2] = {-1, -1};
constexpr char kStopByte = 's';
constexpr char kReportByte = 'r';

void on_stop_signal(int) {
  char b = kStopByte;
  [[maybe_unused]] ssize_t n = ::write(g_signal_pipe[1], &b, 1);
}

void on_report_signal(int) {
  char b = kReportByte;
  [[maybe_unused]] ssize_t n = ::write(g_signal_pipe[1], &b, 1);
}

bool install_signal_handlers() {
  if (::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return false;
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  sa.sa_handler = on_report_signal;
  ::sigaction(SIGUSR1, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  return true;
}

int failure(const std::string& message) {
  std::fprintf(stderr, "meerkat serve: %s\n", message.c_str());
  return kExitFailure;
}

// What the signal pipe held: a stop request, and how many report requests.
struct SignalRequests {
  bool stop = false;
  bool report = false;
};

SignalRequests read_signal_pipe() {
  SignalRequests req;
  char buf[64];
  ssize_t n;
  while ((n = ::read(g_signal_pipe[0], buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] == kStopByte) req.stop = true;
      if (buf[i] == kReportByte) req.report = true;
    }
  }
  return req;
}

struct Server {
  int listener;
  const mk_config* config;
  const ServeSettings& settings;
  size_t max_connections;
  std::vector<std::unique_ptr<HttpsConnection>> connections;
  // Out of descriptors (EMFILE, ENFILE): the pending connection stays in the kernel's
  // queue and the listener stays readable, so polling it would spin. Accepting waits
  // until a connection closes or this time passes.
  Clock::time_point accept_paused_until{};

  static constexpr std::chrono::milliseconds kAcceptPause{250};

  void accept_all() {
    while (connections.size() < max_connections) {
      int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE) accept_paused_until = Clock::now() + kAcceptPause;
        return;  // EAGAIN, or a connection that vanished before we took it
      }
      mk_conn* conn = mk_conn_new(config);
      if (!conn || mk_conn_start(conn) != MK_OK) {
        if (conn) mk_conn_free(conn);
        ::close(fd);
        continue;
      }
      // The deadline counts from after mk_conn_new, which started the engine's own.
      connections.push_back(std::make_unique<HttpsConnection>(fd, conn, settings, Clock::now()));
    }
  }

  bool accepting(Clock::time_point now) const {
    return connections.size() < max_connections && now >= accept_paused_until;
  }

  // One line on stderr, for load tests and operators: connections open, heap in use.
  void report() const {
    std::fprintf(stderr, "meerkat serve: stats connections=%zu heap_in_use=%zu meerkat_live=%zu\n",
                 connections.size(), process_heap_in_use(), meerkat_live_bytes());
    std::fflush(stderr);
  }

  // Run until SIGINT or SIGTERM.
  void run() {
    std::vector<pollfd> fds;
    for (;;) {
      Clock::time_point now = Clock::now();
      Clock::time_point next_deadline = now + std::chrono::seconds(1);
      if (accept_paused_until > now && accept_paused_until < next_deadline) {
        next_deadline = accept_paused_until;
      }
      fds.clear();
      fds.push_back({g_signal_pipe[0], POLLIN, 0});
      fds.push_back({listener, static_cast<short>(accepting(now) ? POLLIN : 0), 0});
      for (const auto& c : connections) {
        fds.push_back({c->fd(), c->poll_events(), 0});
        if (c->deadline() < next_deadline) next_deadline = c->deadline();
      }
      int r = ::poll(fds.data(), fds.size(), poll_timeout_ms(next_deadline));
      if (r < 0 && errno != EINTR) return;
      if (fds[0].revents & POLLIN) {
        SignalRequests req = read_signal_pipe();
        if (req.stop) return;
        if (req.report) report();
      }
      now = Clock::now();
      size_t polled = connections.size();
      for (size_t i = 0; i < polled; ++i) {
        HttpsConnection& c = *connections[i];
        short revents = fds[i + 2].revents;
        bool alive = true;
        if (revents) alive = c.on_events(revents, now);
        // The deadline counts on turns with events too: a client trickling its
        // ClientHello has a byte waiting on every turn of a busy loop.
        if (alive && c.deadline() <= now) {
          c.on_timeout();
          alive = false;
        }
        if (!alive) connections[i].reset();
      }
      size_t closed = std::erase(connections, nullptr);
      if (closed > 0) accept_paused_until = {};  // descriptors were freed
      if ((fds[1].revents & POLLIN) && accepting(now)) accept_all();
    }
  }
};

}  // namespace

int run_serve(std::span<const char* const> argv) {
  Args args;
  if (!args.parse(kOptions, argv)) return usage_error("serve", args.error());
  if (args.has("--help")) {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (!args.positional().empty())
    return usage_error("serve", "unexpected argument " + args.positional()[0]);
  count_meerkat_heap();  // before any other Meerkat call, so every block is counted

  int64_t port = 8443;
  if (args.has("--port") && !parse_int(args.value("--port"), 0, 65535, port)) {
    return usage_error("serve", "--port needs a number from 0 to 65535");
  }
  int64_t timeout = 10;
  if (args.has("--handshake-timeout") &&
      !parse_int(args.value("--handshake-timeout"), 1, 3600, timeout)) {
    return usage_error("serve", "--handshake-timeout needs a number of seconds from 1 to 3600");
  }
  int64_t request_timeout = 30;
  if (args.has("--request-timeout") &&
      !parse_int(args.value("--request-timeout"), 1, 3600, request_timeout)) {
    return usage_error("serve", "--request-timeout needs a number of seconds from 1 to 3600");
  }
  if (args.has("--cert") != args.has("--key"))
    return usage_error("serve", "--cert and --key go together");
  if (args.has("--client-cert") && !args.has("--client-ca")) {
    return usage_error("serve", "--client-cert needs --client-ca");
  }
  std::string_view client_mode = args.value("--client-cert", "required");
  if (client_mode != "required" && client_mode != "optional") {
    return usage_error("serve", "--client-cert must be optional or required");
  }

  ServeSettings settings;
  settings.verbose = args.has("--verbose");
  settings.handshake_timeout = std::chrono::seconds(timeout);
  settings.request_timeout = std::chrono::seconds(request_timeout);
  std::string dir(args.value("--dir", "."));
  char real[PATH_MAX];
  struct stat st;
  if (!::realpath(dir.c_str(), real) || ::stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
    return failure("cannot serve " + dir + ": not a directory");
  }
  settings.root = real;

  ConfigPtr config(mk_config_new(MK_ROLE_SERVER));
  if (!config) return failure("out of memory");
  mk_config_set_handshake_timeout(config.get(), static_cast<uint32_t>(timeout * 1000));
  std::string error;
  if (!apply_tls_options(config.get(), args, error)) return usage_error("serve", error);
  std::string chain(args.value("--cert")), key(args.value("--key"));
  bool demo = !args.has("--cert");
  if (demo && !find_demo_certs(chain, key)) {
    return failure("no --cert given and the demo certificate (certs/demo) was not found");
  }
  if (!load_chain_and_key(config.get(), chain, key, error)) return failure(error);
  if (args.has("--client-ca")) {
    if (!load_ca_file(config.get(), std::string(args.value("--client-ca")), error)) {
      return failure(error);
    }
    mk_config_set_verify(config.get(),
                         client_mode == "optional" ? MK_VERIFY_OPTIONAL : MK_VERIFY_REQUIRED);
  }

  int listener = tcp_listen_loopback(static_cast<uint16_t>(port), error);
  if (listener < 0) return failure(error);
  if (!install_signal_handlers()) return failure("cannot set up signal handling");
  uint16_t bound = tcp_local_port(listener);

  if (demo) {
    std::string ca = chain.substr(0, chain.rfind('/')) + "/ca.pem";
    std::printf(
        "meerkat serve: using the DEMO certificate %s (localhost, 127.0.0.1).\n"
        "  Its private key is published: it is for trying Meerkat on this machine, never for\n"
        "  production. Trust it only with: curl --cacert %s https://localhost:%u/\n",
        chain.c_str(), ca.c_str(), bound);
  }
  std::printf("meerkat serve: serving %s at https://localhost:%u/ (127.0.0.1 only)\n",
              settings.root.c_str(), bound);
  std::fflush(stdout);

  Server server{listener, config.get(), settings, max_connections_for(raise_fd_limit()), {}};
  server.run();
  for (auto& c : server.connections) c->shut_down();
  server.connections.clear();
  ::close(listener);
  std::printf("meerkat serve: stopped\n");
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace mk::cli
