// The inside of TrustStore: each anchor's DER and its parsed summary, made once
// when the anchor is added so verification never parses an anchor again.
#pragma once

#include "base/alloc.h"
#include "x509/certificate.h"
#include "x509/x509.h"

namespace mk::x509 {

struct Anchor {
  Buffer der;
  Certificate cert;  // views into der (whose bytes never move)
};

struct TrustStore::Impl {
  Vec<Anchor> anchors;
};

}  // namespace mk::x509
