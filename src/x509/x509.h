// What the TLS engine and the config need from X.509: load a chain and a key,
// hold trust anchors, and verify a peer's chain. The engine sees only this header;
// DER, PEM and path building live behind it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"

namespace mk::x509 {

// A sentence that explains a refusal: which certificate (or which part of a PEM
// file) and which rule, e.g. "certificate for www.example.com does not match
// requested name example.org" or "PEM block 3 (CERTIFICATE): DER length runs past
// the end". NUL-terminated; empty when there is nothing to add to the error code.
struct Detail {
  char text[256] = {};
};
using VerifyDetail = Detail;

// One certificate as DER (owned).
struct CertDer {
  Buffer der;
};

// A certificate chain to send: leaf first, then issuers in order (self-signed root
// left out). Loaded from PEM (bundle) or a single DER certificate.
class CertChain {
 public:
  // MK_ERR_CHAIN_UNRELATED when the bundle holds a certificate that is neither the
  // leaf nor one of its issuers.
  Err load(ByteView pem_or_der, Detail* detail = nullptr);
  size_t size() const { return certs_.size(); }
  ByteView cert(size_t i) const { return certs_[i].der.view(); }
  bool empty() const { return certs_.empty(); }
  // The leaf's public key.
  Err leaf_public_key(crypto::PublicKey& out) const;

 private:
  Vec<CertDer> certs_;
};

// Every certificate in a PEM bundle (comments and blank lines between blocks, CRLF
// line ends allowed) or one DER certificate, as DER, in file order. No verification.
Err load_certificates(ByteView pem_or_der, Vec<Buffer>& out, Detail* detail = nullptr);

// Private key from PEM or DER: PKCS#8, SEC1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE
// KEY"). Encrypted keys fail with MK_ERR_KEY_ENCRYPTED.
Err load_private_key(ByteView pem_or_der, crypto::PrivateKey& out, Detail* detail = nullptr);

// Whether the private key matches the public key (same curve and point, or same
// modulus and exponent). MK_ERR_KEY_MISMATCH when not, with a sentence in detail
// ("the private key is ECDSA P-256 but the certificate's key is RSA-2048").
Err check_key_pair(const crypto::PublicKey& pub, const crypto::PrivateKey& priv,
                   Detail* detail = nullptr);

// Trust anchors (CA certificates).
class TrustStore {
 public:
  TrustStore();
  ~TrustStore();
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;
  // Add every certificate in a PEM bundle, or one DER certificate. All or nothing:
  // on an error nothing is added. Certificates already present are not added again.
  Err add(ByteView pem_or_der, Detail* detail = nullptr);
  size_t size() const;
  bool empty() const { return size() == 0; }
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  Impl* impl_;
};

enum class Purpose : uint8_t { server_auth, client_auth };

struct VerifyParams {
  std::string_view name;  // DNS name or IP literal to match; empty: no name check
  int64_t now = -1;       // seconds since 1970 UTC; -1: unknown (fails verification)
  Purpose purpose = Purpose::server_auth;
  // Maximum number of certificates in the path, counting the leaf and the trust
  // anchor but not self-issued intermediates (a CA re-keying itself), as RFC 5280
  // counts them for pathLenConstraint.
  int max_depth = 8;
};

// Verify the chain the peer sent (leaf first, then any certificates in any order)
// against the trust store: build a path to an anchor and check it (RFC 5280 with
// the CA/B Forum rules; docs/x509.md lists them), then match params.name against
// the leaf's subjectAltName. On success the leaf's public key is written to
// leaf_key. Errors are the MK_ERR_CERT_* codes, or MK_ERR_NO_TRUST_ANCHORS for an
// empty store; detail (may be null) gets the sentence that explains a refusal.
Err verify_chain(std::span<const ByteView> peer_chain, const TrustStore& anchors,
                 const VerifyParams& params, crypto::PublicKey& leaf_key, VerifyDetail* detail);

// The public key of a DER certificate (no verification). Used when verification is
// off: CertificateVerify must still be checked. The key policy still applies
// (MK_ERR_CERT_WEAK_KEY for RSA under 2048 bits, MK_ERR_CERT_UNSUPPORTED_KEY).
Err public_key_of(ByteView cert_der, crypto::PublicKey& out);

}  // namespace mk::x509
