// Constant-time checks under valgrind's memcheck (the "ctgrind" technique): secret
// inputs are marked undefined, so memcheck reports any branch or memory index that
// depends on them. Each test counts the errors memcheck reports while the code under
// test runs and expects none. The first test shows that a comparison which stops at
// the first difference is caught (its memcheck report in the output is expected).
// Results that are public by design (whether a tag or a Finished matched) are
// declassified by the library (base/declassify.h) and, here, before the test looks
// at them. Run under valgrind (ctest does); skipped without it.
#include <gtest/gtest.h>
#include <valgrind/memcheck.h>

#include <cstring>
#include <string>
#include <vector>

#include "base/secure.h"
#include "crypto/provider.h"
#include "tls/cipher_suite.h"
#include "tls/config.h"
#include "tls/connection.h"
#include "tls/handshake_auth.h"
#include "tls/key_schedule.h"
#include "tls/prf12.h"
#include "tls/transcript.h"

namespace mk::test {
namespace {

void make_secret(const void* p, size_t n) {
  VALGRIND_MAKE_MEM_UNDEFINED(p, n);
}
template <class T>
T make_public(T v) {
  VALGRIND_MAKE_MEM_DEFINED(&v, sizeof v);
  return v;
}
void make_public(void* p, size_t n) {
  VALGRIND_MAKE_MEM_DEFINED(p, n);
}

// Errors memcheck reports while body runs.
template <class Fn>
unsigned errors_during(Fn&& body) {
  const unsigned before = VALGRIND_COUNT_ERRORS;
  body();
  return VALGRIND_COUNT_ERRORS - before;
}

class ConstantTime : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RUNNING_ON_VALGRIND) GTEST_SKIP() << "needs valgrind: run under memcheck";
  }
};

std::vector<uint8_t> bytes(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed + 13 * i);
  return v;
}

