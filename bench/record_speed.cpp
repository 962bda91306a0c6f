#include "record_speed.h"

#include <array>
#include <functional>
#include <vector>

#include "crypto/provider.h"
#include "meerkat/meerkat.h"

namespace mk::bench {
namespace {

// Records opened per pass: sealed first (untimed), then opened in order (timed), so
// an open never sees the same bytes twice and the sequence numbers stay in step.
constexpr int kRecordsPerPass = 32;

double mb_per_second(double bytes, double seconds) {
  return seconds > 0 ? bytes / seconds / 1e6 : 0;
}

// Runs of timed passes: pass(n) seals or opens n records and returns the CPU
// seconds that count. A run lasts until plan.run_seconds of counted time.
Summary records_per_run(const RunPlan& plan, const std::function<double(int)>& pass,
                        size_t record_bytes) {
  std::vector<double> samples;
  int batch = plan.quick ? 1 : kRecordsPerPass;
  for (int run = 0; run < plan.runs; ++run) {
    double counted = 0;
    long records = 0;
    do {
      counted += pass(batch);
      records += batch;
    } while (counted < plan.run_seconds);
    samples.push_back(mb_per_second(static_cast<double>(records) * record_bytes, counted));
  }
  return summarize(samples);
}

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

SealOpenSpeed measure_pair_records(TlsPair& pair, const RunPlan& plan) {
  SealOpenSpeed out;
  std::vector<uint8_t> plaintext(kBulkRecordBytes, 0xa5), received(kBulkRecordBytes);
  bool ok = true;
  out.seal_mb_s = records_per_run(
      plan,
      [&](int n) {
        double start = thread_cpu_seconds();
        for (int i = 0; i < n && ok; ++i) ok = pair.seal_record(plaintext);
        return thread_cpu_seconds() - start;
      },
      kBulkRecordBytes);
  if (!ok) {
    out.error = pair.error();
    return out;
  }
  // The dropped records moved the client's sequence number past the server's, so
  // opening starts on a fresh connection.
  pair.close();
  if (!pair.open() || !pair.handshake()) {
    out.error = pair.error();
    return out;
  }
  std::vector<std::vector<uint8_t>> records(kRecordsPerPass);
  out.open_mb_s = records_per_run(
      plan,
      [&](int n) {
        for (int i = 0; i < n && ok; ++i) {
          records[i].clear();
          ok = pair.seal_record_into(plaintext, records[i]);
        }
        double start = thread_cpu_seconds();
        for (int i = 0; i < n && ok; ++i) ok = pair.open_record(records[i], received);
        return thread_cpu_seconds() - start;
      },
      kBulkRecordBytes);
  if (!ok) out.error = pair.error();
  return out;
}

SealOpenSpeed measure_raw_aead(uint16_t suite, const RunPlan& plan) {
  SealOpenSpeed out;
  const crypto::AeadAlg* alg = aead_for(suite);
  if (!alg) {
    out.error = "no AEAD for the suite";
    return out;
  }
  std::vector<uint8_t> key(alg->key_len, 0x42);
  crypto::AeadKey aead;
  aead.set(*alg, key);
  constexpr size_t kInner = kBulkRecordBytes + 1;  // the content type byte
  std::array<uint8_t, 5> header = {23, 3, 3, 0x40, 0x11};
  // A record sequence number in the nonce's last bytes, as TLS does.
  std::array<uint8_t, crypto::kAeadNonceLen> nonce{};
  uint64_t sequence = 0;
  auto next_nonce = [&] {
    ++sequence;
    for (int i = 0; i < 8; ++i) nonce[11 - i] = static_cast<uint8_t>(sequence >> (8 * i));
    return nonce;
  };
  // Sealing works in one buffer, as a record layer's output buffer is reused;
  // opening takes records from as many buffers as the TLS measurement does.
  std::vector<std::vector<uint8_t>> data(kRecordsPerPass, std::vector<uint8_t>(kInner, 0xa5));
  std::vector<std::array<uint8_t, crypto::kAeadTagLen>> tags(kRecordsPerPass);
  out.seal_mb_s = records_per_run(
      plan,
      [&](int n) {
        double start = thread_cpu_seconds();
        for (int i = 0; i < n; ++i) aead.seal(next_nonce(), header, data[0], tags[0]);
        return thread_cpu_seconds() - start;
      },
      kBulkRecordBytes);
  std::vector<std::array<uint8_t, crypto::kAeadNonceLen>> nonces(kRecordsPerPass);
  bool ok = true;
  out.open_mb_s = records_per_run(
      plan,
      [&](int n) {
        for (int i = 0; i < n; ++i) {
          nonces[i] = next_nonce();
          aead.seal(nonces[i], header, data[i], tags[i]);
        }
        double start = thread_cpu_seconds();
        for (int i = 0; i < n; ++i) ok = aead.open(nonces[i], header, data[i], tags[i]) && ok;
        return thread_cpu_seconds() - start;
      },
      kBulkRecordBytes);
  if (!ok) out.error = "raw AEAD open refused its own record";
  return out;
}

}  // namespace mk::bench
