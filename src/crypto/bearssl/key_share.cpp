// Ephemeral key exchange: X25519 (RFC 7748) and ECDH over P-256 / P-384 with
// uncompressed points (RFC 8446 4.2.8.2), on BearSSL's curve code.
#include <bearssl.h>

#include "crypto/bearssl/choice.h"
#include "crypto/ec_scalar.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

const KxGroup kX25519{kGroupX25519, 32, 32, 32, "x25519"};
const KxGroup kP256{kGroupSecp256r1, 65, 32, 32, "secp256r1"};
const KxGroup kP384{kGroupSecp384r1, 97, 48, 48, "secp384r1"};

bool is_x25519(const KxGroup& g) {
  return g.id == kGroupX25519;
}

const br_ec_impl* nist_impl(const KxGroup& g) {
  return bearssl::ec_impl(g.id == kGroupSecp256r1 ? Curve::p256 : Curve::p384);
}
int nist_curve(const KxGroup& g) {
  return g.id == kGroupSecp256r1 ? BR_EC_secp256r1 : BR_EC_secp384r1;
}

ByteView nist_order(const KxGroup& g) {
  return bearssl::ec_order(g.id == kGroupSecp256r1 ? Curve::p256 : Curve::p384);
}

}  // namespace

const KxGroup* kx_group(uint16_t id) {
  switch (id) {
    case kGroupX25519:
      return &kX25519;
    case kGroupSecp256r1:
      return &kP256;
    case kGroupSecp384r1:
      return &kP384;
    default:
      return nullptr;
  }
}

Err KeyShare::generate(const KxGroup& group, Rng& rng) {
  uint8_t priv[kMaxKxPrivateLen];
  const ByteSpan scalar(priv, group.private_len);
  // X25519 takes any 32 bytes (the curve code clamps them); NIST scalars must lie
  // in [1, n-1].
  Err e = is_x25519(group) ? rng.fill(scalar) : random_scalar(nist_order(group), rng, scalar);
  if (e == MK_OK) e = set_private(group, scalar);
  secure_wipe(priv, sizeof priv);
  return e;
}

Err KeyShare::set_private(const KxGroup& group, ByteView priv) {
  secure_wipe(priv_, sizeof priv_);
  group_ = nullptr;
  if (kx_group(group.id) != &group || priv.size() != group.private_len)
    return MK_ERR_INVALID_ARGUMENT;
  if (is_x25519(group)) {
    // BearSSL's Curve25519 code takes the RFC 7748 scalar bytes as they are and
    // clamps them itself.
    bearssl::choice().x25519->mulgen(pub_, priv.data(), 32, BR_EC_curve25519);
  } else {
    if (!scalar_in_range(priv, nist_order(group))) return MK_ERR_INVALID_ARGUMENT;
    if (nist_impl(group)->mulgen(pub_, priv.data(), priv.size(), nist_curve(group)) !=
        group.public_len)
      return MK_ERR_CRYPTO;
  }
  for (size_t i = 0; i < priv.size(); ++i) priv_[i] = priv[i];
  group_ = &group;
  return MK_OK;
}

Err KeyShare::derive(ByteView peer_public, ByteSpan out) const {
  if (!group_) return MK_ERR_BAD_STATE;
  if (out.size() < group_->shared_len) return MK_ERR_INVALID_ARGUMENT;
  if (peer_public.size() != group_->public_len) return MK_ERR_BAD_KEY_SHARE;
  uint8_t point[kMaxKxPublicLen];
  for (size_t i = 0; i < peer_public.size(); ++i) point[i] = peer_public[i];

  if (is_x25519(*group_)) {
    // BearSSL clears the top bit of the u-coordinate, as RFC 7748 5 requires.
    const uint32_t ok = bearssl::choice().x25519->mul(point, 32, priv_, 32, BR_EC_curve25519);
    // RFC 8446 7.4.2: an all-zero result means the peer sent a small-order point.
    uint8_t any = 0;
    for (size_t i = 0; i < 32; ++i) any |= point[i];
    if (!ok || any == 0) {
      secure_wipe(point, sizeof point);
      return MK_ERR_BAD_KEY_SHARE;
    }
    for (size_t i = 0; i < 32; ++i) out[i] = point[i];
    secure_wipe(point, sizeof point);
    return MK_OK;
  }

  // NIST curves: only the uncompressed form is legal in TLS 1.3. BearSSL decodes
  // the point, refuses it when it is off the curve or at infinity, and refuses a
  // product at infinity.
  if (point[0] != 0x04) return MK_ERR_BAD_KEY_SHARE;
  const uint32_t ok = nist_impl(*group_)->mul(point, group_->public_len, priv_, group_->private_len,
                                              nist_curve(*group_));
  if (!ok) {
    secure_wipe(point, sizeof point);
    return MK_ERR_BAD_KEY_SHARE;
  }
  // The shared secret is the X coordinate (RFC 8446 7.4.2).
  for (size_t i = 0; i < group_->shared_len; ++i) out[i] = point[1 + i];
  secure_wipe(point, sizeof point);
  return MK_OK;
}

}  // namespace mk::crypto
