#include "text_table.h"

#include <algorithm>

namespace mk::bench {
namespace {

// Display width: UTF-8 continuation bytes take no column.
size_t width_of(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

void trim_right(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
}

}  // namespace

void TextTable::add_section(std::string title) {
  lines_.push_back({true, {std::move(title)}});
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  lines_.push_back({false, std::move(cells)});
}

size_t TextTable::row_count() const {
  return static_cast<size_t>(
      std::count_if(lines_.begin(), lines_.end(), [](const Line& l) { return !l.section; }));
}

std::string TextTable::render() const {
  std::vector<size_t> widths(columns_.size());
  for (size_t i = 0; i < columns_.size(); ++i) widths[i] = width_of(columns_[i].heading);
  for (const Line& line : lines_) {
    if (line.section) continue;
    for (size_t i = 0; i < columns_.size(); ++i) {
      widths[i] = std::max(widths[i], width_of(line.cells[i]));
    }
  }
  auto render_cells = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i) out += "  ";
      std::string pad(widths[i] - width_of(cells[i]), ' ');
      out += columns_[i].align == Align::right ? pad + cells[i] : cells[i] + pad;
    }
    trim_right(out);
    return out + "\n";
  };

  std::vector<std::string> headings;
  size_t total = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    headings.push_back(columns_[i].heading);
    total += widths[i] + (i ? 2 : 0);
  }
  std::string out = render_cells(headings) + std::string(total, '-') + "\n";
  for (const Line& line : lines_) {
    out += line.section ? "\n" + line.cells[0] + "\n" : render_cells(line.cells);
  }
  return out;
}

}  // namespace mk::bench
