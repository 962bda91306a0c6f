#include "crypto_floor.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <cstdio>
#include <functional>

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

// Samples one operation: runs of repeated calls, the median run's cost per call.
Summary time_op(const RunPlan& plan, const std::function<bool()>& op, bool* failed) {
  auto batch = [&](int n) {
    for (int i = 0; i < n; ++i) {
      if (!op()) *failed = true;
    }
  };
  int n = iterations_for(plan, batch);
  std::vector<double> samples;
  for (int run = 0; run < plan.runs; ++run) {
    double start = thread_cpu_seconds();
    batch(n);
    samples.push_back((thread_cpu_seconds() - start) / n);
  }
  return summarize(samples);
}

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

class FloorBuilder {
 public:
  FloorBuilder(const RunPlan& plan, CryptoFloor& floor) : plan_(plan), floor_(floor) {}

  void add(std::string name, int count, const std::function<bool()>& op) {
    bool failed = false;
    Summary s = time_op(plan_, op, &failed);
    if (failed && floor_.error.empty()) floor_.error = name + " failed";
    floor_.ops.push_back({std::move(name), count, s});
  }

 private:
  const RunPlan& plan_;
  CryptoFloor& floor_;
};

}  // namespace

CryptoFloor measure_crypto_floor(const Scenario& s, const HandshakeVolume& volume,
                                 const RunPlan& plan) {
  CryptoFloor floor;
  FloorBuilder ops(plan, floor);
  Rng& rng = system_rng();
  const KxGroup* group = kx_group(s.group);
  if (!group) {
    floor.error = "group not supported by the provider";
    return floor;
  }
  std::string group_name = group->name;

  // Key exchange: each side makes a key share and combines it with the other's.
  ops.add(group_name + " key share generation", 2, [&] {
    KeyShare k;
    return k.generate(*group, rng) == MK_OK;
  });
  KeyShare mine, peer;
  if (mine.generate(*group, rng) != MK_OK || peer.generate(*group, rng) != MK_OK) {
    floor.error = "key share generation failed";
    return floor;
  }
  ops.add(group_name + " shared secret", 2, [&] {
    uint8_t secret[kMaxSharedSecretLen];
    return mine.derive(peer.public_key(), ByteSpan(secret, group->shared_len)) == MK_OK;
  });

  // Authentication: the server signs CertificateVerify, the client checks it and
  // the signatures on the leaf and intermediate certificates.
  PrivateKey key;
  test::load_test_key(test_key_for(s), key);
  std::vector<uint8_t> content(kCertificateVerifyContentLen, 0x20);
  std::array<uint8_t, kMaxSignatureLen> cv_sig{};
  size_t cv_len = 0;
  ops.add(std::string(scheme_label(s.signature_scheme)) + " sign (CertificateVerify)", 1,
          [&] { return sign(s.signature_scheme, key, content, rng, cv_sig, &cv_len) == MK_OK; });
  ops.add(std::string(scheme_label(s.signature_scheme)) + " verify (CertificateVerify)", 1, [&] {
    return verify(s.signature_scheme, key.pub, content, ByteView(cv_sig.data(), cv_len)) == MK_OK;
  });
  std::vector<size_t> tbs = tbs_lengths(s.chain_file());
  if (tbs.size() != 2) {
    floor.error = "expected a leaf and an intermediate in " + s.chain_file();
    return floor;
  }
  for (size_t i = 0; i < tbs.size(); ++i) {
    std::vector<uint8_t> cert_tbs(tbs[i], 0x30);
    std::array<uint8_t, kMaxSignatureLen> sig{};
    size_t sig_len = 0;
    if (sign(s.chain_scheme, key, cert_tbs, rng, sig, &sig_len) != MK_OK) {
      floor.error = "signing a certificate-sized message failed";
      return floor;
    }
    ops.add(
        std::string(scheme_label(s.chain_scheme)) + " verify (" +
            (i == 0 ? "leaf" : "intermediate") + " certificate, " + std::to_string(tbs[i]) + " B)",
        1, [&, cert_tbs, sig, sig_len] {
          return verify(s.chain_scheme, key.pub, cert_tbs, ByteView(sig.data(), sig_len)) == MK_OK;
        });
  }

  // Hashing and the key schedule, with the suite's hash.
  const HashAlg& hash = sha256();
  std::vector<uint8_t> transcript(volume.transcript_bytes, 0x16);
  ops.add("SHA-256 transcript (" + std::to_string(volume.transcript_bytes) + " B)", 2, [&] {
    uint8_t out[kMaxHashLen];
    digest(hash, transcript, out);
    return true;
  });
  ops.add("SHA-256 transcript hash read", 2 * kTranscriptReadsPerSide, [&] {
    Hash running(hash);
    uint8_t out[kMaxHashLen];
    running.final(out);
    return true;
  });
  std::vector<uint8_t> hmac_key(hash.out_len, 0x4b), label(kHkdfLabelLen, 0x6c);
  ops.add("HMAC-SHA-256 (key schedule)", 2 * kKeyScheduleHmacsPerSide, [&] {
    uint8_t out[kMaxHashLen];
    hmac(hash, hmac_key, label, out);
    return true;
  });

  // Record protection of the encrypted handshake messages: four keys per side, each
  // protected byte sealed once and opened once.
  const AeadAlg& aead = aes128_gcm();
  std::vector<uint8_t> aead_key(aead.key_len, 0x6b);
  ops.add("AES-128-GCM key setup", 8, [&] {
    AeadKey k;
    k.set(aead, aead_key);
    return true;
  });
  AeadKey sealer;
  sealer.set(aead, aead_key);
  std::vector<uint8_t> records(volume.sealed_bytes, 0x17);
  std::array<uint8_t, kAeadNonceLen> nonce{};
  std::array<uint8_t, 5> header{};
  std::array<uint8_t, kAeadTagLen> tag{};
  ops.add("AES-128-GCM seal+open (" + std::to_string(volume.sealed_bytes) + " B of records)", 1,
          [&] {
            sealer.seal(nonce, header, records, tag);
            return sealer.open(nonce, header, records, tag);
          });

  for (const FloorOp& op : floor.ops) {
    floor.total_seconds.median += op.count * op.seconds.median;
    floor.total_seconds.min += op.count * op.seconds.min;
    floor.total_seconds.max += op.count * op.seconds.max;
  }
  floor.total_seconds.runs = plan.runs;
  return floor;
}

}  // namespace mk::bench
