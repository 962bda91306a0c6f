// Chain verification with a fixed trust store and arbitrary peer chains.
//
// Input: options chunk*. Each chunk is one DER certificate of the chain the peer
// sent, leaf first (at most 16 are used). The trust store holds the roots of
// tests/data/certs (ECDSA P-256 and P-384, RSA-2048, bad/other-ca.pem) and of
// tests/data/x509 (root, root2, rsa-root, p384-root); the time is fixed (2027-01-01).
//   options bit 0     purpose: clientAuth (1) or serverAuth (0)
//   options bits 1-3  the name to match (kNames below; "" is no name check)
//   options bits 4-6  the depth limit: 8 when 0, else that number
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "crypto/provider.h"
#include "support/configs.h"
#include "support/deterministic.h"
#include "support/fuzz_input.h"
#include "x509/x509.h"

namespace {

const mk::x509::TrustStore& trust_store() {
  static const mk::x509::TrustStore* store = [] {
    auto* s = new mk::x509::TrustStore;
    for (const char* rel : {"certs/ecdsa-p256/ca.pem", "certs/ecdsa-p384/ca.pem",
                            "certs/rsa-2048/ca.pem", "certs/bad/other-ca.pem", "x509/root.pem",
                            "x509/root2.pem", "x509/rsa-root.pem", "x509/p384-root.pem"}) {
      const std::string pem = mk::fuzz::source_file(std::string("tests/data/") + rel);
      if (pem.empty() ||
          s->add(mk::ByteView(reinterpret_cast<const uint8_t*>(pem.data()), pem.size())) != MK_OK)
        std::abort();  // the fixed trust store is the point of this target
    }
    return s;
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mk::x509;
  mk::fuzz::FuzzInput in(data, size);
  const uint8_t options = in.byte();
  VerifyParams params;
  static constexpr std::string_view kNames[] = {
      "localhost",  "127.0.0.1",    "www.example.com", "a.apps.example.com",
      "192.0.2.10", "2001:db8::10", "wrong.example",   ""};
  params.name = kNames[(options >> 1) & 7];
  params.now = mk::fuzz::kFuzzNow;
  params.purpose = options & 1 ? Purpose::client_auth : Purpose::server_auth;
  const int depth = (options >> 4) & 7;
  params.max_depth = depth == 0 ? 8 : depth;
  std::vector<mk::ByteView> chain;
  while (!in.empty() && chain.size() < 16) chain.push_back(in.chunk());
  mk::crypto::PublicKey leaf_key;
  VerifyDetail detail;
  (void)verify_chain(chain, trust_store(), params, leaf_key, &detail);
  return 0;
}
