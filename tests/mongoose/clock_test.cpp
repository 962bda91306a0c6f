// The time source for certificate validity (policy in meerkat_mongoose.h).
#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "app.h"
#include "host.h"
#include "meerkat_mongoose.h"
#include "session.h"

namespace mk::mghost {
namespace {

constexpr int64_t kYear2025 = 1735689600;  // 2025-01-01, before the test PKI's notBefore
constexpr int64_t kYear2040 = 2208988800;  // 2040-01-01, after its notAfter

// Sets the backend's clock for one test and restores the default afterwards.
class ClockTest : public ::testing::Test {
 protected:
  ~ClockTest() override {
    mg_tls_meerkat_set_clock(nullptr, nullptr);
    mg_boot_timestamp_ms = 0;
  }
  static int64_t fixed(void* user) { return *static_cast<const int64_t*>(user); }
  // The client's first error with the clock at `now` ("" when the handshake worked).
  std::string client_error_at(int64_t now, TlsOptions client = client_options()) {
    now_ = now;
    mg_tls_meerkat_set_clock(fixed, &now_);
    Session s;
    s.server.tls = server_options();
    s.client.tls = client;
    s.connect();
    const bool ok = s.handshake();
    if (!s.client.errors.empty()) return s.client.errors.front();
    return ok ? "" : "no handshake, no error";
  }
  int64_t now_ = 0;
};

std::string tls_error(int err) {
  return std::string("tls: ") + mk_err_text(err);
}

TEST_F(ClockTest, CertificateIsExpiredWhenTheClockSays2040) {
  EXPECT_EQ(client_error_at(kYear2040), tls_error(MK_ERR_CERT_EXPIRED));
}

TEST_F(ClockTest, CertificateIsNotYetValidWhenTheClockSays2025) {
  EXPECT_EQ(client_error_at(kYear2025),
            "tls: certificate 'localhost' is not valid before 2026-01-01");
}

TEST_F(ClockTest, UnknownTimeIsAFailureWhenVerifying) {
  EXPECT_EQ(client_error_at(-1), tls_error(MK_ERR_CERT_NO_TIME));
}

TEST_F(ClockTest, UnknownTimeDoesNotMatterWhenNothingIsVerified) {
  TlsOptions client = client_options();
  client.ca.clear();
  EXPECT_EQ(client_error_at(-1, client), "");
}

TEST_F(ClockTest, TheClockIsReadAtVerificationTimeNotWhenTheConfigurationIsCached) {
  now_ = kYear2040;
  mg_tls_meerkat_set_clock(fixed, &now_);
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  ASSERT_TRUE(s.run_until([&] { return s.client.failed(); }));
  now_ = std::time(nullptr);
  App& later = s.add_client(client_options());

  EXPECT_TRUE(s.run_until([&] { return later.handshake_done() || later.failed(); }));
  EXPECT_TRUE(later.errors.empty()) << later.error_text();
  EXPECT_EQ(mg_tls_meerkat_config_count(&s.mgr), 2u);
}

TEST_F(ClockTest, SystemClockIsTheDefaultOnUnix) {
  const int64_t before = std::time(nullptr);
  const int64_t now = mg_tls_meerkat_system_clock(nullptr);
  EXPECT_GE(now, before);
  EXPECT_LE(now, before + 2);
}

TEST_F(ClockTest, MongooseClockIsUnknownUntilTheBootTimestampIsSet) {
  mg_boot_timestamp_ms = 0;
  EXPECT_EQ(mg_tls_meerkat_mongoose_clock(nullptr), -1);
  mg_boot_timestamp_ms = static_cast<uint64_t>(kYear2040) * 1000;
  EXPECT_EQ(mg_tls_meerkat_mongoose_clock(nullptr),
            static_cast<int64_t>((mg_millis() + mg_boot_timestamp_ms) / 1000));
}

TEST_F(ClockTest, MongooseClockDrivesVerificationOnceSet) {
  mg_boot_timestamp_ms = static_cast<uint64_t>(kYear2040) * 1000 - mg_millis();
  mg_tls_meerkat_set_clock(mg_tls_meerkat_mongoose_clock, nullptr);
  Session s;
  s.server.tls = server_options();
  s.client.tls = client_options();
  s.connect();
  s.handshake();
  ASSERT_FALSE(s.client.errors.empty());
  EXPECT_EQ(s.client.errors.front(), tls_error(MK_ERR_CERT_EXPIRED));
}

}  // namespace
}  // namespace mk::mghost
