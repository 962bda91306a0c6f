#include "testdata.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace mk::test {

std::string shared_testdata(const std::string& rel) {
  std::string p = std::string(MEERKAT_SHARED_TESTDATA) + "/" + rel;
  struct stat st;
  return stat(p.c_str(), &st) == 0 ? p : std::string();
}

std::string source_path(const std::string& rel) { return std::string(MEERKAT_SOURCE_DIR) + "/" + rel; }

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string unhex(const std::string& hex) {
  std::string out;
  int hi = -1;
  for (char ch : hex) {
    if (std::isspace(static_cast<unsigned char>(ch))) continue;
    int v = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0' : (std::tolower(ch) - 'a' + 10);
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<char>(hi * 16 + v));
      hi = -1;
    }
  }
  return out;
}

std::string hex(const std::string& bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

}  // namespace mk::test
