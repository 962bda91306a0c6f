#include "crypto/rsa_pss.h"

#include "base/reader.h"
#include "base/writer.h"

namespace mk::crypto {
namespace {

// M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt; H = Hash(M').
void hash_m_prime(const HashAlg& hash, ByteView mhash, ByteView salt, ByteSpan h) {
  static constexpr uint8_t kZeros[8] = {};
  Hash m(hash);
  m.update(ByteView(kZeros));
  m.update(mhash);
  m.update(salt);
  m.final(h);
}

// data ^= MGF1(seed, data.size()) (RFC 8017 B.2.1).
void mgf1_xor(const HashAlg& hash, ByteView seed, ByteSpan data) {
  uint8_t block[kMaxHashLen];
  uint8_t counter[4];
  size_t done = 0;
  for (uint32_t c = 0; done < data.size(); ++c) {
    Writer(ByteSpan(counter)).u32(c);
    Hash h(hash);
    h.update(seed);
    h.update(ByteView(counter));
    h.final(ByteSpan(block));
    for (size_t i = 0; i < hash.out_len && done < data.size(); ++i) data[done++] ^= block[i];
  }
}

// The bits of EM's first byte above em_bits must be zero: 8 * emLen - emBits of them.
uint8_t top_bits_mask(size_t em_bits, size_t em_len) {
  return static_cast<uint8_t>(0xff00u >> (8 * em_len - em_bits));
}

size_t em_len_for(size_t em_bits) {
  return (em_bits + 7) / 8;
}

// RSASSA-PSS puts emBits = modBits - 1, so EM is one byte shorter than the modulus
// when modBits - 1 is a multiple of 8.
size_t em_bits_for(size_t mod_bits) {
  return mod_bits - 1;
}

}  // namespace

Err emsa_pss_encode(const HashAlg& hash, const HashAlg& mgf1_hash, ByteView mhash, ByteView salt,
                    size_t em_bits, ByteSpan em) {
  const size_t h_len = hash.out_len;
  const size_t em_len = em_len_for(em_bits);
  if (mhash.size() != h_len || em.size() != em_len || em_len < h_len + salt.size() + 2)
    return MK_ERR_INVALID_ARGUMENT;
  const size_t db_len = em_len - h_len - 1;
  uint8_t h[kMaxHashLen];
  hash_m_prime(hash, mhash, salt, ByteSpan(h, h_len));

  // EM = maskedDB || H || 0xbc, with DB = PS (zeros) || 0x01 || salt.
  Writer w(em);
  w.zeros(db_len - salt.size() - 1);
  w.u8(0x01);
  w.bytes(salt);
  mgf1_xor(mgf1_hash, ByteView(h, h_len), em.first(db_len));
  em[0] &= static_cast<uint8_t>(~top_bits_mask(em_bits, em_len));
  w.bytes(ByteView(h, h_len));
  w.u8(0xbc);
  return w.ok() && w.size() == em_len ? MK_OK : MK_ERR_INTERNAL;
}

Err emsa_pss_verify(const HashAlg& hash, const HashAlg& mgf1_hash, ByteView mhash, size_t salt_len,
                    size_t em_bits, ByteView em) {
  const size_t h_len = hash.out_len;
  const size_t em_len = em_len_for(em_bits);
  if (mhash.size() != h_len) return MK_ERR_INVALID_ARGUMENT;
  if (em.size() != em_len || em_len < h_len + salt_len + 2) return MK_ERR_DECRYPT_ERROR;
  const size_t db_len = em_len - h_len - 1;

  Reader r(em);
  const ByteView masked_db = r.bytes(db_len);
  const ByteView h = r.bytes(h_len);
  const uint8_t trailer = r.u8();
  if (!r.expect_end() || trailer != 0xbc) return MK_ERR_DECRYPT_ERROR;
  const uint8_t top = top_bits_mask(em_bits, em_len);
  if (masked_db[0] & top) return MK_ERR_DECRYPT_ERROR;

  uint8_t db[kMaxRsaBytes];
  for (size_t i = 0; i < db_len; ++i) db[i] = masked_db[i];
  mgf1_xor(mgf1_hash, h, ByteSpan(db, db_len));
  db[0] &= static_cast<uint8_t>(~top);

  // DB = PS || 0x01 || salt, PS all zeros.
  Reader d(ByteView(db, db_len));
  uint8_t nonzero = 0;
  for (uint8_t b : d.bytes(db_len - salt_len - 1)) nonzero |= b;
  const uint8_t separator = d.u8();
  const ByteView salt = d.bytes(salt_len);
  if (!d.expect_end() || nonzero != 0 || separator != 0x01) return MK_ERR_DECRYPT_ERROR;

  uint8_t h_expected[kMaxHashLen];
  hash_m_prime(hash, mhash, salt, ByteSpan(h_expected, h_len));
  return ct_equal(h, ByteView(h_expected, h_len)) ? MK_OK : MK_ERR_DECRYPT_ERROR;
}

Err rsassa_pss_sign(const HashAlg& hash, const PrivateKey& key, ByteView mhash, Rng& rng,
                    ByteSpan sig, size_t* sig_len) {
  if (!sig_len) return MK_ERR_INVALID_ARGUMENT;
  *sig_len = 0;
  const size_t k = (key.n_bits + 7) / 8;
  if (k == 0 || sig.size() < k) return MK_ERR_INVALID_ARGUMENT;
  const size_t em_bits = em_bits_for(key.n_bits);
  const size_t em_len = em_len_for(em_bits);

  uint8_t salt[kMaxHashLen];
  MK_TRY(rng.fill(ByteSpan(salt, hash.out_len)));
  ByteSpan x = sig.first(k);
  x[0] = 0;  // the octet EM does not fill when em_len == k - 1
  MK_TRY(emsa_pss_encode(hash, hash, mhash, ByteView(salt, hash.out_len), em_bits,
                         x.subspan(k - em_len)));
  MK_TRY(rsa_private_raw(key, x));
  *sig_len = k;
  return MK_OK;
}

Err rsassa_pss_verify(const HashAlg& hash, const PublicKey& key, ByteView mhash, ByteView sig) {
  const size_t mod_bits = key.rsa_bits();
  const size_t k = (mod_bits + 7) / 8;
  uint8_t m[kMaxRsaBytes];
  if (k > sizeof m) return MK_ERR_NO_COMMON_SIGNATURE;
  MK_TRY(rsa_public_raw(key, sig, ByteSpan(m, k)));
  const size_t em_bits = em_bits_for(mod_bits);
  const size_t em_len = em_len_for(em_bits);
  // I2OSP(m, emLen) fails when m needs all k octets.
  if (em_len < k && m[0] != 0) return MK_ERR_DECRYPT_ERROR;
  return emsa_pss_verify(hash, hash, mhash, hash.out_len, em_bits,
                         ByteView(m, k).subspan(k - em_len));
}

}  // namespace mk::crypto
