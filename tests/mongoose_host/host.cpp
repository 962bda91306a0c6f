// The test host's event loop (see host.h). Each function below that carries a
// Mongoose name behaves as the contract (/work/shared/docs/mongoose-tls-contract.md,
// sections 1.2-1.9) describes Mongoose's; the code is ours.
#include "host.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string_view>
#include <vector>

uint64_t mg_boot_timestamp_ms = 0;

namespace mk::mghost {
namespace {

// Mongoose's socket path reads into c->rtls only while it holds less than one
// maximal record plus header, MAC and padding.
constexpr size_t kRtlsReadLimit = 16 * 1024 + 40;
// Built-in stack: segments taken from the wire per connection per poll.
constexpr int kSegmentsPerPoll = 64;

struct HostMgr {
  HostConfig cfg;
  MgrStats stats;
};

struct HostConn {
  int fd = -1;
  Faults faults;
  ConnStats stats;
  unsigned send_calls = 0;
  size_t window_left = 0;  // built-in stack: what mg_io_send may still send this poll
  bool peer_eof = false;   // built-in stack: the peer's FIN arrived
  bool fin_sent = false;
  bool local_listener = false;
  std::deque<int> accept_queue;  // local listener: server ends waiting to be accepted
  int resolved_fd = -1;          // connect_local: the socket once "resolved"
  std::string host;              // mg_connect: where to connect once "resolved"
  uint16_t port = 0;
};

HostMgr& host_of(mg_mgr* m) {
  return *static_cast<HostMgr*>(m->host);
}
HostConn& host_of(mg_connection* c) {
  return *static_cast<HostConn*>(c->host);
}
const HostConn& host_of(const mg_connection* c) {
  return *static_cast<const HostConn*>(c->host);
}

void set_nonblocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
}

void attach_socket(mg_connection* c, int fd) {
  HostConn& h = host_of(c);
  h.fd = fd;
  h.window_left = host_of(c->mgr).cfg.window;
  c->fd = reinterpret_cast<void*>(static_cast<intptr_t>(fd));
  set_nonblocking(fd);
  int on = 1;
  (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));  // fails on AF_UNIX: fine
  if (h.faults.socket_buffer > 0) {
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &h.faults.socket_buffer, sizeof(int));
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &h.faults.socket_buffer, sizeof(int));
  }
}

mg_connection* alloc_conn(mg_mgr* mgr) {
  auto* c = static_cast<mg_connection*>(mg_calloc(1, sizeof(mg_connection)));
  if (c == nullptr) return nullptr;
  c->mgr = mgr;
  c->id = ++mgr->nextid;
  c->host = new HostConn;
  c->recv.align = host_of(mgr).cfg.io_size;
  c->send.align = c->rtls.align = MG_IO_SIZE;
  c->next = mgr->conns;
  mgr->conns = c;
  return c;
}

bool is_tls_scheme(std::string_view url) {
  for (std::string_view s : {"https://", "tls://", "ssl://", "wss://", "mqtts://", "tcps://"})
    if (url.substr(0, s.size()) == s) return true;
  return false;
}

// "scheme://host:port" -> host, port.
bool split_url(std::string_view url, std::string* host, uint16_t* port) {
  const size_t at = url.find("://");
  if (at == std::string_view::npos) return false;
  std::string_view rest = url.substr(at + 3);
  const size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos) return false;
  *host = std::string(rest.substr(0, colon));
  *port = static_cast<uint16_t>(std::atoi(std::string(rest.substr(colon + 1)).c_str()));
  return *port != 0;
}

bool can_write_sockets(const mg_connection* c) {
  return c->is_connecting || (c->send.len > 0 && c->is_tls_hs == 0);
}

bool can_write_builtin(const mg_connection* c) {
  return c->is_connecting == 0 && c->is_resolving == 0 && c->send.len > 0 && c->is_tls_hs == 0;
}

// Grow a receive buffer when it is full, or fail the connection as Mongoose does.
bool ioalloc(mg_connection* c, mg_iobuf* io, size_t step) {
  if (io->len >= MG_MAX_RECV_SIZE) {
    mg_error(c, "MG_MAX_RECV_SIZE");
    return false;
  }
  if (io->size <= io->len && !mg_iobuf_resize(io, io->size + step)) {
    mg_error(c, "OOM");
    return false;
  }
  return true;
}

