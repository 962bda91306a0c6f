#include "tls/negotiation.h"

#include "base/secure.h"
#include "tls/config.h"

namespace mk::tls {
namespace {

bool same_bytes(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

bool suite_fits_key(const CipherSuite& suite, crypto::KeyType key_type) {
  switch (suite.auth) {
    case SuiteAuth::any:
      return true;
    case SuiteAuth::ecdsa:
      return key_type == crypto::KeyType::ec;
    case SuiteAuth::rsa:
      return key_type == crypto::KeyType::rsa;
  }
  return false;
}

const CipherSuite* choose_cipher_suite(std::span<const uint16_t> ours, U16List offered,
                                       uint16_t version, crypto::KeyType key_type) {
  for (uint16_t id : ours) {
    const CipherSuite* s = find_cipher_suite(id);
    if (s && s->version == version && suite_fits_key(*s, key_type) && offered.contains(id))
      return s;
  }
  return nullptr;
}

const KeyShareEntry* choose_key_share(std::span<const uint16_t> ours,
                                      std::span<const KeyShareEntry> shares, U16List supported,
                                      uint16_t* retry_group) {
  *retry_group = 0;
  for (uint16_t group : ours)
    for (const KeyShareEntry& share : shares)
      if (share.group == group) return &share;
  for (uint16_t group : ours) {
    if (supported.contains(group)) {
      *retry_group = group;
      break;
    }
  }
  return nullptr;
}

bool is_tls13_signature_scheme(uint16_t scheme) {
  switch (scheme) {
    case crypto::kEcdsaSecp256r1Sha256:
    case crypto::kEcdsaSecp384r1Sha384:
    case crypto::kRsaPssRsaeSha256:
    case crypto::kRsaPssRsaeSha384:
    case crypto::kRsaPssRsaeSha512:
      return true;
    default:
      return false;
  }
}

uint16_t choose_signature_scheme(const crypto::PrivateKey& key, U16List offered) {
  for (uint16_t scheme : Config::accepted_signature_schemes())
    if (is_tls13_signature_scheme(scheme) && offered.contains(scheme) &&
        crypto::can_sign(key, scheme))
      return scheme;
  return 0;
}

uint16_t tls12_provider_scheme(uint16_t wire_scheme) {
  switch (wire_scheme) {
    case crypto::kEcdsaSecp256r1Sha256:
      return crypto::kEcdsaSha256AnyCurve;
    case crypto::kEcdsaSecp384r1Sha384:
      return crypto::kEcdsaSha384AnyCurve;
    case crypto::kEcdsaSecp521r1Sha512:
      return crypto::kEcdsaSha512AnyCurve;
    default:
      return wire_scheme;
  }
}

bool scheme_uses_hash(uint16_t wire_scheme, const crypto::HashAlg& hash) {
  switch (wire_scheme >> 8) {
    case 0x04:
      return hash.id == crypto::HashId::sha256;
    case 0x05:
      return hash.id == crypto::HashId::sha384;
    case 0x06:
      return hash.id == crypto::HashId::sha512;
    default:
      break;
  }
  switch (wire_scheme) {
    case crypto::kRsaPssRsaeSha256:
      return hash.id == crypto::HashId::sha256;
    case crypto::kRsaPssRsaeSha384:
      return hash.id == crypto::HashId::sha384;
    case crypto::kRsaPssRsaeSha512:
      return hash.id == crypto::HashId::sha512;
    default:
      return false;
  }
}

uint16_t choose_signature_scheme12(const crypto::PrivateKey& key, U16List offered,
                                   const crypto::HashAlg* hash) {
  for (uint16_t scheme : Config::accepted_signature_schemes()) {
    if (!offered.contains(scheme) || (hash && !scheme_uses_hash(scheme, *hash))) continue;
    if (crypto::can_sign(key, tls12_provider_scheme(scheme))) return scheme;
  }
  return 0;
}

Err choose_alpn(ByteView ours, ByteView offered, ByteView* chosen) {
  *chosen = {};
  // Validate the whole peer list first, so a malformed tail is refused even when an
  // early entry matches.
  MK_TRY(for_each_alpn(offered, [](ByteView) {}));
  Reader r(ours);
  while (!r.empty()) {
    ByteView name = r.vec(1);
    if (alpn_list_contains(offered, name)) {
      *chosen = name;
      return MK_OK;
    }
  }
  return MK_OK;
}

bool alpn_list_contains(ByteView list, ByteView protocol) {
  Reader r(list);
  while (r.ok() && !r.empty()) {
    ByteView name = r.vec(1);
    if (r.ok() && same_bytes(name, protocol)) return true;
  }
  return false;
}

}  // namespace mk::tls
