#include "api/file.h"

#include <cstdio>

namespace mk::api {

Err read_file(const char* path, Buffer& out) {
  out.clear();
  if (!path) return MK_ERR_INVALID_ARGUMENT;
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return MK_ERR_FILE_READ;
  uint8_t chunk[4096];
  Err e = MK_OK;
  for (;;) {
    const size_t n = std::fread(chunk, 1, sizeof chunk, f);
    if (n > 0 && !out.append(ByteView(chunk, n))) {
      e = MK_ERR_OUT_OF_MEMORY;
      break;
    }
    if (n < sizeof chunk) {
      if (std::ferror(f)) e = MK_ERR_FILE_READ;
      break;
    }
  }
  std::fclose(f);
  return e;
}

}  // namespace mk::api
