// `meerkat`: the command-line face of the library. Subcommands: serve, get, verify.
#include <cstdio>
#include <span>
#include <string_view>

#include "commands.h"
#include "meerkat/meerkat.h"

namespace {

constexpr const char* kUsage =
    "usage: meerkat <command> [options]\n"
    "\n"
    "  serve    serve a directory over HTTPS (TLS 1.3, 1.2) on 127.0.0.1\n"
    "  get      fetch an https:// URL and print the body\n"
    "  verify   verify a certificate chain, like openssl verify\n"
    "\n"
    "meerkat <command> --help describes each command's options.\n"
    "meerkat --version prints the library version.\n";

}  // namespace

int main(int argc, char** argv) {
  std::span<const char* const> args(argv, static_cast<size_t>(argc));
  if (args.size() < 2) {
    std::fputs(kUsage, stderr);
    return mk::cli::kExitUsage;
  }
  std::string_view command = args[1];
  std::span<const char* const> rest = args.subspan(2);
  if (command == "serve") return mk::cli::run_serve(rest);
  if (command == "get") return mk::cli::run_get(rest);
  if (command == "verify") return mk::cli::run_verify(rest);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return mk::cli::kExitOk;
  }
  if (command == "--version") {
    std::printf("%s\n", mk_version_string());
    return mk::cli::kExitOk;
  }
  std::fprintf(stderr, "meerkat: unknown command %.*s\n%s", static_cast<int>(command.size()),
               command.data(), kUsage);
  return mk::cli::kExitUsage;
}
