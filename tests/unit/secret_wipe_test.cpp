// Secrets are wiped when the objects holding them are destroyed: each object is built
// in storage the test owns, given known secrets, destroyed, and the storage searched
// for those bytes. (The storage outlives the object, so reading it is defined.)
#include <gtest/gtest.h>

#include <algorithm>
#include <new>
#include <vector>

#include "base/secure.h"
#include "crypto/provider.h"
#include "meerkat/meerkat.h"
#include "tls/cipher_suite.h"
#include "tls/key_schedule.h"
#include "tls/prf12.h"

namespace mk::test {
namespace {

template <class T>
class Storage {
 public:
  template <class... Args>
  T& make(Args&&... args) {
    std::fill(std::begin(bytes_), std::end(bytes_), 0xa5);
    return *new (bytes_) T(std::forward<Args>(args)...);
  }
  void destroy(T& object) { object.~T(); }
  // Whether secret appears anywhere in the storage.
  bool holds(ByteView secret) const {
    return std::search(std::begin(bytes_), std::end(bytes_), secret.begin(), secret.end()) !=
           std::end(bytes_);
  }

 private:
  alignas(T) uint8_t bytes_[sizeof(T)];
};

std::vector<uint8_t> pattern(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed + 29 * i + 1);
  return v;
}

TEST(SecretWipe, KeyScheduleForgetsEveryTrafficSecret) {
  Storage<tls::KeySchedule> storage;
  tls::KeySchedule& keys = storage.make();
  keys.init(*tls::find_cipher_suite(MK_TLS_AES_128_GCM_SHA256));
  const std::vector<uint8_t> shared = pattern(32, 1), hash = pattern(32, 2);
  ASSERT_EQ(keys.derive_handshake_secrets(shared, hash), MK_OK);
  const std::vector<uint8_t> c_hs(keys.client_handshake_secret().view().begin(),
                                  keys.client_handshake_secret().view().end());
  const std::vector<uint8_t> s_hs(keys.server_handshake_secret().view().begin(),
                                  keys.server_handshake_secret().view().end());
  ASSERT_EQ(keys.derive_application_secrets(hash), MK_OK);
  const std::vector<uint8_t> c_ap(keys.client_application_secret().view().begin(),
                                  keys.client_application_secret().view().end());
  ASSERT_TRUE(storage.holds(c_hs));
  ASSERT_TRUE(storage.holds(c_ap));
  storage.destroy(keys);
  EXPECT_FALSE(storage.holds(c_hs));
  EXPECT_FALSE(storage.holds(s_hs));
  EXPECT_FALSE(storage.holds(c_ap));
}

TEST(SecretWipe, KeyShareForgetsItsPrivateScalar) {
  Storage<crypto::KeyShare> storage;
  crypto::KeyShare& share = storage.make();
  const std::vector<uint8_t> scalar = pattern(32, 3);
  ASSERT_EQ(share.set_private(*crypto::kx_group(crypto::kGroupX25519), scalar), MK_OK);
  ASSERT_TRUE(storage.holds(scalar));
  storage.destroy(share);
  EXPECT_FALSE(storage.holds(scalar));
}

// ChaCha20's state is the key itself (AES-GCM's is an expanded key whose layout
// depends on the implementation BearSSL picks for the CPU).
TEST(SecretWipe, AeadKeyForgetsItsKey) {
  Storage<crypto::AeadKey> storage;
  crypto::AeadKey& key = storage.make();
  const std::vector<uint8_t> secret = pattern(32, 4);
  key.set(crypto::chacha20_poly1305(), secret);
  ASSERT_TRUE(storage.holds(secret));
  storage.destroy(key);
  EXPECT_FALSE(storage.holds(ByteView(secret).first(8)));
}

TEST(SecretWipe, Tls12MasterSecretIsWipedOnDestruction) {
  Storage<tls::MasterSecret> storage;
  tls::MasterSecret& master = storage.make();
  const std::vector<uint8_t> secret = pattern(48, 5);
  master.assign(secret);
  ASSERT_TRUE(storage.holds(secret));
  storage.destroy(master);
  EXPECT_FALSE(storage.holds(secret));
}

}  // namespace
}  // namespace mk::test
