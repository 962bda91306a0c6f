// The directory the load test serves: files of known contents in three sizes (a
// small page, one full TLS record, a large download), written to a scratch
// directory and kept in memory so every response is compared byte for byte.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mk::load {

struct SiteFile {
  std::string name;      // "/small.bin"
  std::string contents;  // what a GET must return, exactly
};

class SiteDir {
 public:
  // Creates /tmp/meerkat-load-XXXXXX with the files. ok() says whether it worked.
  SiteDir();
  ~SiteDir();
  SiteDir(const SiteDir&) = delete;
  SiteDir& operator=(const SiteDir&) = delete;

  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  const std::vector<SiteFile>& files() const { return files_; }

 private:
  std::string path_;
  std::vector<SiteFile> files_;
  bool ok_ = false;
};

// Deterministic bytes that differ from file to file and never repeat on a power of
// two, so a chunk delivered twice, out of place or from the wrong file is noticed.
std::string site_file_contents(size_t size, unsigned seed);

}  // namespace mk::load
