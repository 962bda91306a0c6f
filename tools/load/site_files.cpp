#include "site_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace mk::load {
namespace {

struct FileSpec {
  const char* name;
  size_t size;
};
constexpr FileSpec kFiles[] = {
    {"small.bin", 100},
    {"record.bin", 16 * 1024},
    {"large.bin", 1024 * 1024},
};

bool write_file(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return ::close(fd) == 0;
}

}  // namespace

std::string site_file_contents(size_t size, unsigned seed) {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    uint32_t x = static_cast<uint32_t>(i) * 2654435761u + seed * 0x9e3779b9u;
    x ^= x >> 15;
    x *= 0x2c1b3c6du;
    x ^= x >> 12;
    s[i] = static_cast<char>(x & 0xff);
  }
  return s;
}

SiteDir::SiteDir() {
  char tmpl[] = "/tmp/meerkat-load-XXXXXX";
  if (!::mkdtemp(tmpl)) return;
  path_ = tmpl;
  unsigned seed = 1;
  for (const FileSpec& f : kFiles) {
    SiteFile file{std::string("/") + f.name, site_file_contents(f.size, seed++)};
    if (!write_file(path_ + file.name, file.contents)) return;
    files_.push_back(std::move(file));
  }
  ok_ = true;
}

SiteDir::~SiteDir() {
  if (path_.empty()) return;
  for (const SiteFile& f : files_) ::unlink((path_ + f.name).c_str());
  ::rmdir(path_.c_str());
}

}  // namespace mk::load
