// PEM blocks and certificate bundles: what is read, what is refused, and the
// sentence that names the block at fault.
#include <gtest/gtest.h>

#include <string>

#include "x509/pem.h"
#include "x509/x509.h"
#include "x509_files.h"

namespace mk::x509 {
namespace {

std::string decode(const std::string& text, Err* err = nullptr, std::string* problem = nullptr) {
  PemReader reader(as_bytes(text));
  PemBlock block;
  if (!reader.next(block)) {
    if (err) *err = reader.error();
    if (problem) *problem = reader.problem();
    return "";
  }
  Buffer out;
  const char* why = "";
  Err e = pem_decode(block, out, &why);
  if (err) *err = e;
  if (problem) *problem = why;
  return std::string(as_chars(out.view()));
}

TEST(X509Pem, BlockIsDecoded) {
  EXPECT_EQ(decode("-----BEGIN X-----\naGVsbG8=\n-----END X-----\n"), "hello");
}

TEST(X509Pem, LabelAndIndexAreReported) {
  std::string text =
      "-----BEGIN A-----\nYQ==\n-----END A-----\n-----BEGIN B C-----\nYg==\n-----END B C-----\n";
  PemReader reader(as_bytes(text));
  PemBlock block;
  ASSERT_TRUE(reader.next(block));
  EXPECT_EQ(block.label, "A");
  EXPECT_EQ(block.index, 1u);
  ASSERT_TRUE(reader.next(block));
  EXPECT_EQ(block.label, "B C");
  EXPECT_EQ(block.index, 2u);
  EXPECT_FALSE(reader.next(block));
  EXPECT_EQ(reader.error(), MK_OK);
}

TEST(X509Pem, CrlfLineEndsAndWrappedLinesAreRead) {
  EXPECT_EQ(decode("-----BEGIN X-----\r\naGVs\r\nbG8=\r\n-----END X-----\r\n"), "hello");
}

TEST(X509Pem, TextBetweenBlocksIsIgnored) {
  std::string text =
      "# a comment\n\nsubject=CN=x\n-----BEGIN X-----\naGVsbG8=\n-----END X-----\ntrailing words\n";
  EXPECT_EQ(decode(text), "hello");
}

TEST(X509Pem, MissingEndLineIsRefused) {
  Err e;
  std::string why;
  decode("-----BEGIN X-----\naGVsbG8=\n", &e, &why);
  EXPECT_EQ(e, MK_ERR_PEM_INVALID);
  EXPECT_EQ(why, "no END line (the data may be truncated)");
}

TEST(X509Pem, MismatchedEndLineIsRefused) {
  Err e;
  std::string why;
  decode("-----BEGIN X-----\naGVsbG8=\n-----END Y-----\n", &e, &why);
  EXPECT_EQ(e, MK_ERR_PEM_INVALID);
  EXPECT_EQ(why, "END line does not match the BEGIN line");
}

TEST(X509Pem, NestedBeginIsRefused) {
  Err e;
  std::string why;
  decode("-----BEGIN X-----\naGVs\n-----BEGIN X-----\nbG8=\n-----END X-----\n", &e, &why);
  EXPECT_EQ(e, MK_ERR_PEM_INVALID);
  EXPECT_EQ(why, "a new BEGIN line comes before this block's END line");
}

TEST(X509Pem, NonBase64CharactersAreRefused) {
  Err e;
  std::string why;
  decode("-----BEGIN X-----\naGVs*bG8=\n-----END X-----\n", &e, &why);
  EXPECT_EQ(e, MK_ERR_PEM_INVALID);
  EXPECT_EQ(why, "a character that is not base64");
}

TEST(X509Pem, TruncatedOrNonCanonicalBase64IsRefused) {
  for (const char* body : {"aGVsbG8", "aGVsbG9=", "aGVsbG8==", "aGVs=bG8"}) {
    Err e;
    decode(std::string("-----BEGIN X-----\n") + body + "\n-----END X-----\n", &e);
    EXPECT_EQ(e, MK_ERR_PEM_INVALID) << body;
  }
}

TEST(X509Pem, EncryptionHeadersAreReportedAsEncrypted) {
  Err e;
  decode(
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: "
      "AES-128-CBC,00\n\naGVsbG8=\n-----END RSA PRIVATE KEY-----\n",
      &e);
  EXPECT_EQ(e, MK_ERR_KEY_ENCRYPTED);
}

TEST(X509Pem, DerIsNotPem) {
  std::string der = test::der_of(test::x509_pem("leaf"));
  EXPECT_FALSE(is_pem(as_bytes(der)));
  EXPECT_TRUE(is_pem(as_bytes(test::x509_pem("leaf"))));
}

// ---- load_certificates -------------------------------------------------------------------

TEST(X509Bundle, EveryCertificateIsLoadedInFileOrder) {
  std::string bundle = "Test bundle\n\n" + test::x509_pem("leaf") + "\n# next\n" +
                       test::x509_pem("int") + "\r\n" + test::x509_pem("root");
  Vec<Buffer> certs;
  ASSERT_EQ(load_certificates(as_bytes(bundle), certs), MK_OK);
  ASSERT_EQ(certs.size(), 3u);
  EXPECT_EQ(std::string(as_chars(certs[1].view())), test::der_of(test::x509_pem("int")));
}

TEST(X509Bundle, CrlfBundleIsLoaded) {
  std::string bundle = test::x509_pem("leaf") + test::x509_pem("int");
  std::string crlf;
  for (char c : bundle) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  Vec<Buffer> certs;
  EXPECT_EQ(load_certificates(as_bytes(crlf), certs), MK_OK);
  EXPECT_EQ(certs.size(), 2u);
}

TEST(X509Bundle, OtherBlocksAreSkipped) {
  std::string bundle = test::x509_pem("leaf") + test::x509_pem("leaf-key");
  Vec<Buffer> certs;
  ASSERT_EQ(load_certificates(as_bytes(bundle), certs), MK_OK);
  EXPECT_EQ(certs.size(), 1u);
}

TEST(X509Bundle, SingleDerCertificateIsLoaded) {
  std::string der = test::der_of(test::x509_pem("leaf"));
  Vec<Buffer> certs;
  ASSERT_EQ(load_certificates(as_bytes(der), certs), MK_OK);
  ASSERT_EQ(certs.size(), 1u);
  EXPECT_EQ(std::string(as_chars(certs[0].view())), der);
}

TEST(X509Bundle, NoCertificateIsAnError) {
  Vec<Buffer> certs;
  Detail d;
  EXPECT_EQ(load_certificates(as_bytes(test::x509_pem("leaf-key")), certs, &d),
            MK_ERR_NO_CERTIFICATE);
  EXPECT_STREQ(d.text, "no CERTIFICATE block found");
}

// The leaf's PEM with its base64 re-encoded from der.
std::string pem_of(const std::string& der) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  for (size_t i = 0; i < der.size(); i += 3) {
    uint32_t v = static_cast<uint8_t>(der[i]) << 16;
    if (i + 1 < der.size()) v |= static_cast<uint8_t>(der[i + 1]) << 8;
    if (i + 2 < der.size()) v |= static_cast<uint8_t>(der[i + 2]);
    b64 += a[(v >> 18) & 63];
    b64 += a[(v >> 12) & 63];
    b64 += i + 1 < der.size() ? a[(v >> 6) & 63] : '=';
    b64 += i + 2 < der.size() ? a[v & 63] : '=';
  }
  std::string out = "-----BEGIN CERTIFICATE-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END CERTIFICATE-----\n";
}

TEST(X509Bundle, TruncatedDerInABlockIsNamedByBlock) {
  std::string der = test::der_of(test::x509_pem("int"));
  der.resize(der.size() - 10);
  std::string bundle = test::x509_pem("leaf") + test::x509_pem("root") + pem_of(der);
  Vec<Buffer> certs;
  Detail d;
  EXPECT_EQ(load_certificates(as_bytes(bundle), certs, &d), MK_ERR_CERT_PARSE);
  EXPECT_STREQ(d.text, "PEM block 3 (CERTIFICATE): DER length runs past the end");
  EXPECT_TRUE(certs.empty());
}

TEST(X509Bundle, TrailingBytesAfterTheCertificateAreRefused) {
  std::string der = test::der_of(test::x509_pem("int")) + std::string(1, '\0');
  Vec<Buffer> certs;
  Detail d;
  EXPECT_EQ(load_certificates(as_bytes(pem_of(der)), certs, &d), MK_ERR_CERT_PARSE);
  EXPECT_STREQ(d.text, "PEM block 1 (CERTIFICATE): trailing bytes after the end");
}

TEST(X509Bundle, BrokenPemIsNamedByBlock) {
  std::string text = test::x509_pem("leaf");
  text.resize(text.find("-----END"));
  Vec<Buffer> certs;
  Detail d;
  EXPECT_EQ(load_certificates(as_bytes(test::x509_pem("root") + text), certs, &d),
            MK_ERR_PEM_INVALID);
  EXPECT_STREQ(d.text, "PEM block 2 (CERTIFICATE): no END line (the data may be truncated)");
}

TEST(X509Bundle, BadDerFileIsNamed) {
  std::string der = test::der_of(test::x509_pem("leaf"));
  der[1] = static_cast<char>(0x80);  // indefinite length
  Vec<Buffer> certs;
  Detail d;
  EXPECT_EQ(load_certificates(as_bytes(der), certs, &d), MK_ERR_CERT_PARSE);
  EXPECT_STREQ(d.text, "DER certificate: indefinite length (BER, not DER)");
}

}  // namespace
}  // namespace mk::x509