// The harness itself: an early-exit comparison branches on secret bytes.
bool early_exit_equal(const uint8_t* a, const uint8_t* b, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

TEST_F(ConstantTime, AnEarlyExitComparisonIsReported) {
  std::vector<uint8_t> a = bytes(32, 1), b = bytes(32, 1);
  make_secret(a.data(), a.size());
  volatile bool equal = false;
  EXPECT_GT(errors_during([&] { equal = early_exit_equal(a.data(), b.data(), a.size()); }), 0u);
  (void)equal;
}

TEST_F(ConstantTime, CtEqualDoesNotBranchOnItsInputs) {
  std::vector<uint8_t> a = bytes(48, 1), same = bytes(48, 1), other = bytes(48, 1);
  other[0] ^= 1;
  make_secret(a.data(), a.size());
  bool equal = false, differ = true;
  EXPECT_EQ(errors_during([&] {
              equal = ct_equal(a, same);
              differ = ct_equal(a, other);
            }),
            0u);
  EXPECT_TRUE(make_public(equal));
  EXPECT_FALSE(make_public(differ));
}

class ConstantTimeAead : public ConstantTime,
                         public ::testing::WithParamInterface<const crypto::AeadAlg*> {};

// open() under a secret key: the tag is computed and compared without a branch on
// the key or the tag; only the verdict is public.
TEST_P(ConstantTimeAead, OpenDoesNotBranchOnTheKeyOrTheTag) {
  const crypto::AeadAlg& alg = *GetParam();
  const std::vector<uint8_t> key = bytes(alg.key_len, 7), nonce = bytes(12, 3), aad = bytes(13, 5),
                             plaintext = bytes(300, 9);
  std::vector<uint8_t> sealed = plaintext, tag(16);
  {
    crypto::AeadKey k;
    k.set(alg, key);
    k.seal(nonce, aad, sealed, tag);
  }
  std::vector<uint8_t> secret_key = key;
  make_secret(secret_key.data(), secret_key.size());
  crypto::AeadKey k;
  k.set(alg, secret_key);

  std::vector<uint8_t> data = sealed, forged_tag = tag;
  forged_tag[15] ^= 1;
  bool accepted = false, forged_accepted = true;
  EXPECT_EQ(errors_during([&] {
              accepted = k.open(nonce, aad, data, tag);
              std::vector<uint8_t> copy = sealed;
              forged_accepted = k.open(nonce, aad, copy, forged_tag);
            }),
            0u);
  EXPECT_TRUE(accepted);
  EXPECT_FALSE(forged_accepted);
  make_public(data.data(), data.size());  // the plaintext is the receiver's to read
  EXPECT_EQ(data, plaintext);
}

INSTANTIATE_TEST_SUITE_P(AllAeads, ConstantTimeAead,
                         ::testing::Values(&crypto::aes128_gcm(), &crypto::aes256_gcm(),
                                           &crypto::chacha20_poly1305()),
                         [](const ::testing::TestParamInfo<const crypto::AeadAlg*>& info) {
                           return std::string(info.index == 0   ? "Aes128Gcm"
                                              : info.index == 1 ? "Aes256Gcm"
                                                                : "ChaCha20Poly1305");
                         });

// The TLS 1.3 Finished check (tls::check_finished) with a secret base key: the
// expected verify_data is derived and compared without a branch on it.
TEST_F(ConstantTime, Tls13FinishedCheckDoesNotBranchOnTheSecret) {
  const tls::CipherSuite& suite = *tls::find_cipher_suite(MK_TLS_AES_128_GCM_SHA256);
  tls::KeySchedule keys;
  keys.init(suite);
  tls::Transcript transcript;
  const std::vector<uint8_t> hello = {1, 0, 0, 2, 3, 3};
  ASSERT_EQ(transcript.add(hello), MK_OK);
  ASSERT_EQ(transcript.select(suite.hash()), MK_OK);
  uint8_t hash[32];
  ASSERT_EQ(transcript.current(ByteSpan(hash)), 32u);

  const std::vector<uint8_t> base = bytes(32, 21);
  uint8_t good[4 + 32] = {20, 0, 0, 32};
  ASSERT_EQ(keys.finished_verify_data(base, ByteView(hash), ByteSpan(good + 4, 32)), 32u);
  uint8_t bad[sizeof good];
  std::memcpy(bad, good, sizeof good);
  bad[sizeof bad - 1] ^= 1;

  tls::Config cfg(MK_ROLE_SERVER);
  tls::Connection ok_conn(cfg), bad_conn(cfg);
  std::vector<uint8_t> secret = base;
  make_secret(secret.data(), secret.size());
  Err accepted = MK_ERR_INTERNAL, refused = MK_OK;
  EXPECT_EQ(errors_during([&] {
              accepted = tls::check_finished(ok_conn, transcript, keys, secret,
                                             ByteView(good + 4, 32), "client");
              refused = tls::check_finished(bad_conn, transcript, keys, secret,
                                            ByteView(bad + 4, 32), "client");
            }),
            0u);
  EXPECT_EQ(accepted, MK_OK);
  EXPECT_EQ(refused, MK_ERR_DECRYPT_ERROR);
}

// TLS 1.2's Finished: finished12 under a secret master secret, compared with ct_equal
// as {client,server}_handshake12.cpp do.
TEST_F(ConstantTime, Tls12FinishedDerivationAndCompareDoNotBranchOnTheMasterSecret) {
  tls::MasterSecret master;
  const std::vector<uint8_t> m = bytes(48, 33), hash = bytes(32, 2);
  master.assign(m);
  uint8_t expected[12];
  ASSERT_EQ(tls::finished12(crypto::sha256(), master, true, hash, ByteSpan(expected)), MK_OK);
  make_secret(master.span().data(), master.size());
  uint8_t computed[12];
  bool match = false;
  EXPECT_EQ(errors_during([&] {
              (void)tls::finished12(crypto::sha256(), master, true, hash, ByteSpan(computed));
              match = ct_equal(ByteView(expected), ByteView(computed));
            }),
            0u);
  EXPECT_TRUE(make_public(match));
}

}  // namespace
}  // namespace mk::test
