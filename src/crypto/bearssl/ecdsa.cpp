#include "crypto/bearssl/ecdsa.h"

#include <bearssl.h>

#include "crypto/bearssl/choice.h"
#include "crypto/ec_scalar.h"
#include "crypto/ecdsa_der.h"

namespace mk::crypto::bearssl {
namespace {

constexpr size_t kMaxRawSignatureLen = 2 * kMaxKxPrivateLen;

// For P-256 and P-384 a coordinate is as long as the order, so an uncompressed
// point is 04 || X || Y with both as long as the order.
size_t uncompressed_point_len(ByteView order) {
  return 1 + 2 * order.size();
}

}  // namespace

Err ecdsa_verify(const PublicKey& key, ByteView digest, ByteView der) {
  const br_ec_impl* impl = ec_impl(key.curve);
  const ByteView order = ec_order(key.curve);
  if (key.type != KeyType::ec || !impl || key.point_len != uncompressed_point_len(order))
    return MK_ERR_NO_COMMON_SIGNATURE;
  uint8_t raw[kMaxRawSignatureLen];
  const ByteSpan rs(raw, 2 * order.size());
  MK_TRY(ecdsa_der_to_raw(der, order, rs));
  // BearSSL decodes the point and refuses it when it is not on the curve.
  br_ec_public_key pk{ec_curve_id(key.curve), const_cast<uint8_t*>(key.point), key.point_len};
  if (!choice().ecdsa_vrfy(impl, digest.data(), digest.size(), &pk, rs.data(), rs.size()))
    return MK_ERR_DECRYPT_ERROR;
  return MK_OK;
}

Err ecdsa_sign(const PrivateKey& key, const HashAlg& hash, ByteView digest, ByteSpan sig,
               size_t* sig_len) {
  if (!sig_len) return MK_ERR_INVALID_ARGUMENT;
  *sig_len = 0;
  const br_ec_impl* impl = ec_impl(key.curve);
  const ByteView order = ec_order(key.curve);
  if (key.type != KeyType::ec || !impl) return MK_ERR_NO_COMMON_SIGNATURE;
  if (digest.size() != hash.out_len) return MK_ERR_INVALID_ARGUMENT;

  uint8_t x[kMaxKxPrivateLen];
  const ByteSpan scalar(x, order.size());
  if (!fixed_width_scalar(ByteView(key.x, key.x_len < sizeof key.x ? key.x_len : sizeof key.x),
                          order, scalar))
    return MK_ERR_INVALID_ARGUMENT;
  br_ec_private_key sk{ec_curve_id(key.curve), x, scalar.size()};
  uint8_t raw[kMaxRawSignatureLen];
  const size_t raw_len = choice().ecdsa_sign(impl, hash_class(hash), digest.data(), &sk, raw);
  secure_wipe(x, sizeof x);
  secure_wipe(&sk, sizeof sk);
  if (raw_len != 2 * order.size()) return MK_ERR_CRYPTO;
  return ecdsa_raw_to_der(ByteView(raw, raw_len), sig, sig_len);
}

}  // namespace mk::crypto::bearssl
