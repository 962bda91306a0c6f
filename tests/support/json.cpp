#include "json.h"

#include <cstdlib>

namespace mk::test {

Json Json::make_bool(bool b) {
  Json j;
  j.type_ = Type::boolean;
  j.bool_ = b;
  return j;
}
Json Json::make_number(double d) {
  Json j;
  j.type_ = Type::number;
  j.number_ = d;
  return j;
}
Json Json::make_string(std::string s) {
  Json j;
  j.type_ = Type::string;
  j.string_ = std::move(s);
  return j;
}
Json Json::make_array(std::vector<Json> items) {
  Json j;
  j.type_ = Type::array;
  j.items_ = std::move(items);
  return j;
}
Json Json::make_object(std::map<std::string, Json, std::less<>> members) {
  Json j;
  j.type_ = Type::object;
  j.members_ = std::move(members);
  return j;
}

namespace {
const Json kNull;
const std::string kEmptyString;
const std::vector<Json> kEmptyItems;
}  // namespace

const std::string& Json::str() const {
  return type_ == Type::string ? string_ : kEmptyString;
}
const std::vector<Json>& Json::items() const {
  return type_ == Type::array ? items_ : kEmptyItems;
}
const Json& Json::operator[](std::string_view key) const {
  if (type_ != Type::object) return kNull;
  auto it = members_.find(key);
  return it == members_.end() ? kNull : it->second;
}
bool Json::has(std::string_view key) const {
  return type_ == Type::object && members_.find(key) != members_.end();
}
const Json& Json::operator[](size_t i) const {
  return type_ == Type::array && i < items_.size() ? items_[i] : kNull;
}
size_t Json::size() const {
  if (type_ == Type::array) return items_.size();
  if (type_ == Type::object) return members_.size();
  return 0;
}

namespace {

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  std::optional<Json> document() {
    std::optional<Json> v = value(0);
    skip_ws();
    if (v && pos_ != s_.size()) return fail("trailing characters");
    return v;
  }
  const std::string& error() const { return error_; }

 private:
  static constexpr int kMaxDepth = 64;

  std::nullopt_t fail(const char* why) {
    if (error_.empty()) error_ = std::string(why) + " at offset " + std::to_string(pos_);
    return std::nullopt;
  }
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  std::optional<Json> value(int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    skip_ws();
    if (pos_ >= s_.size()) return fail("unexpected end");
    char c = s_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      std::optional<std::string> s = string();
      if (!s) return std::nullopt;
      return Json::make_string(std::move(*s));
    }
    if (literal("true")) return Json::make_bool(true);
    if (literal("false")) return Json::make_bool(false);
    if (literal("null")) return Json();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    return fail("unexpected character");
  }

  std::optional<Json> number() {
    size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t d = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ > d;
    };
    if (!digits()) return fail("bad number");
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) return fail("bad fraction");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("bad exponent");
    }
    std::string text(s_.substr(start, pos_ - start));
    return Json::make_number(std::strtod(text.c_str(), nullptr));
  }

  std::optional<unsigned> hex4() {
    if (s_.size() - pos_ < 4) return std::nullopt;
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return std::nullopt;
    }
    return v;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }

  std::optional<std::string> string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) return fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return fail("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          std::optional<unsigned> cp = hex4();
          if (!cp) return fail("bad \\u escape");
          if (*cp >= 0xd800 && *cp < 0xdc00) {
            // A high surrogate must be followed by an escaped low surrogate.
            if (!literal("\\u")) return fail("lone surrogate");
            std::optional<unsigned> lo = hex4();
            if (!lo || *lo < 0xdc00 || *lo >= 0xe000) return fail("bad surrogate pair");
            *cp = 0x10000 + ((*cp - 0xd800) << 10) + (*lo - 0xdc00);
          } else if (*cp >= 0xdc00 && *cp < 0xe000) {
            return fail("lone surrogate");
          }
          put_utf8(out, *cp);
          break;
        }
        default:
          return fail("bad escape");
      }
    }
  }

  std::optional<Json> array(int depth) {
    ++pos_;
    std::vector<Json> items;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return Json::make_array(std::move(items));
    }
    while (true) {
      std::optional<Json> v = value(depth + 1);
      if (!v) return std::nullopt;
      items.push_back(std::move(*v));
      skip_ws();
      if (pos_ >= s_.size()) return fail("unterminated array");
      char c = s_[pos_++];
      if (c == ']') return Json::make_array(std::move(items));
      if (c != ',') return fail("expected , or ]");
    }
  }

  std::optional<Json> object(int depth) {
    ++pos_;
    std::map<std::string, Json, std::less<>> members;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return Json::make_object(std::move(members));
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected member name");
      std::optional<std::string> key = string();
      if (!key) return std::nullopt;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_++] != ':') return fail("expected :");
      std::optional<Json> v = value(depth + 1);
      if (!v) return std::nullopt;
      members.insert_or_assign(std::move(*key), std::move(*v));
      skip_ws();
      if (pos_ >= s_.size()) return fail("unterminated object");
      char c = s_[pos_++];
      if (c == '}') return Json::make_object(std::move(members));
      if (c != ',') return fail("expected , or }");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::optional<Json> parse_json(std::string_view text, std::string* error) {
  Parser p(text);
  std::optional<Json> v = p.document();
  if (!v && error) *error = p.error();
  return v;
}

}  // namespace mk::test
