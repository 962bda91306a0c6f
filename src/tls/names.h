// Names of TLS code points, for reporting what was negotiated and for sentences.
#pragma once

#include <cstdint>

namespace mk::tls {

// IANA names; "unknown" for code points Meerkat does not know.
const char* cipher_suite_name(uint16_t suite);
const char* group_name(uint16_t group);
const char* signature_scheme_name(uint16_t scheme);

}  // namespace mk::tls
