// The RFC 8448 handshake traces as data. The file is the RFC's plain text: each
// section is a run of steps ("{server}  derive secret "tls13 c hs traffic":"), each
// step a list of labelled hex values ("expanded (32 octets):  d7 c2 ..."), wrapped
// over lines and page breaks. The parser checks every value against its announced
// octet count, so a misread value cannot pass silently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "bytes_hex.h"

namespace mk::test {

struct TraceStep {
  int section = 0;
  std::string actor;   // "client" or "server"
  std::string action;  // e.g. derive secret "tls13 c hs traffic"
  std::vector<std::pair<std::string, Bytes>> values;

  const Bytes* value(std::string_view label) const;
};

class Rfc8448Trace {
 public:
  // Parse the traces file; nullopt, with the reason in *error, when it is malformed.
  static std::optional<Rfc8448Trace> parse(std::string_view text, std::string* error);
  // Read and parse <shared testdata>/rfc8448/tls13-traces.txt at path.
  static std::optional<Rfc8448Trace> load(const std::string& path, std::string* error);

  // The value labelled `label` in the nth step (from 0) of `section` taken by `actor`
  // whose action begins with `action` and that shows such a value (steps that say
  // "(same as server)" show none). A missing value is a test failure and yields
  // empty bytes.
  Bytes value(int section, std::string_view actor, std::string_view action, std::string_view label,
              int nth = 0) const;

  const std::vector<TraceStep>& steps() const { return steps_; }

 private:
  std::vector<TraceStep> steps_;
};

// A fixture for tests replaying the traces: skips when the shared test data is
// absent, parses the file once per process.
class Rfc8448Test : public ::testing::Test {
 protected:
  static constexpr int kSimple = 3;      // "Simple 1-RTT Handshake"
  static constexpr int kHelloRetry = 5;  // "HelloRetryRequest"

  void SetUp() override;
  Bytes value(int section, std::string_view actor, std::string_view action, std::string_view label,
              int nth = 0) const {
    return trace_->value(section, actor, action, label, nth);
  }
  // A handshake message as the section's "construct a <name> handshake message"
  // step shows it (header included).
  Bytes message(int section, std::string_view actor, std::string_view name, int nth = 0) const;

  const Rfc8448Trace* trace_ = nullptr;
};

}  // namespace mk::test
