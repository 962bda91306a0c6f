// Building and taking apart DER in tests, to make certificates that break one rule
// (a negative serial, a duplicate extension, ...) from a good one. The signature
// no longer matches, which the parser tests do not care about.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mk::test {

// tag, minimal length, value.
std::string tlv(uint8_t tag, const std::string& value);
// The elements inside a constructed element (given whole).
std::vector<std::string> children(const std::string& element);

// A certificate split into the elements of its TBSCertificate (version, serial,
// signature, issuer, validity, subject, spki, extensions), its outer algorithm and
// its signature BIT STRING, each as an encoding.
struct CertParts {
  std::vector<std::string> tbs;
  std::string algorithm;
  std::string signature;
};
CertParts split_certificate(const std::string& der);
std::string join_certificate(const CertParts& parts);

// One Extension: extnID (hex OID content), critical flag (written only when true),
// extnValue (the DER inside the OCTET STRING).
std::string extension(const std::string& oid_hex, bool critical, const std::string& value);
// parts with its extensions replaced by these.
std::string with_extensions(CertParts parts, const std::vector<std::string>& extensions);

}  // namespace mk::test
