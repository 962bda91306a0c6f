// EC signing keys: the public point of a private scalar, and fresh key pairs.
#include <bearssl.h>

#include "crypto/bearssl/choice.h"
#include "crypto/ec_scalar.h"
#include "crypto/provider.h"

namespace mk::crypto {

Err ec_public_from_private(const PrivateKey& key, PublicKey& out) {
  const br_ec_impl* impl = bearssl::ec_impl(key.curve);
  if (key.type != KeyType::ec || !impl) return MK_ERR_KEY_UNSUPPORTED;
  const ByteView order = bearssl::ec_order(key.curve);
  uint8_t x[kMaxKxPrivateLen];
  const ByteSpan scalar(x, order.size());
  if (!fixed_width_scalar(ByteView(key.x, key.x_len < sizeof key.x ? key.x_len : sizeof key.x),
                          order, scalar))
    return MK_ERR_KEY_PARSE;
  uint8_t point[kMaxKxPublicLen];
  const size_t point_len =
      impl->mulgen(point, scalar.data(), scalar.size(), bearssl::ec_curve_id(key.curve));
  secure_wipe(x, sizeof x);
  if (point_len == 0 || point_len > sizeof out.point) return MK_ERR_CRYPTO;
  out = PublicKey{};
  out.type = KeyType::ec;
  out.curve = key.curve;
  for (size_t i = 0; i < point_len; ++i) out.point[i] = point[i];
  out.point_len = point_len;
  return MK_OK;
}

Err generate_ec_key(Curve curve, Rng& rng, PrivateKey& out) {
  const ByteView order = bearssl::ec_order(curve);
  if (order.empty()) return MK_ERR_INVALID_ARGUMENT;
  secure_wipe(&out, sizeof out);
  Err e = random_scalar(order, rng, ByteSpan(out.x, order.size()));
  if (e == MK_OK) {
    out.type = KeyType::ec;
    out.curve = curve;
    out.x_len = order.size();
    e = ec_public_from_private(out, out.pub);
  }
  if (e != MK_OK) secure_wipe(&out, sizeof out);
  return e;
}

}  // namespace mk::crypto
