#include "crypto_floor.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <cstdio>

#include "crypto/provider.h"
#include "test_keys.h"

namespace mk::bench {
namespace {

using namespace mk::crypto;

// Key schedule HMACs per side (RFC 8446 7.1, no PSK): three HKDF-Extracts (early,
// handshake, master secret), two "derived" secrets, four traffic secrets, a key and
// an IV for each of them, two finished keys and two Finished MACs (one made, one
// checked). Each HKDF-Expand-Label here yields at most one hash block, one HMAC.
constexpr int kKeyScheduleHmacsPerSide = 3 + 2 + 4 + 8 + 2 + 2;
// Transcript hash reads per side: the handshake secrets, CertificateVerify, the
// server's Finished, the application secrets (which the client's Finished reuses).
constexpr int kTranscriptReadsPerSide = 4;
// HkdfLabel for an expand: length, "tls13 " and a label, a 32-byte context at most.
constexpr size_t kHkdfLabelLen = 2 + 1 + 18 + 1 + 32;
// CertificateVerify content: 64 spaces, a 33-byte context string, 0, a SHA-256 hash.
constexpr size_t kCertificateVerifyContentLen = 64 + 33 + 1 + 32;

// The DER length of the to-be-signed part of each certificate in a PEM file
// (OpenSSL reads it; Meerkat's own reader is not what is being measured).
std::vector<size_t> tbs_lengths(const std::string& pem_file) {
  std::vector<size_t> out;
  FILE* f = std::fopen(pem_file.c_str(), "r");
  if (!f) return out;
  while (X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr)) {
    int len = i2d_re_X509_tbs(cert, nullptr);
    if (len > 0) out.push_back(static_cast<size_t>(len));
    X509_free(cert);
  }
  std::fclose(f);
  return out;
}

test::TestKey test_key_for(const Scenario& s) {
  return s.cert_dir.ends_with("rsa-2048") ? test::TestKey::rsa_2048 : test::TestKey::ecdsa_p256;
}

const char* scheme_label(uint16_t scheme) {
  switch (scheme) {
    case kEcdsaSecp256r1Sha256:
      return "ECDSA P-256 SHA-256";
    case kRsaPssRsaeSha256:
      return "RSA-2048 PSS SHA-256";
    case kRsaPkcs1Sha256:
      return "RSA-2048 PKCS#1 SHA-256";
  }
  return "signature";
}

struct Signed {
  std::vector<uint8_t> message;
  std::array<uint8_t, kMaxSignatureLen> signature{};
  size_t length = 0;
};

}  // namespace

// Everything the operations read and write, kept alive as long as they are.
struct CryptoFloor::Material {
  const KxGroup* group = nullptr;
  KeyShare mine, peer;
  PrivateKey key;
  std::vector<uint8_t> content = std::vector<uint8_t>(kCertificateVerifyContentLen, 0x20);
  std::array<uint8_t, kMaxSignatureLen> cv_signature{};
  size_t cv_length = 0;
  Signed certificates[2];
  std::vector<uint8_t> transcript, hmac_key, label, aead_key, records;
  AeadKey sealer;
  std::array<uint8_t, kAeadNonceLen> nonce{};
  std::array<uint8_t, 5> header{};
  std::array<uint8_t, kAeadTagLen> tag{};
};

void CryptoFloor::add(std::string name, int count, std::function<bool()> call) {
  FloorOp op;
  op.name = std::move(name);
  op.count = count;
  op.call = std::move(call);
  // Each operation gets an equal share of a floor run.
  RunPlan per_op = plan_;
  per_op.run_seconds = plan_.run_seconds / 12;
  bool ok = true;
  op.iterations = iterations_for(per_op, [&](int n) {
    for (int i = 0; i < n; ++i) ok = op.call() && ok;
  });
  if (!ok && error_.empty()) error_ = op.name + " failed";
  ops_.push_back(std::move(op));
}

