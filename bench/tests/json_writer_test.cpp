#include "json_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace mk::bench {
namespace {

TEST(JsonWriter, WritesNestedObjectsAndArraysIndented) {
  JsonWriter w;
  w.begin_object();
  w.key("a");
  w.integer(1);
  w.key("list");
  w.begin_array();
  w.boolean(true);
  w.null();
  w.end_array();
  w.end_object();
  EXPECT_EQ(w.text(), "{\n  \"a\": 1,\n  \"list\": [\n    true,\n    null\n  ]\n}");
}

TEST(JsonWriter, EmptyContainersStayOnOneLine) {
  JsonWriter w;
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.end_array();
  EXPECT_EQ(w.text(), "[\n  {}\n]");
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  JsonWriter w;
  w.string("a\"b\\c\nd\x01");
  EXPECT_EQ(w.text(), "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST(JsonWriter, NumbersUseSixSignificantDigitsAndNonFiniteBecomesNull) {
  JsonWriter w;
  w.begin_array();
  w.number(1234.5678);
  w.number(std::numeric_limits<double>::infinity());
  w.end_array();
  EXPECT_EQ(w.text(), "[\n  1234.57,\n  null\n]");
}

}  // namespace
}  // namespace mk::bench
