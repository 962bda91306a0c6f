// A parsed certificate: a compact summary with views into the DER it came from
// (the DER must outlive it). Parsing checks the structure of RFC 5280 4.1 and the
// content of every extension Meerkat acts on; the rules that depend on the
// certificate's place in a path are checked by the verifier.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "x509/der.h"

namespace mk::x509 {

// KeyUsage bits (RFC 5280 4.2.1.3): bit n of the named bit list.
inline constexpr uint16_t kKuDigitalSignature = 1u << 0;
inline constexpr uint16_t kKuKeyCertSign = 1u << 5;

// ExtendedKeyUsage purposes Meerkat distinguishes.
inline constexpr uint8_t kEkuServerAuth = 1u << 0;
inline constexpr uint8_t kEkuClientAuth = 1u << 1;
inline constexpr uint8_t kEkuAny = 1u << 2;

struct Certificate {
  ByteView der;                  // the whole certificate
  ByteView tbs;                  // the signed part (TBSCertificate, with its header)
  ByteView signature_algorithm;  // AlgorithmIdentifier encoding (outer, equal to the inner one)
  ByteView signature;            // signature bits
  int version = 1;               // 1, 2 or 3
  ByteView serial;               // INTEGER content octets
  ByteView issuer;               // Name encodings: compared byte for byte
  ByteView subject;
  int64_t not_before = 0;  // seconds since 1970 UTC, both ends inclusive
  int64_t not_after = 0;
  ByteView spki;  // SubjectPublicKeyInfo encoding

  // basicConstraints
  bool has_basic_constraints = false;
  bool basic_constraints_critical = false;
  bool is_ca = false;
  int path_len = -1;  // -1: no pathLenConstraint
  // keyUsage
  bool has_key_usage = false;
  uint16_t key_usage = 0;
  // extendedKeyUsage
  bool has_eku = false;
  uint8_t eku = 0;
  // subjectAltName: GeneralNames content
  bool has_san = false;
  bool san_critical = false;
  ByteView san;
  // nameConstraints: GeneralSubtrees content of each part
  bool has_name_constraints = false;
  bool has_permitted = false;
  bool has_excluded = false;
  ByteView permitted;
  ByteView excluded;
  // subjectKeyIdentifier / authorityKeyIdentifier
  bool has_subject_key_id = false;
  ByteView subject_key_id;
  bool has_authority_key_id = false;
  bool has_authority_key_id_key = false;
  bool authority_key_id_names_issuer = false;  // authorityCertIssuer or serial present
  ByteView authority_key_id;
  // An extension RFC 5280 says must not be critical (AKI, SKI, AIA, ...), marked critical.
  ByteView critical_but_must_not_be;
  // The OID of the first critical extension Meerkat does not process.
  ByteView unknown_critical;
};

// Parse one DER certificate into out. Fault::none on success.
der::Fault parse_certificate(ByteView der, Certificate& out);

inline bool self_issued(const Certificate& c) {
  return c.subject.size() == c.issuer.size() &&
         std::equal(c.subject.begin(), c.subject.end(), c.issuer.begin());
}

// An empty Name is the encoding 30 00.
inline bool empty_name(ByteView name) {
  return name.size() == 2;
}

// A short printable name for messages: the subject's common name, else its first
// DNS name, else "(no subject name)". Non-printable bytes become '?'.
void describe(const Certificate& c, char* out, size_t cap);
// The same for a Name encoding alone (e.g. an issuer): its common name, else its
// last attribute, else "(empty name)".
void describe_name(ByteView name, char* out, size_t cap);

// Whether the certificate names the issuer's key: true when the issuer has no
// subjectKeyIdentifier or the certificate has no authorityKeyIdentifier keyId, or
// when the two are equal. Used to order candidate issuers, not to decide trust.
bool key_id_matches(const Certificate& child, const Certificate& issuer);

}  // namespace mk::x509
