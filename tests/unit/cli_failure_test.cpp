// The one-line failure reasons of `meerkat get`.
#include <gtest/gtest.h>

#include "failure.h"
#include "meerkat/meerkat.h"

namespace mk::cli {
namespace {

TEST(CliFailure, CertificateErrorsSayCertificateVerifyFailed) {
  EXPECT_EQ(tls_failure_line(MK_ERR_CERT_UNKNOWN_ISSUER, "unknown issuer", Phase::handshake),
            "certificate verify failed: unknown issuer");
}

TEST(CliFailure, PeerAlertDuringHandshakeNamesTheAlert) {
  EXPECT_EQ(tls_failure_line(0x0500 | 70, "peer sent alert protocol_version", Phase::handshake),
            "handshake failed: peer sent alert protocol_version");
}

TEST(CliFailure, DetailSentenceFollowsTheCodesSentence) {
  EXPECT_EQ(
      tls_failure_line(MK_ERR_CERT_NAME_MISMATCH,
                       "certificate for wrong.example does not match requested name localhost",
                       Phase::handshake),
      "certificate verify failed: certificate does not match the requested name "
      "(certificate for wrong.example does not match requested name localhost)");
}

TEST(CliFailure, DetailThatContainsTheSentenceStandsAlone) {
  EXPECT_EQ(
      tls_failure_line(MK_ERR_CERT_EXPIRED, "certificate has expired: chain expired on 2021-01-01",
                       Phase::handshake),
      "certificate verify failed: certificate has expired: chain expired on 2021-01-01");
}

TEST(CliFailure, ErrorsAfterTheHandshakeAreConnectionFailures) {
  EXPECT_EQ(tls_failure_line(MK_ERR_BAD_RECORD_MAC, "", Phase::transfer),
            "connection failed: record failed authentication");
}

}  // namespace
}  // namespace mk::cli
