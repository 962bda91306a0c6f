#include "site_path.h"

#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>

namespace mk::cli {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// realpath(3) into a std::string; false when the path does not exist.
bool real_path(const std::string& path, std::string& out) {
  char buf[PATH_MAX];
  if (!::realpath(path.c_str(), buf)) return false;
  out = buf;
  return true;
}

bool is_inside(const std::string& root, const std::string& path) {
  if (path == root) return true;
  std::string prefix = root.ends_with('/') ? root : root + "/";
  return path.starts_with(prefix);
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
  std::string s;
  s.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      s.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = hex_value(in[i + 1]);
    int lo = hex_value(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return false;
    s.push_back(c);
    i += 2;
  }
  out = std::move(s);
  return true;
}

SiteLookup resolve_site_path(const std::string& root, std::string_view target, std::string& file) {
  std::string_view path_part = target.substr(0, target.find_first_of("?#"));
  std::string path;
  if (!percent_decode(path_part, path) || path.empty() || path[0] != '/') {
    return SiteLookup::bad_request;
  }
  // Rebuild the path from its segments, refusing ".." outright rather than
  // normalising it: a request that tries to climb is never a legitimate one.
  std::string joined = root;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    std::string_view segment = std::string_view(path).substr(pos, slash - pos);
    pos = slash + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") return SiteLookup::forbidden;
    joined += '/';
    joined += segment;
  }

  std::string real;
  if (!real_path(joined, real)) return SiteLookup::not_found;
  if (!is_inside(root, real)) return SiteLookup::forbidden;
  struct stat st;
  if (::stat(real.c_str(), &st) != 0) return SiteLookup::not_found;
  if (S_ISDIR(st.st_mode)) {
    if (!real_path(real + "/index.html", real)) return SiteLookup::not_found;
    if (!is_inside(root, real)) return SiteLookup::forbidden;
    if (::stat(real.c_str(), &st) != 0) return SiteLookup::not_found;
  }
  if (!S_ISREG(st.st_mode)) return SiteLookup::not_found;
  file = std::move(real);
  return SiteLookup::found;
}

}  // namespace mk::cli
