// The crypto provider seam. Everything above src/crypto/ does cryptography through
// this header and nothing else; only src/crypto/bearssl/ knows which library does
// the math. Algorithms are static descriptors (tables of function pointers with
// their sizes), chosen at first use for the fastest constant-time implementation
// the CPU supports. Contexts live in fixed-size storage inside the objects below,
// so no primitive allocates.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/error.h"
#include "base/secure.h"

namespace mk::crypto {

// ---- sizes ------------------------------------------------------------------
inline constexpr size_t kMaxHashLen = 64;       // SHA-512
inline constexpr size_t kHashStateSize = 256;   // bytes of opaque hash state
inline constexpr size_t kAeadStateSize = 1024;  // bytes of opaque AEAD key state
inline constexpr size_t kAeadTagLen = 16;
inline constexpr size_t kAeadNonceLen = 12;
inline constexpr size_t kMaxAeadKeyLen = 32;
inline constexpr size_t kMaxKxPublicLen = 133;  // P-521 uncompressed would be 133; P-384 is 97
inline constexpr size_t kMaxKxPrivateLen = 66;
inline constexpr size_t kMaxSharedSecretLen = 66;
inline constexpr size_t kMaxRsaBytes = 512;      // RSA-4096
inline constexpr size_t kMaxSignatureLen = 512;  // RSA-4096; DER ECDSA P-384 is <= 104
inline constexpr unsigned kMinRsaBits = 1024;    // RSA moduli the provider works with
inline constexpr unsigned kMaxRsaBits = 4096;

// Names the implementation picked for each primitive on this CPU (for `meerkat -v`
// and the benchmark), e.g. "BearSSL 0.6: aes_x86ni ghash_pclmul ...".
const char* implementation_summary();

// ---- randomness ---------------------------------------------------------------
// Where random bytes come from. The engine takes one from the config; tests use a
// deterministic one to replay traces.
class Rng {
 public:
  virtual ~Rng() = default;
  virtual Err fill(ByteSpan out) = 0;
};

// The OS-seeded HMAC-DRBG (process-wide, thread-safe).
Rng& system_rng();
// Fuzz builds only (MEERKAT_FUZZ, where the library is built with MEERKAT_FUZZING):
// the system RNG is seeded with a constant instead of getrandom(2), and this puts it
// back to that first state, so each fuzz input sees the same random bytes.
void restart_system_rng_for_fuzzing();

// ---- hashing -------------------------------------------------------------------
enum class HashId : uint8_t { sha256, sha384, sha512 };

struct HashAlg {
  HashId id;
  size_t out_len;
  size_t block_len;
  void (*init)(void* state);
  void (*update)(void* state, const uint8_t* data, size_t len);
  // Writes out_len bytes. Does not modify state, so a running hash can be read
  // mid-stream (the TLS transcript needs that).
  void (*final)(const void* state, uint8_t* out);
};

const HashAlg& sha256();
const HashAlg& sha384();
const HashAlg& sha512();
const HashAlg* hash_by_id(HashId id);

// A running hash. Copyable (copies the state), so a transcript can be forked.
class Hash {
 public:
  Hash() = default;
  explicit Hash(const HashAlg& alg) { reset(alg); }
  ~Hash() { secure_wipe(state_, sizeof state_); }
  Hash(const Hash&) = default;
  Hash& operator=(const Hash&) = default;

  void reset(const HashAlg& alg) {
    alg_ = &alg;
    alg.init(state_);
  }
  void update(ByteView data) { alg_->update(state_, data.data(), data.size()); }
  // Writes alg().out_len bytes into out (which must be at least that long).
  void final(ByteSpan out) const { alg_->final(state_, out.data()); }
  const HashAlg& alg() const { return *alg_; }
  bool valid() const { return alg_ != nullptr; }

