// One TLS 1.3 connection, sans-IO: ciphertext in (feed), ciphertext out
// (output/output_ack), plaintext in (write), plaintext out (read). It never touches
// a socket or a clock. The record layer lives here; the handshake is a separate
// object (client or server) that exists only until the handshake ends, so an
// established connection holds just its two record keys, the traffic secrets it
// needs for KeyUpdate, and the negotiated facts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/alloc.h"
#include "base/bytes.h"
#include "base/error.h"
#include "tls/config.h"
#include "tls/handshake_assembler.h"
#include "tls/key_schedule.h"
#include "tls/message_order.h"
#include "tls/output_queue.h"
#include "tls/record.h"
#include "tls/record_input.h"

namespace mk::tls {

class Handshake;

// What the handshake agreed on, for mk_conn_* reporting.
struct Negotiated {
  uint16_t version = 0;
  uint16_t cipher_suite = 0;
  uint16_t group = 0;
  uint16_t peer_signature_scheme = 0;
  uint16_t local_signature_scheme = 0;
  bool hello_retry = false;
  bool peer_verified = false;
};

// Limits that keep a hostile peer from making us loop or buffer without bound.
// (docs/architecture.md "Limits" lists them all, with their errors and tests.)
// Empty application data, middlebox-compatibility CCS, warning alerts, HelloRequests
// and NewSessionTickets, none of which moves the connection forward.
inline constexpr unsigned kMaxEmptyRecordsInRow = 32;
inline constexpr unsigned kMaxKeyUpdatesInRow = 32;  // KeyUpdates with no data in between
// A sender refreshes its key well before AES-GCM's limit (2^24.5 records,
// RFC 8446 5.5) by sending a KeyUpdate on its own.
inline constexpr uint64_t kAutoKeyUpdateRecords = uint64_t{1} << 23;
// Plaintext a caller may queue for sending before write() pushes back.
inline constexpr size_t kMaxQueuedOutput = 2 * kMaxRecordLen;

class Connection : public HeapObject {
 public:
  explicit Connection(const Config& cfg);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Allocate the handshake state. Fails for a config that cannot make this kind of
  // connection (a server without a key, a verifying client without CAs).
  Err init();

  // ---- the public flows (see include/meerkat/meerkat.h) ----
  Err set_server_name(std::string_view name);
  Err skip_name_check();
  Err start();
  Err feed(ByteView data, size_t* used);
  ByteSpan input_space();
  Err input_commit(size_t n);
  ByteView output() const { return out_.view(); }
  void output_ack(size_t n);
  Err read(ByteSpan buf, size_t* got);
  ByteView read_view() const { return plaintext_; }
  void read_ack(size_t n);
  size_t pending() const { return plaintext_.size(); }
  Err write(ByteView data, size_t* used);
  Err close();
  Err feed_eof();
  // The handshake deadline (Config::handshake_timeout_ms, from init()).
  Err check_timeout();
  int64_t timeout_ms() const;
  Err key_update(bool request_peer);
  unsigned state() const;
  // Tests and fuzzing: queue one record of any content type and payload (at most
  // kMaxPlaintext bytes) under the current write key, outside the protocol's rules,
  // the way a misbehaving peer could send it.
  Err queue_raw_record(uint8_t type, ByteView payload) {
    return out_.add_record(type, payload, &write_);
  }
  Err error() const { return error_; }
  const char* error_message() const;
  const Negotiated& negotiated() const { return negotiated_; }
  ByteView alpn() const { return alpn_.view(); }
  // Server: the SNI host name the client sent (empty when none). NUL-terminated.
  std::string_view requested_server_name() const {
    return sni_.empty() ? std::string_view() : as_chars(sni_.view().first(sni_.size() - 1));
  }
  bool handshake_done() const { return established_; }
  bool is_tls12() const { return negotiated_.version == 0x0303; }

