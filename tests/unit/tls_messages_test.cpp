// Handshake message codecs (RFC 8446 4): the RFC 8448 messages parse to what they
// say, writers produce the exact wire format, and malformed or forbidden input is
// refused with the error each rule names.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "base/writer.h"
#include "bytes_hex.h"
#include "crypto/provider.h"
#include "rfc8448.h"
#include "tls/messages.h"
#include "tls/messages12.h"

namespace mk::tls {
namespace {

using test::Bytes;
using test::from_hex;
using test::to_hex;

// ---- building test input ---------------------------------------------------------------

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes vec(size_t prefix_len, const Bytes& body) {
  Bytes out;
  for (size_t i = prefix_len; i-- > 0;) out.push_back(static_cast<uint8_t>(body.size() >> (8 * i)));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes u16(uint16_t v) {
  return {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

Bytes ext(uint16_t type, const Bytes& body) {
  return cat({u16(type), vec(2, body)});
}
Bytes ext(uint16_t type, const char* hex_body) {
  return ext(type, from_hex(hex_body));
}

// Parsed messages are views into their bytes, so the bytes must outlive them: no
// bodies of temporaries.
ByteView body_of(const Bytes& message) {
  return ByteView(message).subspan(kHandshakeHeaderLen);
}
ByteView body_of(Bytes&&) = delete;

// Extensions every TLS 1.3 ClientHello in these tests carries.
Bytes versions13() {
  return ext(kExtSupportedVersions, "02 0304");
}
Bytes x25519_share() {
  return ext(kExtKeyShare, cat({u16(0x0024), u16(0x001d), vec(2, Bytes(32, 9))}));
}

Bytes client_hello_body(const Bytes& extensions, const char* compression = "01 00") {
  return cat({from_hex("0303"), Bytes(32, 0x11), from_hex("00 0002 1301"), from_hex(compression),
              vec(2, extensions)});
}

Bytes server_hello_body(const Bytes& extensions, const char* compression = "00") {
  return cat({from_hex("0303"), Bytes(32, 0x22), from_hex("00 1301"), from_hex(compression),
              vec(2, extensions)});
}

Bytes hello_retry_body(const Bytes& extensions) {
  return cat({from_hex("0303"), Bytes(kHelloRetryRandom, kHelloRetryRandom + 32),
              from_hex("00 1301 00"), vec(2, extensions)});
}

Err parse_ch(const Bytes& body) {
  ClientHello ch;
  return parse_client_hello(body, ch);
}
Err parse_sh(const Bytes& body) {
  ServerHello sh;
  return parse_server_hello(body, sh);
}
Err parse_ee(const Bytes& extensions) {
  EncryptedExtensions ee;
  return parse_encrypted_extensions(vec(2, extensions), ee);
}
Err parse_cr(const Bytes& extensions) {
  CertificateRequest cr;
  return parse_certificate_request(cat({from_hex("00"), vec(2, extensions)}), cr);
}
Err parse_nst(const Bytes& extensions) {
  return parse_new_session_ticket(
      cat({from_hex("00000e10 01020304 02 aabb 0003 746b74"), vec(2, extensions)}));
}

template <class Write>
Bytes written(Write&& write) {
  Bytes buf(1 << 17);
  Writer w{ByteSpan(buf)};
  write(w);
  EXPECT_TRUE(w.ok());
  buf.resize(w.size());
  return buf;
}

// Every proper prefix of body and body plus one byte: the lengths (of the prefix,
// or body.size() + 1) at which parse did not answer MK_ERR_DECODE.
// What a parser that fills a struct answers, with the struct thrown away.
template <class Msg>
std::function<Err(ByteView)> status_of(Err (*parse)(ByteView, Msg&)) {
  return [parse](ByteView b) {
    Msg m;
    return parse(b, m);
  };
}

std::vector<size_t> lengths_not_refused(ByteView body, const std::function<Err(ByteView)>& parse) {
  std::vector<size_t> accepted;
  for (size_t n = 0; n < body.size(); ++n)
    if (parse(body.first(n)) != MK_ERR_DECODE) accepted.push_back(n);
  Bytes longer(body.begin(), body.end());
  longer.push_back(0);
  if (parse(longer) != MK_ERR_DECODE) accepted.push_back(longer.size());
  return accepted;
}

std::string repeat_hex(const std::string& byte_hex, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += byte_hex;
  return out;
}

std::vector<uint16_t> values(const U16List& list) {
  std::vector<uint16_t> out;
  for (size_t i = 0; i < list.size(); ++i) out.push_back(list[i]);
  return out;
}

// ---- RFC 8448 messages ---------------------------------------------------------------------

class MessagesRfc8448 : public test::Rfc8448Test {
 protected:
  Bytes client_hello() const { return message(kSimple, "client", "ClientHello"); }
  Bytes server_msg(const char* name) const { return message(kSimple, "server", name); }
  // The body alone, as bytes of its own.
  Bytes server_body(const char* name) const {
    Bytes msg = server_msg(name);
    return Bytes(msg.begin() + kHandshakeHeaderLen, msg.end());
  }
};

TEST_F(MessagesRfc8448, ClientHelloFields) {
  Bytes msg = client_hello();
  ClientHello ch;
  ASSERT_EQ(parse_client_hello(body_of(msg), ch), MK_OK);
  EXPECT_EQ(ch.legacy_version, kTls12);
  EXPECT_EQ(to_hex(ch.random), to_hex(ByteView(msg).subspan(6, 32)));
  EXPECT_TRUE(ch.legacy_session_id.empty());
  EXPECT_EQ(values(ch.cipher_suites), (std::vector<uint16_t>{0x1301, 0x1303, 0x1302}));
  EXPECT_EQ(to_hex(ch.compression_methods), "00");
  EXPECT_TRUE(ch.has_server_name);
  EXPECT_EQ(as_chars(ch.server_name), "server");
  EXPECT_EQ(values(ch.supported_groups),
            (std::vector<uint16_t>{0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103,
                                   0x0104}));
  EXPECT_EQ(ch.signature_algorithms.size(), 15u);
  EXPECT_EQ(ch.signature_algorithms[0], 0x0403);
  EXPECT_EQ(values(ch.supported_versions), std::vector<uint16_t>{kTls13});
  ASSERT_EQ(ch.key_shares().size(), 1u);
  EXPECT_EQ(ch.key_shares()[0].group, 0x001d);
  EXPECT_EQ(to_hex(ch.key_shares()[0].key_exchange),
            to_hex(value(kSimple, "client", "create an ephemeral x25519", "public key")));
  EXPECT_TRUE(ch.has_psk_modes);
  EXPECT_EQ(ch.record_size_limit, 0x4001);
  EXPECT_FALSE(ch.has_psk);
  EXPECT_FALSE(ch.has_alpn);
  EXPECT_FALSE(ch.has_cookie);
  EXPECT_FALSE(ch.has_early_data);
  EXPECT_FALSE(ch.has_signature_algorithms_cert);
}

TEST_F(MessagesRfc8448, ClientHelloIgnoresItsUnknownExtensions) {
  // It carries renegotiation_info (0xff01) and session_ticket (35), which Meerkat
  // does not know; the parse above succeeding is the point, this names it.
  Bytes msg = client_hello();
  ClientHello ch;
  EXPECT_EQ(parse_client_hello(body_of(msg), ch), MK_OK);
}

TEST_F(MessagesRfc8448, ClientHelloTruncatedAnywhereOrExtendedIsADecodeError) {
  Bytes msg = client_hello();
  ByteView body = body_of(msg);
  // 45 bytes end exactly after legacy_compression_methods: a well-formed hello
  // without extensions, which the caller refuses for lacking supported_versions.
  EXPECT_EQ(lengths_not_refused(body, status_of(parse_client_hello)), std::vector<size_t>{45});
}

TEST_F(MessagesRfc8448, ClientHelloWithoutExtensionsParsesWithoutSupportedVersions) {
  Bytes msg = client_hello();
  ByteView body = body_of(msg);
  ClientHello ch;
  ASSERT_EQ(parse_client_hello(ByteView(body).first(45), ch), MK_OK);
  EXPECT_FALSE(ch.has_supported_versions);
}

TEST_F(MessagesRfc8448, ServerHelloFields) {
  Bytes msg = server_msg("ServerHello");
  ServerHello sh;
  ASSERT_EQ(parse_server_hello(body_of(msg), sh), MK_OK);
  EXPECT_FALSE(sh.is_hello_retry);
  EXPECT_EQ(sh.legacy_version, kTls12);
  EXPECT_EQ(to_hex(sh.random), to_hex(ByteView(msg).subspan(6, 32)));
  EXPECT_TRUE(sh.legacy_session_id_echo.empty());
  EXPECT_EQ(sh.cipher_suite, 0x1301);
  EXPECT_EQ(sh.compression_method, 0);
  EXPECT_TRUE(sh.has_supported_versions);
  EXPECT_EQ(sh.selected_version, kTls13);
  EXPECT_TRUE(sh.has_key_share);
  EXPECT_EQ(sh.key_share.group, 0x001d);
  EXPECT_EQ(to_hex(sh.key_share.key_exchange),
            to_hex(value(kSimple, "server", "create an ephemeral x25519", "public key")));
  EXPECT_FALSE(sh.has_cookie);
  EXPECT_FALSE(sh.has_psk);
}

TEST_F(MessagesRfc8448, ServerHelloTruncatedAnywhereOrExtendedIsADecodeError) {
  // 38 bytes end after legacy_compression_method: a TLS 1.2-style ServerHello.
  EXPECT_EQ(lengths_not_refused(server_body("ServerHello"), status_of(parse_server_hello)),
            std::vector<size_t>{38});
}

TEST_F(MessagesRfc8448, ServerHelloWriterReproducesTheRfcBytes) {
  Bytes msg = server_msg("ServerHello");
  ServerHello sh;
  ASSERT_EQ(parse_server_hello(body_of(msg), sh), MK_OK);
  ServerHelloParams p;
  p.random = sh.random;
  p.cipher_suite = 0x1301;
  p.key_share = sh.key_share;
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_server_hello(w, p); })), to_hex(msg));
}

TEST_F(MessagesRfc8448, HelloRetryRequestFields) {
  Bytes msg = message(kHelloRetry, "server", "ServerHello", 0);
  ServerHello hrr;
  ASSERT_EQ(parse_server_hello(body_of(msg), hrr), MK_OK);
  EXPECT_TRUE(hrr.is_hello_retry);
  EXPECT_EQ(hrr.selected_version, kTls13);
  EXPECT_TRUE(hrr.has_key_share);
  EXPECT_EQ(hrr.selected_group, 0x0017);
  EXPECT_TRUE(hrr.has_cookie);
  EXPECT_EQ(hrr.cookie.size(), 0x72u);
}

TEST_F(MessagesRfc8448, HelloRetryRequestWriterReproducesTheRfcBytes) {
  Bytes msg = message(kHelloRetry, "server", "ServerHello", 0);
  ServerHello hrr;
  ASSERT_EQ(parse_server_hello(body_of(msg), hrr), MK_OK);
  ServerHelloParams p;
  p.hello_retry = true;
  p.cipher_suite = 0x1301;
  p.selected_group = 0x0017;
  p.cookie = hrr.cookie;
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_server_hello(w, p); })), to_hex(msg));
}

