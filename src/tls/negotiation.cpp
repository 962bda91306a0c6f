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

const CipherSuite* choose_cipher_suite(std::span<const uint16_t> ours, U16List offered) {
  for (uint16_t id : ours)
    if (offered.contains(id)) return find_cipher_suite(id);
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
