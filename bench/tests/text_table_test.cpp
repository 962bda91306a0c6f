#include "text_table.h"

#include <gtest/gtest.h>

namespace mk::bench {
namespace {

TEST(TextTable, PadsColumnsToTheWidestCellAndAlignsAsAsked) {
  TextTable t({{"name", Align::left}, {"n", Align::right}});
  t.add_row({"a", "1"});
  t.add_row({"bbb", "22"});
  EXPECT_EQ(t.render(),
            "name   n\n"
            "--------\n"
            "a      1\n"
            "bbb   22\n");
}

TEST(TextTable, SectionTitlesStandOnTheirOwnLineAfterABlankOne) {
  TextTable t({{"x", Align::left}});
  t.add_section("Part 1");
  t.add_row({"row"});
  EXPECT_EQ(t.render(), "x\n---\n\nPart 1\nrow\n");
}

TEST(TextTable, MultiByteCharactersTakeOneColumn) {
  TextTable t({{"unit", Align::left}, {"v", Align::right}});
  t.add_row({"\xc2\xb5s", "1"});  // "µs"
  EXPECT_EQ(t.render(), "unit  v\n-------\n\xc2\xb5s    1\n");
}

TEST(TextTable, MissingCellsPrintEmptyAndRowsCountWithoutSections) {
  TextTable t({{"a", Align::left}, {"b", Align::left}});
  t.add_section("s");
  t.add_row({"only"});
  EXPECT_EQ(t.row_count(), 1u);
  EXPECT_EQ(t.render(), "a     b\n-------\n\ns\nonly\n");
}

}  // namespace
}  // namespace mk::bench
