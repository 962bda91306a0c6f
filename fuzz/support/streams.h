// The two random streams the fuzz configs draw from: one for client connections,
// one for server connections, so a client's ClientHello does not depend on how many
// bytes its server took (and seeds recorded from a pair replay against one side).
#pragma once

#include "deterministic.h"

namespace mk::fuzz {

DeterministicStream& client_stream();
DeterministicStream& server_stream();

}  // namespace mk::fuzz
