// Features chosen when the library is compiled. A build for a device that only ever
// talks TLS 1.3 leaves TLS 1.2 out: cmake -DMEERKAT_TLS12=OFF drops its handshake,
// PRF, record protection and suites (about 12 KiB of code at -Os, `make bench`).
#pragma once

#ifndef MEERKAT_ENABLE_TLS12
#define MEERKAT_ENABLE_TLS12 1
#endif

namespace mk::tls {

// Branches on this are `if constexpr`, so a build without TLS 1.2 does not link the
// code they lead to.
inline constexpr bool kTls12Enabled = MEERKAT_ENABLE_TLS12 != 0;

}  // namespace mk::tls
