// Whole-file reads for the *_file convenience functions.
#pragma once

#include "base/alloc.h"
#include "base/error.h"

namespace mk::api {

// The file's bytes in out; MK_ERR_FILE_READ when it cannot be opened or read.
Err read_file(const char* path, Buffer& out);

}  // namespace mk::api
