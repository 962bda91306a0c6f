// A plain-text table: a heading row, section titles that span the table, and rows
// of cells padded into columns. Knows nothing about benchmarks.
#pragma once

#include <string>
#include <vector>

namespace mk::bench {

enum class Align { left, right };

struct Column {
  std::string heading;
  Align align = Align::left;
};

class TextTable {
 public:
  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  void add_section(std::string title);
  // Missing cells print empty; cells beyond the last column are dropped.
  void add_row(std::vector<std::string> cells);
  size_t row_count() const;

  // Columns separated by two spaces, a rule under the headings, a blank line before
  // each section title. Every line ends in '\n' and has no trailing spaces.
  std::string render() const;

 private:
  struct Line {
    bool section;
    std::vector<std::string> cells;  // a section has its title in cells[0]
  };
  std::vector<Column> columns_;
  std::vector<Line> lines_;
};

}  // namespace mk::bench