TEST_F(MessagesRfc8448, HelloRetryRequestTruncatedAnywhereOrExtendedIsADecodeError) {
  Bytes msg = message(kHelloRetry, "server", "ServerHello", 0);
  // 38 bytes end after legacy_compression_method, as for any ServerHello.
  EXPECT_EQ(lengths_not_refused(body_of(msg), status_of(parse_server_hello)),
            std::vector<size_t>{38});
}

TEST_F(MessagesRfc8448, SecondClientHelloCarriesTheCookie) {
  Bytes hrr_msg = message(kHelloRetry, "server", "ServerHello", 0);
  ServerHello hrr;
  ASSERT_EQ(parse_server_hello(body_of(hrr_msg), hrr), MK_OK);
  Bytes ch2_msg = message(kHelloRetry, "client", "ClientHello", 1);
  ClientHello ch2;
  ASSERT_EQ(parse_client_hello(body_of(ch2_msg), ch2), MK_OK);
  EXPECT_TRUE(ch2.has_cookie);
  EXPECT_EQ(to_hex(ch2.cookie), to_hex(hrr.cookie));
  ASSERT_EQ(ch2.key_shares().size(), 1u);
  EXPECT_EQ(ch2.key_shares()[0].group, 0x0017);
}

TEST_F(MessagesRfc8448, EncryptedExtensionsFields) {
  // supported_groups (ignored), record_size_limit, and an empty server_name.
  Bytes body = server_body("EncryptedExtensions");
  EncryptedExtensions ee;
  ASSERT_EQ(parse_encrypted_extensions(body, ee), MK_OK);
  EXPECT_TRUE(ee.has_server_name);
  EXPECT_EQ(ee.record_size_limit, 0x4001);
  EXPECT_FALSE(ee.has_alpn);
  EXPECT_FALSE(ee.has_early_data);
}

