// TLS 1.3 handshake message codecs (RFC 8446 4). Parsed messages are plain structs
// of views into the message bytes (no copies, no allocation): they live only as
// long as the buffer they were parsed from. Each parse_* takes the message BODY
// (after the 4-byte handshake header), checks every length, rejects trailing bytes
// and returns MK_ERR_DECODE for anything malformed, MK_ERR_ILLEGAL_PARAMETER for
// well-formed but forbidden values (duplicate extensions, ...), and
// MK_ERR_UNSUPPORTED_EXTENSION for extensions not allowed in that message.
// Each write_* appends a whole message (header included) to a Writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/error.h"
#include "base/reader.h"
#include "base/writer.h"

namespace mk::tls {

enum HandshakeType : uint8_t {
  kHelloRequest = 0,  // TLS 1.2
  kClientHello = 1,
  kServerHello = 2,
  kNewSessionTicket = 4,
  kEndOfEarlyData = 5,
  kEncryptedExtensions = 8,
  kCertificate = 11,
  kServerKeyExchange = 12,  // TLS 1.2
  kCertificateRequest = 13,
  kServerHelloDone = 14,  // TLS 1.2
  kCertificateVerify = 15,
  kClientKeyExchange = 16,  // TLS 1.2
  kFinished = 20,
  kKeyUpdate = 24,
  kMessageHash = 254,
};

enum ExtensionType : uint16_t {
  kExtServerName = 0,
  kExtMaxFragmentLength = 1,
  kExtStatusRequest = 5,
  kExtSupportedGroups = 10,
  kExtEcPointFormats = 11,  // TLS 1.2 (RFC 8422 5.1.2)
  kExtSignatureAlgorithms = 13,
  kExtAlpn = 16,
  kExtPadding = 21,
  kExtExtendedMasterSecret = 23,  // TLS 1.2 (RFC 7627)
  kExtRecordSizeLimit = 28,
  kExtSessionTicket = 35,  // TLS 1.2 (RFC 5077): never offered
  kExtPreSharedKey = 41,
  kExtEarlyData = 42,
  kExtSupportedVersions = 43,
  kExtCookie = 44,
  kExtPskKeyExchangeModes = 45,
  kExtCertificateAuthorities = 47,
  kExtSignatureAlgorithmsCert = 50,
  kExtKeyShare = 51,
  kExtRenegotiationInfo = 0xff01,  // TLS 1.2 (RFC 5746)
};

// The signalling cipher suite value a client may send instead of an empty
// renegotiation_info (RFC 5746 3.3).
inline constexpr uint16_t kRenegotiationScsv = 0x00ff;

inline constexpr uint16_t kTls12 = 0x0303;
inline constexpr uint16_t kTls13 = 0x0304;
inline constexpr size_t kHandshakeHeaderLen = 4;
inline constexpr size_t kRandomLen = 32;
inline constexpr size_t kMaxChainCerts = 10;  // certificates accepted in one Certificate
// Bytes of certificates accepted in one Certificate, all entries together: the peer's
// chain is parsed and walked by the verifier, so its size is bounded on its own, well
// under the handshake message limit (ten RSA-4096 certificates take about 20 KiB).
inline constexpr size_t kMaxChainBytes = 32 * 1024;
inline constexpr size_t kMaxAlpnLen = 255;

// The special ServerHello.random that marks a HelloRetryRequest (RFC 8446 4.1.3).
extern const uint8_t kHelloRetryRandom[32];
// Last 8 bytes of ServerHello.random that a TLS 1.3 server negotiating 1.2 (or 1.1)
// must set (RFC 8446 4.1.3); a 1.3 client seeing them aborts.
extern const uint8_t kDowngradeTls12[8];
extern const uint8_t kDowngradeTls11[8];

// A list of u16 values on the wire (cipher suites, groups, signature schemes,
// versions): a view with even length.
struct U16List {
  ByteView raw;
  size_t size() const { return raw.size() / 2; }
  uint16_t operator[](size_t i) const {
    return static_cast<uint16_t>((raw[2 * i] << 8) | raw[2 * i + 1]);
  }
  bool contains(uint16_t v) const;
};

struct KeyShareEntry {
  uint16_t group = 0;
  ByteView key_exchange;
};

// ---- ClientHello ------------------------------------------------------------------
struct ClientHello {
  uint16_t legacy_version = 0;
  ByteView random;
  ByteView legacy_session_id;
  U16List cipher_suites;
  ByteView compression_methods;
  // Extensions (has_* says whether it was present).
  bool has_supported_versions = false;
  U16List supported_versions;
  bool has_server_name = false;
  ByteView server_name;  // the host_name entry; empty if none
  bool has_supported_groups = false;
  U16List supported_groups;
  bool has_signature_algorithms = false;
  U16List signature_algorithms;
  bool has_signature_algorithms_cert = false;
  U16List signature_algorithms_cert;
  bool has_key_share = false;
  std::span<const KeyShareEntry> key_shares() const { return {shares_, share_count_}; }
  bool has_alpn = false;
  ByteView alpn;  // the ProtocolNameList body (sequence of u8-prefixed names)
  bool has_cookie = false;
  ByteView cookie;
  bool has_psk = false;
  bool has_psk_modes = false;
  bool has_early_data = false;
  uint16_t record_size_limit = 0;  // 0 when absent
  // TLS 1.2 only.
  bool has_extended_master_secret = false;
  bool has_renegotiation_info = false;
  ByteView renegotiation_info;  // the renegotiated_connection field
  bool has_ec_point_formats = false;
  ByteView ec_point_formats;

