// The error table: names, sentences and alerts for each code.
#include <gtest/gtest.h>

#include <string>

#include "meerkat/meerkat.h"

TEST(Errors, NamesAndSentencesComeFromOneTable) {
  EXPECT_STREQ(mk_err_name(MK_ERR_CERT_EXPIRED), "MK_ERR_CERT_EXPIRED");
  EXPECT_STREQ(mk_err_text(MK_ERR_CERT_UNKNOWN_ISSUER), "unknown issuer");
  EXPECT_STREQ(mk_err_text(MK_OK), "success");
}

TEST(Errors, PeerAlertCodesCarryTheAlertName) {
  EXPECT_STREQ(mk_err_text(0x0500 | 70), "peer sent alert protocol_version");
  EXPECT_STREQ(mk_err_name(0x0500 | 40), "MK_ERR_PEER_ALERT");
  EXPECT_EQ(MK_ERR_CATEGORY(0x0500 | 40), unsigned{MK_CAT_PEER_ALERT});
}

TEST(Errors, UnknownCodesStillHaveAName) {
  EXPECT_STREQ(mk_err_name(0x7777), "MK_ERR_UNKNOWN");
  EXPECT_STREQ(mk_alert_name(250), "unknown_alert");
}