TEST_F(MessagesRfc8448, EncryptedExtensionsTruncatedAnywhereOrExtendedIsADecodeError) {
  EXPECT_EQ(lengths_not_refused(server_body("EncryptedExtensions"),
                                status_of(parse_encrypted_extensions)),
            std::vector<size_t>{});
}

TEST_F(MessagesRfc8448, CertificateFields) {
  CertificateMsg cert;
  Bytes msg = server_msg("Certificate");
  ASSERT_EQ(parse_certificate(body_of(msg), cert), MK_OK);
  EXPECT_TRUE(cert.context.empty());
  ASSERT_EQ(cert.certs().size(), 1u);
  EXPECT_EQ(cert.certs()[0].size(), 0x1b0u);
  EXPECT_EQ(to_hex(cert.certs()[0].first(4)), "308201ac");  // a DER SEQUENCE of 0x1ac bytes
}

TEST_F(MessagesRfc8448, CertificateTruncatedAnywhereOrExtendedIsADecodeError) {
  EXPECT_EQ(lengths_not_refused(server_body("Certificate"), status_of(parse_certificate)),
            std::vector<size_t>{});
}

TEST_F(MessagesRfc8448, CertificateWriterReproducesTheRfcBytes) {
  Bytes msg = server_msg("Certificate");
  CertificateMsg cert;
  ASSERT_EQ(parse_certificate(body_of(msg), cert), MK_OK);
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_certificate(w, ByteView(), cert.certs()); })),
            to_hex(msg));
}

TEST_F(MessagesRfc8448, CertificateVerifyFields) {
  Bytes body = server_body("CertificateVerify");
  CertificateVerify cv;
  ASSERT_EQ(parse_certificate_verify(body, cv), MK_OK);
  EXPECT_EQ(cv.scheme, 0x0804);  // rsa_pss_rsae_sha256
  EXPECT_EQ(cv.signature.size(), 128u);
}

TEST_F(MessagesRfc8448, CertificateVerifyTruncatedAnywhereOrExtendedIsADecodeError) {
  EXPECT_EQ(
      lengths_not_refused(server_body("CertificateVerify"), status_of(parse_certificate_verify)),
      std::vector<size_t>{});
}

TEST_F(MessagesRfc8448, CertificateVerifyWriterReproducesTheRfcBytes) {
  Bytes msg = server_msg("CertificateVerify");
  CertificateVerify cv;
  ASSERT_EQ(parse_certificate_verify(body_of(msg), cv), MK_OK);
  EXPECT_EQ(
      to_hex(written([&](Writer& w) { write_certificate_verify(w, cv.scheme, cv.signature); })),
      to_hex(msg));
}

TEST_F(MessagesRfc8448, FinishedCarriesTheVerifyData) {
  ByteView verify_data;
  Bytes msg = server_msg("Finished");
  ASSERT_EQ(parse_finished(body_of(msg), 32, verify_data), MK_OK);
  EXPECT_EQ(to_hex(verify_data),
            to_hex(value(kSimple, "server", "calculate finished", "finished")));
}

TEST_F(MessagesRfc8448, FinishedOfAnyOtherLengthIsADecodeError) {
  EXPECT_EQ(lengths_not_refused(server_body("Finished"),
                                [](ByteView b) {
                                  ByteView verify_data;
                                  return parse_finished(b, 32, verify_data);
                                }),
            std::vector<size_t>{});
}

TEST_F(MessagesRfc8448, FinishedWriterReproducesTheRfcBytes) {
  Bytes msg = server_msg("Finished");
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_finished(w, ByteView(msg).subspan(4)); })),
            to_hex(msg));
}

TEST_F(MessagesRfc8448, NewSessionTicketIsWellFormed) {
  EXPECT_EQ(parse_new_session_ticket(server_body("NewSessionTicket")), MK_OK);
}

TEST_F(MessagesRfc8448, NewSessionTicketTruncatedAnywhereOrExtendedIsADecodeError) {
  EXPECT_EQ(lengths_not_refused(server_body("NewSessionTicket"), parse_new_session_ticket),
            std::vector<size_t>{});
}

// ---- ClientHello rules ---------------------------------------------------------------------

TEST(ClientHelloRules, MinimalTls13HelloParses) {
  ClientHello ch;
  ASSERT_EQ(parse_client_hello(client_hello_body(cat({versions13(), x25519_share()})), ch), MK_OK);
  EXPECT_TRUE(ch.has_supported_versions);
  EXPECT_TRUE(ch.has_key_share);
}

TEST(ClientHelloRules, DuplicateExtensionIsIllegal) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), versions13()}))),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, DuplicateUnknownExtensionIsIllegalToo) {
  Bytes grease = ext(0x0a0a, "");
  EXPECT_EQ(parse_ch(client_hello_body(cat({grease, versions13(), grease}))),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, UnknownExtensionIsIgnored) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({ext(0x0a0a, "0102"), versions13()}))), MK_OK);
}

