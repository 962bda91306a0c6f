// x509-limbo conformance: every case of ../shared/testdata/x509-limbo/limbo.flat
// (format in its README) through x509::verify_chain, ending with
// "N passed, N failed, N skipped". Cases are skipped only for what Meerkat does not
// claim (see kUnclaimed and docs/x509.md); the test fails when the pass count drops
// below tests/conformance/limbo-floor.txt.
//
// Under AddressSanitizer the run takes a 1-in-8 sample: that build is here to catch
// memory errors, and the floor is enforced by the normal build.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "testdata.h"
#include "x509/pem.h"
#include "x509/x509.h"

namespace mk::x509 {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kSampleEvery = 8;
#else
constexpr size_t kSampleEvery = 1;
#endif
constexpr size_t kFailuresShown = 40;

struct LimboCase {
  std::string id;
  bool expect_success = false;
  bool client = false;
  int64_t time = 0;
  std::string name_kind, name;
  std::vector<std::string> features;
  std::string eku;
  int max_depth = -1;
  std::vector<std::string> trusted, untrusted;
  std::string peer;
};

// Features whose cases Meerkat does not claim, and why (docs/x509.md says more).
struct Unclaimed {
  const char* feature;
  const char* reason;
};
constexpr Unclaimed kUnclaimed[] = {
    {"has-crl", "revocation (CRLs) is not checked"},
    {"has-policy-constraints", "certificate policies are not processed"},
    {"pedantic-webpki-eku", "EKU in roots is read as a constraint, not refused"},
    {"rfc5280-incompatible-with-webpki",
     "non-critical name constraints are honoured, as in browsers"},
};

const char* skip_reason(const LimboCase& c) {
  for (const Unclaimed& u : kUnclaimed)
    for (const std::string& f : c.features)
      if (f == u.feature) return u.reason;
  if (c.name_kind == "RFC822") return "email identities are not matched";
  return nullptr;
}

// Reads n PEM blocks (BEGIN..END, inclusive) from the stream into out.
void read_pems(std::istream& in, int n, std::vector<std::string>& out) {
  std::string line;
  for (int i = 0; i < n; ++i) {
    std::string pem;
    while (std::getline(in, line)) {
      pem += line + "\n";
      if (line.rfind("-----END", 0) == 0) break;
    }
    out.push_back(pem);
  }
}

std::vector<LimboCase> read_cases(const std::string& path) {
  std::ifstream in(path);
  std::vector<LimboCase> cases;
  std::string line;
  LimboCase c;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "TC") {
      c = LimboCase{};
      words >> c.id;
    } else if (key == "EXPECT") {
      std::string v;
      words >> v;
      c.expect_success = v == "SUCCESS";
    } else if (key == "KIND") {
      std::string v;
      words >> v;
      c.client = v == "CLIENT";
    } else if (key == "TIME") {
      std::string v;
      words >> v;
      c.time = v == "-" ? 0 : std::strtoll(v.c_str(), nullptr, 10);
    } else if (key == "PEERNAME" || key == "PEERNAMES") {
      // PEERNAMES lines (one name each, possibly several) are only used for RFC822.
      words >> c.name_kind >> c.name;
    } else if (key == "FEATURES") {
      for (std::string f; words >> f;)
        if (f != "-") c.features.push_back(f);
    } else if (key == "EKU") {
      words >> c.eku;
    } else if (key == "MAXDEPTH") {
      words >> c.max_depth;
    } else if (key == "TRUSTED" || key == "UNTRUSTED" || key == "CRLS") {
      int n = 0;
      words >> n;
      std::vector<std::string> ignored;
      read_pems(in, n, key == "TRUSTED" ? c.trusted : key == "UNTRUSTED" ? c.untrusted : ignored);
    } else if (key == "PEER") {
      std::vector<std::string> peer;
      read_pems(in, 1, peer);
      c.peer = peer.empty() ? "" : peer[0];
    } else if (key == "END") {
      cases.push_back(c);
    }
  }
  return cases;
}

// PEM text to DER without judging the certificate: verify_chain is the judge.
bool pem_to_der(const std::string& pem, Buffer& der) {
  PemReader reader(as_bytes(pem));
  PemBlock block;
  const char* problem = "";
  return reader.next(block) && pem_decode(block, der, &problem) == MK_OK;
}

struct Verdict {
  Err err = MK_OK;
  std::string detail;
};

Verdict run_case(const LimboCase& c, int64_t now) {
  TrustStore store;
  for (const std::string& pem : c.trusted) store.add(as_bytes(pem));  // a bad anchor is left out
  std::vector<Buffer> ders;
  ders.emplace_back();
  if (!pem_to_der(c.peer, ders.back())) return {MK_ERR_CERT_MALFORMED, "leaf PEM does not decode"};
  for (const std::string& pem : c.untrusted) {
    ders.emplace_back();
    if (!pem_to_der(pem, ders.back())) ders.pop_back();
  }
  std::vector<ByteView> chain;
  for (const Buffer& b : ders) chain.push_back(b.view());
  VerifyParams params;
  params.now = c.time > 0 ? c.time : now;
  params.name = c.name;
  bool client = c.eku.empty() ? c.client : c.eku == "clientAuth";
  params.purpose = client ? Purpose::client_auth : Purpose::server_auth;
  if (c.max_depth >= 0) params.max_depth = c.max_depth + 2;  // limbo counts intermediates only
  crypto::PublicKey key;
  Detail detail;
  Err e = verify_chain(chain, store, params, key, &detail);
  return {e, detail.text};
}

TEST(LimboConformance, PassCountStaysAtOrAboveTheFloor) {
  MK_REQUIRE_SHARED(path, "x509-limbo/limbo.flat");
  std::vector<LimboCase> cases = read_cases(path);
  ASSERT_GT(cases.size(), 6000u);
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  size_t passed = 0, failed = 0, skipped = 0;
  std::vector<std::string> failures;
  const char* only = std::getenv("LIMBO_CASE");  // run one case by id, for debugging
  for (size_t i = 0; i < cases.size(); i += kSampleEvery) {
    const LimboCase& c = cases[i];
    if (only && c.id != only) continue;
    if (skip_reason(c)) {
      ++skipped;
      continue;
    }
    Verdict v = run_case(c, now);
    if ((v.err == MK_OK) == c.expect_success) {
      ++passed;
      continue;
    }
    ++failed;
    failures.push_back(c.id + ": expected " + (c.expect_success ? "SUCCESS" : "FAILURE") +
                       ", got " + err_name(v.err) +
                       (v.detail.empty() ? "" : " (" + v.detail + ")"));
  }
  for (size_t i = 0; i < failures.size() && i < kFailuresShown; ++i)
    std::printf("FAILED %s\n", failures[i].c_str());
  if (failures.size() > kFailuresShown)
    std::printf("... and %zu more failing cases\n", failures.size() - kFailuresShown);
  std::printf("%zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
  if (kSampleEvery != 1) return;  // the sampled run is for the sanitizers
  std::ifstream floor_file(test::source_path("tests/conformance/limbo-floor.txt"));
  size_t floor = 0;
  floor_file >> floor;
  ASSERT_GT(floor, 0u) << "tests/conformance/limbo-floor.txt is missing or empty";
  EXPECT_GE(passed, floor) << "x509-limbo passes dropped below the committed floor";
}

}  // namespace
}  // namespace mk::x509
