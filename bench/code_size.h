// Code size of a linked program: its .text (binutils `size -A`), split by where the
// code came from. Each function symbol of the program (`nm -S`) is charged to the
// static archive that defines a symbol of that name (`nm` on the archive); what no
// archive claims (the program's own main, C runtime start-up, alignment padding)
// is the rest.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mk::bench {

struct Archive {
  std::string label;  // "Meerkat", "BearSSL", "libssl", "libcrypto"
  std::string path;
};

struct ProgramText {
  size_t text_bytes = 0;              // the whole .text section
  size_t rodata_bytes = 0;            // .rodata: constant tables, also in flash
  std::vector<size_t> archive_bytes;  // per archive, in the order given
  // Per archive, its members (object files) by the code they brought in, largest first.
  std::vector<std::vector<std::pair<std::string, size_t>>> member_bytes;
  std::string error;  // set when a tool failed or printed nothing usable
  size_t rest() const;
};

ProgramText measure_program_text(const std::string& binary, const std::vector<Archive>& archives);

}  // namespace mk::bench