  // ---- for the handshake objects ----
  const Config& config() const { return cfg_; }
  Negotiated& negotiated() { return negotiated_; }
  HsState hs_state() const { return hs_state_; }
  void set_hs_state(HsState s) { hs_state_ = s; }
  // Handshake messages are written straight into the current flight: reserve room
  // for at most `bound` bytes, write, then commit what was written.
  ByteSpan reserve_flight(size_t bound);
  void commit_flight(size_t written);
  // Cut the queued flight into records under the current write key.
  Err flush_handshake();
  Err send_change_cipher_spec();
  // Switch keys. The read side may only switch on a record boundary: the engine
  // refuses a record that carries more handshake data after the message that
  // changed the key (RFC 8446 5.1).
  Err install_read_key(const CipherSuite& suite, ByteView secret);
  Err install_write_key(const CipherSuite& suite, ByteView secret);
  // TLS 1.2: keys and fixed IVs from the key block, switched at change_cipher_spec.
  Err install_read_key12(const CipherSuite& suite, ByteView key, ByteView iv);
  Err install_write_key12(const CipherSuite& suite, ByteView key, ByteView iv);
  // Keep the application traffic secrets for KeyUpdate.
  void keep_application_secrets(const CipherSuite& suite, ByteView read_secret,
                                ByteView write_secret);
  // Both sides announced record_size_limit (RFC 8449): records we send stay within
  // the peer's limit, records we accept within ours.
  void set_record_size_limits(uint16_t peer_limit, uint16_t own_limit) {
    peer_record_limit_ = peer_limit;
    own_record_limit_ = own_limit;
  }
  Err set_alpn(ByteView protocol);
  Err set_requested_server_name(ByteView name);
  // The handshake has ended successfully: send what is left of the last flight and
  // free the flight buffer (the handshake object itself goes once its call returns).
  Err complete_handshake();
  // Record the first error and queue the alert it maps to. Returns e.
  Err fail(Err e);
  // The same with a sentence for error_message() (printf-style).
  Err fail(Err e, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

 private:
  // MK_OK when input may be taken now; a server starts with its first input.
  Err accepting_input();
  // A whole record is buffered in in_: process it and send what it calls for.
  Err on_record_complete();
  Err process_record();
  Err on_handshake_payload(ByteView payload);
  Err on_alert(ByteView payload);
  Err on_change_cipher_spec(ByteView payload);
  Err on_post_handshake_message(uint8_t type, ByteView message);
  Err send_key_update(bool request_peer);
  Err send_alert(uint8_t level, uint8_t description);
  size_t max_fragment() const;
  void release_idle_buffers();

  const Config& cfg_;
  Handshake* hs_ = nullptr;
  HsState hs_state_;
  bool started_ = false;
  bool established_ = false;
  uint64_t handshake_deadline_ = 0;  // on the config's monotonic clock; 0: none

  RecordInput in_;
  ByteSpan plaintext_;  // undelivered application data, inside in_'s record
  OutputQueue out_;
  Buffer flight_;  // handshake messages not yet cut into records
  size_t flight_reserved_at_ = 0;
  HandshakeAssembler assembler_;
  RecordProtection read_, write_;
  bool read_key_changed_ = false;

  // KeyUpdate needs the current application secrets (RFC 8446 4.6.3).
  const CipherSuite* suite_ = nullptr;
  TrafficSecret read_secret_, write_secret_;

  Negotiated negotiated_;
  Buffer alpn_;
  Buffer sni_;  // with a terminating NUL
  uint16_t peer_record_limit_ = kMaxPlaintext + 1;
  uint16_t own_record_limit_ = kMaxPlaintext + 1;

  unsigned empty_records_ = 0;
  unsigned key_updates_ = 0;
  bool received_close_ = false;
  bool sent_close_ = false;

  Err error_ = MK_OK;
  Buffer error_detail_;  // NUL-terminated sentence, allocated only on failure
};

}  // namespace mk::tls
