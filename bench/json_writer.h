// A streaming JSON writer for bench.json: objects, arrays, strings, numbers,
// booleans and null, indented two spaces. Commas and nesting are tracked here so
// callers only say what comes next.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mk::bench {

class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // Inside an object: the next value's name.
  void key(std::string_view name);
  void string(std::string_view s);
  // Non-finite numbers have no JSON form and are written as null.
  void number(double v);
  void integer(long long v);
  void boolean(bool b);
  void null();

  // The document so far; complete once every begin_* has its end_*.
  const std::string& text() const { return out_; }

 private:
  void before_value();
  void newline();
  void close(char bracket);
  std::string out_;
  // For each open container: whether it already holds a value.
  std::vector<bool> has_value_;
  bool after_key_ = false;
};

}  // namespace mk::bench
