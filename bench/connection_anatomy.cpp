#include "connection_anatomy.h"

#include "api/handles.h"
#include "report_table.h"
#include "tls/record.h"

namespace mk::bench {

ConnectionAnatomy meerkat_connection_anatomy() {
  auto bytes = [](size_t n) { return format_number(static_cast<double>(n), Unit::bytes) + " B"; };
  constexpr size_t protection = sizeof(tls::RecordProtection);
  constexpr size_t secret = sizeof(tls::TrafficSecret);
  constexpr size_t buffers = 5 * sizeof(Buffer);  // input, output, flight, ALPN, SNI
  ConnectionAnatomy a;
  a.object_bytes = sizeof(mk_conn);
  size_t named = 2 * protection + 2 * secret + buffers;
  a.parts = "2 x record protection " + bytes(protection) + " (AEAD key state " +
            bytes(sizeof(crypto::AeadKey)) + ", of which " + bytes(crypto::kAeadStateSize) +
            " opaque state), 2 x traffic secret for KeyUpdate " + bytes(secret) +
            ", 5 empty buffers " + bytes(buffers) + ", the rest " +
            bytes(a.object_bytes > named ? a.object_bytes - named : 0) +
            " (assembler, negotiated facts, counters, config pointer)";
  return a;
}

}  // namespace mk::bench