TEST(ClientHelloRules, ExtensionOnlyForCertificateRequestIsUnsupported) {
  Bytes oid_filters = ext(48, "0000");
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), oid_filters}))),
            MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(ClientHelloRules, KeyShareGroupsMustNotRepeat) {
  Bytes entry = cat({u16(0x001d), vec(2, Bytes(32, 9))});
  Bytes shares = ext(kExtKeyShare, vec(2, cat({entry, entry})));
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), shares}))), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, MoreKeySharesThanKeptIsIllegal) {
  Bytes entries;
  for (uint16_t g = 1; g <= ClientHello::kMaxShares + 1; ++g) {
    Bytes entry = cat({u16(g), vec(2, Bytes(4, 9))});
    entries.insert(entries.end(), entry.begin(), entry.end());
  }
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtKeyShare, vec(2, entries))}))),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, EmptyKeyShareListAsksForARetry) {
  ClientHello ch;
  ASSERT_EQ(
      parse_client_hello(client_hello_body(cat({versions13(), ext(kExtKeyShare, "0000")})), ch),
      MK_OK);
  EXPECT_TRUE(ch.has_key_share);
  EXPECT_TRUE(ch.key_shares().empty());
}

TEST(ClientHelloRules, EmptyKeyExchangeIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtKeyShare, "0004 001d 0000")}))),
            MK_ERR_DECODE);
}

TEST(ClientHelloRules, KeyShareEntryLongerThanItsListIsADecodeError) {
  // The list says 36 bytes, the entry inside claims a 33-byte key.
  Bytes share = ext(kExtKeyShare, cat({u16(0x0024), u16(0x001d), u16(33), Bytes(32, 9)}));
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), share}))), MK_ERR_DECODE);
}

TEST(ClientHelloRules, ExtensionBodyWithBytesLeftOverIsADecodeError) {
  Bytes versions = ext(kExtSupportedVersions, "02 0304 00");
  EXPECT_EQ(parse_ch(client_hello_body(versions)), MK_ERR_DECODE);
}

TEST(ClientHelloRules, ExtensionLengthPastTheBlockIsADecodeError) {
  Bytes block = cat({versions13(), from_hex("000a 0010 0002 001d")});  // claims 16 bytes, has 4
  EXPECT_EQ(parse_ch(client_hello_body(block)), MK_ERR_DECODE);
}

TEST(ClientHelloRules, OddLengthGroupListIsADecodeError) {
  EXPECT_EQ(
      parse_ch(client_hello_body(cat({versions13(), ext(kExtSupportedGroups, "0003 001d 00")}))),
      MK_ERR_DECODE);
}

TEST(ClientHelloRules, EmptySignatureAlgorithmListIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtSignatureAlgorithms, "0000")}))),
            MK_ERR_DECODE);
}

TEST(ClientHelloRules, SessionIdLongerThan32IsADecodeError) {
  Bytes body = cat({from_hex("0303"), Bytes(32, 0x11), vec(1, Bytes(33, 1)),
                    from_hex("0002 1301 0100"), vec(2, versions13())});
  EXPECT_EQ(parse_ch(body), MK_ERR_DECODE);
}

TEST(ClientHelloRules, EmptyCipherSuiteListIsADecodeError) {
  Bytes body =
      cat({from_hex("0303"), Bytes(32, 0x11), from_hex("00 0000 0100"), vec(2, versions13())});
  EXPECT_EQ(parse_ch(body), MK_ERR_DECODE);
}

TEST(ClientHelloRules, EmptyCompressionListIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(versions13(), "00")), MK_ERR_DECODE);
}

TEST(ClientHelloRules, Tls13HelloOfferingCompressionIsIllegal) {
  EXPECT_EQ(parse_ch(client_hello_body(versions13(), "02 0100")), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, OlderHelloOfferingCompressionKeepsTheRawList) {
  Bytes body = client_hello_body(ext(kExtSupportedVersions, "02 0303"), "02 0100");
  ClientHello ch;
  ASSERT_EQ(parse_client_hello(body, ch), MK_OK);
  EXPECT_EQ(to_hex(ch.compression_methods), "0100");
}

TEST(ClientHelloRules, ServerNameOfAnotherTypeIsIllegal) {
  Bytes sni = ext(kExtServerName, "0004 01 0001 61");
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), sni}))), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, EmptyServerNameIsADecodeError) {
  Bytes sni = ext(kExtServerName, "0003 00 0000");
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), sni}))), MK_ERR_DECODE);
}

TEST(ClientHelloRules, EmptyServerNameListIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtServerName, "0000")}))),
            MK_ERR_DECODE);
}

TEST(ClientHelloRules, TwoHostNamesAreIllegal) {
  Bytes sni = ext(kExtServerName, "0008 00 0001 61 00 0001 62");
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), sni}))), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, PreSharedKeyMustBeTheLastExtension) {
  // identities: one 1-byte identity and its age; binders: one 32-byte binder.
  Bytes psk =
      ext(kExtPreSharedKey, cat({from_hex("0007 0001 aa 00000000"), vec(2, vec(1, Bytes(32, 5)))}));
  ClientHello ch;
  ASSERT_EQ(parse_client_hello(client_hello_body(cat({versions13(), psk})), ch), MK_OK);
  EXPECT_TRUE(ch.has_psk);
  EXPECT_EQ(parse_ch(client_hello_body(cat({psk, versions13()}))), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ClientHelloRules, PreSharedKeyBinderShorterThan32IsADecodeError) {
  Bytes psk =
      ext(kExtPreSharedKey, cat({from_hex("0007 0001 aa 00000000"), vec(2, vec(1, Bytes(31, 5)))}));
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), psk}))), MK_ERR_DECODE);
}

