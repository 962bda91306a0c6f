#include "code_size.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace mk::bench {
namespace {

// Output of a command (binutils only, run with paths we built), "" on failure.
std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  return pclose(p) == 0 ? out : std::string();
}

std::string quoted(const std::string& path) {
  return "'" + path + "'";
}

bool is_code_symbol(char type) {
  return type == 't' || type == 'T' || type == 'W' || type == 'w' || type == 'i';
}

}  // namespace

size_t ProgramText::rest() const {
  size_t claimed = 0;
  for (size_t b : archive_bytes) claimed += b;
  return claimed < text_bytes ? text_bytes - claimed : 0;
}

ProgramText measure_program_text(const std::string& binary, const std::vector<Archive>& archives) {
  ProgramText out;
  out.archive_bytes.assign(archives.size(), 0);

  std::istringstream sections(run("size -A -d " + quoted(binary)));
  std::string name;
  size_t size = 0, address = 0;
  std::string line;
  while (std::getline(sections, line)) {
    std::istringstream fields(line);
    if (!(fields >> name >> size >> address)) continue;
    if (name == ".text") out.text_bytes = size;
    if (name == ".rodata") out.rodata_bytes = size;
  }
  if (out.text_bytes == 0) {
    out.error = "size -A found no .text in " + binary;
    return out;
  }

  // Symbol name -> the first archive (in the order given) that defines it as code,
  // and the member that does.
  struct Owner {
    size_t archive;
    std::string member;
  };
  std::unordered_map<std::string, Owner> owner;
  std::vector<std::map<std::string, size_t>> members(archives.size());
  for (size_t i = 0; i < archives.size(); ++i) {
    std::istringstream symbols(run("nm --defined-only " + quoted(archives[i].path)));
    bool any = false;
    std::string member;
    while (std::getline(symbols, line)) {
      if (!line.empty() && line.back() == ':') {  // "alloc.cpp.o:" starts a member's list
        member = line.substr(0, line.size() - 1);
        continue;
      }
      std::istringstream fields(line);
      std::string value, type, symbol;
      if (!(fields >> value >> type >> symbol) || type.size() != 1) continue;
      if (!is_code_symbol(type[0])) continue;
      owner.emplace(symbol, Owner{i, member});
      any = true;
    }
    if (!any) {
      out.error = "nm found no code in " + archives[i].path;
      return out;
    }
  }

  // Names that share an address are one piece of code (C++ emits the complete and
  // base constructor as aliases), so each address counts once.
  std::unordered_set<std::string> addresses;
  std::istringstream symbols(run("nm -S --defined-only " + quoted(binary)));
  while (std::getline(symbols, line)) {
    std::istringstream fields(line);
    std::string value, size_hex, type, symbol;
    if (!(fields >> value >> size_hex >> type >> symbol) || type.size() != 1) continue;
    if (!is_code_symbol(type[0])) continue;
    auto it = owner.find(symbol);
    if (it == owner.end() || !addresses.insert(value).second) continue;
    size_t bytes = std::stoul(size_hex, nullptr, 16);
    out.archive_bytes[it->second.archive] += bytes;
    members[it->second.archive][it->second.member] += bytes;
  }
  for (const auto& by_member : members) {
    std::vector<std::pair<std::string, size_t>> sorted(by_member.begin(), by_member.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    out.member_bytes.push_back(std::move(sorted));
  }
  return out;
}

}  // namespace mk::bench
