#include "x509/certificate.h"

#include <algorithm>

#include "x509/general_name.h"
#include "x509/oid.h"

namespace mk::x509 {
namespace {

using der::Fault;
using der::Parser;

// More extensions than any real certificate carries; bounds the duplicate check.
constexpr size_t kMaxExtensions = 64;

ByteView read_name(Parser& p) {
  Parser copy = p;
  ByteView encoding = copy.read_encoding(der::kSequence);
  check_name(p);
  return encoding;
}

// SEQUENCE SIZE (1..MAX) OF GeneralName, as in subjectAltName; returns the content.
ByteView read_general_names(Parser& p) {
  ByteView content = p.read(der::kSequence);
  Parser names = p.over(content);
  if (p.ok() && content.empty()) p.fail(Fault::empty_sequence);
  while (!names.empty()) {
    GeneralName g = read_general_name(names);
    // An address in a certificate's own names is IPv4 or IPv6, nothing else.
    if (g.type == NameType::ip_address && g.value.size() != 4 && g.value.size() != 16)
      names.fail(Fault::bad_general_name);
  }
  return content;
}

void read_subtrees(Parser& subtrees) {
  if (subtrees.empty()) subtrees.fail(Fault::empty_sequence);
  while (!subtrees.empty()) {
    Parser subtree = subtrees.nested(der::kSequence);
    read_general_name(subtree);
    // RFC 5280 4.2.1.10: minimum MUST be zero (so, in DER, absent) and maximum
    // MUST be absent.
    if (!subtree.empty()) subtree.fail(Fault::bad_extension);
  }
}

void basic_constraints(Parser& p, Certificate& c) {
  Parser bc = p.nested(der::kSequence);
  if (bc.next_is(der::kBoolean)) {
    c.is_ca = bc.boolean();
    // DER leaves out a field equal to its DEFAULT: an explicit FALSE is not DER.
    if (!c.is_ca) bc.fail(Fault::bad_boolean);
  }
  if (bc.next_is(der::kInteger)) c.path_len = bc.small_unsigned();
  bc.expect_end();
}

void key_usage(Parser& p, Certificate& c) {
  uint32_t bits = p.named_bits();
  // At least one bit must be set; only nine are defined.
  if (p.ok() && (bits == 0 || bits >= (1u << 9))) p.fail(Fault::bad_extension);
  c.key_usage = static_cast<uint16_t>(bits);
}

void extended_key_usage(Parser& p, Certificate& c) {
  Parser list = p.nested(der::kSequence);
  if (list.empty()) list.fail(Fault::empty_sequence);
  while (!list.empty()) {
    ByteView id = list.oid();
    if (oid::is(id, oid::kServerAuth)) c.eku |= kEkuServerAuth;
    if (oid::is(id, oid::kClientAuth)) c.eku |= kEkuClientAuth;
    if (oid::is(id, oid::kAnyExtendedKeyUsage)) c.eku |= kEkuAny;
  }
}

void name_constraints(Parser& p, Certificate& c) {
  Parser nc = p.nested(der::kSequence);
  if (nc.next_is(der::context_constructed(0))) {
    c.has_permitted = true;
    c.permitted = nc.read(der::context_constructed(0));
    Parser subtrees = nc.over(c.permitted);
    read_subtrees(subtrees);
  }
  if (nc.next_is(der::context_constructed(1))) {
    c.has_excluded = true;
    c.excluded = nc.read(der::context_constructed(1));
    Parser subtrees = nc.over(c.excluded);
    read_subtrees(subtrees);
  }
  nc.expect_end();
  // RFC 5280 4.2.1.10: at least one of the two must be present.
  if (!c.has_permitted && !c.has_excluded) nc.fail(Fault::bad_extension);
}

void authority_key_id(Parser& p, Certificate& c) {
  Parser aki = p.nested(der::kSequence);
  c.has_authority_key_id_key = aki.optional(der::context(0), c.authority_key_id);
  bool has_issuer = false;
  bool has_serial = false;
  if (aki.next_is(der::context_constructed(1))) {
    Parser issuer = aki.over(aki.read(der::context_constructed(1)));
    if (issuer.empty()) issuer.fail(Fault::empty_sequence);
    while (!issuer.empty()) read_general_name(issuer);
    has_issuer = true;
  }
  ByteView serial;
  has_serial = aki.optional(der::context(2), serial);
  aki.expect_end();
  // authorityCertIssuer and authorityCertSerialNumber come together or not at all.
  if (has_issuer != has_serial) aki.fail(Fault::bad_extension);
  c.authority_key_id_names_issuer = has_issuer || has_serial;
}

// AuthorityInfoAccess / SubjectInfoAccess: SEQUENCE SIZE (1..MAX) OF
// SEQUENCE { accessMethod OID, accessLocation GeneralName }.
void info_access(Parser& p) {
  Parser list = p.nested(der::kSequence);
  if (list.empty()) list.fail(Fault::empty_sequence);
  while (!list.empty()) {
    Parser desc = list.nested(der::kSequence);
    desc.oid();
    read_general_name(desc);
    desc.expect_end();
  }
}

// certificatePolicies: SEQUENCE SIZE (1..MAX) OF SEQUENCE { OID, qualifiers OPTIONAL }.
// Meerkat does not process policies; it checks the shape.
void certificate_policies(Parser& p) {
  Parser list = p.nested(der::kSequence);
  if (list.empty()) list.fail(Fault::empty_sequence);
  while (!list.empty()) {
    Parser info = list.nested(der::kSequence);
    info.oid();
    ByteView qualifiers;
    info.optional(der::kSequence, qualifiers);
    info.expect_end();
  }
}

// CRL distribution points: a non-empty SEQUENCE OF SEQUENCE (not processed).
void sequence_of_sequences(Parser& p) {
  Parser list = p.nested(der::kSequence);
  if (list.empty()) list.fail(Fault::empty_sequence);
  while (!list.empty()) list.read(der::kSequence);
}

void extension(ByteView id, bool critical, ByteView value, Certificate& c, Parser& outer) {
  Parser p = outer.over(value);
  bool must_not_be_critical = false;
  if (oid::is(id, oid::kBasicConstraints)) {
    c.has_basic_constraints = true;
    c.basic_constraints_critical = critical;
    basic_constraints(p, c);
  } else if (oid::is(id, oid::kKeyUsage)) {
    c.has_key_usage = true;
    key_usage(p, c);
  } else if (oid::is(id, oid::kExtKeyUsage)) {
    c.has_eku = true;
    extended_key_usage(p, c);
  } else if (oid::is(id, oid::kSubjectAltName)) {
    c.has_san = true;
    c.san_critical = critical;
    c.san = read_general_names(p);
  } else if (oid::is(id, oid::kIssuerAltName)) {
    read_general_names(p);
  } else if (oid::is(id, oid::kNameConstraints)) {
    c.has_name_constraints = true;
    name_constraints(p, c);
  } else if (oid::is(id, oid::kSubjectKeyIdentifier)) {
    c.has_subject_key_id = true;
    c.subject_key_id = p.read(der::kOctetString);
    must_not_be_critical = true;
  } else if (oid::is(id, oid::kAuthorityKeyIdentifier)) {
    c.has_authority_key_id = true;
    authority_key_id(p, c);
    must_not_be_critical = true;
  } else if (oid::is(id, oid::kAuthorityInfoAccess) || oid::is(id, oid::kSubjectInfoAccess)) {
    info_access(p);
    must_not_be_critical = true;
  } else if (oid::is(id, oid::kCertificatePolicies)) {
    certificate_policies(p);
  } else if (oid::is(id, oid::kCrlDistributionPoints) || oid::is(id, oid::kFreshestCrl)) {
    sequence_of_sequences(p);
    must_not_be_critical = oid::is(id, oid::kFreshestCrl);
  } else {
    if (critical && c.unknown_critical.empty()) c.unknown_critical = id;
    return;
  }
  p.expect_end();
  if (must_not_be_critical && critical && c.critical_but_must_not_be.empty())
    c.critical_but_must_not_be = id;
}

void extensions(Parser& tbs, Certificate& c) {
  Parser wrapper = tbs.nested(der::context_constructed(3));
  Parser list = wrapper.nested(der::kSequence);
  wrapper.expect_end();
  if (list.empty()) list.fail(Fault::empty_sequence);
  ByteView seen[kMaxExtensions];
  size_t count = 0;
  while (!list.empty()) {
    Parser ext = list.nested(der::kSequence);
    ByteView id = ext.oid();
    bool critical = false;
    if (ext.next_is(der::kBoolean)) {
      critical = ext.boolean();
      if (!critical) ext.fail(Fault::bad_boolean);  // DEFAULT FALSE written out: not DER
    }
    ByteView value = ext.read(der::kOctetString);
    ext.expect_end();
    if (!ext.ok()) return;
    if (count == kMaxExtensions) {
      ext.fail(Fault::bad_extension);
      return;
    }
    for (size_t i = 0; i < count; ++i) {
      if (std::ranges::equal(seen[i], id)) {
        ext.fail(Fault::duplicate_extension);
        return;
      }
    }
    seen[count++] = id;
    extension(id, critical, value, c, ext);
  }
}

void subject_public_key_info(Parser& tbs, Certificate& c) {
  Parser copy = tbs;
  c.spki = copy.read_encoding(der::kSequence);
  Parser spki = tbs.nested(der::kSequence);
  Parser alg = spki.nested(der::kSequence);
  alg.oid();
  if (!alg.empty()) alg.element();
  alg.expect_end();
  spki.read(der::kBitString);
  spki.expect_end();
}

void tbs_certificate(Certificate& c, Parser& outer) {
  Parser tbs = outer.over(c.tbs).nested(der::kSequence);
  if (tbs.next_is(der::context_constructed(0))) {
    Parser version = tbs.nested(der::context_constructed(0));
    int v = version.small_unsigned();
    version.expect_end();
    // v1 is the DEFAULT, so DER leaves it out; only v2 (1) and v3 (2) are written.
    if (tbs.ok() && v != 1 && v != 2) tbs.fail(Fault::unsupported_version);
    c.version = v + 1;
  }
  c.serial = tbs.integer();
  if (tbs.ok()) {
    size_t magnitude = c.serial.size() - (c.serial[0] == 0 ? 1 : 0);
    if ((c.serial[0] & 0x80) || magnitude > 20) tbs.fail(Fault::bad_serial);
  }
  ByteView inner_algorithm = tbs.read_encoding(der::kSequence);
  if (tbs.ok() && !std::ranges::equal(inner_algorithm, c.signature_algorithm))
    tbs.fail(Fault::signature_algorithm_mismatch);
  c.issuer = read_name(tbs);
  Parser validity = tbs.nested(der::kSequence);
  c.not_before = validity.time();
  c.not_after = validity.time();
  validity.expect_end();
  c.subject = read_name(tbs);
  subject_public_key_info(tbs, c);
  ByteView unique_id;
  for (unsigned tag : {1u, 2u}) {
    if (tbs.optional(der::context(tag), unique_id) && c.version < 2)
      tbs.fail(Fault::unsupported_version);
  }
  if (tbs.next_is(der::context_constructed(3))) {
    if (c.version != 3) tbs.fail(Fault::unsupported_version);
    extensions(tbs, c);
  }
  tbs.expect_end();
}

}  // namespace

der::Fault parse_certificate(ByteView der_bytes, Certificate& c) {
  c = Certificate{};
  Fault fault = Fault::none;
  Parser top(der_bytes, fault);
  Parser cert = top.nested(der::kSequence);
  top.expect_end();
  c.der = der_bytes;
  c.tbs = cert.read_encoding(der::kSequence);
  c.signature_algorithm = cert.read_encoding(der::kSequence);
  c.signature = cert.bit_string_octets();
  cert.expect_end();
  if (fault == Fault::none) tbs_certificate(c, cert);
  return fault;
}

namespace {

void printable(ByteView text, char* out, size_t cap) {
  size_t n = 0;
  for (uint8_t b : text) {
    if (n + 1 >= cap) break;
    if (b == 0) continue;  // BMPString's high octets, for the common Latin-1 range
    out[n++] = (b >= 0x20 && b < 0x7f && b != '\'') ? static_cast<char>(b) : '?';
  }
  out[n] = '\0';
}

ByteView common_name(ByteView name, bool or_last_attribute) {
  ByteView cn, last;
  for_each_attribute(name, [&](ByteView type, const der::Element& value) {
    if (oid::is(type, oid::kCommonName)) cn = value.value;
    last = value.value;
  });
  return cn.empty() && or_last_attribute ? last : cn;
}

}  // namespace

void describe_name(ByteView name, char* out, size_t cap) {
  if (cap == 0) return;
  ByteView text = common_name(name, true);
  printable(text.empty() ? as_bytes("(empty name)") : text, out, cap);
}

void describe(const Certificate& c, char* out, size_t cap) {
  if (cap == 0) return;
  ByteView text = common_name(c.subject, false);
  if (text.empty() && c.has_san) {
    Fault fault = Fault::none;
    Parser names(c.san, fault);
    while (!names.empty() && text.empty()) {
      GeneralName g = read_general_name(names);
      if (g.type == NameType::dns) text = g.value;
    }
  }
  if (text.empty()) text = common_name(c.subject, true);
  printable(text.empty() ? as_bytes("(no subject name)") : text, out, cap);
}

bool key_id_matches(const Certificate& child, const Certificate& issuer) {
  if (!child.has_authority_key_id_key || !issuer.has_subject_key_id) return true;
  return std::ranges::equal(child.authority_key_id, issuer.subject_key_id);
}

}  // namespace mk::x509
