// A small JSON reader for test data (Wycheproof, x509-limbo). Tests only: it
// favours clarity over speed and reports the first syntax error it meets.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mk::test {

class Json {
 public:
  enum class Type { null, boolean, number, string, array, object };

  Json() = default;
  static Json make_bool(bool b);
  static Json make_number(double d);
  static Json make_string(std::string s);
  static Json make_array(std::vector<Json> items);
  static Json make_object(std::map<std::string, Json, std::less<>> members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_string() const { return type_ == Type::string; }
  bool is_number() const { return type_ == Type::number; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }

  // Typed reads; a value of another type yields the empty value of the asked type.
  bool boolean() const { return type_ == Type::boolean && bool_; }
  double number() const { return type_ == Type::number ? number_ : 0; }
  long long integer() const { return static_cast<long long>(number()); }
  const std::string& str() const;
  const std::vector<Json>& items() const;  // array elements

  // Object member, or a null value when absent (or when this is not an object).
  const Json& operator[](std::string_view key) const;
  bool has(std::string_view key) const;
  // Array element, or a null value when out of range.
  const Json& operator[](size_t i) const;
  size_t size() const;  // array or object size, else 0

 private:
  Type type_ = Type::null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::map<std::string, Json, std::less<>> members_;
};

// Parse a whole document. On failure returns nullopt and, if error is given, says
// where and why.
std::optional<Json> parse_json(std::string_view text, std::string* error = nullptr);

}  // namespace mk::test
