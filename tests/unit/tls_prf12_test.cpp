// The TLS 1.2 PRF and what is derived from it (src/tls/prf12.h). The known answers
// were computed with OpenSSL's TLS1-PRF (`openssl kdf ... TLS1-PRF`).
#include <gtest/gtest.h>

#include <string>

#include "testdata.h"
#include "tls/prf12.h"

namespace mk::tls {
namespace {

using test::hex;
using test::unhex;

ByteView bytes(const std::string& s) {
  return as_bytes(s);
}

TEST(Prf12, Sha256MatchesTheKnownAnswer) {
  const std::string secret = unhex("9bbe436ba940f017b17652849a71db35");
  const std::string seed = unhex("a0ba9f936cda311827a6f796ffd5198c");
  uint8_t out[100];
  ASSERT_EQ(prf12(crypto::sha256(), bytes(secret), "test label", bytes(seed), {}, ByteSpan(out)),
            MK_OK);
  EXPECT_EQ(hex(std::string(reinterpret_cast<char*>(out), sizeof out)),
            "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a4"
            "6b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d1"
            "22ee42c5a72e5a5110fff70187347b66");
}

TEST(Prf12, Sha384MatchesTheKnownAnswer) {
  const std::string secret = unhex("b80b733d6ceefcdc71566ea48e5567df");
  const std::string seed = unhex("cd665cf6a8447dd6ff8b27555edb7465");
  uint8_t out[48];
  ASSERT_EQ(prf12(crypto::sha384(), bytes(secret), "test label", bytes(seed), {}, ByteSpan(out)),
            MK_OK);
  EXPECT_EQ(hex(std::string(reinterpret_cast<char*>(out), sizeof out)),
            "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82"
            "b1233c9146a0");
}

TEST(Prf12, TwoSeedsAreConcatenated) {
  const std::string secret = unhex("9bbe436ba940f017b17652849a71db35");
  const std::string seed = unhex("a0ba9f936cda311827a6f796ffd5198c");
  uint8_t whole[32], split[32];
  ASSERT_EQ(prf12(crypto::sha256(), bytes(secret), "test label", bytes(seed), {}, ByteSpan(whole)),
            MK_OK);
  ASSERT_EQ(prf12(crypto::sha256(), bytes(secret), "test label", bytes(seed.substr(0, 5)),
                  bytes(seed.substr(5)), ByteSpan(split)),
            MK_OK);
  EXPECT_EQ(std::string(whole, whole + 32), std::string(split, split + 32));
}

TEST(Prf12, AnOversizedSeedIsRefused) {
  const std::string seed(200, 'x');
  uint8_t out[12];
  EXPECT_EQ(prf12(crypto::sha256(), bytes("k"), "label", bytes(seed), {}, ByteSpan(out)),
            MK_ERR_INVALID_ARGUMENT);
}

TEST(Prf12, FinishedIsTwelveBytesOfThePrfUnderItsLabel) {
  MasterSecret master;
  master.assign(bytes(std::string(48, '\x0b')));
  const std::string hash(32, '\x5a');
  uint8_t via_finished[12], via_prf[12];
  ASSERT_EQ(finished12(crypto::sha256(), master, true, bytes(hash), ByteSpan(via_finished)), MK_OK);
  ASSERT_EQ(
      prf12(crypto::sha256(), master.view(), "client finished", bytes(hash), {}, ByteSpan(via_prf)),
      MK_OK);
  EXPECT_EQ(std::string(via_finished, via_finished + 12), std::string(via_prf, via_prf + 12));
  uint8_t server[12];
  ASSERT_EQ(finished12(crypto::sha256(), master, false, bytes(hash), ByteSpan(server)), MK_OK);
  EXPECT_NE(std::string(server, server + 12), std::string(via_prf, via_prf + 12));
}

TEST(Prf12, KeyBlockTakesTheServerRandomFirstAndSplitsKeysThenIvs) {
  const CipherSuite& suite = *find_cipher_suite(0xc02b);  // AES-128-GCM: 16-byte keys, 4-byte salts
  MasterSecret master;
  master.assign(bytes(std::string(48, '\x01')));
  const std::string client_random(32, 'c'), server_random(32, 's');
  KeyBlock12 kb;
  ASSERT_EQ(key_block12(suite, master, bytes(client_random), bytes(server_random), kb), MK_OK);
  uint8_t block[40];
  ASSERT_EQ(prf12(crypto::sha256(), master.view(), "key expansion", bytes(server_random),
                  bytes(client_random), ByteSpan(block)),
            MK_OK);
  const std::string b(block, block + 40);
  auto str = [](ByteView v) { return std::string(v.begin(), v.end()); };
  EXPECT_EQ(str(kb.client_key.view()), b.substr(0, 16));
  EXPECT_EQ(str(kb.server_key.view()), b.substr(16, 16));
  EXPECT_EQ(str(kb.client_iv.view()), b.substr(32, 4));
  EXPECT_EQ(str(kb.server_iv.view()), b.substr(36, 4));
}

}  // namespace
}  // namespace mk::tls
