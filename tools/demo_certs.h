// The bundled demo certificate (certs/demo): where `meerkat serve` finds it when no
// --cert is given. It is for trying Meerkat on localhost only: its key is public.
#pragma once

#include <string>
#include <vector>

namespace mk::cli {

// Directories searched, in order: ./certs/demo, the source tree the CLI was built
// from (MEERKAT_SOURCE_DIR), then next to and above the executable.
std::vector<std::string> demo_cert_dirs();

// The first of those directories holding chain.pem and key.pem. False when none does.
bool find_demo_certs(std::string& chain, std::string& key);

}  // namespace mk::cli
