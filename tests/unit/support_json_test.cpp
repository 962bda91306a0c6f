// The test-only JSON reader.
#include <gtest/gtest.h>

#include "json.h"

namespace mk::test {
namespace {

TEST(SupportJson, ReadsNestedObjectsArraysAndScalars) {
  auto doc = parse_json(R"({"a": [1, -2.5e1, true, null], "b": {"c": "x\ny\u00e9"}})");
  ASSERT_TRUE(doc);
  EXPECT_EQ((*doc)["a"].size(), 4u);
  EXPECT_EQ((*doc)["a"][0].integer(), 1);
  EXPECT_EQ((*doc)["a"][1].number(), -25.0);
  EXPECT_TRUE((*doc)["a"][2].boolean());
  EXPECT_TRUE((*doc)["a"][3].is_null());
  EXPECT_EQ((*doc)["b"]["c"].str(), "x\ny\xc3\xa9");
}

TEST(SupportJson, MissingMemberIsNull) {
  auto doc = parse_json(R"({"a": 1})");
  ASSERT_TRUE(doc);
  EXPECT_TRUE((*doc)["zz"].is_null());
  EXPECT_FALSE(doc->has("zz"));
}

TEST(SupportJson, RejectsTrailingGarbageAndUnterminatedInput) {
  std::string error;
  EXPECT_FALSE(parse_json(R"({"a": 1} x)", &error));
  EXPECT_NE(error.find("trailing"), std::string::npos);
  EXPECT_FALSE(parse_json(R"(["a", )"));
  EXPECT_FALSE(parse_json(R"("abc)"));
}

TEST(SupportJson, DecodesSurrogatePairs) {
  auto doc = parse_json(R"("\ud83d\ude00")");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->str(), "\xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace mk::test
