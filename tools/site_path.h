// Mapping a request target to a file inside the served directory, refusing every
// way out of it: ".." segments, encoded ones ("%2e%2e"), NUL bytes, and symbolic
// links that resolve outside the directory.
#pragma once

#include <string>
#include <string_view>

namespace mk::cli {

enum class SiteLookup { found, not_found, forbidden, bad_request };

// root must be the served directory as an absolute path with symlinks resolved
// (realpath). target is the request target ("/docs/a.html?x=1"): the query is
// ignored, the path percent-decoded. A directory maps to its index.html. On found,
// file is the absolute path of a regular file under root.
SiteLookup resolve_site_path(const std::string& root, std::string_view target, std::string& file);

// Percent-decoding of a URL path. False on a malformed escape or an encoded NUL.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace mk::cli