  static constexpr size_t kMaxShares = 8;  // more key shares than this: illegal_parameter
  KeyShareEntry shares_[kMaxShares];
  size_t share_count_ = 0;
};

// Unknown extensions are skipped. A hello without extensions parses with
// has_supported_versions false (the caller answers protocol_version); one offering
// TLS 1.3 must offer exactly the null compression (else MK_ERR_ILLEGAL_PARAMETER).
// pre_shared_key must be the last extension.
Err parse_client_hello(ByteView body, ClientHello& out);

struct ClientHelloParams {
  ByteView random;      // 32 bytes
  ByteView session_id;  // 0 or 32 bytes
  std::span<const uint16_t> cipher_suites;
  ByteView server_name;  // empty: no SNI
  std::span<const uint16_t> groups;
  std::span<const uint16_t> signature_algorithms;
  std::span<const KeyShareEntry> key_shares;
  ByteView alpn;                   // ProtocolNameList body, empty: no ALPN
  ByteView cookie;                 // empty: none (set when answering an HRR)
  uint16_t record_size_limit = 0;  // 0: not sent
  // supported_versions, best first; empty means TLS 1.3 alone. Offering TLS 1.2 adds
  // extended_master_secret, renegotiation_info and ec_point_formats.
  std::span<const uint16_t> versions;
};

void write_client_hello(Writer& w, const ClientHelloParams& p);

// ---- ServerHello / HelloRetryRequest --------------------------------------------------
struct ServerHello {
  bool is_hello_retry = false;
  uint16_t legacy_version = 0;
  ByteView random;
  ByteView legacy_session_id_echo;
  uint16_t cipher_suite = 0;
  uint8_t compression_method = 0;
  bool has_supported_versions = false;
  uint16_t selected_version = 0;
  bool has_key_share = false;
  KeyShareEntry key_share;      // ServerHello: group + key
  uint16_t selected_group = 0;  // HelloRetryRequest: group only
  bool has_cookie = false;
  ByteView cookie;
  bool has_psk = false;
  ByteView extensions;  // the raw block (a TLS 1.2 ServerHello's is read by the caller)
};

// Without supported_versions (a TLS 1.2 or older ServerHello) only the legacy
// fields are read and has_supported_versions is false: the caller answers
// protocol_version. Otherwise selected_version is 0x0304 and the compression method
// 0 (else MK_ERR_ILLEGAL_PARAMETER). has_psk is reported for the caller to refuse.
Err parse_server_hello(ByteView body, ServerHello& out);

struct ServerHelloParams {
  bool hello_retry = false;  // writes the HRR random, selected_group and cookie
  ByteView random;           // ignored for HRR
  ByteView session_id_echo;
  uint16_t cipher_suite = 0;
  KeyShareEntry key_share;      // ServerHello
  uint16_t selected_group = 0;  // HRR
  ByteView cookie;              // HRR, optional
};

void write_server_hello(Writer& w, const ServerHelloParams& p);

// ---- EncryptedExtensions ---------------------------------------------------------------
struct EncryptedExtensions {
  bool has_server_name = false;  // empty server_name acknowledging SNI
  bool has_alpn = false;
  ByteView alpn_protocol;  // exactly one protocol
  uint16_t record_size_limit = 0;
  bool has_early_data = false;
};

// Answers to extensions Meerkat never offers (max_fragment_length, use_srtp, ...)
// and unknown ones are MK_ERR_UNSUPPORTED_EXTENSION; server_name, alpn and
// early_data are reported for the caller to match against what it offered.
Err parse_encrypted_extensions(ByteView body, EncryptedExtensions& out);

struct EncryptedExtensionsParams {
  bool ack_server_name = false;
  ByteView alpn_protocol;  // empty: none
  uint16_t record_size_limit = 0;
};

void write_encrypted_extensions(Writer& w, const EncryptedExtensionsParams& p);

// ---- CertificateRequest ------------------------------------------------------------------
struct CertificateRequest {
  ByteView context;
  U16List signature_algorithms;  // required
};

Err parse_certificate_request(ByteView body, CertificateRequest& out);
void write_certificate_request(Writer& w, ByteView context,
                               std::span<const uint16_t> signature_algorithms);

// ---- Certificate ----------------------------------------------------------------------------
struct CertificateMsg {
  ByteView context;
  std::span<const ByteView> certs() const { return {certs_, count_}; }

