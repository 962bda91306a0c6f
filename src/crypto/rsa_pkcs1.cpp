#include "crypto/rsa_pkcs1.h"

#include "base/writer.h"

namespace mk::crypto {
namespace {

// The content octets of the OIDs id-sha256, id-sha384 and id-sha512
// (2.16.840.1.101.3.4.2.1 / .2 / .3).
constexpr uint8_t kOidSha2Prefix[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};

uint8_t oid_last_arc(HashId id) {
  switch (id) {
    case HashId::sha256:
      return 1;
    case HashId::sha384:
      return 2;
    case HashId::sha512:
      return 3;
  }
  return 0;
}

constexpr size_t kOidLen = sizeof kOidSha2Prefix + 1;
// AlgorithmIdentifier: SEQUENCE { OID, NULL }.
constexpr size_t kAlgIdContentLen = 2 + kOidLen + 2;

size_t digest_info_len(const HashAlg& hash) {
  return 2 + (2 + kAlgIdContentLen) + (2 + hash.out_len);
}

// DigestInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING digest } (9.2 step 2).
// Every length here is below 128, so each fits the short form.
void write_digest_info(Writer& w, const HashAlg& hash, ByteView mhash) {
  w.u8(0x30);
  w.u8(static_cast<uint8_t>(digest_info_len(hash) - 2));
  w.u8(0x30);
  w.u8(static_cast<uint8_t>(kAlgIdContentLen));
  w.u8(0x06);
  w.u8(static_cast<uint8_t>(kOidLen));
  w.bytes(ByteView(kOidSha2Prefix));
  w.u8(oid_last_arc(hash.id));
  w.u8(0x05);
  w.u8(0x00);
  w.u8(0x04);
  w.u8(static_cast<uint8_t>(hash.out_len));
  w.bytes(mhash);
}

}  // namespace

Err emsa_pkcs1_encode(const HashAlg& hash, ByteView mhash, ByteSpan em) {
  const size_t t_len = digest_info_len(hash);
  if (mhash.size() != hash.out_len || em.size() < t_len + 11) return MK_ERR_INVALID_ARGUMENT;
  // EM = 0x00 || 0x01 || PS (0xff, at least 8 of them) || 0x00 || T.
  Writer w(em);
  w.u8(0x00);
  w.u8(0x01);
  ByteSpan ps = w.reserve(em.size() - t_len - 3);
  for (uint8_t& b : ps) b = 0xff;
  w.u8(0x00);
  write_digest_info(w, hash, mhash);
  return w.ok() && w.size() == em.size() ? MK_OK : MK_ERR_INTERNAL;
}

Err rsassa_pkcs1_sign(const HashAlg& hash, const PrivateKey& key, ByteView mhash, ByteSpan sig,
                      size_t* sig_len) {
  if (!sig_len) return MK_ERR_INVALID_ARGUMENT;
  *sig_len = 0;
  const size_t k = (key.n_bits + 7) / 8;
  if (k == 0 || sig.size() < k) return MK_ERR_INVALID_ARGUMENT;
  ByteSpan x = sig.first(k);
  MK_TRY(emsa_pkcs1_encode(hash, mhash, x));
  MK_TRY(rsa_private_raw(key, x));
  *sig_len = k;
  return MK_OK;
}

Err rsassa_pkcs1_verify(const HashAlg& hash, const PublicKey& key, ByteView mhash, ByteView sig) {
  const size_t k = (key.rsa_bits() + 7) / 8;
  uint8_t m[kMaxRsaBytes], expected[kMaxRsaBytes];
  if (k > sizeof m) return MK_ERR_NO_COMMON_SIGNATURE;
  MK_TRY(rsa_public_raw(key, sig, ByteSpan(m, k)));
  if (emsa_pkcs1_encode(hash, mhash, ByteSpan(expected, k)) != MK_OK) return MK_ERR_DECRYPT_ERROR;
  return ct_equal(ByteView(m, k), ByteView(expected, k)) ? MK_OK : MK_ERR_DECRYPT_ERROR;
}

}  // namespace mk::crypto
