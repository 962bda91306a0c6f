// Strict DER (X.690 distinguished encoding) on top of mk::Reader: the only way the
// X.509 code reads ASN.1. Every element is tag, definite minimal length, value;
// anything BER allows but DER does not (indefinite or padded lengths, high tag
// numbers, non-minimal integers, BOOLEAN values other than 00/FF, ...) is refused.
//
// A parse shares one Fault among a parser and all parsers nested inside it: the
// first failure is recorded there and every parser of that parse reports !ok()
// from then on, so a schema can be read top to bottom and checked once.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.h"
#include "base/reader.h"

namespace mk::x509::der {

// Why a parse failed; fault_text() gives the sentence used in error details.
enum class Fault : uint8_t {
  none,
  truncated,
  length_past_end,
  indefinite_length,
  non_minimal_length,
  length_too_large,
  high_tag_number,
  unexpected_tag,
  trailing_bytes,
  bad_boolean,
  bad_integer,
  negative_integer,
  integer_too_large,
  bad_bit_string,
  bad_oid,
  bad_time,
  bad_null,
  bad_string,
  empty_sequence,
  // Certificate and key structure (the DER is fine, the content is not).
  unsupported_version,
  bad_serial,
  signature_algorithm_mismatch,
  duplicate_extension,
  bad_extension,
  bad_name,
  bad_general_name,
  bad_algorithm,
  bad_key,
};

const char* fault_text(Fault f);

inline constexpr uint8_t kBoolean = 0x01;
inline constexpr uint8_t kInteger = 0x02;
inline constexpr uint8_t kBitString = 0x03;
inline constexpr uint8_t kOctetString = 0x04;
inline constexpr uint8_t kNull = 0x05;
inline constexpr uint8_t kOid = 0x06;
inline constexpr uint8_t kUtf8String = 0x0c;
inline constexpr uint8_t kPrintableString = 0x13;
inline constexpr uint8_t kTeletexString = 0x14;
inline constexpr uint8_t kIa5String = 0x16;
inline constexpr uint8_t kUtcTime = 0x17;
inline constexpr uint8_t kGeneralizedTime = 0x18;
inline constexpr uint8_t kUniversalString = 0x1c;
inline constexpr uint8_t kBmpString = 0x1e;
inline constexpr uint8_t kSequence = 0x30;
inline constexpr uint8_t kSet = 0x31;
// Context-specific tags: [n] primitive (IMPLICIT over a primitive type) and [n]
// constructed (EXPLICIT, or IMPLICIT over a constructed type).
constexpr uint8_t context(unsigned n) {
  return static_cast<uint8_t>(0x80 | n);
}
constexpr uint8_t context_constructed(unsigned n) {
  return static_cast<uint8_t>(0xa0 | n);
}

// One element: its tag, its value bytes and the whole encoding (tag and length
// included), e.g. for the signed part of a certificate or for comparing names.
struct Element {
  uint8_t tag = 0;
  ByteView value;
  ByteView encoding;
};

class Parser {
 public:
  Parser(ByteView data, Fault& fault) : r_(data), fault_(&fault) {}

  bool ok() const { return *fault_ == Fault::none; }
  bool empty() const { return !ok() || r_.empty(); }
  Fault fault() const { return *fault_; }
  // Record a failure (the first one wins) and stop this parse.
  void fail(Fault f);

  // The next element, whatever its tag.
  Element element();
  // The next element, which must have this tag; returns its value.
  ByteView read(uint8_t tag);
  // Same, returning the whole encoding.
  ByteView read_encoding(uint8_t tag);
  // A parser over the value of the next element, which must have this tag.
  Parser nested(uint8_t tag);
  // A parser over other bytes, reporting into this parse's Fault.
  Parser over(ByteView data) const { return Parser(data, *fault_); }
  // Whether the next element has this tag (false at the end or after a failure).
  bool next_is(uint8_t tag) const;
  // Read the next element only if it has this tag.
  bool optional(uint8_t tag, ByteView& value);

  // Typed values.
  bool boolean();
  // A non-negative INTEGER that fits in 31 bits (versions, pathLenConstraint).
  int small_unsigned();
  // An INTEGER's content octets, checked minimal; negative values allowed.
  ByteView integer();
  // A positive INTEGER's magnitude without the sign octet (RSA numbers).
  ByteView positive_integer();
  ByteView oid();
  void null();
  // BIT STRING with zero unused bits (signatures, keys); returns the bits.
  ByteView bit_string_octets();
  // BIT STRING as a named bit list (KeyUsage): bit 0 is the first bit. Unused bits
  // must be zero; trailing zero bits (which DER would drop) are tolerated.
  uint32_t named_bits();
  // UTCTime or GeneralizedTime in the RFC 5280 4.1.2.5 forms (seconds, "Z"), as
  // seconds since 1970.
  int64_t time();

  // Fail unless the whole input was read. Returns ok().
  bool expect_end();

 private:
  ByteView read_tagged(uint8_t tag, bool whole);
  Reader r_;
  Fault* fault_;
};

// Dotted decimal text of an OID's content octets ("2.5.29.99").
void format_oid(ByteView oid, char* out, size_t cap);

// Days since 1970-01-01 for a proleptic Gregorian date (no range checks).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
// "2024-01-01" (and " 12:00:05 UTC" when with_time) for seconds since 1970.
void format_date(int64_t t, bool with_time, char* out, size_t cap);

}  // namespace mk::x509::der
