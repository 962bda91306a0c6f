// Matching the name a client asked for against a certificate (RFC 6125 as the
// CA/Browser Forum baseline requirements profile it): DNS names against dNSName
// entries of subjectAltName, IP addresses against iPAddress entries. The subject's
// common name is never used, with or without a subjectAltName: browsers stopped
// doing so years ago and the baseline requirements put every name in the SAN.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "x509/certificate.h"

namespace mk::x509 {

// The name a caller asked for: a DNS name (lower case, no trailing dot) or an IP
// address (4 or 16 octets).
struct ReferenceName {
  bool is_ip = false;
  uint8_t ip[16] = {};
  size_t ip_len = 0;
  char dns[254] = {};
  size_t dns_len = 0;
  std::string_view dns_name() const { return {dns, dns_len}; }
};

// False when text is neither an IP literal nor a syntactically valid DNS name.
bool parse_reference_name(std::string_view text, ReferenceName& out);

// IPv4 dotted quad (no leading zeros) or IPv6 text form (RFC 4291 2.2). len gets 4 or 16.
bool parse_ip_address(std::string_view text, uint8_t out[16], size_t& len);

// A DNS name as certificates may carry it: LDH labels (underscore tolerated) of at
// most 63 octets, at most 253 octets in all, one optional trailing dot, and with
// allow_wildcard a first label that is exactly "*" followed by at least two labels.
bool valid_dns_name(std::string_view name, bool allow_wildcard);

// Whether a presented dNSName (maybe "*.example.com") matches the reference name.
// A wildcard stands for exactly one whole left-most label, and never covers a
// public suffix ("*.com", "*.co.uk").
bool dns_name_matches(std::string_view presented, std::string_view reference);

// Whether the certificate's subjectAltName holds the reference name.
bool san_matches(const Certificate& cert, const ReferenceName& ref);

// The first dNSName (or IP address, as text) of the SAN, else the description:
// what the refusal sentence calls "certificate for X".
void presented_name(const Certificate& cert, char* out, size_t cap);

// ASCII case-insensitive equality, as DNS names compare.
bool equal_ignoring_case(std::string_view a, std::string_view b);
// name without one trailing dot (the root label).
std::string_view without_trailing_dot(std::string_view name);

// Text form of an address: dotted quad or RFC 5952.
void format_ip(ByteView ip, char* out, size_t cap);

}  // namespace mk::x509