long recv_raw(mg_connection* c, void* buf, size_t len) {
  HostConn& h = host_of(c);
  if (h.faults.read_max > 0) len = std::min(len, h.faults.read_max);
  const ssize_t n = ::recv(h.fd, buf, len, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return MG_IO_WAIT;
  if (n <= 0) return MG_IO_ERR;
  return static_cast<long>(n);
}

// After a read or write: account for n, or close on termination (no error event).
void iolog(mg_connection* c, long n, bool is_read) {
  if (n == MG_IO_WAIT) return;
  if (n <= 0) {
    c->is_closing = 1;
    return;
  }
  if (is_read) {
    c->recv.len += static_cast<size_t>(n);
    mg_call(c, MG_EV_READ, &n);
  } else {
    mg_iobuf_del(&c->send, 0, static_cast<size_t>(n));
    mg_call(c, MG_EV_WRITE, &n);
  }
}

void handshake(mg_connection* c) {
  host_of(c).stats.handshake_calls++;
  mg_tls_handshake(c);
}

// The connection is established: the event, the first handshake call, and the
// rule that a connection whose application did not call mg_tls_init is plaintext.
void connected(mg_connection* c) {
  mg_call(c, MG_EV_CONNECT, nullptr);
  if (c->is_tls_hs) handshake(c);
  if (!c->is_tls_hs) c->is_tls = 0;
}

void connect_resolved(mg_connection* c) {
  HostConn& h = host_of(c);
  c->is_resolving = 0;
  if (h.resolved_fd >= 0) {
    const int fd = h.resolved_fd;
    h.resolved_fd = -1;
    attach_socket(c, fd);
    mg_call(c, MG_EV_RESOLVE, nullptr);
    connected(c);
    return;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    mg_error(c, "socket(): %d", errno);
    return;
  }
  attach_socket(c, fd);
  mg_call(c, MG_EV_RESOLVE, nullptr);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(h.port);
  if (inet_pton(AF_INET, h.host == "localhost" ? "127.0.0.1" : h.host.c_str(), &sa.sin_addr) != 1) {
    mg_error(c, "bad host %s", h.host.c_str());
    return;
  }
  const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa));
  if (rc == 0) {
    connected(c);
  } else if (errno == EINPROGRESS) {
    c->is_connecting = 1;
  } else {
    mg_error(c, "connect: %d", errno);
  }
}

void resolve_pending(mg_mgr* mgr) {
  for (mg_connection* c = mgr->conns; c != nullptr; c = c->next)
    if (c->is_resolving && !c->is_closing) connect_resolved(c);
}

