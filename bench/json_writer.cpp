#include "json_writer.h"

#include <cmath>
#include <cstdio>

namespace mk::bench {

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(2 * has_value_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_value_.empty()) return;
  if (has_value_.back()) out_ += ',';
  has_value_.back() = true;
  newline();
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_value_.push_back(false);
}

void JsonWriter::close(char bracket) {
  bool had = has_value_.back();
  has_value_.pop_back();
  if (had) newline();
  out_ += bracket;
}

void JsonWriter::end_object() {
  close('}');
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_value_.push_back(false);
}

void JsonWriter::end_array() {
  close(']');
}

void JsonWriter::key(std::string_view name) {
  string(name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
  before_value();
  out_ += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(c));
          out_ += esc;
        } else {
          out_ += c;
        }
    }
  }
  out_ += '"';
}

void JsonWriter::number(double v) {
  if (!std::isfinite(v)) {
    null();
    return;
  }
  before_value();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  out_ += buf;
}

void JsonWriter::integer(long long v) {
  before_value();
  out_ += std::to_string(v);
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

}  // namespace mk::bench
