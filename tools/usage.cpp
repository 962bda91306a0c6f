#include <cstdio>

#include "commands.h"

namespace mk::cli {

int usage_error(const char* command, const std::string& message) {
  std::fprintf(stderr, "meerkat %s: %s\n(see meerkat %s --help)\n", command, message.c_str(),
               command);
  return kExitUsage;
}

}  // namespace mk::cli
