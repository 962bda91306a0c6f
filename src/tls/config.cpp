#include "tls/config.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include "tls/cipher_suite.h"
#include "tls/record.h"

namespace mk::tls {
namespace {

// Offered and accepted, best first. rsa_pkcs1_* are listed last for the peer's
// certificates only: TLS 1.3 refuses them in CertificateVerify (RFC 8446 4.2.3).
constexpr uint16_t kAcceptedSchemes[] = {
    crypto::kEcdsaSecp256r1Sha256, crypto::kEcdsaSecp384r1Sha384, crypto::kRsaPssRsaeSha256,
    crypto::kRsaPssRsaeSha384,     crypto::kRsaPssRsaeSha512,     crypto::kRsaPkcs1Sha256,
    crypto::kRsaPkcs1Sha384,       crypto::kRsaPkcs1Sha512,
};

constexpr uint16_t kDefaultGroups[] = {crypto::kGroupX25519, crypto::kGroupSecp256r1,
                                       crypto::kGroupSecp384r1};

}  // namespace

Err CallbackRng::fill(ByteSpan out) {
  if (!fn_) return crypto::system_rng().fill(out);
  return fn_(user_, out.data(), out.size()) == 0 ? MK_OK : MK_ERR_RANDOM;
}

Config::Config(mk_role role)
    : role_(role),
      verify_(role == MK_ROLE_CLIENT ? MK_VERIFY_PEER : MK_VERIFY_NONE),
      record_size_limit_(static_cast<uint16_t>(kMaxPlaintext + 1)) {
  for (const CipherSuite& s : all_cipher_suites())
    if (n_suites_ < kMaxSuites) suites_[n_suites_++] = s.id;
  for (uint16_t g : kDefaultGroups) groups_[n_groups_++] = g;
}

Err Config::loaded(Err e) {
  if (e == MK_OK) {
    last_error_.text[0] = '\0';
  } else if (last_error_.text[0] == '\0') {
    std::snprintf(last_error_.text, sizeof last_error_.text, "%s", err_text(e));
  }
  return e;
}

void Config::set_error_message(const char* prefix, Err e) {
  if (e == MK_OK) return;
  char text[sizeof last_error_.text + 512];
  std::snprintf(text, sizeof text, "%s: %s", prefix,
                last_error_.text[0] ? last_error_.text : err_text(e));
  // Keep what fits; a long path costs the end of the sentence, never memory.
  const size_t len = std::min(std::strlen(text), sizeof last_error_.text - 1);
  std::memcpy(last_error_.text, text, len);
  last_error_.text[len] = '\0';
}

Err Config::set_cert_chain(ByteView pem_or_der) {
  last_error_ = {};
  x509::CertChain chain;
  Err e = chain.load(pem_or_der, &last_error_);
  if (e != MK_OK) return loaded(e);
  chain_ = std::move(chain);
  return loaded(has_key_ ? check_identity() : MK_OK);
}

Err Config::set_private_key(ByteView pem_or_der) {
  last_error_ = {};
  has_key_ = false;
  Err e = x509::load_private_key(pem_or_der, key_, &last_error_);
  if (e != MK_OK) return loaded(e);
  has_key_ = true;
  return loaded(chain_.empty() ? MK_OK : check_identity());
}

Err Config::check_identity() {
  crypto::PublicKey leaf;
  MK_TRY(chain_.leaf_public_key(leaf));
  return x509::check_key_pair(leaf, key_, &last_error_);
}

Err Config::add_trust_anchors(ByteView pem_or_der) {
  last_error_ = {};
  Err e = trust_.add(pem_or_der, &last_error_);
  if (e == MK_OK) verifier_ = &x509::verify_chain;
  return loaded(e);
}

Err Config::set_alpn(const char* comma_list) {
  Buffer wire;
  const char* p = comma_list;
  while (p && *p) {
    const char* end = std::strchr(p, ',');
    size_t len = end ? static_cast<size_t>(end - p) : std::strlen(p);
    if (len == 0 || len > 255) return MK_ERR_ALPN_INVALID;
    uint8_t prefix = static_cast<uint8_t>(len);
    if (!wire.append(ByteView(&prefix, 1)) ||
        !wire.append(ByteView(reinterpret_cast<const uint8_t*>(p), len)))
      return MK_ERR_OUT_OF_MEMORY;
    if (!end) break;
    p = end + 1;
    if (!*p) return MK_ERR_ALPN_INVALID;  // trailing comma
  }
  if (wire.size() > 0xffff) return MK_ERR_ALPN_INVALID;
  alpn_ = static_cast<Buffer&&>(wire);
  return MK_OK;
}

Err Config::set_cipher_suites(std::span<const uint16_t> suites) {
  if (suites.empty() || suites.size() > kMaxSuites) return MK_ERR_INVALID_ARGUMENT;
  for (size_t i = 0; i < suites.size(); ++i) {
    if (!find_cipher_suite(suites[i])) return MK_ERR_INVALID_ARGUMENT;
    for (size_t j = 0; j < i; ++j)
      if (suites[j] == suites[i]) return MK_ERR_INVALID_ARGUMENT;
  }
  n_suites_ = suites.size();
  for (size_t i = 0; i < n_suites_; ++i) suites_[i] = suites[i];
  return MK_OK;
}

Err Config::set_groups(std::span<const uint16_t> groups) {
  if (groups.empty() || groups.size() > kMaxGroups) return MK_ERR_INVALID_ARGUMENT;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (!crypto::kx_group(groups[i])) return MK_ERR_INVALID_ARGUMENT;
    for (size_t j = 0; j < i; ++j)
      if (groups[j] == groups[i]) return MK_ERR_INVALID_ARGUMENT;
  }
  n_groups_ = groups.size();
  for (size_t i = 0; i < n_groups_; ++i) groups_[i] = groups[i];
  return MK_OK;
}

Err Config::set_versions(uint16_t min, uint16_t max) {
  auto known = [](uint16_t v) { return (kTls12Enabled && v == 0x0303) || v == 0x0304; };
  if (!known(min) || !known(max) || min > max) return MK_ERR_INVALID_ARGUMENT;
  min_version_ = min;
  max_version_ = max;
  return MK_OK;
}

Err Config::set_record_size_limit(uint16_t limit) {
  if (limit < 64 || limit > kMaxPlaintext + 1) return MK_ERR_INVALID_ARGUMENT;
  record_size_limit_ = limit;
  return MK_OK;
}

int64_t Config::now() const {
  return time_fn_ ? time_fn_(time_user_) : -1;
}

crypto::Rng& Config::rng() const {
  return rng_;
}

std::span<const uint16_t> Config::accepted_signature_schemes() {
  return kAcceptedSchemes;
}

Err Config::verify_chain(std::span<const ByteView> chain, const x509::VerifyParams& params,
                         crypto::PublicKey& leaf_key, x509::VerifyDetail* detail) const {
  if (!verifier_ || trust_.empty()) return MK_ERR_NO_TRUST_ANCHORS;
  return verifier_(chain, trust_, params, leaf_key, detail);
}

Err Config::verify(std::span<const ByteView> chain, const x509::VerifyParams& params,
                   x509::VerifyDetail* detail) const {
  crypto::PublicKey leaf_key;
  return verify_chain(chain, params, leaf_key, detail);
}

}  // namespace mk::tls
