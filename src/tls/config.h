// What many connections share: role, the certificate chain and key they present,
// the trust anchors they verify against, and the negotiation preferences. Built
// once, read-only while connections use it (connections keep a reference, never a
// copy, so a server's per-connection memory does not grow with its chain).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"
#include "meerkat/meerkat.h"
#include "tls/features.h"
#include "x509/x509.h"

namespace mk::tls {

// The C clock and RNG callbacks, adapted to the engine's interfaces.
class CallbackRng final : public crypto::Rng {
 public:
  CallbackRng(mk_random_fn fn, void* user) : fn_(fn), user_(user) {}
  Err fill(ByteSpan out) override;

 private:
  mk_random_fn fn_;
  void* user_;
};

class Config {
 public:
  static constexpr size_t kMaxSuites = 9;
  static constexpr size_t kMaxGroups = 3;

  explicit Config(mk_role role);
  Config(const Config&) = delete;
  Config& operator=(const Config&) = delete;

  mk_role role() const { return role_; }
  bool is_server() const { return role_ == MK_ROLE_SERVER; }

  // Chain and key. Loading the key checks it against the chain's leaf when both
  // are present, whichever comes first.
  Err set_cert_chain(ByteView pem_or_der);
  Err set_private_key(ByteView pem_or_der);
  bool has_identity() const { return !chain_.empty() && has_key_; }
  const x509::CertChain& chain() const { return chain_; }
  const crypto::PrivateKey& private_key() const { return key_; }

  Err add_trust_anchors(ByteView pem_or_der);
  const x509::TrustStore& trust_anchors() const { return trust_; }

  void set_verify(mk_verify_mode mode) { verify_ = mode; }
  mk_verify_mode verify_mode() const { return verify_; }
  // Client: whether the server's chain and name are checked. Server: whether a client
  // certificate is requested, and whether it is required.
  bool verifies_peer() const { return verify_ != MK_VERIFY_NONE; }
  bool requires_client_cert() const { return verify_ == MK_VERIFY_REQUIRED; }
  void set_max_chain_depth(int depth) { max_depth_ = depth; }
  int max_chain_depth() const { return max_depth_; }

  // ALPN as the wire ProtocolNameList body (each name u8-length-prefixed).
  Err set_alpn(const char* comma_list);
  ByteView alpn() const { return alpn_.view(); }

  // Both versions' suites in one list; each version uses the ones that are its own.
  Err set_cipher_suites(std::span<const uint16_t> suites);
  Err set_groups(std::span<const uint16_t> groups);
  std::span<const uint16_t> cipher_suites() const { return {suites_, n_suites_}; }
  std::span<const uint16_t> groups() const { return {groups_, n_groups_}; }

  // The protocol versions this side speaks, 0x0303 (TLS 1.2) ..= 0x0304 (TLS 1.3).
  Err set_versions(uint16_t min, uint16_t max);
  uint16_t min_version() const { return min_version_; }
  uint16_t max_version() const { return max_version_; }
  bool allows(uint16_t version) const { return version >= min_version_ && version <= max_version_; }

  void set_time(mk_time_fn fn, void* user) {
    time_fn_ = fn;
    time_user_ = user;
  }
  // Seconds since 1970 UTC, or -1 when unknown.
  int64_t now() const;

  // The handshake deadline in milliseconds (0: none) and the clock it is measured on.
  void set_handshake_timeout(uint32_t ms) { handshake_timeout_ms_ = ms; }
  uint32_t handshake_timeout_ms() const { return handshake_timeout_ms_; }
  void set_monotonic_clock(mk_millis_fn fn, void* user) {
    millis_fn_ = fn;
    millis_user_ = user;
  }
  uint64_t monotonic_ms() const { return millis_fn_ ? millis_fn_(millis_user_) : 0; }

  void set_random(mk_random_fn fn, void* user) { rng_ = CallbackRng(fn, user); }
  crypto::Rng& rng() const;

  // The record_size_limit we announce (RFC 8449), 64..kMaxPlaintext + 1.
  Err set_record_size_limit(uint16_t limit);
  uint16_t record_size_limit() const { return record_size_limit_; }

  void set_middlebox_compat(bool on) { middlebox_compat_ = on; }
  bool middlebox_compat() const { return middlebox_compat_; }

  // The signature schemes this side accepts from the peer, in preference order
  // (signature_algorithms in ClientHello and CertificateRequest).
  static std::span<const uint16_t> accepted_signature_schemes();

  // A sentence about the last failed load (which PEM block, what is wrong), or ""
  // after a success. The C API's file loaders put the file name in front.
  const char* error_message() const { return last_error_.text; }
  void set_error_message(const char* prefix, Err e);

  // Verify a peer's chain against the trust anchors (leaf_key gets the leaf's key).
  // MK_ERR_NO_TRUST_ANCHORS when none were ever added.
  Err verify_chain(std::span<const ByteView> chain, const x509::VerifyParams& params,
                   crypto::PublicKey& leaf_key, x509::VerifyDetail* detail) const;
  // The same for mk_config_verify, which has no use for the key.
  Err verify(std::span<const ByteView> chain, const x509::VerifyParams& params,
             x509::VerifyDetail* detail) const;

 private:
  Err check_identity();

  mk_role role_;
  x509::CertChain chain_;
  crypto::PrivateKey key_;
  bool has_key_ = false;
  x509::TrustStore trust_;
  mk_verify_mode verify_;
  int max_depth_ = 8;
  Buffer alpn_;
  uint16_t suites_[kMaxSuites];
  size_t n_suites_ = 0;
  uint16_t groups_[kMaxGroups];
  size_t n_groups_ = 0;
  mk_time_fn time_fn_ = nullptr;
  void* time_user_ = nullptr;
  uint32_t handshake_timeout_ms_ = 0;
  mk_millis_fn millis_fn_ = nullptr;
  void* millis_user_ = nullptr;
  mutable CallbackRng rng_{nullptr, nullptr};
  bool middlebox_compat_ = true;
  uint16_t min_version_ = MEERKAT_ENABLE_TLS12 ? 0x0303 : 0x0304;
  uint16_t max_version_ = 0x0304;
  uint16_t record_size_limit_;
  x509::Detail last_error_;
  // The path validator, reached only through this pointer, which adding trust
  // anchors sets: a program that never loads a CA (a server without client
  // certificates) does not link the validator, name matching or the public suffix
  // list (about 12 KiB of code and 150 KiB of tables at -Os, `make bench`).
  using ChainVerifier = Err (*)(std::span<const ByteView>, const x509::TrustStore&,
                                const x509::VerifyParams&, crypto::PublicKey&, x509::VerifyDetail*);
  ChainVerifier verifier_ = nullptr;
  // Record the outcome of a load: clears the message on success, keeps the
  // loader's sentence (or the error's) on failure.
  Err loaded(Err e);
};

}  // namespace mk::tls