TEST(ClientHelloRules, RecordSizeLimitBelow64IsIllegal) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtRecordSizeLimit, "003f")}))),
            MK_ERR_ILLEGAL_PARAMETER);
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtRecordSizeLimit, "0040")}))),
            MK_OK);
}

TEST(ClientHelloRules, AlpnWithAnEmptyNameIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtAlpn, "0004 02 6832 00")}))),
            MK_ERR_DECODE);
}

TEST(ClientHelloRules, EmptyCookieIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtCookie, "0000")}))),
            MK_ERR_DECODE);
}

TEST(ClientHelloRules, EarlyDataWithABodyIsADecodeError) {
  EXPECT_EQ(parse_ch(client_hello_body(cat({versions13(), ext(kExtEarlyData, "00")}))),
            MK_ERR_DECODE);
}

// ---- ClientHello writer --------------------------------------------------------------------

TEST(ClientHelloWriter, MinimalHelloHasExactlyTheseBytes) {
  const uint16_t suites[] = {0x1301};
  const uint16_t groups[] = {0x001d};
  const uint16_t schemes[] = {0x0804};
  Bytes random(32, 0x01), key = from_hex("aabbccdd");
  const KeyShareEntry shares[] = {{0x001d, key}};
  ClientHelloParams p;
  p.random = random;
  p.cipher_suites = suites;
  p.groups = groups;
  p.signature_algorithms = schemes;
  p.key_shares = shares;
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_client_hello(w, p); })),
            "01000050"
            "0303" +
                repeat_hex("01", 32) +
                "00"                            // legacy_session_id
                "00021301"                      // cipher_suites
                "0100"                          // legacy_compression_methods
                "0025"                          // extensions
                "002b0003020304"                // supported_versions
                "000a00040002001d"              // supported_groups
                "0033000a0008001d0004aabbccdd"  // key_share
                "000d000400020804");            // signature_algorithms
}

TEST(ClientHelloWriter, EveryFieldRoundTrips) {
  const uint16_t suites[] = {0x1301, 0x1303};
  const uint16_t groups[] = {0x001d, 0x0017};
  const uint16_t schemes[] = {0x0403, 0x0804};
  Bytes random(32, 0x5a), session_id(32, 0x33), key(32, 0x44), cookie = from_hex("c00c1e");
  Bytes alpn = from_hex("02 6832 08 687474702f312e31");  // h2, http/1.1
  const KeyShareEntry shares[] = {{0x001d, key}};
  ClientHelloParams p;
  p.random = random;
  p.session_id = session_id;
  p.cipher_suites = suites;
  p.server_name = as_bytes("example.com");
  p.groups = groups;
  p.signature_algorithms = schemes;
  p.key_shares = shares;
  p.alpn = alpn;
  p.cookie = cookie;
  p.record_size_limit = 16385;
  Bytes msg = written([&](Writer& w) { write_client_hello(w, p); });
  ASSERT_EQ(msg[0], kClientHello);

  ClientHello ch;
  ASSERT_EQ(parse_client_hello(body_of(msg), ch), MK_OK);
  EXPECT_EQ(to_hex(ch.random), to_hex(random));
  EXPECT_EQ(to_hex(ch.legacy_session_id), to_hex(session_id));
  EXPECT_EQ(values(ch.cipher_suites), (std::vector<uint16_t>{0x1301, 0x1303}));
  EXPECT_EQ(to_hex(ch.compression_methods), "00");
  EXPECT_EQ(as_chars(ch.server_name), "example.com");
  EXPECT_EQ(values(ch.supported_versions), std::vector<uint16_t>{kTls13});
  EXPECT_EQ(values(ch.supported_groups), (std::vector<uint16_t>{0x001d, 0x0017}));
  EXPECT_EQ(values(ch.signature_algorithms), (std::vector<uint16_t>{0x0403, 0x0804}));
  ASSERT_EQ(ch.key_shares().size(), 1u);
  EXPECT_EQ(to_hex(ch.key_shares()[0].key_exchange), to_hex(key));
  EXPECT_EQ(to_hex(ch.alpn), to_hex(alpn));
  EXPECT_EQ(to_hex(ch.cookie), "c00c1e");
  EXPECT_EQ(ch.record_size_limit, 16385);
}

TEST(ClientHelloWriter, OptionalExtensionsAreLeftOutWhenNotGiven) {
  const uint16_t suites[] = {0x1301};
  const uint16_t groups[] = {0x001d};
  const uint16_t schemes[] = {0x0804};
  Bytes random(32, 0x01);
  ClientHelloParams p;
  p.random = random;
  p.cipher_suites = suites;
  p.groups = groups;
  p.signature_algorithms = schemes;
  Bytes msg = written([&](Writer& w) { write_client_hello(w, p); });
  ClientHello ch;
  ASSERT_EQ(parse_client_hello(body_of(msg), ch), MK_OK);
  EXPECT_FALSE(ch.has_server_name);
  EXPECT_FALSE(ch.has_alpn);
  EXPECT_FALSE(ch.has_cookie);
  EXPECT_EQ(ch.record_size_limit, 0);
  EXPECT_FALSE(ch.has_psk_modes);
}

// ---- ServerHello rules ----------------------------------------------------------------------

Bytes sh_versions() {
  return ext(kExtSupportedVersions, "0304");
}
Bytes sh_share() {
  return ext(kExtKeyShare, cat({u16(0x001d), vec(2, Bytes(32, 7))}));
}

