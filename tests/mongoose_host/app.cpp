#include "app.h"

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "testdata.h"

namespace mk::mghost {
namespace {

mg_str view_of(const std::string& s) {
  return mg_str{const_cast<char*>(s.data()), s.size()};
}

// Length of the head and the announced body of the message at the front of data,
// or nullopt while the head is incomplete.
std::optional<std::pair<size_t, size_t>> message_extent(std::string_view data) {
  const size_t end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view head = data.substr(0, end + 4);
  size_t body = 0;
  for (std::string_view name : {"Content-Length: ", "content-length: "}) {
    const size_t at = head.find(name);
    if (at != std::string_view::npos)
      body = std::strtoul(std::string(head.substr(at + name.size())).c_str(), nullptr, 10);
  }
  return std::make_pair(head.size(), body);
}

}  // namespace

mg_tls_opts TlsOptions::view() const {
  mg_tls_opts o{};
  o.ca = view_of(ca);
  o.cert = view_of(cert);
  o.key = view_of(key);
  o.name = view_of(name);
  o.skip_verification = skip_verification;
  return o;
}

std::string cert_file(const std::string& rel) {
  return mk::test::read_file(mk::test::source_path("tests/data/certs/" + rel));
}

TlsOptions server_options(const std::string& pki) {
  TlsOptions o;
  o.cert = cert_file(pki + "/chain.pem");
  o.key = cert_file(pki + "/key.pem");
  return o;
}

TlsOptions client_options(const std::string& pki) {
  TlsOptions o;
  o.ca = cert_file(pki + "/ca.pem");
  o.name = "localhost";
  return o;
}

size_t App::count(int ev) const {
  size_t n = 0;
  for (int e : events) n += e == ev ? 1 : 0;
  return n;
}

std::string App::error_text() const {
  std::string all;
  for (const std::string& e : errors) all += "[" + e + "] ";
  return all;
}

void App::handler(mg_connection* c, int ev, void* ev_data) {
  App& app = *static_cast<App*>(c->fn_data);
  if (ev != MG_EV_POLL) app.events.push_back(ev);
  switch (ev) {
    case MG_EV_OPEN:
      if (!c->is_listening) app.conn = c;
      if (c->is_client && app.tls_init_at_open && app.tls) {
        const mg_tls_opts o = app.tls->view();
        mg_tls_init(c, &o);
      }
      break;
    case MG_EV_ACCEPT:
    case MG_EV_CONNECT:
      if (app.tls && !(c->is_client && app.tls_init_at_open)) {
        const mg_tls_opts o = app.tls->view();
        mg_tls_init(c, &o);
      }
      if (!app.send_at_start.empty())
        mg_send(c, app.send_at_start.data(), app.send_at_start.size());
      break;
    case MG_EV_TLS_HS:
      app.is_tls_hs_at_handshake_event = c->is_tls_hs;
      break;
    case MG_EV_ERROR:
      app.errors.emplace_back(static_cast<const char*>(ev_data));
      if (app.keep_open_on_error) c->is_closing = 0;
      break;
    case MG_EV_READ:
      app.read_sizes.push_back(*static_cast<const long*>(ev_data));
      break;
    case MG_EV_CLOSE:
      if (app.conn == c) app.conn = nullptr;
      break;
    default:
      break;
  }
  if (app.hook) app.hook(c, ev, ev_data);
  if (ev == MG_EV_READ && app.consume_reads) {
    app.received.append(reinterpret_cast<const char*>(c->recv.buf), c->recv.len);
    mg_iobuf_del(&c->recv, 0, c->recv.len);
  }
}

void serve_http(App& app) {
  app.consume_reads = false;
  app.hook = [&app](mg_connection* c, int ev, void*) {
    if (ev != MG_EV_READ) return;
    for (;;) {
      const std::string_view data(reinterpret_cast<const char*>(c->recv.buf), c->recv.len);
      const auto extent = message_extent(data);
      if (!extent || data.size() < extent->first + extent->second) return;
      const std::string_view head = data.substr(0, extent->first);
      const std::string body(data.substr(extent->first, extent->second));
      const bool close = head.find("Connection: close") != std::string_view::npos;
      std::string reply_body = body;
      if (head.substr(0, 4) == "GET ") reply_body = "hello\n";
      const std::string reply =
          "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(reply_body.size()) + "\r\n" +
          (close ? "Connection: close\r\n" : "") + "\r\n" + reply_body;
      app.received.append(data.substr(0, extent->first + extent->second));
      mg_iobuf_del(&c->recv, 0, extent->first + extent->second);
      mg_send(c, reply.data(), reply.size());
      if (close) c->is_draining = 1;
    }
  };
}

std::string http_request(const std::string& method, const std::string& path,
                         const std::string& body, bool close) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n";
  if (method == "POST") r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (close) r += "Connection: close\r\n";
  return r + "\r\n" + body;
}

std::optional<std::string> http_response_body(const std::string& data) {
  const auto extent = message_extent(data);
  if (!extent || data.size() < extent->first + extent->second) return std::nullopt;
  return data.substr(extent->first, extent->second);
}

std::string pattern_bytes(size_t n, unsigned seed) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (char& ch : s) {
    x = x * 1103515245u + 12345u;
    ch = static_cast<char>(x >> 24);
  }
  return s;
}

}  // namespace mk::mghost
