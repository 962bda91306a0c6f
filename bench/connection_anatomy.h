// What an established, idle Meerkat connection is made of: the size of the
// connection object (mk_conn, read from the engine's own headers) and of the parts
// that dominate it, so the memory rows can say where the bytes go.
#pragma once

#include <cstddef>
#include <string>

namespace mk::bench {

struct ConnectionAnatomy {
  size_t object_bytes = 0;  // sizeof(mk_conn)
  std::string parts;        // "2 x record protection 1,064 B (AEAD key state 1,040 B) ..."
};

ConnectionAnatomy meerkat_connection_anatomy();

}  // namespace mk::bench