TEST(ServerHelloRules, DuplicateExtensionIsIllegal) {
  EXPECT_EQ(parse_sh(server_hello_body(cat({sh_versions(), sh_share(), sh_share()}))),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ServerHelloRules, ExtensionNotAllowedInServerHelloIsUnsupported) {
  EXPECT_EQ(parse_sh(server_hello_body(cat({sh_versions(), ext(kExtServerName, "")}))),
            MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(ServerHelloRules, UnknownExtensionIsUnsupported) {
  EXPECT_EQ(parse_sh(server_hello_body(cat({sh_versions(), ext(0x0a0a, "")}))),
            MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(ServerHelloRules, CookieBelongsOnlyToHelloRetryRequest) {
  EXPECT_EQ(
      parse_sh(server_hello_body(cat({sh_versions(), sh_share(), ext(kExtCookie, "0001 aa")}))),
      MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(ServerHelloRules, SelectedVersionOtherThanTls13IsIllegal) {
  EXPECT_EQ(parse_sh(server_hello_body(cat({ext(kExtSupportedVersions, "0303"), sh_share()}))),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ServerHelloRules, WithoutSupportedVersionsOnlyTheLegacyFieldsAreRead) {
  // A TLS 1.2 ServerHello with a TLS 1.2 extension (renegotiation_info): the
  // caller answers protocol_version, so this is no place to refuse the extension.
  ServerHello sh;
  ASSERT_EQ(parse_server_hello(server_hello_body(ext(0xff01, "00")), sh), MK_OK);
  EXPECT_FALSE(sh.has_supported_versions);
  EXPECT_EQ(sh.cipher_suite, 0x1301);
}

TEST(ServerHelloRules, NonZeroCompressionIsIllegalInTls13) {
  EXPECT_EQ(parse_sh(server_hello_body(cat({sh_versions(), sh_share()}), "01")),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(ServerHelloRules, PreSharedKeyIsReportedForTheCallerToRefuse) {
  ServerHello sh;
  ASSERT_EQ(
      parse_server_hello(
          server_hello_body(cat({sh_versions(), sh_share(), ext(kExtPreSharedKey, "0000")})), sh),
      MK_OK);
  EXPECT_TRUE(sh.has_psk);
}

TEST(ServerHelloRules, KeyShareWithTrailingBytesIsADecodeError) {
  Bytes share = ext(kExtKeyShare, cat({u16(0x001d), vec(2, Bytes(32, 7)), from_hex("00")}));
  EXPECT_EQ(parse_sh(server_hello_body(cat({sh_versions(), share}))), MK_ERR_DECODE);
}

TEST(HelloRetryRequestRules, KeyShareHoldsOnlyTheSelectedGroup) {
  ServerHello hrr;
  ASSERT_EQ(
      parse_server_hello(hello_retry_body(cat({sh_versions(), ext(kExtKeyShare, "0018")})), hrr),
      MK_OK);
  EXPECT_TRUE(hrr.is_hello_retry);
  EXPECT_EQ(hrr.selected_group, 0x0018);
  EXPECT_EQ(parse_sh(hello_retry_body(cat({sh_versions(), sh_share()}))), MK_ERR_DECODE);
}

TEST(HelloRetryRequestRules, PreSharedKeyIsUnsupported) {
  EXPECT_EQ(parse_sh(hello_retry_body(cat({sh_versions(), ext(kExtPreSharedKey, "0000")}))),
            MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(HelloRetryRequestRules, EmptyCookieIsADecodeError) {
  EXPECT_EQ(parse_sh(hello_retry_body(cat({sh_versions(), ext(kExtCookie, "0000")}))),
            MK_ERR_DECODE);
}

// ---- EncryptedExtensions -------------------------------------------------------------------

TEST(EncryptedExtensionsRules, DuplicateExtensionIsIllegal) {
  EXPECT_EQ(parse_ee(cat({ext(kExtServerName, ""), ext(kExtServerName, "")})),
            MK_ERR_ILLEGAL_PARAMETER);
}

TEST(EncryptedExtensionsRules, KeyShareIsNotAllowed) {
  EXPECT_EQ(parse_ee(ext(kExtKeyShare, cat({u16(0x001d), vec(2, Bytes(32, 7))}))),
            MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(EncryptedExtensionsRules, UnknownExtensionIsUnsupported) {
  EXPECT_EQ(parse_ee(ext(0x0a0a, "")), MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(EncryptedExtensionsRules, AnswerToAnExtensionMeerkatNeverOffersIsUnsupported) {
  EXPECT_EQ(parse_ee(ext(kExtMaxFragmentLength, "01")), MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(EncryptedExtensionsRules, AlpnNamesExactlyOneProtocol) {
  Bytes body = vec(2, ext(kExtAlpn, "0003 02 6832"));
  EncryptedExtensions ee;
  ASSERT_EQ(parse_encrypted_extensions(body, ee), MK_OK);
  EXPECT_EQ(as_chars(ee.alpn_protocol), "h2");
  EXPECT_EQ(parse_ee(ext(kExtAlpn, "0006 02 6832 02 6833")), MK_ERR_ILLEGAL_PARAMETER);
  EXPECT_EQ(parse_ee(ext(kExtAlpn, "0000")), MK_ERR_DECODE);
}

TEST(EncryptedExtensionsRules, ServerNameAcknowledgementIsEmpty) {
  EXPECT_EQ(parse_ee(ext(kExtServerName, "00")), MK_ERR_DECODE);
}

TEST(EncryptedExtensionsRules, EarlyDataIsReportedForTheCallerToRefuse) {
  EncryptedExtensions ee;
  ASSERT_EQ(parse_encrypted_extensions(vec(2, ext(kExtEarlyData, "")), ee), MK_OK);
  EXPECT_TRUE(ee.has_early_data);
}

TEST(EncryptedExtensionsRules, RecordSizeLimitBelow64IsIllegal) {
  EXPECT_EQ(parse_ee(ext(kExtRecordSizeLimit, "0010")), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(EncryptedExtensionsWriter, WritesExactlyTheGivenExtensions) {
  EncryptedExtensionsParams p;
  p.ack_server_name = true;
  p.alpn_protocol = as_bytes("h2");
  p.record_size_limit = 0x4001;
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_encrypted_extensions(w, p); })),
            "08000015"
            "0013"
            "00000000"
            "001000050003026832"
            "001c00024001");
}

TEST(EncryptedExtensionsWriter, EveryFieldRoundTrips) {
  EncryptedExtensionsParams p;
  p.ack_server_name = true;
  p.alpn_protocol = as_bytes("http/1.1");
  p.record_size_limit = 1024;
  Bytes msg = written([&](Writer& w) { write_encrypted_extensions(w, p); });
  EncryptedExtensions ee;
  ASSERT_EQ(parse_encrypted_extensions(body_of(msg), ee), MK_OK);
  EXPECT_TRUE(ee.has_server_name);
  EXPECT_TRUE(ee.has_alpn);
  EXPECT_EQ(as_chars(ee.alpn_protocol), "http/1.1");
  EXPECT_EQ(ee.record_size_limit, 1024);
  EXPECT_FALSE(ee.has_early_data);
}

TEST(EncryptedExtensionsWriter, NothingToSayIsAnEmptyBlock) {
  EXPECT_EQ(to_hex(written([&](Writer& w) { write_encrypted_extensions(w, {}); })), "080000020000");
}

// ---- CertificateRequest ---------------------------------------------------------------------

TEST(CertificateRequestRules, WriterRoundTrips) {
  const uint16_t schemes[] = {0x0804, 0x0403};
  Bytes msg = written([&](Writer& w) { write_certificate_request(w, ByteView(), schemes); });
  EXPECT_EQ(to_hex(msg),
            "0d00000d"
            "00"
            "000a"
            "000d000600040804"
            "0403");
  CertificateRequest cr;
  ASSERT_EQ(parse_certificate_request(body_of(msg), cr), MK_OK);
  EXPECT_TRUE(cr.context.empty());
  EXPECT_EQ(values(cr.signature_algorithms), (std::vector<uint16_t>{0x0804, 0x0403}));
}

TEST(CertificateRequestRules, ContextIsKeptForTheCallerToCheck) {
  CertificateRequest cr;
  Bytes body = cat({from_hex("02 abcd"), vec(2, ext(kExtSignatureAlgorithms, "0002 0804"))});
  ASSERT_EQ(parse_certificate_request(body, cr), MK_OK);
  EXPECT_EQ(to_hex(cr.context), "abcd");
}

TEST(CertificateRequestRules, SignatureAlgorithmsAreRequired) {
  EXPECT_EQ(parse_cr(ext(kExtCertificateAuthorities, "0000")), MK_ERR_MISSING_EXTENSION);
}

TEST(CertificateRequestRules, UnknownExtensionIsIgnored) {
  EXPECT_EQ(parse_cr(cat({ext(0x0a0a, "00"), ext(kExtSignatureAlgorithms, "0002 0804")})), MK_OK);
}

TEST(CertificateRequestRules, KeyShareIsNotAllowed) {
  EXPECT_EQ(parse_cr(cat({ext(kExtSignatureAlgorithms, "0002 0804"), ext(kExtKeyShare, "0000")})),
            MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(CertificateRequestRules, DuplicateExtensionIsIllegal) {
  Bytes sigalgs = ext(kExtSignatureAlgorithms, "0002 0804");
  EXPECT_EQ(parse_cr(cat({sigalgs, sigalgs})), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(CertificateRequestRules, TruncatedAnywhereOrExtendedIsADecodeError) {
  const uint16_t schemes[] = {0x0804};
  Bytes msg = written([&](Writer& w) { write_certificate_request(w, from_hex("0102"), schemes); });
  EXPECT_EQ(lengths_not_refused(body_of(msg), status_of(parse_certificate_request)),
            std::vector<size_t>{});
}

// ---- Certificate ------------------------------------------------------------------------------

Bytes certificate_body(size_t count, const Bytes& entry_extensions = {}) {
  Bytes entries;
  for (size_t i = 0; i < count; ++i) {
    Bytes entry = cat({vec(3, Bytes(3, static_cast<uint8_t>(i + 1))), vec(2, entry_extensions)});
    entries.insert(entries.end(), entry.begin(), entry.end());
  }
  return cat({from_hex("00"), vec(3, entries)});
}

TEST(CertificateRules, TenCertificatesAreAccepted) {
  Bytes body = certificate_body(kMaxChainCerts);
  CertificateMsg cert;
  ASSERT_EQ(parse_certificate(body, cert), MK_OK);
  EXPECT_EQ(cert.certs().size(), kMaxChainCerts);
  EXPECT_EQ(to_hex(cert.certs()[9]), "0a0a0a");
}

TEST(CertificateRules, ElevenCertificatesAreTooLongAChain) {
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate(certificate_body(kMaxChainCerts + 1), cert),
            MK_ERR_CERT_CHAIN_TOO_LONG);
}

// Certificates of the given sizes, as a TLS 1.3 Certificate body (no entry
// extensions) or a TLS 1.2 one.
Bytes certificates_of_sizes(std::initializer_list<size_t> sizes, bool tls12) {
  Bytes entries;
  for (size_t size : sizes) {
    Bytes entry = vec(3, Bytes(size, 0x30));
    if (!tls12) entry = cat({entry, vec(2, {})});
    entries.insert(entries.end(), entry.begin(), entry.end());
  }
  return tls12 ? vec(3, entries) : cat({from_hex("00"), vec(3, entries)});
}

TEST(CertificateRules, CertificatesOfExactlyTheByteLimitAreAccepted) {
  CertificateMsg cert;
  ASSERT_EQ(parse_certificate(certificates_of_sizes({16384, 16384}, false), cert), MK_OK);
  EXPECT_EQ(cert.certs().size(), 2u);
  ASSERT_EQ(parse_certificate12(certificates_of_sizes({16384, 16384}, true), cert), MK_OK);
  EXPECT_EQ(cert.certs().size(), 2u);
}

TEST(CertificateRules, OneByteOverTheChainByteLimitIsTooLongAChain) {
  static_assert(kMaxChainBytes == 32768);
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate(certificates_of_sizes({16384, 16385}, false), cert),
            MK_ERR_CERT_CHAIN_TOO_LONG);
  EXPECT_EQ(parse_certificate12(certificates_of_sizes({16384, 16385}, true), cert),
            MK_ERR_CERT_CHAIN_TOO_LONG);
}

TEST(CertificateRules, ElevenCertificatesAreTooLongAChainInTls12Too) {
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate12(certificates_of_sizes({3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, true), cert),
            MK_OK);
  EXPECT_EQ(
      parse_certificate12(certificates_of_sizes({3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, true), cert),
      MK_ERR_CERT_CHAIN_TOO_LONG);
}

TEST(CertificateRules, EmptyListParsesForTheCallerToJudge) {
  CertificateMsg cert;
  ASSERT_EQ(parse_certificate(from_hex("00 000000"), cert), MK_OK);
  EXPECT_TRUE(cert.certs().empty());
}

TEST(CertificateRules, EmptyCertificateDataIsADecodeError) {
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate(from_hex("00 000005 000000 0000"), cert), MK_ERR_DECODE);
}

TEST(CertificateRules, EntryExtensionsAreSkippedOnceFramed) {
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate(certificate_body(1, ext(kExtStatusRequest, "0102")), cert), MK_OK);
}

TEST(CertificateRules, EntryExtensionRunningPastItsBlockIsADecodeError) {
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate(certificate_body(1, from_hex("0005 0009 01")), cert), MK_ERR_DECODE);
}

TEST(CertificateRules, DuplicateEntryExtensionIsIllegal) {
  Bytes status = ext(kExtStatusRequest, "");
  CertificateMsg cert;
  EXPECT_EQ(parse_certificate(certificate_body(1, cat({status, status})), cert),
            MK_ERR_ILLEGAL_PARAMETER);
}

// ---- CertificateVerify ------------------------------------------------------------------------

TEST(CertificateVerifyContent, ServerContentMatchesRfc8446Example) {
  // RFC 8446 4.4.3: 64 spaces, the context string, a zero byte, the hash.
  Bytes hash(32, 0x01);
  uint8_t out[64 + 34 + 64];
  size_t n = certificate_verify_content(true, hash, out);
  EXPECT_EQ(to_hex(ByteView(out, n)),
            repeat_hex("20", 64) +
                "544c5320312e332c20736572766572204365727469666963617465566572696679"  // context
                "00" +
                repeat_hex("01", 32));
}

TEST(CertificateVerifyContent, ClientUsesItsOwnContextString) {
  Bytes hash(32, 0x01);
  uint8_t out[64 + 34 + 64];
  size_t n = certificate_verify_content(false, hash, out);
  ASSERT_EQ(n, 64u + 33u + 1u + 32u);
  EXPECT_EQ(as_chars(ByteView(out, n).subspan(64, 33)), "TLS 1.3, client CertificateVerify");
}

TEST(CertificateVerifyContent, ShortOutputYieldsNothing) {
  Bytes hash(48, 0x01);
  uint8_t out[64 + 34 + 32];
  EXPECT_EQ(certificate_verify_content(true, hash, out), 0u);
}

// ---- KeyUpdate, NewSessionTicket ----------------------------------------------------------------

TEST(KeyUpdateRules, WriterAndParserAgree) {
  for (bool request : {false, true}) {
    Bytes msg = written([&](Writer& w) { write_key_update(w, request); });
    EXPECT_EQ(to_hex(msg), request ? "1800000101" : "1800000100");
    bool parsed = !request;
    ASSERT_EQ(parse_key_update(body_of(msg), parsed), MK_OK);
    EXPECT_EQ(parsed, request);
  }
}

TEST(KeyUpdateRules, RequestOtherThanZeroOrOneIsIllegal) {
  bool request;
  EXPECT_EQ(parse_key_update(from_hex("02"), request), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(KeyUpdateRules, BodyOtherThanOneByteIsADecodeError) {
  bool request;
  EXPECT_EQ(parse_key_update(ByteView(), request), MK_ERR_DECODE);
  EXPECT_EQ(parse_key_update(from_hex("0100"), request), MK_ERR_DECODE);
}

TEST(NewSessionTicketRules, UnknownExtensionIsIgnored) {
  EXPECT_EQ(parse_nst(ext(0x0a0a, "01")), MK_OK);
}

TEST(NewSessionTicketRules, EarlyDataCarriesAFourByteLimit) {
  EXPECT_EQ(parse_nst(ext(kExtEarlyData, "00000400")), MK_OK);
  EXPECT_EQ(parse_nst(ext(kExtEarlyData, "0400")), MK_ERR_DECODE);
}

TEST(NewSessionTicketRules, KeyShareIsNotAllowed) {
  EXPECT_EQ(parse_nst(ext(kExtKeyShare, "0000")), MK_ERR_UNSUPPORTED_EXTENSION);
}

TEST(NewSessionTicketRules, DuplicateExtensionIsIllegal) {
  Bytes early = ext(kExtEarlyData, "00000400");
  EXPECT_EQ(parse_nst(cat({early, early})), MK_ERR_ILLEGAL_PARAMETER);
}

TEST(NewSessionTicketRules, EmptyTicketIsADecodeError) {
  EXPECT_EQ(parse_new_session_ticket(from_hex("00000e10 01020304 00 0000 0000")), MK_ERR_DECODE);
}

// ---- shared pieces ------------------------------------------------------------------------------

TEST(U16ListTest, ContainsReadsBigEndianPairs) {
  Bytes raw = from_hex("1301 0304");
  U16List list{raw};
  EXPECT_TRUE(list.contains(0x0304));
  EXPECT_FALSE(list.contains(0x0413));  // straddles the two entries
}

TEST(HelloRetryRandom, IsSha256OfHelloRetryRequest) {
  uint8_t digest[32];
  crypto::digest(crypto::sha256(), as_bytes("HelloRetryRequest"), digest);
  EXPECT_EQ(to_hex(digest), to_hex(ByteView(kHelloRetryRandom)));
}

TEST(DowngradeSentinels, SpellDowngrdThenTheVersionByte) {
  EXPECT_EQ(to_hex(ByteView(kDowngradeTls12)), "444f574e47524401");
  EXPECT_EQ(to_hex(ByteView(kDowngradeTls11)), "444f574e47524400");
}

}  // namespace
}  // namespace mk::tls
