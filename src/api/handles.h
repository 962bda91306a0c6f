// The C API's opaque handles are the engine's own objects.
#pragma once

#include "base/alloc.h"
#include "meerkat/meerkat.h"
#include "tls/config.h"
#include "tls/connection.h"

struct mk_config final : mk::tls::Config, mk::HeapObject {
  using Config::Config;
  using HeapObject::operator new;
  using HeapObject::operator delete;
};

struct mk_conn final : mk::tls::Connection {
  using Connection::Connection;
};
