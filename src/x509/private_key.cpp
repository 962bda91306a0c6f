// Private keys: PKCS#8 (RFC 5208 / 5958), SEC1 (RFC 5915) and PKCS#1 (RFC 8017),
// as PEM or DER. ECDSA keys on P-256 and P-384, RSA keys of 2048 to 4096 bits.
#include <algorithm>
#include <cstdio>
#include <string_view>

#include "x509/der.h"
#include "x509/detail.h"
#include "x509/oid.h"
#include "x509/pem.h"
#include "x509/x509.h"

namespace mk::x509 {
namespace {

using der::Fault;
using der::Parser;

// A refusal: the error and the sentence that explains it.
struct KeyResult {
  Err err = MK_OK;
  const char* why = "";
};

KeyResult refuse(Err err, const char* why) {
  return {err, why};
}

KeyResult malformed(const Parser& p) {
  return {MK_ERR_KEY_PARSE, der::fault_text(p.fault())};
}

bool copy_into(ByteView v, ByteSpan dst, size_t& len) {
  if (v.size() > dst.size()) return false;
  std::ranges::copy(v, dst.begin());
  len = v.size();
  return true;
}

crypto::Curve curve_of(ByteView id) {
  if (oid::is(id, oid::kP256)) return crypto::Curve::p256;
  if (oid::is(id, oid::kP384)) return crypto::Curve::p384;
  return crypto::Curve::none;
}

size_t scalar_len(crypto::Curve c) {
  return c == crypto::Curve::p256 ? 32 : 48;
}

// RSAPrivateKey (RFC 8017 A.1.2), two primes only.
KeyResult pkcs1(ByteView der_bytes, crypto::PrivateKey& key) {
  Fault fault = Fault::none;
  Parser top(der_bytes, fault);
  Parser rsa = top.nested(der::kSequence);
  top.expect_end();
  int version = rsa.small_unsigned();
  if (rsa.ok() && version != 0)
    return refuse(MK_ERR_KEY_UNSUPPORTED, "multi-prime RSA keys are not supported");
  ByteView n = rsa.positive_integer();
  ByteView e = rsa.positive_integer();
  rsa.positive_integer();  // d: signing uses the CRT values below
  ByteView p = rsa.positive_integer();
  ByteView q = rsa.positive_integer();
  ByteView dp = rsa.positive_integer();
  ByteView dq = rsa.positive_integer();
  ByteView iq = rsa.positive_integer();
  rsa.expect_end();
  if (!rsa.ok()) return malformed(rsa);
  unsigned bits = static_cast<unsigned>(n.size() * 8);
  for (uint8_t top_byte = n[0]; (top_byte & 0x80) == 0; top_byte <<= 1) --bits;
  if (bits < 2048 || bits > 4096 || bits % 8 != 0)
    return refuse(MK_ERR_KEY_UNSUPPORTED, "RSA keys must have 2048 to 4096 bits, in whole octets");
  bool fits = copy_into(n, key.pub.n, key.pub.n_len) && copy_into(e, key.pub.e, key.pub.e_len) &&
              copy_into(p, key.p, key.p_len) && copy_into(q, key.q, key.q_len) &&
              copy_into(dp, key.dp, key.dp_len) && copy_into(dq, key.dq, key.dq_len) &&
              copy_into(iq, key.iq, key.iq_len);
  if (!fits) return refuse(MK_ERR_KEY_UNSUPPORTED, "RSA key components are larger than supported");
  key.type = crypto::KeyType::rsa;
  key.pub.type = crypto::KeyType::rsa;
  key.n_bits = bits;
  return {};
}

// ECPrivateKey (RFC 5915). curve comes from the PKCS#8 wrapper, or none for a bare
// SEC1 key (then the key names its curve itself).
KeyResult sec1(ByteView der_bytes, crypto::Curve curve, crypto::PrivateKey& key) {
  Fault fault = Fault::none;
  Parser top(der_bytes, fault);
  Parser ec = top.nested(der::kSequence);
  top.expect_end();
  int version = ec.small_unsigned();
  ByteView scalar = ec.read(der::kOctetString);
  if (ec.next_is(der::context_constructed(0))) {
    Parser params = ec.nested(der::context_constructed(0));
    if (!params.next_is(der::kOid))
      return refuse(MK_ERR_KEY_UNSUPPORTED,
                    "EC keys with explicit curve parameters are not supported");
    crypto::Curve named = curve_of(params.oid());
    params.expect_end();
    if (named == crypto::Curve::none && params.ok())
      return refuse(MK_ERR_KEY_UNSUPPORTED,
                    "EC key is on an unsupported curve (supported: P-256, P-384)");
    if (curve != crypto::Curve::none && named != curve)
      return refuse(MK_ERR_KEY_PARSE, "EC key names two different curves");
    curve = named;
  }
  ByteView stated_public;
  bool has_public = false;
  if (ec.next_is(der::context_constructed(1))) {
    Parser wrapper = ec.nested(der::context_constructed(1));
    stated_public = wrapper.bit_string_octets();
    wrapper.expect_end();
    has_public = true;
  }
  ec.expect_end();
  if (!ec.ok()) return malformed(ec);
  if (version != 1) return refuse(MK_ERR_KEY_PARSE, "EC private key version is not 1");
  if (curve == crypto::Curve::none)
    return refuse(MK_ERR_KEY_PARSE, "EC private key does not say which curve it is on");
  size_t len = scalar_len(curve);
  bool zero = true;
  for (uint8_t b : scalar) zero = zero && b == 0;
  if (scalar.size() > len || zero)
    return refuse(MK_ERR_KEY_PARSE, "EC private key value does not fit its curve");
  // Some encoders drop leading zero octets; put them back.
  ByteSpan x(key.x, len);
  std::ranges::fill(x, uint8_t{0});
  std::ranges::copy(scalar, x.subspan(len - scalar.size()).begin());
  key.x_len = len;
  key.type = crypto::KeyType::ec;
  key.curve = curve;
  if (crypto::ec_public_from_private(key, key.pub) != MK_OK)
    return refuse(MK_ERR_KEY_PARSE, "EC private key value is not valid for its curve");
  if (has_public && !std::ranges::equal(stated_public, ByteView(key.pub.point, key.pub.point_len)))
    return refuse(MK_ERR_KEY_PARSE,
                  "the public key stored with the EC private key does not match it");
  return {};
}

// PrivateKeyInfo / OneAsymmetricKey (RFC 5958).
KeyResult pkcs8(ByteView der_bytes, crypto::PrivateKey& key) {
  Fault fault = Fault::none;
  Parser top(der_bytes, fault);
  Parser info = top.nested(der::kSequence);
  top.expect_end();
  if (info.next_is(der::kSequence))
    return refuse(MK_ERR_KEY_ENCRYPTED, "the key is encrypted (EncryptedPrivateKeyInfo)");
  int version = info.small_unsigned();
  Parser alg = info.nested(der::kSequence);
  ByteView algorithm = alg.oid();
  ByteView inner = info.read(der::kOctetString);
  ByteView ignored;
  info.optional(der::context_constructed(0), ignored);  // attributes
  info.optional(der::context(1), ignored);              // v2 public key
  info.expect_end();
  if (!info.ok()) return malformed(info);
  if (version != 0 && version != 1) return refuse(MK_ERR_KEY_PARSE, "PKCS#8 version is not 0 or 1");
  if (oid::is(algorithm, oid::kRsaEncryption)) {
    alg.null();
    alg.expect_end();
    if (!alg.ok()) return malformed(alg);
    return pkcs1(inner, key);
  }
  if (oid::is(algorithm, oid::kEcPublicKey)) {
    if (!alg.next_is(der::kOid))
      return refuse(MK_ERR_KEY_UNSUPPORTED,
                    "EC keys with explicit curve parameters are not supported");
    crypto::Curve curve = curve_of(alg.oid());
    alg.expect_end();
    if (!alg.ok()) return malformed(alg);
    if (curve == crypto::Curve::none)
      return refuse(MK_ERR_KEY_UNSUPPORTED,
                    "EC key is on an unsupported curve (supported: P-256, P-384)");
    return sec1(inner, curve, key);
  }
  return refuse(MK_ERR_KEY_UNSUPPORTED, "key type is not supported (supported: ECDSA, RSA)");
}

// A DER key of unknown format: tell the three apart by their first fields.
KeyResult any_der(ByteView der_bytes, crypto::PrivateKey& key) {
  Fault fault = Fault::none;
  Parser top(der_bytes, fault);
  Parser outer = top.nested(der::kSequence);
  if (!outer.ok()) return malformed(outer);
  if (outer.next_is(der::kSequence)) return pkcs8(der_bytes, key);  // says it is encrypted
  outer.small_unsigned();
  if (outer.next_is(der::kSequence)) return pkcs8(der_bytes, key);
  if (outer.next_is(der::kOctetString)) return sec1(der_bytes, crypto::Curve::none, key);
  if (outer.next_is(der::kInteger)) return pkcs1(der_bytes, key);
  return refuse(MK_ERR_KEY_PARSE, "not a PKCS#8, SEC1 or PKCS#1 private key");
}

void reset(crypto::PrivateKey& key) {
  secure_wipe(&key, sizeof key);
  key.type = crypto::KeyType::none;
  key.curve = crypto::Curve::none;
  key.pub = crypto::PublicKey{};
}

}  // namespace

Err load_private_key(ByteView data, crypto::PrivateKey& out, Detail* detail) {
  reset(out);
  if (!is_pem(data)) {
    KeyResult r = any_der(data, out);
    if (r.err != MK_OK) {
      reset(out);
      set_detail(detail, "DER private key: %s", r.why);
    }
    return r.err;
  }
  PemReader reader(data);
  PemBlock block;
  while (reader.next(block)) {
    std::string_view label = block.label;
    KeyResult r;
    bool is_key = label == "PRIVATE KEY" || label == "EC PRIVATE KEY" ||
                  label == "RSA PRIVATE KEY" || label == "ENCRYPTED PRIVATE KEY";
    if (!is_key) continue;  // certificates, EC PARAMETERS, ...
    Buffer der_bytes;
    const char* problem = "";
    Err e = label == "ENCRYPTED PRIVATE KEY" ? MK_ERR_KEY_ENCRYPTED
                                             : pem_decode(block, der_bytes, &problem);
    if (e == MK_ERR_KEY_ENCRYPTED && label == "ENCRYPTED PRIVATE KEY")
      problem = "the key is encrypted";
    if (e != MK_OK) {
      r = refuse(e, problem);
    } else if (label == "PRIVATE KEY") {
      r = pkcs8(der_bytes.view(), out);
    } else if (label == "EC PRIVATE KEY") {
      r = sec1(der_bytes.view(), crypto::Curve::none, out);
    } else {
      r = pkcs1(der_bytes.view(), out);
    }
    if (r.err != MK_OK) {
      reset(out);
      set_detail(detail, "PEM block %zu (%.*s): %s", block.index, static_cast<int>(label.size()),
                 label.data(), r.why);
    }
    return r.err;
  }
  if (reader.error() != MK_OK) {
    std::string_view label = reader.failed_label();
    set_detail(detail, "PEM block %zu (%.*s): %s", reader.failed_index(),
               static_cast<int>(label.size()), label.data(), reader.problem());
    return reader.error();
  }
  set_detail(detail, "no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block found");
  return MK_ERR_KEY_PARSE;
}

namespace {

// "ECDSA P-256", "RSA-2048": what a mismatch sentence calls a key.
void key_kind(const crypto::PublicKey& k, char* out, size_t cap) {
  if (k.type == crypto::KeyType::rsa) {
    std::snprintf(out, cap, "RSA-%zu", k.rsa_bits());
    return;
  }
  const char* curve = k.curve == crypto::Curve::p256   ? "P-256"
                      : k.curve == crypto::Curve::p384 ? "P-384"
                                                       : "?";
  std::snprintf(out, cap, k.type == crypto::KeyType::ec ? "ECDSA %s" : "no", curve);
}

}  // namespace

Err check_key_pair(const crypto::PublicKey& pub, const crypto::PrivateKey& priv, Detail* detail) {
  const crypto::PublicKey& mine = priv.pub;
  bool same = pub.type == mine.type && pub.type != crypto::KeyType::none;
  if (same && pub.type == crypto::KeyType::ec) {
    same = pub.curve == mine.curve && std::ranges::equal(ByteView(pub.point, pub.point_len),
                                                         ByteView(mine.point, mine.point_len));
  } else if (same) {
    same = std::ranges::equal(ByteView(pub.n, pub.n_len), ByteView(mine.n, mine.n_len)) &&
           std::ranges::equal(ByteView(pub.e, pub.e_len), ByteView(mine.e, mine.e_len));
  }
  if (same) return MK_OK;
  char key[24], cert[24];
  key_kind(mine, key, sizeof key);
  key_kind(pub, cert, sizeof cert);
  if (std::string_view(key) == cert)
    set_detail(detail, "the private key is another %s key than the certificate's", key);
  else
    set_detail(detail, "the private key is %s but the certificate's key is %s", key, cert);
  return MK_ERR_KEY_MISMATCH;
}

}  // namespace mk::x509
