#include "negotiated.h"

#include <cstdio>

namespace mk::cli {
namespace {

std::string or_dash(const char* s) {
  return s && *s ? s : "-";
}

std::string alpn_of(const mk_conn* c) {
  size_t len = 0;
  const char* p = mk_conn_alpn(c, &len);
  return p && len ? std::string(p, len) : std::string();
}

}  // namespace

std::string version_name(uint16_t version) {
  if (version == MK_TLS_1_3) return "TLSv1.3";
  if (version == MK_TLS_1_2) return "TLSv1.2";
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", version);
  return buf;
}

std::string describe_negotiated(const mk_conn* c, const char* p) {
  std::string alpn = alpn_of(c);
  std::string s;
  s += std::string(p) + "TLS version: " + version_name(mk_conn_version(c)) + "\n";
  s += std::string(p) + "cipher suite: " + or_dash(mk_cipher_suite_name(mk_conn_cipher_suite(c))) +
       "\n";
  s += std::string(p) + "group: " + or_dash(mk_group_name(mk_conn_group(c))) +
       (mk_conn_hello_retry(c) ? " (HelloRetryRequest: yes)\n" : " (HelloRetryRequest: no)\n");
  s += std::string(p) +
       "signature scheme: " + or_dash(mk_signature_scheme_name(mk_conn_signature_scheme(c))) + "\n";
  s += std::string(p) + "ALPN: " + (alpn.empty() ? "none" : alpn) + "\n";
  s += std::string(p) +
       "peer certificate: " + (mk_conn_peer_verified(c) ? "verified" : "not verified") + "\n";
  return s;
}

std::string summarize_negotiated(const mk_conn* c) {
  std::string alpn = alpn_of(c);
  std::string s = version_name(mk_conn_version(c));
  s += " " + or_dash(mk_cipher_suite_name(mk_conn_cipher_suite(c)));
  s += " " + or_dash(mk_group_name(mk_conn_group(c)));
  s += mk_conn_hello_retry(c) ? " hrr=yes" : " hrr=no";
  s += " alpn=" + (alpn.empty() ? std::string("-") : alpn);
  const char* sni = mk_conn_server_name(c);
  s += " sni=" + or_dash(sni);
  uint16_t peer_sig = mk_conn_signature_scheme(c);
  s += mk_conn_peer_verified(c)
           ? " client-cert=verified(" + or_dash(mk_signature_scheme_name(peer_sig)) + ")"
           : " client-cert=none";
  return s;
}

}  // namespace mk::cli
