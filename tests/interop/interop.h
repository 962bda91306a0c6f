// Shared pieces of the interop tests: the meerkat CLI and real peers (openssl,
// gnutls, curl) as child processes on 127.0.0.1, test certificates, a scratch site.
// Every peer is a mk::test::Process, stopped by PID when the test ends.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "process.h"
#include "testdata.h"

namespace mk::test {

inline const std::string kCli = MEERKAT_CLI;

// A bounded time for one peer to answer; generous for a loaded 2-core machine, and
// longer when the meerkat CLI runs under valgrind (MEERKAT_TEST_WRAPPER).
inline const Millis kPeerTimeout = allow_for_wrapper(Millis(8000));

inline std::string cert(const std::string& rel) {
  return source_path("tests/data/certs/" + rel);
}

inline const char* const kSuites[] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                      "TLS_CHACHA20_POLY1305_SHA256"};
// Meerkat's group name and the name OpenSSL's -groups takes.
struct GroupNames {
  const char* meerkat;
  const char* openssl;
  const char* openssl_temp_key;  // how `s_client -brief` reports the key exchange
};
inline const GroupNames kGroups[] = {
    {"x25519", "X25519", "Server Temp Key: X25519"},
    {"secp256r1", "P-256", "Server Temp Key: ECDH, prime256v1"},
    {"secp384r1", "P-384", "Server Temp Key: ECDH, secp384r1"},
};
// Server chains: the directory under tests/data/certs.
inline const char* const kChains[] = {"ecdsa-p256", "rsa-2048"};

// One case of the suite x group x server key matrix, and its test name.
using MatrixCase = std::tuple<const char*, GroupNames, const char*>;
inline auto all_matrix_cases() {
  return ::testing::Combine(::testing::ValuesIn(kSuites), ::testing::ValuesIn(kGroups),
                            ::testing::ValuesIn(kChains));
}
inline std::string matrix_case_name(const ::testing::TestParamInfo<MatrixCase>& info) {
  auto [suite, group, chain] = info.param;
  std::string name = std::string(suite).substr(4) + "_" + group.meerkat + "_" + chain;
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// A scratch directory, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/meerkat-interop-XXXXXX";
    if (::mkdtemp(tmpl)) path_ = tmpl;
  }
  ~TempDir() {
    if (!path_.empty()) std::system(("rm -rf '" + path_ + "'").c_str());
  }
  const std::string& path() const { return path_; }
  std::string write(const std::string& name, const std::string& content) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::string path_;
};

inline const std::string kIndexHtml =
    "<!doctype html><title>meerkat</title><p>hello from meerkat</p>\n";

// A served directory: index.html plus whatever a test adds.
struct Site {
  TempDir dir;
  Site() { dir.write("index.html", kIndexHtml); }
};

// A peer process listening on 127.0.0.1 and a free port.
class LocalServer {
 public:
  uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/") const {
    return "https://localhost:" + std::to_string(port_) + path;
  }
  Process& proc() { return proc_; }

 protected:
  // Start argv and wait until it prints ready_text on stdout.
  bool launch(const std::vector<std::string>& argv, const std::vector<std::string>& extra,
              const std::string& ready_text, const std::string& cwd = "") {
    std::vector<std::string> all = argv;
    all.insert(all.end(), extra.begin(), extra.end());
    if (!proc_.start(all, cwd)) return false;
    return proc_.wait_for_output(ready_text, kPeerTimeout, 1);
  }
  uint16_t port_ = pick_free_port();
  Process proc_;
};

// `meerkat serve`, ready when it has printed its URL.
class MeerkatServer : public LocalServer {
 public:
  bool start(const std::string& root, const std::vector<std::string>& extra) {
    return launch({kCli, "serve", "--port", std::to_string(port_), "--dir", root}, extra,
                  "https://localhost:" + std::to_string(port_));
  }
};

// `openssl s_server`, ready when it prints ACCEPT.
class OpensslServer : public LocalServer {
 public:
  bool start(const std::vector<std::string>& extra, const std::string& cwd = "") {
    return launch({"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port_)}, extra,
                  "ACCEPT", cwd);
  }
};

// s_server arguments for a chain directory under tests/data/certs: leaf, key, and
// the intermediate sent after the leaf.
inline std::vector<std::string> openssl_server_chain(const std::string& kind) {
  return {"-cert",       cert(kind + "/leaf.pem"),        "-key", cert(kind + "/key.pem"),
          "-cert_chain", cert(kind + "/intermediate.pem")};
}

// Run a command to completion (bounded); the finished Process holds its output.
struct Finished {
  std::optional<int> status;
  std::string out, err;
};
inline Finished run(const std::vector<std::string>& argv, const std::string& input = "",
                    Millis timeout = kPeerTimeout) {
  Process p;
  Finished f;
  if (!p.start(argv)) {
    f.err = p.error();
    return f;
  }
  if (!input.empty()) p.write_stdin(input);
  p.close_stdin();
  f.status = p.wait_exit(timeout);
  f.out = p.out();
  f.err = p.err();
  return f;
}

// The lines of text, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

inline std::string http_get(const std::string& path = "/", const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "Connection: close\r\n\r\n";
}

}  // namespace mk::test
