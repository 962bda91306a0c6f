// SHA-2 known answers (FIPS 180-4 examples) and the running-hash contract.
#include <gtest/gtest.h>

#include "bytes_hex.h"
#include "crypto/provider.h"

namespace mk::crypto {
namespace {

using test::to_hex;

std::string hex_digest(const HashAlg& alg, std::string_view msg) {
  uint8_t out[kMaxHashLen];
  size_t n = digest(alg, as_bytes(msg), ByteSpan(out));
  return to_hex(ByteView(out, n));
}

TEST(CryptoHash, Sha256OfAbc) {
  EXPECT_EQ(hex_digest(sha256(), "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoHash, Sha384OfAbc) {
  EXPECT_EQ(hex_digest(sha384(), "abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
}

TEST(CryptoHash, Sha512OfAbc) {
  EXPECT_EQ(hex_digest(sha512(), "abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(CryptoHash, Sha256OfEmptyInput) {
  EXPECT_EQ(hex_digest(sha256(), ""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(CryptoHash, FinalLeavesTheRunningHashUsable) {
  Hash h(sha256());
  h.update(as_bytes("a"));
  uint8_t mid[32];
  h.final(ByteSpan(mid));
  h.update(as_bytes("bc"));
  uint8_t end[32];
  h.final(ByteSpan(end));
  EXPECT_EQ(to_hex(ByteView(mid)), hex_digest(sha256(), "a"));
  EXPECT_EQ(to_hex(ByteView(end)), hex_digest(sha256(), "abc"));
}

TEST(CryptoHash, CopyForksIndependentTranscripts) {
  Hash a(sha384());
  a.update(as_bytes("ab"));
  Hash b = a;
  a.update(as_bytes("c"));
  b.update(as_bytes("x"));
  uint8_t out_a[48], out_b[48];
  a.final(ByteSpan(out_a));
  b.final(ByteSpan(out_b));
  EXPECT_EQ(to_hex(ByteView(out_a)), hex_digest(sha384(), "abc"));
  EXPECT_EQ(to_hex(ByteView(out_b)), hex_digest(sha384(), "abx"));
}

TEST(CryptoHash, HashByIdFindsEachDescriptor) {
  EXPECT_EQ(hash_by_id(HashId::sha256), &sha256());
  EXPECT_EQ(hash_by_id(HashId::sha384), &sha384());
  EXPECT_EQ(hash_by_id(HashId::sha512), &sha512());
  EXPECT_EQ(sha384().out_len, 48u);
  EXPECT_EQ(sha384().block_len, 128u);
}

}  // namespace
}  // namespace mk::crypto