  ByteView certs_[kMaxChainCerts];
  size_t count_ = 0;
};

// More than kMaxChainCerts entries, or more than kMaxChainBytes of certificates:
// MK_ERR_CERT_CHAIN_TOO_LONG. An empty cert_data: MK_ERR_DECODE.
Err parse_certificate(ByteView body, CertificateMsg& out);
void write_certificate(Writer& w, ByteView context, std::span<const ByteView> certs);

// ---- CertificateVerify ----------------------------------------------------------------------
struct CertificateVerify {
  uint16_t scheme = 0;
  ByteView signature;
};

Err parse_certificate_verify(ByteView body, CertificateVerify& out);
void write_certificate_verify(Writer& w, uint16_t scheme, ByteView signature);

// The content signed in CertificateVerify (RFC 8446 4.4.3): 64 spaces, the context
// string for the role, a zero byte, then the transcript hash. out needs
// 64 + 34 + 64 bytes; returns the length written (0 when out is too short).
size_t certificate_verify_content(bool server, ByteView transcript_hash, ByteSpan out);

// ---- Finished, KeyUpdate, NewSessionTicket ---------------------------------------------------
// verify_data must be exactly hash_len bytes.
Err parse_finished(ByteView body, size_t hash_len, ByteView& verify_data);
void write_finished(Writer& w, ByteView verify_data);

// request_update must be 0 or 1 (else MK_ERR_ILLEGAL_PARAMETER).
Err parse_key_update(ByteView body, bool& request_update);
void write_key_update(Writer& w, bool request_update);

// Parsed only to be checked and discarded (Meerkat does not resume sessions).
Err parse_new_session_ticket(ByteView body);

// ---- framing helpers ----------------------------------------------------------------------------
// Begin a handshake message of the given type; returns the marker for end_message.
size_t begin_message(Writer& w, HandshakeType type);
inline void end_message(Writer& w, size_t marker) {
  w.end_vec(marker);
}

// Iterate over a ProtocolNameList body (ALPN): calls fn(ByteView name) for each
// entry; returns MK_ERR_DECODE if malformed or a name is empty.
template <class Fn>
Err for_each_alpn(ByteView list, Fn&& fn) {
  Reader r(list);
  if (r.empty()) return MK_ERR_DECODE;
  while (r.ok() && !r.empty()) {
    ByteView name = r.vec(1);
    if (!r.ok() || name.empty()) return MK_ERR_DECODE;
    fn(name);
  }
  return r.status();
}

}  // namespace mk::tls
