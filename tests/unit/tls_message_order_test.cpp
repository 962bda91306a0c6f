// The order table (src/tls/message_order.h): properties the handshake relies on.
#include <gtest/gtest.h>

#include "tls/message_order.h"

namespace mk::tls {
namespace {

constexpr HsState kWaitingStates[] = {
    HsState::client_wait_server_hello,       HsState::client_wait_encrypted_extensions,
    HsState::client_wait_cert_or_request,    HsState::client_wait_certificate,
    HsState::client_wait_certificate_verify, HsState::client_wait_finished,
    HsState::server_wait_client_hello,       HsState::server_wait_second_client_hello,
    HsState::server_wait_certificate,        HsState::server_wait_certificate_verify,
    HsState::server_wait_finished,
};

TEST(MessageOrder, EveryWaitingStateExpectsSomething) {
  for (HsState s : kWaitingStates) EXPECT_FALSE(allowed_messages(s).empty()) << state_name(s);
}

TEST(MessageOrder, AClientThatHasNotStartedExpectsNothing) {
  EXPECT_TRUE(allowed_messages(HsState::client_start).empty());
}

TEST(MessageOrder, OnlyTheFirstServerFlightStartsWithEitherOfTwoMessages) {
  for (HsState s : kWaitingStates) {
    const size_t expected = s == HsState::client_wait_cert_or_request ? 2 : 1;
    EXPECT_EQ(allowed_messages(s).size(), expected) << state_name(s);
  }
  EXPECT_TRUE(message_allowed(HsState::client_wait_cert_or_request, kCertificateRequest));
  EXPECT_TRUE(message_allowed(HsState::client_wait_cert_or_request, kCertificate));
}

TEST(MessageOrder, AClientNeverAcceptsAClientHelloAndAServerNeverAServerHello) {
  for (size_t i = 0; i < static_cast<size_t>(HsState::count_); ++i) {
    const auto s = static_cast<HsState>(i);
    const bool server = std::string(state_name(s)).rfind("server_", 0) == 0;
    EXPECT_FALSE(message_allowed(s, server ? kServerHello : kClientHello)) << state_name(s);
  }
}

TEST(MessageOrder, AfterTheHandshakeOnlyPostHandshakeMessagesArrive) {
  EXPECT_TRUE(message_allowed(HsState::client_established, kNewSessionTicket));
  EXPECT_TRUE(message_allowed(HsState::client_established, kKeyUpdate));
  EXPECT_FALSE(message_allowed(HsState::client_established, kCertificateRequest));
  EXPECT_TRUE(message_allowed(HsState::server_established, kKeyUpdate));
  EXPECT_FALSE(message_allowed(HsState::server_established, kNewSessionTicket));
  EXPECT_FALSE(message_allowed(HsState::server_established, kClientHello));
}

TEST(MessageOrder, ATls12ServerTakesNothingAfterTheHandshake) {
  // No renegotiation: a new ClientHello is unexpected.
  EXPECT_TRUE(allowed_messages(HsState::server12_established).empty());
}

TEST(MessageOrder, ATls12ClientOnlyHearsHelloRequestsAfterTheHandshake) {
  ASSERT_EQ(allowed_messages(HsState::client12_established).size(), 1u);
  EXPECT_TRUE(message_allowed(HsState::client12_established, kHelloRequest));
}

TEST(MessageOrder, ChangeCipherSpecStatesTakeNoHandshakeMessage) {
  EXPECT_TRUE(allowed_messages(HsState::client12_wait_change_cipher_spec).empty());
  EXPECT_TRUE(allowed_messages(HsState::server12_wait_change_cipher_spec).empty());
}

TEST(MessageOrder, KeyUpdateIsRefusedDuringTheHandshake) {
  for (HsState s : kWaitingStates) EXPECT_FALSE(message_allowed(s, kKeyUpdate)) << state_name(s);
}

TEST(MessageOrder, EveryStateHasAName) {
  for (size_t i = 0; i < static_cast<size_t>(HsState::count_); ++i)
    EXPECT_STRNE(state_name(static_cast<HsState>(i)), "invalid");
}

}  // namespace
}  // namespace mk::tls
