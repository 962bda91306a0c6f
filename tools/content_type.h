// The Content-Type the file server sends, chosen by file name extension.
#pragma once

#include <string_view>

namespace mk::cli {

// "text/html; charset=utf-8" for index.html; application/octet-stream when the
// extension is unknown. Extensions match case-insensitively.
std::string_view content_type_for(std::string_view path);

}  // namespace mk::cli
