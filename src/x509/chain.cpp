// CertChain: the chain a server (or a client doing mutual TLS) sends, put in the
// order RFC 8446 4.4.2 asks for: the leaf, then each certificate's issuer. The
// bundle may list them in any order; a self-signed root is left out (the peer must
// already have it), and a certificate unrelated to the leaf is a configuration
// error rather than something to send.
#include "x509/certificate.h"
#include "x509/detail.h"
#include "x509/public_key.h"
#include "x509/x509.h"

namespace mk::x509 {
namespace {

// Whether a issued b, judged by names and key identifiers (signatures are the
// peer's business; nothing is trusted here).
bool issued(const Certificate& a, const Certificate& b) {
  return &a != &b && std::ranges::equal(a.subject, b.issuer) && key_id_matches(b, a);
}

bool self_signed(const Certificate& c) {
  return self_issued(c) && key_id_matches(c, c);
}

}  // namespace

Err CertChain::load(ByteView data, Detail* detail) {
  Vec<Buffer> ders;
  MK_TRY(load_certificates(data, ders, detail));
  const size_t n = ders.size();
  Vec<Certificate> certs(n);
  Vec<uint8_t> used(n, 0);
  for (size_t i = 0; i < n; ++i) {
    parse_certificate(ders[i].view(), certs[i]);
    for (size_t j = 0; j < i; ++j)
      if (std::ranges::equal(ders[i].view(), ders[j].view())) used[i] = 1;  // a repeat
  }
  // The leaf is the first certificate that issued none of the others.
  size_t leaf = n;
  for (size_t i = 0; i < n && leaf == n; ++i) {
    bool issuer_of_some = false;
    for (size_t j = 0; j < n; ++j)
      issuer_of_some = issuer_of_some || (!used[j] && issued(certs[i], certs[j]));
    if (!used[i] && !issuer_of_some) leaf = i;
  }
  if (leaf == n) {
    set_detail(detail,
               "the bundle has no end-entity certificate: every certificate issued another");
    return MK_ERR_CHAIN_UNRELATED;
  }
  Vec<size_t> order{leaf};
  used[leaf] = 1;
  for (size_t cur = leaf;;) {
    size_t next = n;
    for (size_t j = 0; j < n && next == n; ++j)
      if (!used[j] && issued(certs[j], certs[cur]) && !self_signed(certs[j])) next = j;
    for (size_t j = 0; j < n && next == n; ++j)
      if (!used[j] && issued(certs[j], certs[cur])) next = j;
    if (next == n) break;
    used[next] = 1;
    if (self_signed(certs[next])) break;  // the root: the peer has its own copy
    order.push_back(next);
    cur = next;
  }
  // What is left must belong to the path: another root or cross-signed issuer of a
  // certificate in the chain. Roots are dropped, cross-signed issuers sent last.
  for (size_t j = 0; j < n; ++j) {
    if (used[j]) continue;
    bool issues_chain = false;
    for (size_t k : order) issues_chain = issues_chain || issued(certs[j], certs[k]);
    if (!issues_chain) {
      char name[64], leaf_name[64];
      describe(certs[j], name, sizeof name);
      describe(certs[leaf], leaf_name, sizeof leaf_name);
      set_detail(detail, "certificate %zu ('%s') is not the leaf '%s' nor one of its issuers",
                 j + 1, name, leaf_name);
      return MK_ERR_CHAIN_UNRELATED;
    }
    if (!self_signed(certs[j])) order.push_back(j);
  }
  Vec<CertDer> chain;
  for (size_t i : order) chain.push_back(CertDer{std::move(ders[i])});
  certs_ = std::move(chain);
  return MK_OK;
}

Err CertChain::leaf_public_key(crypto::PublicKey& out) const {
  if (certs_.empty()) return MK_ERR_NO_CERTIFICATE;
  return public_key_of(certs_[0].der.view(), out);
}

Err public_key_of(ByteView cert_der, crypto::PublicKey& out) {
  Certificate cert;
  if (parse_certificate(cert_der, cert) != der::Fault::none) return MK_ERR_CERT_MALFORMED;
  char why[96];
  return parse_public_key(cert.spki, out, why, sizeof why);
}

}  // namespace mk::x509
