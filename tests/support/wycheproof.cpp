#include "wycheproof.h"

#include <iostream>

#include "testdata.h"

namespace mk::test {

std::optional<Json> WycheproofRun::load(const std::string& path) {
  std::string error;
  std::optional<Json> doc = parse_json(read_file(path), &error);
  if (!doc) ADD_FAILURE() << path << ": " << error;
  return doc;
}

bool has_flag(const Json& test, const std::string& flag) {
  for (const Json& f : test["flags"].items())
    if (f.str() == flag) return true;
  return false;
}

void WycheproofRun::record(const Json& test, bool accepted, bool output_matches) {
  const std::string& result = test["result"].str();
  const std::string id =
      "tcId " + std::to_string(test["tcId"].integer()) + " (" + test["comment"].str() + ")";
  if (!accepted)
    for (const Json& f : test["flags"].items()) rejected_flags_.push_back(f.str());
  if (result == "valid") {
    if (!accepted) {
      failures_.push_back(id + ": valid vector rejected");
    } else if (!output_matches) {
      failures_.push_back(id + ": valid vector gave the wrong output");
    } else {
      ++valid_;
    }
  } else if (result == "invalid") {
    if (accepted) {
      failures_.push_back(id + ": invalid vector accepted");
    } else {
      ++invalid_;
    }
  } else if (result == "acceptable") {
    if (accepted && !output_matches) {
      failures_.push_back(id + ": acceptable vector accepted with the wrong output");
    } else if (accepted) {
      ++acceptable_accepted_;
    } else {
      ++acceptable_rejected_;
    }
  } else {
    failures_.push_back(id + ": unknown result '" + result + "'");
  }
}

void WycheproofRun::record_must_reject(const Json& test, bool accepted) {
  const std::string id = "tcId " + std::to_string(test["tcId"].integer());
  if (accepted) {
    failures_.push_back(id + ": accepted, but our policy refuses it");
    return;
  }
  for (const Json& f : test["flags"].items()) rejected_flags_.push_back(f.str());
  const std::string& result = test["result"].str();
  if (result == "invalid") {
    ++invalid_;
  } else {
    ++acceptable_rejected_;  // "acceptable" or "valid" in the file; we refuse by policy
  }
}

size_t WycheproofRun::count_flag_rejected(const std::string& flag) const {
  size_t n = 0;
  for (const std::string& f : rejected_flags_) n += f == flag;
  return n;
}

void WycheproofRun::finish(const std::string& name) {
  std::cout << "[wycheproof] " << name << ": valid " << valid_ << ", invalid " << invalid_
            << ", acceptable accepted " << acceptable_accepted_ << ", acceptable rejected "
            << acceptable_rejected_ << ", skipped " << skipped_ << ", mismatches "
            << failures_.size() << "\n";
  ::testing::Test::RecordProperty("valid", static_cast<int>(valid_));
  ::testing::Test::RecordProperty("invalid", static_cast<int>(invalid_));
  ::testing::Test::RecordProperty("acceptable_accepted", static_cast<int>(acceptable_accepted_));
  ::testing::Test::RecordProperty("acceptable_rejected", static_cast<int>(acceptable_rejected_));
  ::testing::Test::RecordProperty("skipped", static_cast<int>(skipped_));
  EXPECT_GT(ran(), 0u) << name << ": no vector ran";
  std::string all;
  for (size_t i = 0; i < failures_.size() && i < 40; ++i) all += "  " + failures_[i] + "\n";
  EXPECT_TRUE(failures_.empty()) << name << ": " << failures_.size() << " mismatches\n" << all;
}

}  // namespace mk::test
