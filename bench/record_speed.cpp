#include "record_speed.h"

#include <array>
#include <functional>
#include <vector>

#include "crypto/provider.h"
#include "meerkat/meerkat.h"

namespace mk::bench {
namespace {

// Records per pass. Opening seals a pass of records first (untimed), then opens
// them in order (timed), so an open never sees the same bytes twice and sequence
// numbers stay in step.
constexpr int kRecordsPerPass = 32;

// One run of timed passes: pass(n) seals or opens n records and returns the CPU
// seconds that count. The run lasts until plan.run_seconds of counted time.
double run_passes(const RunPlan& plan, const std::function<double(int)>& pass) {
  int batch = plan.quick ? 1 : kRecordsPerPass;
  double counted = 0;
  long records = 0;
  do {
    counted += pass(batch);
    records += batch;
  } while (counted < plan.run_seconds);
  return counted > 0 ? static_cast<double>(records) * kBulkRecordBytes / counted / 1e6 : 0;
}

class PairRecordSpeed final : public RecordSpeed {
 public:
  PairRecordSpeed(std::unique_ptr<LibraryPair> sealer, std::unique_ptr<LibraryPair> opener)
      : sealer_(std::move(sealer)), opener_(std::move(opener)), records_(kRecordsPerPass) {}

  bool seal_run(const RunPlan& plan, double* mb_per_s) override {
    bool ok = true;
    *mb_per_s = run_passes(plan, [&](int n) {
      double start = thread_cpu_seconds();
      for (int i = 0; i < n && ok; ++i) ok = sealer_->seal_record(plaintext_);
      return thread_cpu_seconds() - start;
    });
    if (!ok) error_ = sealer_->error();
    return ok;
  }

  bool open_run(const RunPlan& plan, double* mb_per_s) override {
    bool ok = true;
    *mb_per_s = run_passes(plan, [&](int n) {
      for (int i = 0; i < n && ok; ++i) {
        records_[i].clear();
        ok = opener_->seal_record_into(plaintext_, records_[i]);
      }
      double start = thread_cpu_seconds();
      for (int i = 0; i < n && ok; ++i) ok = opener_->open_record(records_[i], count_received_);
      return thread_cpu_seconds() - start;
    });
    if (!ok) error_ = opener_->error();
    return ok;
  }

 private:
  std::unique_ptr<LibraryPair> sealer_, opener_;
  std::vector<uint8_t> plaintext_ = std::vector<uint8_t>(kBulkRecordBytes, 0xa5);
  // The application's side of opening: it takes the plaintext where the library
  // hands it over, and counts it.
  size_t received_ = 0;
  LibraryPair::PlaintextSink count_received_ = [this](const uint8_t*, size_t len) {
    received_ += len;
  };
  std::vector<std::vector<uint8_t>> records_;
};

class RawAeadSpeed final : public RecordSpeed {
 public:
  explicit RawAeadSpeed(const crypto::AeadAlg& alg)
      : data_(kRecordsPerPass, std::vector<uint8_t>(kInner, 0xa5)),
        tags_(kRecordsPerPass),
        nonces_(kRecordsPerPass) {
    std::vector<uint8_t> key(alg.key_len, 0x42);
    aead_.set(alg, key);
  }

  // Sealing works in one buffer, as a record layer reuses its output buffer.
  bool seal_run(const RunPlan& plan, double* mb_per_s) override {
    *mb_per_s = run_passes(plan, [&](int n) {
      double start = thread_cpu_seconds();
      for (int i = 0; i < n; ++i) aead_.seal(next_nonce(), kHeader, data_[0], tags_[0]);
      return thread_cpu_seconds() - start;
    });
    return true;
  }

  // Opening takes records from as many buffers as the TLS measurement does.
  bool open_run(const RunPlan& plan, double* mb_per_s) override {
    bool ok = true;
    *mb_per_s = run_passes(plan, [&](int n) {
      for (int i = 0; i < n; ++i) {
        nonces_[i] = next_nonce();
        aead_.seal(nonces_[i], kHeader, data_[i], tags_[i]);
      }
      double start = thread_cpu_seconds();
      for (int i = 0; i < n; ++i) ok = aead_.open(nonces_[i], kHeader, data_[i], tags_[i]) && ok;
      return thread_cpu_seconds() - start;
    });
    if (!ok) error_ = "raw AEAD open refused its own record";
    return ok;
  }

 private:
  using Nonce = std::array<uint8_t, crypto::kAeadNonceLen>;
  static constexpr size_t kInner = kBulkRecordBytes + 1;  // the content type byte
  static constexpr std::array<uint8_t, 5> kHeader = {23, 3, 3, 0x40, 0x11};

  // A record sequence number in the nonce's last bytes, as TLS does.
  Nonce next_nonce() {
    ++sequence_;
    Nonce n{};
    for (int i = 0; i < 8; ++i) n[11 - i] = static_cast<uint8_t>(sequence_ >> (8 * i));
    return n;
  }

  crypto::AeadKey aead_;
  uint64_t sequence_ = 0;
  std::vector<std::vector<uint8_t>> data_;
  std::vector<std::array<uint8_t, crypto::kAeadTagLen>> tags_;
  std::vector<Nonce> nonces_;
};

const crypto::AeadAlg* aead_for(uint16_t suite) {
  switch (suite) {
    case MK_TLS_AES_128_GCM_SHA256:
      return &crypto::aes128_gcm();
    case MK_TLS_AES_256_GCM_SHA384:
      return &crypto::aes256_gcm();
    case MK_TLS_CHACHA20_POLY1305_SHA256:
      return &crypto::chacha20_poly1305();
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<RecordSpeed> pair_record_speed(std::unique_ptr<LibraryPair> sealer,
                                               std::unique_ptr<LibraryPair> opener) {
  return std::make_unique<PairRecordSpeed>(std::move(sealer), std::move(opener));
}

std::unique_ptr<RecordSpeed> raw_aead_speed(uint16_t suite) {
  const crypto::AeadAlg* alg = aead_for(suite);
  if (!alg) return nullptr;
  return std::make_unique<RawAeadSpeed>(*alg);
}

}  // namespace mk::bench
