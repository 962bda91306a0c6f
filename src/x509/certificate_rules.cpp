#include "x509/certificate_rules.h"

#include "x509/detail.h"
#include "x509/oid.h"
#include "x509/public_key.h"

namespace mk::x509 {
namespace {

const char* extension_name(ByteView id) {
  if (oid::is(id, oid::kAuthorityKeyIdentifier)) return "the authorityKeyIdentifier";
  if (oid::is(id, oid::kSubjectKeyIdentifier)) return "the subjectKeyIdentifier";
  if (oid::is(id, oid::kAuthorityInfoAccess)) return "the authorityInfoAccess";
  if (oid::is(id, oid::kSubjectInfoAccess)) return "the subjectInfoAccess";
  if (oid::is(id, oid::kFreshestCrl)) return "the freshestCRL";
  return "an";
}

Err anchor_profile(const Certificate& c, const char* who, const char* name, Detail& d) {
  // A root's authorityKeyIdentifier, when present, names the root's own key.
  if (c.has_authority_key_id && !c.has_authority_key_id_key) {
    set_detail(&d, "%s '%s' has an authority key identifier without a key identifier", who, name);
    return MK_ERR_CERT_MALFORMED;
  }
  if (self_issued(c) && !key_id_matches(c, c)) {
    set_detail(&d, "%s '%s' has an authority key identifier that differs from its own", who, name);
    return MK_ERR_CERT_MALFORMED;
  }
  // An anchor that is not self-issued is a cross-signed CA, held to RFC 5280 4.2.1.1.
  if (!self_issued(c) && !c.has_authority_key_id_key) {
    set_detail(&d, "%s '%s' has no authority key identifier", who, name);
    return MK_ERR_CERT_MALFORMED;
  }
  return MK_OK;
}

}  // namespace

const char* role_word(Role r) {
  switch (r) {
    case Role::leaf:
      return "certificate";
    case Role::intermediate:
      return "intermediate";
    case Role::anchor:
      return "trusted root";
  }
  return "certificate";
}

CertName name_of(const Certificate& c) {
  CertName n;
  describe(c, n.text, sizeof n.text);
  return n;
}

Err check_profile(const Certificate& c, Role role, Detail& d) {
  CertName n = name_of(c);
  const char* who = role_word(role);
  if (!c.unknown_critical.empty()) {
    char id[64];
    der::format_oid(c.unknown_critical, id, sizeof id);
    set_detail(&d, "%s '%s' has a critical extension Meerkat does not know (OID %s)", who, n.text,
               id);
    return MK_ERR_CERT_UNKNOWN_CRITICAL;
  }
  if (!c.critical_but_must_not_be.empty()) {
    set_detail(&d, "%s '%s' marks %s extension critical, which RFC 5280 forbids", who, n.text,
               extension_name(c.critical_but_must_not_be));
    return MK_ERR_CERT_MALFORMED;
  }
  if (c.is_ca && empty_name(c.subject)) {
    set_detail(&d, "%s '%s' is a CA with an empty subject name", who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (role == Role::anchor) return anchor_profile(c, who, n.text, d);
  if (c.version != 3) {
    set_detail(&d, "%s '%s' is an X.509 version %d certificate; version 3 is required", who, n.text,
               c.version);
    return MK_ERR_CERT_MALFORMED;
  }
  if (c.serial.size() == 1 && c.serial[0] == 0) {
    set_detail(&d, "%s '%s' has serial number zero; serial numbers must be positive", who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (empty_name(c.issuer)) {
    set_detail(&d, "%s '%s' has an empty issuer name", who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (!c.has_authority_key_id_key && !self_issued(c)) {
    set_detail(&d, "%s '%s' has no authority key identifier", who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (c.is_ca && !c.has_subject_key_id) {
    set_detail(&d, "%s '%s' is a CA without a subject key identifier", who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (empty_name(c.subject) && !(c.has_san && c.san_critical)) {
    set_detail(&d,
               "%s '%s' has an empty subject, so its subjectAltName must be present and critical",
               who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (!empty_name(c.subject) && c.has_san && c.san_critical) {
    set_detail(&d, "%s '%s' marks subjectAltName critical although its subject is not empty", who,
               n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  return MK_OK;
}

Err check_end_entity(const Certificate& c, Purpose purpose, Detail& d) {
  CertName n = name_of(c);
  bool server = purpose == Purpose::server_auth;
  if (c.is_ca) {
    set_detail(&d, "certificate '%s' is a CA certificate, not one for a %s", n.text,
               server ? "server" : "client");
    return MK_ERR_CERT_KEY_USAGE;
  }
  // RFC 5280 4.2.1.3: keyCertSign only with the cA bit.
  if (c.key_usage & kKuKeyCertSign) {
    set_detail(&d, "certificate '%s' may sign certificates by its key usage but is not a CA",
               n.text);
    return MK_ERR_CERT_KEY_USAGE;
  }
  if (c.has_name_constraints) {
    set_detail(&d, "certificate '%s' is not a CA but carries name constraints", n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (c.has_key_usage && !(c.key_usage & kKuDigitalSignature)) {
    set_detail(&d, "certificate '%s' key usage lacks digitalSignature, which TLS 1.3 needs",
               n.text);
    return MK_ERR_CERT_KEY_USAGE;
  }
  if (c.has_eku && !(c.eku & (server ? kEkuServerAuth : kEkuClientAuth))) {
    set_detail(&d, "certificate '%s' is not for TLS %s (its extended key usage lacks %s)", n.text,
               server ? "servers" : "clients", server ? "serverAuth" : "clientAuth");
    return MK_ERR_CERT_EXTENDED_KEY_USAGE;
  }
  return MK_OK;
}

Err check_issuer_rules(const Certificate& c, Role role, Purpose purpose, Detail& d) {
  CertName n = name_of(c);
  const char* who = role_word(role);
  // A version 1 root predates extensions; trusting it is the configuration's call.
  bool legacy_root = role == Role::anchor && c.version < 3;
  if (!legacy_root && !c.is_ca) {
    set_detail(&d, "%s '%s' is not a CA", who, n.text);
    return MK_ERR_CERT_NOT_CA;
  }
  if (role != Role::anchor && !c.basic_constraints_critical) {
    set_detail(&d, "%s '%s' does not mark basicConstraints critical", who, n.text);
    return MK_ERR_CERT_MALFORMED;
  }
  if (c.has_key_usage && !(c.key_usage & kKuKeyCertSign)) {
    set_detail(&d, "%s '%s' key usage does not allow signing certificates (no keyCertSign)", who,
               n.text);
    return MK_ERR_CERT_KEY_USAGE;
  }
  bool server = purpose == Purpose::server_auth;
  if (c.has_eku && !(c.eku & (kEkuAny | (server ? kEkuServerAuth : kEkuClientAuth)))) {
    set_detail(&d, "%s '%s' is not allowed to issue certificates for TLS %s (extended key usage)",
               who, n.text, server ? "servers" : "clients");
    return MK_ERR_CERT_EXTENDED_KEY_USAGE;
  }
  return MK_OK;
}

Err check_validity(const Certificate& c, Role role, int64_t now, Detail& d) {
  char when[32];
  if (now < c.not_before) {
    der::format_date(c.not_before, false, when, sizeof when);
    set_detail(&d, "%s '%s' is not valid before %s", role_word(role), name_of(c).text, when);
    return MK_ERR_CERT_NOT_YET_VALID;
  }
  if (now > c.not_after) {
    der::format_date(c.not_after, false, when, sizeof when);
    set_detail(&d, "chain expired on %s: %s '%s' is no longer valid", when, role_word(role),
               name_of(c).text);
    return MK_ERR_CERT_EXPIRED;
  }
  return MK_OK;
}

Err check_key(const Certificate& c, Role role, crypto::PublicKey& key, Detail& d) {
  char why[96];
  Err e = parse_public_key(c.spki, key, why, sizeof why);
  if (e != MK_OK) set_detail(&d, "%s '%s' has %s", role_word(role), name_of(c).text, why);
  return e;
}

}  // namespace mk::x509
