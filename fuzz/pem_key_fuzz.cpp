// PEM bundles and private keys, through the public load-from-memory calls and the
// X.509 loaders behind them.
//
// Input: options bytes. options % 5 says what the bytes are:
//   0 a private key for mk_config_set_private_key
//   1 a certificate chain for mk_config_set_cert_chain, then paired with the
//     ECDSA P-256 test key (a connection is made, which checks the pair)
//   2 CA certificates for mk_config_add_ca
//   3 a bundle for x509::load_certificates
//   4 a private key for x509::load_private_key, checked against the ECDSA P-256 and
//     RSA-2048 test leaves' public keys
#include <cstddef>
#include <cstdint>
#include <string>

#include "crypto/provider.h"
#include "meerkat/meerkat.h"
#include "support/configs.h"
#include "support/deterministic.h"
#include "support/streams.h"
#include "x509/x509.h"

namespace {

using mk::fuzz::source_file;

const std::string& test_file(int which) {
  static const std::string files[] = {
      source_file("tests/data/certs/ecdsa-p256/key.pem"),
      source_file("tests/data/certs/ecdsa-p256/leaf.pem"),
      source_file("tests/data/certs/rsa-2048/leaf.pem"),
  };
  return files[which];
}

mk::ByteView view(const std::string& s) {
  return mk::ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

void through_config(int what, const uint8_t* data, size_t size) {
  mk_config* cfg = mk_config_new(what == 2 ? MK_ROLE_CLIENT : MK_ROLE_SERVER);
  if (!cfg) return;
  mk_config_set_random(cfg, mk::fuzz::fuzz_random, &mk::fuzz::server_stream());
  mk_config_set_time(cfg, mk::fuzz::fuzz_time, nullptr);
  if (what == 0) {
    mk_config_set_private_key(cfg, data, size);
  } else if (what == 1) {
    if (mk_config_set_cert_chain(cfg, data, size) == MK_OK) {
      const std::string& key = test_file(0);
      mk_config_set_private_key(cfg, view(key).data(), key.size());
      mk_conn_free(mk_conn_new(cfg));
    }
  } else {
    mk_config_add_ca(cfg, data, size);
  }
  (void)mk_config_error_message(cfg);
  mk_config_free(cfg);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  mk::fuzz::restart_randomness();
  const int what = data[0] % 5;
  ++data;
  --size;
  if (what <= 2) {
    through_config(what, data, size);
    return 0;
  }
  mk::x509::Detail detail;
  if (what == 3) {
    mk::Vec<mk::Buffer> certs;
    (void)mk::x509::load_certificates(mk::ByteView(data, size), certs, &detail);
    return 0;
  }
  mk::crypto::PrivateKey key;
  if (mk::x509::load_private_key(mk::ByteView(data, size), key, &detail) != MK_OK) return 0;
  for (int leaf : {1, 2}) {
    mk::Vec<mk::Buffer> certs;
    mk::crypto::PublicKey pub;
    if (mk::x509::load_certificates(view(test_file(leaf)), certs) == MK_OK && !certs.empty() &&
        mk::x509::public_key_of(certs[0].view(), pub) == MK_OK)
      (void)mk::x509::check_key_pair(pub, key, &detail);
  }
  return 0;
}
