// Elliptic-curve scalars: private keys, and ECDSA's r and s, all live in [1, n-1]
// for the curve order n. Big-endian, as long as the order.
#pragma once

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/provider.h"

namespace mk::crypto {

// Whether x (exactly order.size() bytes) lies in [1, n-1]. The time taken depends
// on the lengths only, so it may look at private scalars.
bool scalar_in_range(ByteView x, ByteView order);

// A scalar as a key file gives it (leading zero bytes may be missing or extra),
// left-padded to order.size() bytes into out. False, with out wiped, when it does
// not fit or lies outside [1, n-1].
bool fixed_width_scalar(ByteView x, ByteView order, ByteSpan out);

// A uniformly random scalar in [1, n-1] (rejection sampling) into out, which is
// order.size() bytes.
Err random_scalar(ByteView order, Rng& rng, ByteSpan out);

}  // namespace mk::crypto