bool CryptoFloor::prepare(const Scenario& s, const HandshakeVolume& volume, const RunPlan& plan) {
  plan_ = plan;
  ops_.clear();
  material_ = std::make_shared<Material>();
  Material& m = *material_;
  Rng& rng = system_rng();
  m.group = kx_group(s.group);
  if (!m.group) {
    error_ = "group not supported by the provider";
    return false;
  }
  std::string group_name = m.group->name;

  // Key exchange: each side makes a key share and combines it with the other's.
  add(group_name + " key share generation", 2, [&m, &rng] {
    KeyShare k;
    return k.generate(*m.group, rng) == MK_OK;
  });
  if (m.mine.generate(*m.group, rng) != MK_OK || m.peer.generate(*m.group, rng) != MK_OK) {
    error_ = "key share generation failed";
    return false;
  }
  add(group_name + " shared secret", 2, [&m] {
    uint8_t secret[kMaxSharedSecretLen];
    return m.mine.derive(m.peer.public_key(), ByteSpan(secret, m.group->shared_len)) == MK_OK;
  });

  // Authentication: the server signs CertificateVerify, the client checks it and
  // the signatures on the leaf and intermediate certificates.
  test::load_test_key(test_key_for(s), m.key);
  uint16_t cv_scheme = s.signature_scheme, chain_scheme = s.chain_scheme;
  add(std::string(scheme_label(cv_scheme)) + " sign (CertificateVerify)", 1, [&m, &rng, cv_scheme] {
    return sign(cv_scheme, m.key, m.content, rng, m.cv_signature, &m.cv_length) == MK_OK;
  });
  add(std::string(scheme_label(cv_scheme)) + " verify (CertificateVerify)", 1, [&m, cv_scheme] {
    return verify(cv_scheme, m.key.pub, m.content, ByteView(m.cv_signature.data(), m.cv_length)) ==
           MK_OK;
  });
  std::vector<size_t> tbs = tbs_lengths(s.chain_file());
  if (tbs.size() != 2) {
    error_ = "expected a leaf and an intermediate in " + s.chain_file();
    return false;
  }
  for (size_t i = 0; i < 2; ++i) {
    Signed& cert = m.certificates[i];
    cert.message.assign(tbs[i], 0x30);
    if (sign(chain_scheme, m.key, cert.message, rng, cert.signature, &cert.length) != MK_OK) {
      error_ = "signing a certificate-sized message failed";
      return false;
    }
    add(std::string(scheme_label(chain_scheme)) + " verify (" + (i == 0 ? "leaf" : "intermediate") +
            " certificate, " + std::to_string(tbs[i]) + " B)",
        1, [&m, &cert, chain_scheme] {
          return verify(chain_scheme, m.key.pub, cert.message,
                        ByteView(cert.signature.data(), cert.length)) == MK_OK;
        });
  }

  // Hashing and the key schedule, with the suite's hash.
  const HashAlg& hash = sha256();
  m.transcript.assign(volume.transcript_bytes, 0x16);
  add("SHA-256 transcript (" + std::to_string(volume.transcript_bytes) + " B)", 2, [&m, &hash] {
    uint8_t out[kMaxHashLen];
    digest(hash, m.transcript, out);
    return true;
  });
  add("SHA-256 transcript hash read", 2 * kTranscriptReadsPerSide, [&hash] {
    Hash running(hash);
    uint8_t out[kMaxHashLen];
    running.final(out);
    return true;
  });
  m.hmac_key.assign(hash.out_len, 0x4b);
  m.label.assign(kHkdfLabelLen, 0x6c);
  add("HMAC-SHA-256 (key schedule)", 2 * kKeyScheduleHmacsPerSide, [&m, &hash] {
    uint8_t out[kMaxHashLen];
    hmac(hash, m.hmac_key, m.label, out);
    return true;
  });

  // Record protection of the encrypted handshake messages: four keys per side, each
  // protected byte sealed once and opened once.
  const AeadAlg& aead = aes128_gcm();
  m.aead_key.assign(aead.key_len, 0x6b);
  add("AES-128-GCM key setup", 8, [&m, &aead] {
    AeadKey k;
    k.set(aead, m.aead_key);
    return true;
  });
  m.sealer.set(aead, m.aead_key);
  m.records.assign(volume.sealed_bytes, 0x17);
  add("AES-128-GCM seal+open (" + std::to_string(volume.sealed_bytes) + " B of records)", 1, [&m] {
    m.sealer.seal(m.nonce, m.header, m.records, m.tag);
    return m.sealer.open(m.nonce, m.header, m.records, m.tag);
  });
  return error_.empty();
}

double CryptoFloor::run() {
  double floor = 0;
  for (FloorOp& op : ops_) {
    bool ok = true;
    double start = thread_cpu_seconds();
    for (int i = 0; i < op.iterations; ++i) ok = op.call() && ok;
    double each = (thread_cpu_seconds() - start) / op.iterations;
    if (!ok) {
      error_ = op.name + " failed";
      return -1;
    }
    op.seconds.push_back(each);
    floor += op.count * each;
  }
  return floor;
}

}  // namespace mk::bench
