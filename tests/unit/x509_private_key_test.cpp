// Private keys in every accepted encoding (tests/data/certs, made by
// scripts/make-certs.sh), the ones refused, and whether a key fits its certificate.
#include <gtest/gtest.h>

#include "der_builder.h"
#include "testdata.h"
#include "x509/x509.h"
#include "x509_files.h"

namespace mk::x509 {
namespace {

std::string cert_file(const std::string& rel) {
  return test::read_file(test::source_path("tests/data/certs/" + rel));
}

struct Loaded {
  Err err = MK_OK;
  std::string detail;
};

Loaded load(const std::string& data, crypto::PrivateKey& key) {
  Detail d;
  Err e = load_private_key(as_bytes(data), key, &d);
  return {e, d.text};
}

// Whether the key loaded from key_rel matches the leaf certificate of cert_rel.
Err pair(const std::string& key_data, const std::string& cert_rel) {
  crypto::PrivateKey key;
  Err e = load_private_key(as_bytes(key_data), key);
  if (e != MK_OK) return e;
  CertChain chain;
  e = chain.load(as_bytes(cert_file(cert_rel)));
  if (e != MK_OK) return e;
  crypto::PublicKey pub;
  e = chain.leaf_public_key(pub);
  return e != MK_OK ? e : check_key_pair(pub, key);
}

TEST(X509PrivateKey, EcdsaKeysLoadInEveryEncodingAndMatchTheLeaf) {
  for (const char* kind : {"ecdsa-p256", "ecdsa-p384"}) {
    for (const char* file : {"key.pem", "key.der", "key-sec1.pem", "key-sec1-nopub.pem"}) {
      std::string rel = std::string(kind) + "/" + file;
      EXPECT_EQ(pair(cert_file(rel), std::string(kind) + "/leaf.pem"), MK_OK) << rel;
    }
  }
}

TEST(X509PrivateKey, EcdsaKeyHasItsCurveScalarAndPublicPoint) {
  crypto::PrivateKey key;
  ASSERT_EQ(load(cert_file("ecdsa-p384/key-sec1-nopub.pem"), key).err, MK_OK);
  EXPECT_EQ(key.type, crypto::KeyType::ec);
  EXPECT_EQ(key.curve, crypto::Curve::p384);
  EXPECT_EQ(key.x_len, 48u);
  EXPECT_EQ(key.pub.point_len, 97u);
  EXPECT_EQ(key.pub.point[0], 0x04);
}

TEST(X509PrivateKey, RsaKeysLoadAsPkcs8AndPkcs1AndMatchTheLeaf) {
  for (const char* kind : {"rsa-2048", "rsa-4096"}) {
    for (const char* file : {"key.pem", "key.der", "key-pkcs1.pem"}) {
      std::string rel = std::string(kind) + "/" + file;
      EXPECT_EQ(pair(cert_file(rel), std::string(kind) + "/leaf.pem"), MK_OK) << rel;
    }
  }
}

TEST(X509PrivateKey, RsaKeyHasItsSizeAndCrtComponents) {
  crypto::PrivateKey key;
  ASSERT_EQ(load(cert_file("rsa-4096/key-pkcs1.pem"), key).err, MK_OK);
  EXPECT_EQ(key.type, crypto::KeyType::rsa);
  EXPECT_EQ(key.n_bits, 4096u);
  EXPECT_EQ(key.pub.n_len, 512u);
  EXPECT_EQ(key.p_len, 256u);
  EXPECT_EQ(key.pub.e_len, 3u);  // 65537
}

TEST(X509PrivateKey, DerKeysAreToldApartByTheirFields) {
  std::string sec1 = test::der_of(cert_file("ecdsa-p256/key-sec1.pem"));
  std::string pkcs1 = test::der_of(cert_file("rsa-2048/key-pkcs1.pem"));
  std::string encrypted = test::der_of(cert_file("ecdsa-p256/key-encrypted.pem"));
  EXPECT_EQ(pair(sec1, "ecdsa-p256/leaf.pem"), MK_OK);
  EXPECT_EQ(pair(pkcs1, "rsa-2048/leaf.pem"), MK_OK);
  crypto::PrivateKey key;
  Loaded r = load(encrypted, key);
  EXPECT_EQ(r.err, MK_ERR_KEY_ENCRYPTED);
  EXPECT_EQ(r.detail, "DER private key: the key is encrypted (EncryptedPrivateKeyInfo)");
}

TEST(X509PrivateKey, KeyOfAnotherCertificateIsAMismatch) {
  EXPECT_EQ(pair(cert_file("ecdsa-p256/key.pem"), "bad/other-leaf.pem"), MK_ERR_KEY_MISMATCH);
  EXPECT_EQ(pair(cert_file("ecdsa-p256/key.pem"), "ecdsa-p384/leaf.pem"), MK_ERR_KEY_MISMATCH);
  EXPECT_EQ(pair(cert_file("rsa-2048/key.pem"), "rsa-4096/leaf.pem"), MK_ERR_KEY_MISMATCH);
  EXPECT_EQ(pair(cert_file("rsa-2048/key.pem"), "ecdsa-p256/leaf.pem"), MK_ERR_KEY_MISMATCH);
}

TEST(X509PrivateKey, MismatchSaysWhichKeys) {
  crypto::PrivateKey p256;
  ASSERT_EQ(load(cert_file("ecdsa-p256/key.pem"), p256).err, MK_OK);
  crypto::PublicKey rsa, other_p256;
  ASSERT_EQ(public_key_of(as_bytes(test::der_of(cert_file("rsa-2048/leaf.pem"))), rsa), MK_OK);
  ASSERT_EQ(public_key_of(as_bytes(test::der_of(cert_file("bad/other-leaf.pem"))), other_p256),
            MK_OK);
  Detail d;
  EXPECT_EQ(check_key_pair(rsa, p256, &d), MK_ERR_KEY_MISMATCH);
  EXPECT_STREQ(d.text, "the private key is ECDSA P-256 but the certificate's key is RSA-2048");
  EXPECT_EQ(check_key_pair(other_p256, p256, &d), MK_ERR_KEY_MISMATCH);
  EXPECT_STREQ(d.text, "the private key is another ECDSA P-256 key than the certificate's");
}

TEST(X509PrivateKey, EncryptedPkcs8IsRefusedAsEncrypted) {
  crypto::PrivateKey key;
  Loaded r = load(cert_file("ecdsa-p256/key-encrypted.pem"), key);
  EXPECT_EQ(r.err, MK_ERR_KEY_ENCRYPTED);
  EXPECT_EQ(r.detail, "PEM block 1 (ENCRYPTED PRIVATE KEY): the key is encrypted");
  EXPECT_EQ(key.type, crypto::KeyType::none);
}

TEST(X509PrivateKey, LegacyEncryptedPemIsRefusedAsEncrypted) {
  crypto::PrivateKey key;
  Loaded r = load(test::x509_pem("key-sec1-encrypted"), key);
  EXPECT_EQ(r.err, MK_ERR_KEY_ENCRYPTED);
  EXPECT_EQ(r.detail,
            "PEM block 1 (EC PRIVATE KEY): the key is encrypted (Proc-Type: 4,ENCRYPTED)");
}

TEST(X509PrivateKey, UnsupportedKeysAreNamed) {
  crypto::PrivateKey key;
  Loaded ed = load(test::x509_pem("key-ed25519"), key);
  EXPECT_EQ(ed.err, MK_ERR_KEY_UNSUPPORTED);
  EXPECT_EQ(ed.detail,
            "PEM block 1 (PRIVATE KEY): key type is not supported (supported: ECDSA, RSA)");
  Loaded p521 = load(test::x509_pem("key-p521"), key);
  EXPECT_EQ(p521.err, MK_ERR_KEY_UNSUPPORTED);
  EXPECT_EQ(
      p521.detail,
      "PEM block 1 (PRIVATE KEY): EC key is on an unsupported curve (supported: P-256, P-384)");
  Loaded rsa = load(test::x509_pem("key-rsa1024"), key);
  EXPECT_EQ(rsa.err, MK_ERR_KEY_UNSUPPORTED);
  EXPECT_EQ(rsa.detail,
            "PEM block 1 (PRIVATE KEY): RSA keys must have 2048 to 4096 bits, in whole octets");
}

TEST(X509PrivateKey, TruncatedKeyIsRefused) {
  std::string der = cert_file("ecdsa-p256/key.der");
  der.resize(der.size() - 5);
  crypto::PrivateKey key;
  Loaded r = load(der, key);
  EXPECT_EQ(r.err, MK_ERR_KEY_PARSE);
  EXPECT_EQ(r.detail, "DER private key: DER length runs past the end");
}

TEST(X509PrivateKey, NonDerBlockIsRefused) {
  crypto::PrivateKey key;
  Loaded r = load("-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n", key);
  EXPECT_EQ(r.err, MK_ERR_KEY_PARSE);
  EXPECT_EQ(r.detail, "PEM block 1 (PRIVATE KEY): data ends inside an element");
}

TEST(X509PrivateKey, KeyAfterCertificatesInOneFileIsFound) {
  std::string file = cert_file("ecdsa-p256/chain.pem") + cert_file("ecdsa-p256/key.pem");
  crypto::PrivateKey key;
  EXPECT_EQ(load(file, key).err, MK_OK);
  EXPECT_EQ(key.curve, crypto::Curve::p256);
}

TEST(X509PrivateKey, FileWithoutKeyIsRefused) {
  crypto::PrivateKey key;
  Loaded r = load(cert_file("ecdsa-p256/leaf.pem"), key);
  EXPECT_EQ(r.err, MK_ERR_KEY_PARSE);
  EXPECT_EQ(r.detail, "no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block found");
}

TEST(X509PrivateKey, StoredPublicKeyMustMatchTheScalar) {
  crypto::PrivateKey a, b;
  ASSERT_EQ(load(cert_file("ecdsa-p256/key-sec1.pem"), a).err, MK_OK);
  ASSERT_EQ(load(cert_file("bad/wrong-name-key.pem"), b).err, MK_OK);
  // SEC1: version 1, a's scalar, the curve P-256, and b's public key.
  std::string scalar(as_chars(ByteView(a.x, a.x_len)));
  std::string point(as_chars(ByteView(b.pub.point, b.pub.point_len)));
  std::string der =
      test::tlv(0x30, test::tlv(0x02, "\x01") + test::tlv(0x04, scalar) +
                          test::tlv(0xa0, test::tlv(0x06, test::unhex("2a8648ce3d030107"))) +
                          test::tlv(0xa1, test::tlv(0x03, std::string(1, '\0') + point)));
  crypto::PrivateKey key;
  Loaded r = load(der, key);
  EXPECT_EQ(r.err, MK_ERR_KEY_PARSE);
  EXPECT_EQ(r.detail,
            "DER private key: the public key stored with the EC private key does not match it");
}

}  // namespace
}  // namespace mk::x509
