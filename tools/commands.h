// The subcommands of `meerkat`. Each takes the arguments after its own name and
// returns the process exit status: 0 success, 1 failure, 2 usage error.
#pragma once

#include <span>
#include <string>

namespace mk::cli {

int run_serve(std::span<const char* const> args);
int run_get(std::span<const char* const> args);
int run_verify(std::span<const char* const> args);

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// "meerkat COMMAND: message" and a pointer to --help on stderr; returns kExitUsage.
int usage_error(const char* command, const std::string& message);

}  // namespace mk::cli