void connect_conn(mg_connection* c) {
  sockaddr_storage ss{};
  socklen_t len = sizeof(ss);
  if (getpeername(host_of(c).fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0) {
    c->is_connecting = 0;
    connected(c);
  } else {
    mg_error(c, "socket error");
  }
}

void accept_conn(mg_mgr* mgr, mg_connection* lsn) {
  HostConn& lh = host_of(lsn);
  int fd = -1;
  if (lh.local_listener) {
    if (lh.accept_queue.empty()) return;
    fd = lh.accept_queue.front();
    lh.accept_queue.pop_front();
  } else {
    fd = ::accept(lh.fd, nullptr, nullptr);
    if (fd < 0) return;
  }
  mg_connection* c = alloc_conn(mgr);
  host_of(c).faults = lh.faults;
  attach_socket(c, fd);
  c->is_accepted = 1;
  c->fn = lsn->fn;
  c->fn_data = lsn->fn_data;
  c->is_tls = lsn->is_tls;
  mg_call(c, MG_EV_OPEN, nullptr);
  mg_call(c, MG_EV_ACCEPT, nullptr);
  if (!c->is_tls_hs) c->is_tls = 0;
}

void close_conn(mg_connection* c) {
  mg_mgr* mgr = c->mgr;
  HostConn* h = &host_of(c);
  // The socket goes first: mg_tls_free must not be able to use it.
  if (h->fd >= 0) ::close(h->fd);
  h->fd = -1;
  c->fd = nullptr;
  if (h->resolved_fd >= 0) ::close(h->resolved_fd);
  for (int fd : h->accept_queue) ::close(fd);
  for (mg_connection** link = &mgr->conns; *link != nullptr; link = &(*link)->next) {
    if (*link == c) {
      *link = c->next;
      break;
    }
  }
  mg_call(c, MG_EV_CLOSE, nullptr);
  mg_tls_free(c);
  mg_iobuf_free(&c->recv);
  mg_iobuf_free(&c->send);
  mg_iobuf_free(&c->rtls);
  delete h;
  host_of(mgr).stats.connections_freed++;
  std::memset(c, 0, sizeof(*c));
  mg_free(c);
}

// ---- Stack::sockets -------------------------------------------------------------

void iotest_sockets(mg_mgr* mgr, int ms) {
  std::vector<pollfd> fds;
  std::vector<mg_connection*> owners;
  for (mg_connection* c = mgr->conns; c != nullptr; c = c->next) {
    HostConn& h = host_of(c);
    c->is_readable = c->is_writable = 0;
    if (c->is_closing) ms = std::min(ms, 1);
    if (h.local_listener) {
      if (!h.accept_queue.empty()) c->is_readable = 1, ms = 0;
      continue;
    }
    if (h.fd < 0) continue;
    if (c->rtls.len > 0 || mg_tls_pending(c) > 0) ms = std::min(ms, 1);
    pollfd p{h.fd, 0, 0};
    if (!c->is_full) p.events |= POLLIN;
    if (can_write_sockets(c)) p.events |= POLLOUT;
    fds.push_back(p);
    owners.push_back(c);
  }
  if (::poll(fds.data(), fds.size(), ms) < 0) {
    for (pollfd& p : fds) p.revents = 0;
  }
  for (size_t i = 0; i < fds.size(); i++) {
    mg_connection* c = owners[i];
    if (fds[i].revents & POLLERR) {
      mg_error(c, "socket error");
      continue;
    }
    c->is_readable = (fds[i].revents & (POLLIN | POLLHUP)) ? 1 : 0;
    c->is_writable = (fds[i].revents & POLLOUT) ? 1 : 0;
    if (c->rtls.len > 0 || mg_tls_pending(c) > 0) c->is_readable = 1;
  }
}

void read_conn_sockets(mg_connection* c) {
  HostConn& h = host_of(c);
  long n = MG_IO_WAIT;
  if (!ioalloc(c, &c->recv, host_of(c->mgr).cfg.io_size)) return;
  if (c->is_tls) {
    const size_t rtls_before = c->rtls.len, pending_before = mg_tls_pending(c);
    long m = MG_IO_WAIT;
    if (c->rtls.len < kRtlsReadLimit) {
      if (!ioalloc(c, &c->rtls, MG_IO_SIZE)) return;
      n = recv_raw(c, &c->rtls.buf[c->rtls.len], c->rtls.size - c->rtls.len);
      if (n > 0) c->rtls.len += static_cast<size_t>(n);
    }
    if (c->is_tls_hs) {
      if (n != MG_IO_ERR || c->rtls.len > 0 || pending_before > 0) handshake(c);
    } else {
      h.stats.tls_recv_calls++;
      m = mg_tls_recv(c, &c->recv.buf[c->recv.len], c->recv.size - c->recv.len);
    }
    // On EOF, close only once nothing buffered can make progress.
    if (n == MG_IO_ERR &&
        (m == MG_IO_ERR || (c->rtls.len == 0 && mg_tls_pending(c) == 0) ||
         (c->is_tls_hs && c->rtls.len == rtls_before && mg_tls_pending(c) == pending_before))) {
      c->is_closing = 1;
      if (m < 0) m = MG_IO_ERR;
    }
    n = m;
  } else {
    n = recv_raw(c, &c->recv.buf[c->recv.len], c->recv.size - c->recv.len);
  }
  iolog(c, n, true);
}

// c->send, whole, through TLS or straight to the network.
long send_all_queued(mg_connection* c) {
  if (!c->is_tls) return mg_io_send(c, c->send.buf, c->send.len);
  host_of(c).stats.tls_send_calls++;
  return mg_tls_send(c, c->send.buf, c->send.len);
}

void write_conn_sockets(mg_connection* c) {
  iolog(c, send_all_queued(c), false);
}

void poll_sockets(mg_mgr* mgr, int ms) {
  resolve_pending(mgr);
  iotest_sockets(mgr, ms);
  mg_connection* next = nullptr;
  for (mg_connection* c = mgr->conns; c != nullptr; c = next) {
    next = c->next;
    uint64_t now = mg_millis();
    mg_call(c, MG_EV_POLL, &now);
    if (c->is_resolving || c->is_closing) {
      // nothing
    } else if (c->is_listening) {
      if (c->is_readable) accept_conn(mgr, c);
    } else if (c->is_connecting) {
      if (c->is_readable || c->is_writable) connect_conn(c);
    } else {
      if (c->is_readable) read_conn_sockets(c);
      if (c->is_writable) write_conn_sockets(c);
      if (c->is_tls && !c->is_tls_hs && c->send.len == 0) mg_tls_flush(c);
    }
    if (c->is_draining && c->send.len == 0) c->is_closing = 1;
    if (c->is_closing) close_conn(c);
  }
}

// ---- Stack::builtin -------------------------------------------------------------

void handle_tls_recv(mg_connection* c) {
  HostConn& h = host_of(c);
  const size_t avail = mg_tls_pending(c);
  const size_t want = std::min<size_t>(avail, MG_MAX_RECV_SIZE);
  mg_iobuf* io = &c->recv;
  if (io->size - io->len < want && !mg_iobuf_resize(io, io->len + want)) {
    mg_error(c, "oom");
    return;
  }
  h.stats.tls_recv_calls++;
  if (io->buf == nullptr) h.stats.tls_recv_null_calls++;
  long n = mg_tls_recv(c, io->buf != nullptr ? &io->buf[io->len] : nullptr, io->size - io->len);
  if (n == MG_IO_ERR) {
    mg_error(c, "TLS recv error");
  } else if (n > 0) {
    io->len += static_cast<size_t>(n);
    mg_call(c, MG_EV_READ, &n);
  }
}

// What the stack's receive path does per TCP segment.
void receive_segments(mg_connection* c) {
  HostConn& h = host_of(c);
  size_t segment = host_of(c->mgr).cfg.mss;
  if (h.faults.read_max > 0) segment = std::min(segment, h.faults.read_max);
  std::vector<unsigned char> payload(segment);
  for (int i = 0; i < kSegmentsPerPoll && !c->is_closing && !h.peer_eof; i++) {
    const ssize_t n = ::recv(h.fd, payload.data(), segment, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) break;
    if (n <= 0) {
      h.peer_eof = true;
      break;
    }
    mg_iobuf* io = c->is_tls ? &c->rtls : &c->recv;
    if (mg_iobuf_add(io, io->len, payload.data(), static_cast<size_t>(n)) == 0) {
      mg_error(c, "oom");
      break;
    }
    if (c->is_tls) {
      if (c->is_tls_hs) {
        handshake(c);
      } else {
        handle_tls_recv(c);
      }
    } else {
      long len = static_cast<long>(n);
      mg_call(c, MG_EV_READ, &len);
    }
    if (h.faults.read_max > 0) break;  // a slow peer: one small segment per poll
  }
}

void write_conn_builtin(mg_connection* c) {
  long n = send_all_queued(c);
  if (n == MG_IO_ERR) {
    mg_error(c, "tx err");
  } else if (n > 0) {
    mg_iobuf_del(&c->send, 0, static_cast<size_t>(n));
    mg_call(c, MG_EV_WRITE, &n);
  }
}

void poll_builtin(mg_mgr* mgr, int ms) {
  const HostConfig& cfg = host_of(mgr).cfg;
  resolve_pending(mgr);
  // The sockets are the wire: wait for segments, then hand them to the stack.
  std::vector<pollfd> fds;
  std::vector<mg_connection*> owners;
  for (mg_connection* c = mgr->conns; c != nullptr; c = c->next) {
    HostConn& h = host_of(c);
    c->is_readable = c->is_writable = 0;
    h.window_left = cfg.window;
    if (c->is_closing || c->is_draining || c->send.len > 0 || c->rtls.len > 0 ||
        mg_tls_pending(c) > 0)
      ms = std::min(ms, 1);
    if (h.local_listener) {
      if (!h.accept_queue.empty()) c->is_readable = 1, ms = 0;
      continue;
    }
    if (h.fd < 0 || h.peer_eof) continue;
    fds.push_back(pollfd{h.fd, static_cast<short>(c->is_connecting ? POLLOUT : POLLIN), 0});
    owners.push_back(c);
  }
  if (::poll(fds.data(), fds.size(), ms) < 0) {
    for (pollfd& p : fds) p.revents = 0;
  }
  for (size_t i = 0; i < fds.size(); i++) {
    owners[i]->is_readable = (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0;
    owners[i]->is_writable = (fds[i].revents & POLLOUT) ? 1 : 0;
  }
  mg_connection* next = nullptr;
  for (mg_connection* c = mgr->conns; c != nullptr; c = next) {
    next = c->next;
    if (c->is_closing) continue;
    if (c->is_listening) {
      if (c->is_readable) accept_conn(mgr, c);
    } else if (c->is_connecting) {
      if (c->is_readable || c->is_writable) connect_conn(c);
    } else if (c->is_readable) {
      receive_segments(c);
    }
  }
  for (mg_connection* c = mgr->conns; c != nullptr; c = next) {
    HostConn& h = host_of(c);
    next = c->next;
    const bool is_tls = c->is_tls && !c->is_resolving && !c->is_listening && !c->is_connecting;
    uint64_t now = mg_millis();
    mg_call(c, MG_EV_POLL, &now);
    if (is_tls && (c->rtls.len > 0 || mg_tls_pending(c) > 0)) {
      if (c->is_tls_hs) {
        handshake(c);
      } else {
        handle_tls_recv(c);
      }
    }
    if (can_write_builtin(c)) write_conn_builtin(c);
    if (is_tls && c->send.len == 0) {
      if (c->is_tls_hs) h.stats.flush_calls_during_handshake++;
      mg_tls_flush(c);
    }
    if (c->is_draining && c->send.len == 0 && !h.fin_sent && h.fd >= 0) {
      ::shutdown(h.fd, SHUT_WR);
      h.fin_sent = true;
    }
    if (h.peer_eof && (!c->is_tls || (c->rtls.len == 0 && mg_tls_pending(c) == 0)))
      c->is_closing = 1;
    if (c->is_closing) close_conn(c);
  }
}

}  // namespace

void configure(mg_mgr* mgr, const HostConfig& cfg) {
  host_of(mgr).cfg = cfg;
}
const HostConfig& config(mg_mgr* mgr) {
  return host_of(mgr).cfg;
}
MgrStats& stats(mg_mgr* mgr) {
  return host_of(mgr).stats;
}
Faults& faults(mg_connection* c) {
  return host_of(c).faults;
}
ConnStats& stats(mg_connection* c) {
  return host_of(c).stats;
}
int socket_of(const mg_connection* c) {
  return host_of(c).fd;
}

mg_connection* listen_local(mg_mgr* mgr, bool tls, mg_event_handler_t fn, void* fn_data) {
  mg_connection* c = alloc_conn(mgr);
  host_of(c).local_listener = true;
  c->is_listening = 1;
  c->is_tls = tls ? 1 : 0;
  c->fn = fn;
  c->fn_data = fn_data;
  mg_call(c, MG_EV_OPEN, nullptr);
  return c;
}

mg_connection* connect_local(mg_mgr* mgr, mg_connection* listener, bool tls, mg_event_handler_t fn,
                             void* fn_data) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return nullptr;
  host_of(listener).accept_queue.push_back(sv[1]);
  mg_connection* c = alloc_conn(mgr);
  host_of(c).resolved_fd = sv[0];
  c->is_client = 1;
  c->is_tls = tls ? 1 : 0;
  c->fn = fn;
  c->fn_data = fn_data;
  c->is_resolving = 1;
  mg_call(c, MG_EV_OPEN, nullptr);
  if (!host_of(mgr).cfg.resolve_async && !c->is_closing) connect_resolved(c);
  return c;
}

