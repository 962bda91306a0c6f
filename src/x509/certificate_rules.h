// The rules one certificate must meet for its place in a path (end entity,
// intermediate or trust anchor), each refusal with the sentence that explains it.
// What needs the whole path (pathLenConstraint, name constraints, signatures) is
// the path builder's (verify.cpp).
#pragma once

#include <cstdint>

#include "base/error.h"
#include "crypto/provider.h"
#include "x509/certificate.h"
#include "x509/x509.h"

namespace mk::x509 {

enum class Role : uint8_t { leaf, intermediate, anchor };

// "certificate", "intermediate" or "trusted root": how sentences name a role.
const char* role_word(Role r);

struct CertName {
  char text[72];
};
// describe(), as a value.
CertName name_of(const Certificate& c);

// RFC 5280 4.1 and 4.2 and the CA/B Forum profile, for the certificate alone:
// unknown critical extensions, extensions that must not be critical, version 3,
// positive serial, issuer and key identifiers, empty subjects and critical SANs.
// Trust anchors are trusted by configuration, so the rules that long-lived roots
// in Debian's bundle break (a non-critical basicConstraints, an old-style
// authorityKeyIdentifier, serial zero) are not applied to them.
Err check_profile(const Certificate& c, Role role, Detail& d);

// An end-entity certificate for purpose: not a CA, no keyCertSign, no name
// constraints, digitalSignature (TLS 1.3 signs with it) and the purpose's EKU when
// it has an EKU at all (anyExtendedKeyUsage is not enough).
Err check_end_entity(const Certificate& c, Purpose purpose, Detail& d);

// A certificate that issues others: a CA (basicConstraints cA, critical unless an
// anchor), keyCertSign when it has a keyUsage, and an EKU, if any, that allows the
// purpose (or any).
Err check_issuer_rules(const Certificate& c, Role role, Purpose purpose, Detail& d);

// notBefore <= now <= notAfter.
Err check_validity(const Certificate& c, Role role, int64_t now, Detail& d);

// The certificate's key, and whether Meerkat accepts it (type, curve, size).
Err check_key(const Certificate& c, Role role, crypto::PublicKey& key, Detail& d);

}  // namespace mk::x509
