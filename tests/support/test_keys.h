// The repository's test keys (tests/data/certs/*/key.pem) ready to sign with, for
// crypto tests and the benchmark.
#pragma once

#include <cstdint>

#include "crypto/provider.h"

namespace mk::test {

enum class TestKey : uint8_t { ecdsa_p256, ecdsa_p384, rsa_2048, rsa_4096 };

// Fill out with the leaf key of tests/data/certs/<test_key_dir(which)>/key.pem,
// out.pub included.
void load_test_key(TestKey which, crypto::PrivateKey& out);

// "ecdsa-p256", "ecdsa-p384", "rsa-2048" or "rsa-4096".
const char* test_key_dir(TestKey which);

}  // namespace mk::test