mg_connection* adopt(mg_mgr* mgr, int fd, bool client, bool tls, mg_event_handler_t fn,
                     void* fn_data) {
  mg_connection* c = alloc_conn(mgr);
  attach_socket(c, fd);
  c->is_tls = tls ? 1 : 0;
  c->fn = fn;
  c->fn_data = fn_data;
  mg_call(c, MG_EV_OPEN, nullptr);
  if (client) {
    c->is_client = 1;
    connected(c);
  } else {
    c->is_accepted = 1;
    mg_call(c, MG_EV_ACCEPT, nullptr);
    if (!c->is_tls_hs) c->is_tls = 0;
  }
  return c;
}

bool poll_until(mg_mgr* mgr, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    mg_mgr_poll(mgr, 10);
  }
}

}  // namespace mk::mghost

using mk::mghost::host_of;

// ---- Mongoose's API, as the backend and the tests see it ------------------------

extern "C" {

void* mg_calloc(size_t count, size_t size) {
  return std::calloc(count, size);
}

void mg_free(void* ptr) {
  std::free(ptr);
}

uint64_t mg_millis(void) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

uint64_t mg_now(void) {
  return mg_millis() + mg_boot_timestamp_ms;
}

bool mg_iobuf_resize(mg_iobuf* io, size_t new_size) {
  const size_t align = io->align == 0 ? 1 : io->align;
  if (new_size == 0) {
    if (io->buf != nullptr) std::memset(io->buf, 0, io->size);
    std::free(io->buf);
    io->buf = nullptr;
    io->size = io->len = 0;
    return true;
  }
  new_size = (new_size + align - 1) / align * align;
  if (new_size == io->size) return true;
  // A new block every time, as Mongoose does: pointers into a buffer never survive
  // a resize, which is what the backend must cope with.
  auto* p = static_cast<unsigned char*>(std::calloc(1, new_size));
  if (p == nullptr) return false;
  const size_t keep = std::min(io->len, new_size);
  if (keep > 0) std::memcpy(p, io->buf, keep);
  if (io->buf != nullptr) std::memset(io->buf, 0, io->size);
  std::free(io->buf);
  io->buf = p;
  io->size = new_size;
  io->len = keep;
  return true;
}

bool mg_iobuf_init(mg_iobuf* io, size_t size, size_t align) {
  io->buf = nullptr;
  io->size = io->len = 0;
  io->align = align;
  return mg_iobuf_resize(io, size);
}

void mg_iobuf_free(mg_iobuf* io) {
  mg_iobuf_resize(io, 0);
}

size_t mg_iobuf_add(mg_iobuf* io, size_t ofs, const void* buf, size_t len) {
  if (ofs > io->len) ofs = io->len;
  if (io->len + len > io->size && !mg_iobuf_resize(io, io->len + len)) return 0;
  if (ofs < io->len) std::memmove(io->buf + ofs + len, io->buf + ofs, io->len - ofs);
  if (buf != nullptr && len > 0) std::memmove(io->buf + ofs, buf, len);
  io->len += len;
  return len;
}

size_t mg_iobuf_del(mg_iobuf* io, size_t ofs, size_t len) {
  if (ofs > io->len) return 0;
  if (ofs + len > io->len) len = io->len - ofs;
  if (len == 0) return 0;
  std::memmove(io->buf + ofs, io->buf + ofs + len, io->len - ofs - len);
  std::memset(io->buf + io->len - len, 0, len);
  io->len -= len;
  return len;
}

void mg_call(mg_connection* c, int ev, void* ev_data) {
  if (c->pfn != nullptr) c->pfn(c, ev, ev_data);
  if (c->fn != nullptr) c->fn(c, ev, ev_data);
}

void mg_error(mg_connection* c, const char* fmt, ...) {
  char buf[64];  // Mongoose keeps 63 characters
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  c->is_closing = 1;
  mg_call(c, MG_EV_ERROR, buf);
}

long mg_io_recv(mg_connection* c, void* buf, size_t len) {
  if (c->rtls.len == 0) return MG_IO_WAIT;
  len = std::min(len, c->rtls.len);
  std::memcpy(buf, c->rtls.buf, len);
  mg_iobuf_del(&c->rtls, 0, len);
  return static_cast<long>(len);
}

long mg_io_send(mg_connection* c, const void* buf, size_t len) {
  auto& h = host_of(c);
  const auto& cfg = host_of(c->mgr).cfg;
  if (h.fd < 0) {
    host_of(c->mgr).stats.io_send_without_socket++;
    return MG_IO_ERR;
  }
  h.stats.io_send_calls++;
  if (h.faults.send_wait_every > 0 && ++h.send_calls % h.faults.send_wait_every == 0) {
    h.stats.io_send_waits++;
    return MG_IO_WAIT;
  }
  if (h.faults.send_max > 0) len = std::min(len, h.faults.send_max);
  if (cfg.stack == mk::mghost::Stack::builtin) {
    if (h.window_left == 0) {
      h.stats.io_send_waits++;
      return MG_IO_WAIT;
    }
    len = std::min({len, cfg.mss, h.window_left});
  }
  const ssize_t n = ::send(h.fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    h.stats.io_send_waits++;
    return MG_IO_WAIT;
  }
  if (n <= 0) return MG_IO_ERR;
  if (cfg.stack == mk::mghost::Stack::builtin) h.window_left -= static_cast<size_t>(n);
  h.stats.io_send_bytes += static_cast<size_t>(n);
  return static_cast<long>(n);
}

void mg_mgr_init(mg_mgr* mgr) {
  std::memset(mgr, 0, sizeof(*mgr));
  mgr->host = new mk::mghost::HostMgr;
  mg_tls_ctx_init(mgr);
}

void mg_mgr_free(mg_mgr* mgr) {
  if (mgr->host == nullptr) return;
  for (mg_connection* c = mgr->conns; c != nullptr; c = c->next) c->is_closing = 1;
  mg_mgr_poll(mgr, 0);
  mg_tls_ctx_free(mgr);
  delete &host_of(mgr);
  mgr->host = nullptr;
}

void mg_mgr_poll(mg_mgr* mgr, int ms) {
  if (host_of(mgr).cfg.stack == mk::mghost::Stack::builtin) {
    mk::mghost::poll_builtin(mgr, ms);
  } else {
    mk::mghost::poll_sockets(mgr, ms);
  }
}

mg_connection* mg_listen(mg_mgr* mgr, const char* url, mg_event_handler_t fn, void* fn_data) {
  std::string host;
  uint16_t port = 0;
  if (!mk::mghost::split_url(url, &host, &port)) return nullptr;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return nullptr;
  int on = 1;
  (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  if (inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(), &sa.sin_addr) != 1 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) != 0 || ::listen(fd, 16) != 0) {
    ::close(fd);
    return nullptr;
  }
  mg_connection* c = mk::mghost::alloc_conn(mgr);
  mk::mghost::attach_socket(c, fd);
  c->is_listening = 1;
  c->is_tls = mk::mghost::is_tls_scheme(url) ? 1 : 0;
  c->fn = fn;
  c->fn_data = fn_data;
  mg_call(c, MG_EV_OPEN, nullptr);
  return c;
}

mg_connection* mg_connect(mg_mgr* mgr, const char* url, mg_event_handler_t fn, void* fn_data) {
  std::string host;
  uint16_t port = 0;
  if (!mk::mghost::split_url(url, &host, &port)) return nullptr;
  mg_connection* c = mk::mghost::alloc_conn(mgr);
  host_of(c).host = host;
  host_of(c).port = port;
  c->is_client = 1;
  c->is_tls = mk::mghost::is_tls_scheme(url) ? 1 : 0;
  c->fn = fn;
  c->fn_data = fn_data;
  c->is_resolving = 1;
  mg_call(c, MG_EV_OPEN, const_cast<char*>(url));
  if (!host_of(mgr).cfg.resolve_async && !c->is_closing) mk::mghost::connect_resolved(c);
  return c;
}

bool mg_send(mg_connection* c, const void* buf, size_t len) {
  return len == 0 || mg_iobuf_add(&c->send, c->send.len, buf, len) > 0;
}

}  // extern "C"
