// The X.509 test certificates of tests/data/x509 (scripts/make-x509-certs.sh) and a
// short way to run the verifier over them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "x509/x509.h"

namespace mk::test {

// The time the X.509 tests verify at: 2027-01-01 00:00:00 UTC.
inline constexpr int64_t kX509Now = 1798761600;

// tests/data/x509/<name>.pem as text; "" when missing.
std::string x509_pem(const std::string& name);
// The DER of the first PEM block of pem.
std::string der_of(const std::string& pem);

struct Verdict {
  Err err = MK_OK;
  std::string detail;
  crypto::PublicKey leaf_key;
};

// Verify the chain of the named certificates (leaf first) against the named roots,
// at kX509Now for the server name "www.example.com" unless params say otherwise.
Verdict verify_files(const std::vector<std::string>& chain, const std::vector<std::string>& roots,
                     x509::VerifyParams params);
Verdict verify_files(const std::vector<std::string>& chain, const std::vector<std::string>& roots);

// Server-auth verification parameters at kX509Now for name.
// name must outlive the parameters (a string literal does).
x509::VerifyParams params_for(std::string_view name);

}  // namespace mk::test