 private:
  const HashAlg* alg_ = nullptr;
  alignas(16) uint8_t state_[kHashStateSize] = {};
};

// One-shot digest; returns alg.out_len.
size_t digest(const HashAlg& alg, ByteView data, ByteSpan out);

// ---- HMAC and HKDF (RFC 2104, RFC 5869) ------------------------------------------
// out must hold alg.out_len bytes; returns alg.out_len.
size_t hmac(const HashAlg& alg, ByteView key, ByteView data, ByteSpan out);
// PRK = HKDF-Extract(salt, ikm); prk_out holds alg.out_len bytes. An empty salt
// means a string of out_len zeros, as RFC 5869 says.
void hkdf_extract(const HashAlg& alg, ByteView salt, ByteView ikm, ByteSpan prk_out);
// OKM = HKDF-Expand(prk, info, out.size()). Fails (MK_ERR_INVALID_ARGUMENT) when
// out.size() > 255 * alg.out_len.
Err hkdf_expand(const HashAlg& alg, ByteView prk, ByteView info, ByteSpan out);

// ---- AEAD ------------------------------------------------------------------------
enum class AeadId : uint8_t { aes128_gcm, aes256_gcm, chacha20_poly1305 };

struct AeadAlg {
  AeadId id;
  size_t key_len;  // 16 or 32; nonce is always 12 bytes, tag 16
  // Set up state (kAeadStateSize bytes) for key. The state may hold pointers into
  // itself, so it is never moved once initialised.
  void (*init)(void* state, const uint8_t* key);
  // Encrypt data in place, write the 16-byte tag.
  void (*seal)(void* state, const uint8_t* nonce, const uint8_t* aad, size_t aad_len, uint8_t* data,
               size_t len, uint8_t* tag);
  // Check the tag in constant time and, if it matches, decrypt data in place. Returns
  // false (and leaves data unspecified) when the tag does not match.
  bool (*open)(void* state, const uint8_t* nonce, const uint8_t* aad, size_t aad_len, uint8_t* data,
               size_t len, const uint8_t* tag);
};

const AeadAlg& aes128_gcm();
const AeadAlg& aes256_gcm();
const AeadAlg& chacha20_poly1305();

// A keyed AEAD. Not copyable or movable (its state may point into itself). Wiped
// on destruction.
class AeadKey {
 public:
  AeadKey() = default;
  AeadKey(const AeadKey&) = delete;
  AeadKey& operator=(const AeadKey&) = delete;
  ~AeadKey() { clear(); }

  void set(const AeadAlg& alg, ByteView key) {
    clear();
    alg_ = &alg;
    alg.init(state_, key.data());
  }
  void clear() {
    secure_wipe(state_, sizeof state_);
    alg_ = nullptr;
  }
  bool valid() const { return alg_ != nullptr; }
  const AeadAlg& alg() const { return *alg_; }

  void seal(ByteView nonce, ByteView aad, ByteSpan data, ByteSpan tag) {
    alg_->seal(state_, nonce.data(), aad.data(), aad.size(), data.data(), data.size(), tag.data());
  }
  bool open(ByteView nonce, ByteView aad, ByteSpan data, ByteView tag) {
    return alg_->open(state_, nonce.data(), aad.data(), aad.size(), data.data(), data.size(),
                      tag.data());
  }

 private:
  const AeadAlg* alg_ = nullptr;
  alignas(16) uint8_t state_[kAeadStateSize] = {};
};

// ---- key exchange ----------------------------------------------------------------
// Groups use their TLS NamedGroup code points.
inline constexpr uint16_t kGroupSecp256r1 = 0x0017;
inline constexpr uint16_t kGroupSecp384r1 = 0x0018;
inline constexpr uint16_t kGroupX25519 = 0x001d;

struct KxGroup {
  uint16_t id;
  size_t public_len;  // 32 for X25519; 65 / 97 for uncompressed P-256 / P-384
  size_t private_len;
  size_t shared_len;
  const char* name;
};

const KxGroup* kx_group(uint16_t id);  // nullptr when unsupported

// An ephemeral key pair. Wiped on destruction.
class KeyShare {
 public:
  // Generate a fresh key pair.
  Err generate(const KxGroup& group, Rng& rng);
  // Use a given private key (tests replaying RFC 8448); computes the public key.
  Err set_private(const KxGroup& group, ByteView priv);
  ByteView public_key() const { return ByteView(pub_, group_ ? group_->public_len : 0); }
  const KxGroup* group() const { return group_; }
  // Shared secret with the peer's public key; out must hold group().shared_len.
  // Refuses invalid points (off-curve, wrong length, wrong format) and an all-zero
  // X25519 result with MK_ERR_BAD_KEY_SHARE.
  Err derive(ByteView peer_public, ByteSpan out) const;
  ~KeyShare() { secure_wipe(priv_, sizeof priv_); }

