// DER and X.509 certificate parsing.
//
// Input: one DER certificate (any bytes). It is parsed; when it parses, everything
// the verifier and the error messages read from a certificate is read too: its
// description, its subject, its names matched against a DNS name and an IP address,
// and its public key under the key policy.
#include <cstddef>
#include <cstdint>

#include "crypto/provider.h"
#include "x509/certificate.h"
#include "x509/name_match.h"
#include "x509/x509.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mk::x509;
  const mk::ByteView der(data, size);
  Certificate cert;
  if (parse_certificate(der, cert) != der::Fault::none) return 0;
  char text[512];
  describe(cert, text, sizeof text);
  describe_name(cert.subject, text, sizeof text);
  describe_name(cert.issuer, text, sizeof text);
  presented_name(cert, text, sizeof text);
  for (const char* name : {"localhost", "a.b.example.co.uk", "127.0.0.1", "::1"}) {
    ReferenceName ref;
    if (parse_reference_name(name, ref)) (void)san_matches(cert, ref);
  }
  (void)self_issued(cert);
  (void)key_id_matches(cert, cert);
  mk::crypto::PublicKey key;
  (void)public_key_of(der, key);
  return 0;
}
