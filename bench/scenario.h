// The handshakes the issue asks for: a certificate type and a key exchange group,
// with one cipher suite forced on both sides so the two libraries do the same work.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mk::bench {

struct Scenario {
  std::string name;               // "ECDSA P-256 + X25519"
  std::string cert_dir;           // absolute: <source>/tests/data/certs/ecdsa-p256
  uint16_t group = 0;             // TLS NamedGroup
  uint16_t suite = 0;             // TLS cipher suite
  uint16_t signature_scheme = 0;  // the server's CertificateVerify
  uint16_t chain_scheme = 0;      // signatures on the leaf and intermediate certificates

  std::string chain_file() const { return cert_dir + "/chain.pem"; }
  std::string key_file() const { return cert_dir + "/key.pem"; }
  std::string ca_file() const { return cert_dir + "/ca.pem"; }
};

// ECDSA P-256 + X25519, ECDSA P-256 + P-256, RSA-2048 + X25519, all with
// TLS_AES_128_GCM_SHA256.
std::vector<Scenario> handshake_scenarios();

// Name the libraries agree on for a group ("X25519", "P-256") and a suite.
const char* openssl_group_name(uint16_t group);
const char* suite_name(uint16_t suite);

// Where the repository's test certificates are (compiled in).
std::string source_path(const std::string& relative);

}  // namespace mk::bench
