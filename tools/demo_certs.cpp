#include "demo_certs.h"

#include <unistd.h>

#include <climits>

namespace mk::cli {
namespace {

bool readable(const std::string& path) {
  return ::access(path.c_str(), R_OK) == 0;
}

std::string executable_dir() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  std::string path(buf, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}

}  // namespace

std::vector<std::string> demo_cert_dirs() {
  std::vector<std::string> dirs = {"certs/demo"};
#ifdef MEERKAT_SOURCE_DIR
  dirs.push_back(std::string(MEERKAT_SOURCE_DIR) + "/certs/demo");
#endif
  std::string exe = executable_dir();
  if (!exe.empty()) {
    dirs.push_back(exe + "/certs/demo");
    dirs.push_back(exe + "/../certs/demo");
    dirs.push_back(exe + "/../share/meerkat/certs/demo");
  }
  return dirs;
}

bool find_demo_certs(std::string& chain, std::string& key) {
  for (const std::string& dir : demo_cert_dirs()) {
    if (readable(dir + "/chain.pem") && readable(dir + "/key.pem")) {
      chain = dir + "/chain.pem";
      key = dir + "/key.pem";
      return true;
    }
  }
  return false;
}

}  // namespace mk::cli