 private:
  const KxGroup* group_ = nullptr;
  uint8_t priv_[kMaxKxPrivateLen] = {};
  uint8_t pub_[kMaxKxPublicLen] = {};
};

// ---- signatures ------------------------------------------------------------------
// Identified by TLS SignatureScheme code points, used for certificates too.
inline constexpr uint16_t kRsaPkcs1Sha256 = 0x0401;
inline constexpr uint16_t kRsaPkcs1Sha384 = 0x0501;
inline constexpr uint16_t kRsaPkcs1Sha512 = 0x0601;
inline constexpr uint16_t kEcdsaSecp256r1Sha256 = 0x0403;
inline constexpr uint16_t kEcdsaSecp384r1Sha384 = 0x0503;
inline constexpr uint16_t kEcdsaSecp521r1Sha512 = 0x0603;  // recognised, never verified
inline constexpr uint16_t kRsaPssRsaeSha256 = 0x0804;
inline constexpr uint16_t kRsaPssRsaeSha384 = 0x0805;
inline constexpr uint16_t kRsaPssRsaeSha512 = 0x0806;
inline constexpr uint16_t kRsaPssPssSha256 = 0x0809;
inline constexpr uint16_t kRsaPssPssSha384 = 0x080a;
inline constexpr uint16_t kRsaPssPssSha512 = 0x080b;
// Certificates signed with ECDSA and a hash that does not match the TLS pairing
// (e.g. ecdsa-with-SHA384 by a P-256 key) are expressed with these private values.
inline constexpr uint16_t kEcdsaSha256AnyCurve = 0xfe03;
inline constexpr uint16_t kEcdsaSha384AnyCurve = 0xfe04;
inline constexpr uint16_t kEcdsaSha512AnyCurve = 0xfe05;

enum class KeyType : uint8_t { none, ec, rsa };
enum class Curve : uint8_t { none, p256, p384, p521 };

// A public key, owning its bytes (fixed storage, no heap).
struct PublicKey {
  KeyType type = KeyType::none;
  Curve curve = Curve::none;       // EC only
  uint8_t point[kMaxKxPublicLen];  // EC: uncompressed point 04||X||Y
  size_t point_len = 0;
  uint8_t n[kMaxRsaBytes];  // RSA modulus, big-endian, no leading zeros
  size_t n_len = 0;
  uint8_t e[8];  // RSA public exponent, big-endian
  size_t e_len = 0;

  size_t rsa_bits() const;  // modulus size in bits (0 for EC)
};

// Verify sig over msg (the scheme fixes the hash and padding; ECDSA signatures are
// DER, and non-canonical DER is refused). MK_ERR_DECRYPT_ERROR on mismatch,
// MK_ERR_NO_COMMON_SIGNATURE when the scheme does not fit the key. What fits: ECDSA
// on P-256 / P-384 (the TLS schemes pair curve and hash; kEcdsaSha*AnyCurve take
// either curve), RSA moduli of 1024..4096 bits with an odd exponent >= 3 for the
// PKCS#1 v1.5 and PSS schemes (rsae and pss verify alike: which key OID a
// certificate carries is the X.509 layer's business). Key-size policy (say, no
// RSA under 2048 bits) is the caller's too.
Err verify(uint16_t scheme, const PublicKey& key, ByteView msg, ByteView sig);
// Same, for an already hashed message (digest length fixes the hash): digest must
// be as long as the scheme's hash, else MK_ERR_INVALID_ARGUMENT.
Err verify_digest(uint16_t scheme, const PublicKey& key, ByteView digest, ByteView sig);

// A private key. Owns its components in fixed storage; wiped on destruction.
struct PrivateKey {
  KeyType type = KeyType::none;
  Curve curve = Curve::none;
  // EC: the scalar x, big-endian.
  uint8_t x[kMaxKxPrivateLen];
  size_t x_len = 0;
  // RSA: CRT components, big-endian, as in PKCS#1.
  uint8_t p[kMaxRsaBytes / 2], q[kMaxRsaBytes / 2], dp[kMaxRsaBytes / 2], dq[kMaxRsaBytes / 2],
      iq[kMaxRsaBytes / 2];
  size_t p_len = 0, q_len = 0, dp_len = 0, dq_len = 0, iq_len = 0;
  unsigned n_bits = 0;
  PublicKey pub;  // the matching public key (filled by the loader)

