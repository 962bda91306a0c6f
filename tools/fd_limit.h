// How many connections `meerkat serve` can hold follows from how many files it may
// open: each connection has its socket and, while it sends a file, that file.
#pragma once

#include <cstddef>

namespace mk::cli {

// Raise the soft RLIMIT_NOFILE to the hard limit; the soft limit in force afterwards.
size_t raise_fd_limit();

// Descriptors kept for everything that is not a connection: stdio, the listener,
// the signal pipe, and some slack for the libraries.
inline constexpr size_t kReservedFds = 16;

// The connections that fit in fd_limit descriptors, two each (at least 1).
size_t max_connections_for(size_t fd_limit);

}  // namespace mk::cli
