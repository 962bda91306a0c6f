// The in-memory pairs the benchmarks drive: both libraries must really complete the
// scenario's handshake with the forced suite and group, carry records both ways and
// attribute the work to the right side, or the figures compare nothing.
#include "library_pair.h"

#include <gtest/gtest.h>

#include "counting_heap.h"
#include "handshake_volume.h"

namespace mk::bench {
namespace {

// The heap figures need the hooks in before OpenSSL allocates anything, as
// meerkat_bench's main does first thing.
const bool kHooksInstalled = install_counting_heaps();

TEST(CountingHeaps, InstallBeforeEitherLibraryAllocates) {
  EXPECT_TRUE(kHooksInstalled);
}

using PairMaker = std::unique_ptr<LibraryPair> (*)(const Scenario&, std::string*);

struct PairCase {
  const char* library;
  PairMaker make;
  size_t scenario;
  const char* negotiated;
};

class LibraryPairTest : public testing::TestWithParam<PairCase> {
 protected:
  void SetUp() override {
    scenario_ = handshake_scenarios().at(GetParam().scenario);
    std::string error;
    pair_ = GetParam().make(scenario_, &error);
    ASSERT_TRUE(pair_) << error;
  }
  Scenario scenario_;
  std::unique_ptr<LibraryPair> pair_;
};

TEST_P(LibraryPairTest, HandshakeNegotiatesTheForcedSuiteGroupAndSignature) {
  ASSERT_TRUE(pair_->open()) << pair_->error();
  ASSERT_TRUE(pair_->handshake()) << pair_->error();
  EXPECT_EQ(pair_->negotiated(), GetParam().negotiated);
  pair_->close();
}

TEST_P(LibraryPairTest, ARecordSealedByTheClientOpensToTheSamePlaintextAtTheServer) {
  ASSERT_TRUE(pair_->open() && pair_->handshake()) << pair_->error();
  std::vector<uint8_t> plaintext(16384);
  for (size_t i = 0; i < plaintext.size(); ++i) plaintext[i] = static_cast<uint8_t>(i * 7);
  std::vector<uint8_t> record, received;
  ASSERT_TRUE(pair_->seal_record_into(plaintext, record)) << pair_->error();
  EXPECT_EQ(record.size(), 5u + 16384 + 1 + 16);  // header, content type, tag: no padding
  ASSERT_TRUE(pair_->open_record(record, [&](const uint8_t* data, size_t len) {
    received.insert(received.end(), data, data + len);
  })) << pair_->error();
  EXPECT_EQ(received, plaintext);
  pair_->close();
}

TEST_P(LibraryPairTest, CapturedTrafficHoldsBothFlightsOfTheHandshake) {
  pair_->capture_traffic(true);
  ASSERT_TRUE(pair_->open() && pair_->handshake()) << pair_->error();
  pair_->close();
  pair_->capture_traffic(false);
  HandshakeVolume volume;
  ASSERT_EQ(add_records(pair_->sent(Side::client), volume), MK_OK);
  ASSERT_EQ(add_records(pair_->sent(Side::server), volume), MK_OK);
  // ServerHello, EncryptedExtensions, two certificates and more: well over 1 KB.
  EXPECT_GT(volume.transcript_bytes, 1000u);
  // Encrypted: the server's EE..Finished and the client's Finished, at least.
  EXPECT_GE(volume.protected_records, 2u);
}

TEST_P(LibraryPairTest, TheServersCallsAreTimedApartFromTheClients) {
  pair_->clock().running = true;
  ASSERT_TRUE(pair_->open() && pair_->handshake()) << pair_->error();
  pair_->close();
  pair_->clock().running = false;
  EXPECT_GT(pair_->clock().of(Side::client), 0);
  EXPECT_GT(pair_->clock().of(Side::server), 0);
  EXPECT_EQ(pair_->clock().of(Side::none), 0);
}

TEST_P(LibraryPairTest, ClosingBothConnectionsGivesBackEverythingEachSideAllocated) {
  CountingHeap& heap = GetParam().make == make_meerkat_pair ? meerkat_heap() : openssl_heap();
  ASSERT_TRUE(pair_->open() && pair_->handshake()) << pair_->error();  // settle lazy state
  pair_->close();
  size_t client = heap.count(Side::client).current, server = heap.count(Side::server).current;
  ASSERT_TRUE(pair_->open() && pair_->handshake()) << pair_->error();
  EXPECT_GT(heap.count(Side::client).current, client);
  EXPECT_GT(heap.count(Side::server).current, server);
  pair_->close();
  EXPECT_EQ(heap.count(Side::client).current, client);
  EXPECT_EQ(heap.count(Side::server).current, server);
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, LibraryPairTest,
    testing::Values(PairCase{"Meerkat", make_meerkat_pair, 0,
                             "TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 ecdsa_secp256r1_sha256"},
                    PairCase{"Meerkat", make_meerkat_pair, 1,
                             "TLSv1.3 TLS_AES_128_GCM_SHA256 secp256r1 ecdsa_secp256r1_sha256"},
                    PairCase{"Meerkat", make_meerkat_pair, 2,
                             "TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 rsa_pss_rsae_sha256"},
                    PairCase{"OpenSSL", make_openssl_pair, 0,
                             "TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 ecdsa_secp256r1_sha256"},
                    PairCase{"OpenSSL", make_openssl_pair, 1,
                             "TLSv1.3 TLS_AES_128_GCM_SHA256 secp256r1 ecdsa_secp256r1_sha256"},
                    PairCase{"OpenSSL", make_openssl_pair, 2,
                             "TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 rsa_pss_rsae_sha256"}),
    [](const testing::TestParamInfo<PairCase>& info) {
      return std::string(info.param.library) + "_" + std::to_string(info.param.scenario);
    });

}  // namespace
}  // namespace mk::bench
