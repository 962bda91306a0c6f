// Paths to test data, and the rule for shared data that may be absent.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace mk::test {

// ../shared/testdata/<rel>, or "" when the shared test data is not present.
std::string shared_testdata(const std::string& rel);
// <source dir>/<rel>
std::string source_path(const std::string& rel);
// Whole file as bytes; empty on failure.
std::string read_file(const std::string& path);
// Hex string (whitespace ignored) to bytes.
std::string unhex(const std::string& hex);
std::string hex(const std::string& bytes);

}  // namespace mk::test

// Skip the test (reported as skipped, never passed) when shared data is absent.
#define MK_REQUIRE_SHARED(path_var, rel)                                         \
  std::string path_var = ::mk::test::shared_testdata(rel);                      \
  if (path_var.empty()) GTEST_SKIP() << "shared test data absent: " << (rel)
