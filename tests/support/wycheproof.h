// Running Wycheproof vector files: load one, walk its groups and tests, and keep
// score. Each vector's verdict is compared with its "result": valid ones must be
// accepted with the exact expected output, invalid ones refused, and acceptable
// ones may go either way but are counted, so a report shows what we chose.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "bytes_hex.h"
#include "json.h"

namespace mk::test {

class WycheproofRun {
 public:
  // Load <shared testdata>/wycheproof/<file>; nullopt (with a gtest failure) when
  // it does not parse.
  static std::optional<Json> load(const std::string& path);

  // Record one vector. accepted: the primitive accepted the input; output_matches:
  // whatever it produced equals the expected output (pass true when there is none).
  void record(const Json& test, bool accepted, bool output_matches = true);
  // A vector whose parameters the API cannot express: counted, never passed.
  void skip(size_t count = 1) { skipped_ += count; }
  // Record a vector that must be rejected whatever its "result" says (our policy is
  // stricter than the file's), e.g. an all-zero X25519 secret.
  void record_must_reject(const Json& test, bool accepted);

  // Report counts (stdout and test properties) and fail on any mismatch or when no
  // vector ran.
  void finish(const std::string& name);

  // How many rejected vectors carried flag.
  size_t count_flag_rejected(const std::string& flag) const;

  size_t ran() const { return valid_ + invalid_ + acceptable_accepted_ + acceptable_rejected_; }
  // The counts finish() prints, for tests that pin them.
  size_t valid() const { return valid_; }
  size_t invalid() const { return invalid_; }
  size_t acceptable_accepted() const { return acceptable_accepted_; }
  size_t acceptable_rejected() const { return acceptable_rejected_; }
  size_t skipped() const { return skipped_; }

 private:
  size_t valid_ = 0, invalid_ = 0, acceptable_accepted_ = 0, acceptable_rejected_ = 0;
  size_t skipped_ = 0;
  std::vector<std::string> failures_;
  std::vector<std::string> rejected_flags_;
};

// Hex member of a test or group as bytes.
inline Bytes hex_field(const Json& obj, const char* name) {
  return from_hex(obj[name].str());
}

bool has_flag(const Json& test, const std::string& flag);

}  // namespace mk::test