  PrivateKey() = default;
  PrivateKey(const PrivateKey&) = delete;
  PrivateKey& operator=(const PrivateKey&) = delete;
  ~PrivateKey() { secure_wipe(this, sizeof *this); }
};

// Whether key can sign with scheme (type, curve and hash fit). RSA keys sign the
// PKCS#1 v1.5 and rsa_pss_rsae schemes, never rsa_pss_pss (our keys are
// rsaEncryption keys).
bool can_sign(const PrivateKey& key, uint16_t scheme);
// Sign msg. ECDSA output is DER (deterministic nonces, RFC 6979). *sig_len receives
// the length written into sig (which should hold kMaxSignatureLen bytes). RSA-PSS
// uses a salt as long as the hash (RFC 8446) from rng. MK_ERR_NO_COMMON_SIGNATURE
// when !can_sign(key, scheme), MK_ERR_INVALID_ARGUMENT when sig is too short.
Err sign(uint16_t scheme, const PrivateKey& key, ByteView msg, Rng& rng, ByteSpan sig,
         size_t* sig_len);
// Same, for an already hashed message (TLS 1.2's CertificateVerify signs a running
// transcript hash): digest must be as long as the scheme's hash, else
// MK_ERR_INVALID_ARGUMENT.
Err sign_digest(uint16_t scheme, const PrivateKey& key, ByteView digest, Rng& rng, ByteSpan sig,
                size_t* sig_len);

// Compute the public key of an EC private key (for loaders of keys that omit it).
// MK_ERR_KEY_UNSUPPORTED for curves we do not do, MK_ERR_KEY_PARSE for a scalar
// outside [1, n-1].
Err ec_public_from_private(const PrivateKey& key, PublicKey& out);

// ---- raw RSA (RFC 8017 5.2) ------------------------------------------------------
// The bare RSA operations under our own paddings (EMSA-PSS, EMSA-PKCS1-v1_5, in
// src/crypto/). Never use them directly for anything else: without a padding they
// are not signatures. Integers are big-endian and exactly as long as the modulus.
// RSAVP1: out = in^e mod n. MK_ERR_DECRYPT_ERROR when in has the wrong length or is
// not below n; MK_ERR_NO_COMMON_SIGNATURE when key is not a usable RSA key (see
// verify).
Err rsa_public_raw(const PublicKey& key, ByteView in, ByteSpan out);
// RSASP1 with the CRT components: x = x^d mod n, in place. MK_ERR_NO_COMMON_SIGNATURE
// when key is not a usable RSA key, MK_ERR_CRYPTO when the operation fails.
Err rsa_private_raw(const PrivateKey& key, ByteSpan x);

// ---- key generation ----------------------------------------------------------------
// For tests, the benchmark and demo keys. Both fill out.pub.
// A P-256 or P-384 key pair (MK_ERR_INVALID_ARGUMENT for other curves).
Err generate_ec_key(Curve curve, Rng& rng, PrivateKey& out);
// An RSA key pair with e = 65537 and a modulus of exactly bits bits, 2048..4096
// (MK_ERR_INVALID_ARGUMENT otherwise). Slow: about 0.2 s for 2048 bits, seconds for
// 4096.
Err generate_rsa_key(unsigned bits, Rng& rng, PrivateKey& out);

}  // namespace mk::crypto
