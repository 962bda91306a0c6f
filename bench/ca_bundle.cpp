#include "ca_bundle.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <vector>

#include "counting_heap.h"
#include "meerkat/meerkat.h"

namespace mk::bench {
namespace {

// One library's load, as three steps: make an empty store, load the bundle into it
// (returning why it failed, "" when it did not), free the store.
struct LoadSteps {
  std::function<void()> make;
  std::function<std::string()> load;
  std::function<void()> free;
};

CaBundleLoad measure(CountingHeap& heap, const RunPlan& plan, const LoadSteps& steps) {
  CaBundleLoad out;
  std::vector<double> seconds, held, peak;
  HeapSideScope side(Side::client);
  for (int run = 0; run < plan.runs; ++run) {
    steps.make();
    size_t before = heap.count(Side::client).current;
    heap.reset_peak(Side::client);
    double start = thread_cpu_seconds();
    std::string error = steps.load();
    seconds.push_back(thread_cpu_seconds() - start);
    held.push_back(static_cast<double>(heap.count(Side::client).current - before));
    peak.push_back(static_cast<double>(heap.count(Side::client).peak - before));
    steps.free();
    if (!error.empty()) {
      out.error = error;
      return out;
    }
  }
  out.seconds = summarize(seconds);
  out.held_bytes = summarize(held);
  out.peak_bytes = summarize(peak);
  return out;
}

// The PEM certificate blocks of a bundle, markers included (a text split, no parsing).
std::vector<std::string> pem_certificates(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  const std::string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
  std::vector<std::string> out;
  for (size_t at = all.find(begin); at != std::string::npos; at = all.find(begin, at)) {
    size_t stop = all.find(end, at);
    if (stop == std::string::npos) break;
    out.push_back(all.substr(at, stop + end.size() - at));
    at = stop;
  }
  return out;
}

}  // namespace

CaBundleLoad measure_meerkat_ca_load(const std::string& bundle, const RunPlan& plan) {
  mk_config* cfg = nullptr;
  LoadSteps steps{
      [&] { cfg = mk_config_new(MK_ROLE_CLIENT); },
      [&]() -> std::string {
        if (!cfg) return "mk_config_new failed";
        int err = mk_config_load_ca_file(cfg, bundle.c_str());
        return err == MK_OK ? "" : std::string("mk_config_load_ca_file: ") + mk_err_name(err);
      },
      [&] {
        mk_config_free(cfg);
        cfg = nullptr;
      }};
  CaBundleLoad whole = measure(meerkat_heap(), RunPlan::quick_plan(), steps);
  if (whole.error.empty()) return measure(meerkat_heap(), plan, steps);

  std::vector<std::string> certs = pem_certificates(bundle);
  int refused = 0;
  int first_error = MK_OK;
  steps.load = [&]() -> std::string {
    if (!cfg) return "mk_config_new failed";
    refused = 0;
    for (const std::string& pem : certs) {
      int err = mk_config_add_ca(cfg, reinterpret_cast<const uint8_t*>(pem.data()), pem.size());
      if (err != MK_OK) {
        ++refused;
        if (first_error == MK_OK) first_error = err;
      }
    }
    return refused == static_cast<int>(certs.size()) ? whole.error : "";
  };
  CaBundleLoad out = measure(meerkat_heap(), plan, steps);
  if (out.error.empty()) {
    out.caveat = whole.error + "; one by one, " + std::to_string(refused) + " of " +
                 std::to_string(certs.size()) + " certificates refused (" +
                 mk_err_name(first_error) + ")";
  }
  return out;
}

CaBundleLoad measure_openssl_ca_load(const std::string& bundle, const RunPlan& plan) {
  SSL_CTX* ctx = nullptr;
  return measure(openssl_heap(), plan,
                 {[&] { ctx = SSL_CTX_new(TLS_client_method()); },
                  [&]() -> std::string {
                    if (ctx && SSL_CTX_load_verify_locations(ctx, bundle.c_str(), nullptr) == 1)
                      return "";
                    char why[256];
                    ERR_error_string_n(ERR_get_error(), why, sizeof why);
                    return std::string("SSL_CTX_load_verify_locations: ") + why;
                  },
                  [&] {
                    SSL_CTX_free(ctx);
                    ctx = nullptr;
                  }});
}

}  // namespace mk::bench
