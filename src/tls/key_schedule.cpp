#include "tls/key_schedule.h"

#include "base/writer.h"

namespace mk::tls {
namespace {

constexpr std::string_view kLabelPrefix = "tls13 ";
// HkdfLabel: u16 length, label<7..255>, context<0..255>.
constexpr size_t kMaxHkdfLabelLen = 2 + 1 + 255 + 1 + 255;

bool has_hash_len(const crypto::HashAlg& alg, ByteView v) {
  return v.size() == alg.out_len;
}

}  // namespace

Err hkdf_expand_label(const crypto::HashAlg& alg, ByteView secret, std::string_view label,
                      ByteView context, ByteSpan out) {
  if (out.size() > 0xffff) return MK_ERR_INVALID_ARGUMENT;
  uint8_t info[kMaxHkdfLabelLen];
  Writer w{ByteSpan(info)};
  w.u16(static_cast<uint16_t>(out.size()));
  size_t label_vec = w.begin_vec(1);
  w.bytes(as_bytes(kLabelPrefix));
  w.bytes(as_bytes(label));
  w.end_vec(label_vec);
  size_t context_vec = w.begin_vec(1);
  w.bytes(context);
  w.end_vec(context_vec);
  // The Writer fails when the label or context outgrows its u8 length prefix.
  if (!w.ok()) return MK_ERR_INVALID_ARGUMENT;
  return crypto::hkdf_expand(alg, secret, w.written(), out);
}

Err derive_secret(const crypto::HashAlg& alg, ByteView secret, std::string_view label,
                  ByteView transcript_hash, ByteSpan out) {
  if (!has_hash_len(alg, out)) return MK_ERR_INVALID_ARGUMENT;
  return hkdf_expand_label(alg, secret, label, transcript_hash, out);
}

Err early_secret(const crypto::HashAlg& alg, ByteSpan out) {
  if (!has_hash_len(alg, out)) return MK_ERR_INVALID_ARGUMENT;
  const uint8_t zeros[crypto::kMaxHashLen] = {};
  crypto::hkdf_extract(alg, ByteView(), ByteView(zeros, alg.out_len), out);
  return MK_OK;
}

Err next_stage_secret(const crypto::HashAlg& alg, ByteView previous, ByteView ikm, ByteSpan out) {
  if (!has_hash_len(alg, out)) return MK_ERR_INVALID_ARGUMENT;
  uint8_t empty_hash[crypto::kMaxHashLen];
  crypto::digest(alg, ByteView(), ByteSpan(empty_hash));
  Secret<crypto::kMaxHashLen> salt;
  MK_TRY(derive_secret(alg, previous, "derived", ByteView(empty_hash, alg.out_len),
                       salt.resize(alg.out_len)));
  crypto::hkdf_extract(alg, salt.view(), ikm, out);
  return MK_OK;
}

Err derive_traffic_keys(const CipherSuite& suite, ByteView traffic_secret, TrafficKeys& out) {
  const crypto::HashAlg& hash = suite.hash();
  MK_TRY(hkdf_expand_label(hash, traffic_secret, "key", ByteView(),
                           out.key.resize(suite.aead().key_len)));
  return hkdf_expand_label(hash, traffic_secret, "iv", ByteView(),
                           out.iv.resize(crypto::kAeadNonceLen));
}

void KeySchedule::init(const CipherSuite& suite) {
  suite_ = &suite;
  handshake_secret_.wipe();
  c_hs_.wipe();
  s_hs_.wipe();
  c_ap_.wipe();
  s_ap_.wipe();
}

Err KeySchedule::derive_handshake_secrets(ByteView shared_secret, ByteView hello_hash) {
  if (!suite_) return MK_ERR_BAD_STATE;
  const crypto::HashAlg& alg = suite_->hash();
  if (!has_hash_len(alg, hello_hash)) return MK_ERR_INVALID_ARGUMENT;
  TrafficSecret early;
  MK_TRY(early_secret(alg, early.resize(alg.out_len)));
  MK_TRY(
      next_stage_secret(alg, early.view(), shared_secret, handshake_secret_.resize(alg.out_len)));
  MK_TRY(derive_secret(alg, handshake_secret_.view(), "c hs traffic", hello_hash,
                       c_hs_.resize(alg.out_len)));
  return derive_secret(alg, handshake_secret_.view(), "s hs traffic", hello_hash,
                       s_hs_.resize(alg.out_len));
}

Err KeySchedule::derive_application_secrets(ByteView server_finished_hash) {
  if (!suite_ || handshake_secret_.size() == 0) return MK_ERR_BAD_STATE;
  const crypto::HashAlg& alg = suite_->hash();
  if (!has_hash_len(alg, server_finished_hash)) return MK_ERR_INVALID_ARGUMENT;
  const uint8_t zeros[crypto::kMaxHashLen] = {};
  // Meerkat neither resumes nor exports keys, so the master secret lives only here.
  TrafficSecret master;
  MK_TRY(next_stage_secret(alg, handshake_secret_.view(), ByteView(zeros, alg.out_len),
                           master.resize(alg.out_len)));
  handshake_secret_.wipe();
  MK_TRY(derive_secret(alg, master.view(), "c ap traffic", server_finished_hash,
                       c_ap_.resize(alg.out_len)));
  return derive_secret(alg, master.view(), "s ap traffic", server_finished_hash,
                       s_ap_.resize(alg.out_len));
}

size_t KeySchedule::finished_verify_data(ByteView base_secret, ByteView transcript_hash,
                                         ByteSpan out) const {
  if (!suite_) return 0;
  const crypto::HashAlg& alg = suite_->hash();
  if (out.size() < alg.out_len) return 0;
  Secret<crypto::kMaxHashLen> finished_key;
  if (hkdf_expand_label(alg, base_secret, "finished", ByteView(),
                        finished_key.resize(alg.out_len)) != MK_OK)
    return 0;
  return crypto::hmac(alg, finished_key.view(), transcript_hash, out);
}

void KeySchedule::forget_handshake_secrets() {
  handshake_secret_.wipe();
  c_hs_.wipe();
  s_hs_.wipe();
}

Err next_application_secret(const crypto::HashAlg& alg, TrafficSecret& secret) {
  if (!has_hash_len(alg, secret.view())) return MK_ERR_INVALID_ARGUMENT;
  TrafficSecret next;
  MK_TRY(
      hkdf_expand_label(alg, secret.view(), "traffic upd", ByteView(), next.resize(alg.out_len)));
  secret = next;
  return MK_OK;
}

}  // namespace mk::tls
