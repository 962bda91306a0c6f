// TLS 1.2 handshake message codecs (RFC 5246 7.4, RFC 8422 5, RFC 7627, RFC 5746,
// RFC 7301). Same conventions as messages.h: parse_* take the message body, check
// every length, refuse trailing bytes; write_* append a whole message. ClientHello,
// CertificateVerify and Finished share their wire format with TLS 1.3 (messages.h).
#pragma once

#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/error.h"
#include "base/writer.h"
#include "tls/messages.h"

namespace mk::tls {

// RFC 8422 5.4: ECParameters.curve_type for a named curve.
inline constexpr uint8_t kNamedCurve = 3;
// RFC 5246 7.4.4 ClientCertificateType values Meerkat asks for.
inline constexpr uint8_t kCertTypeRsaSign = 1;
inline constexpr uint8_t kCertTypeEcdsaSign = 64;

// ---- ServerHello extensions ------------------------------------------------------
// A TLS 1.2 ServerHello's extension block (ServerHello::extensions). Only answers to
// what a Meerkat client offers are accepted; anything else is
// MK_ERR_UNSUPPORTED_EXTENSION.
struct ServerHello12Extensions {
  bool has_renegotiation_info = false;
  ByteView renegotiation_info;  // renegotiated_connection
  bool has_extended_master_secret = false;
  bool has_ec_point_formats = false;
  ByteView ec_point_formats;
  bool has_alpn = false;
  ByteView alpn_protocol;
  bool has_server_name = false;
  uint16_t record_size_limit = 0;
};

Err parse_server_hello12_extensions(ByteView block, ServerHello12Extensions& out);

struct ServerHello12Params {
  ByteView random;
  uint16_t cipher_suite = 0;
  bool renegotiation_info = false;  // answer the client's renegotiation_info or SCSV
  bool ec_point_formats = false;
  ByteView alpn_protocol;  // empty: none
  bool ack_server_name = false;
  uint16_t record_size_limit = 0;
};

// Always with extended_master_secret and an empty session id (no resumption).
void write_server_hello12(Writer& w, const ServerHello12Params& p);

// ---- Certificate -------------------------------------------------------------------
// certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>, no context, no extensions.
Err parse_certificate12(ByteView body, CertificateMsg& out);
void write_certificate12(Writer& w, std::span<const ByteView> certs);

// ---- ServerKeyExchange (ECDHE) -----------------------------------------------------
struct ServerKeyExchange {
  uint16_t group = 0;
  ByteView point;   // the server's ephemeral public key
  ByteView params;  // ECParameters || ECPoint as sent: what the signature covers
  uint16_t scheme = 0;
  ByteView signature;
};

// Only named curves (MK_ERR_ILLEGAL_PARAMETER otherwise).
Err parse_server_key_exchange(ByteView body, ServerKeyExchange& out);
// ServerECDHParams for group and point, as signed and sent; returns the bytes
// written into out (at most 4 + kMaxKxPublicLen).
size_t write_ecdhe_params(ByteSpan out, uint16_t group, ByteView point);
void write_server_key_exchange(Writer& w, ByteView params, uint16_t scheme, ByteView signature);

// ---- CertificateRequest ------------------------------------------------------------
struct CertificateRequest12 {
  ByteView certificate_types;
  U16List signature_algorithms;
};

Err parse_certificate_request12(ByteView body, CertificateRequest12& out);
// Asks for ECDSA or RSA certificates, with no list of authorities.
void write_certificate_request12(Writer& w, std::span<const uint16_t> signature_algorithms);

// ---- ServerHelloDone, ClientKeyExchange --------------------------------------------
Err parse_server_hello_done(ByteView body);
void write_server_hello_done(Writer& w);

// ClientECDiffieHellmanPublic: the client's point<1..255>.
Err parse_client_key_exchange(ByteView body, ByteView& point);
void write_client_key_exchange(Writer& w, ByteView point);

}  // namespace mk::tls
