#include "tls/connection.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "base/reader.h"
#include "tls/features.h"
#include "tls/handshake.h"
#include "tls/messages.h"

namespace mk::tls {
namespace {

constexpr uint8_t kAlertWarning = 1;
constexpr uint8_t kAlertFatal = 2;
constexpr uint8_t kAlertCloseNotify = 0;
constexpr uint8_t kAlertUserCanceled = 90;

}  // namespace

Connection::Connection(const Config& cfg)
    : cfg_(cfg),
      hs_state_(cfg.is_server() ? HsState::server_wait_client_hello : HsState::client_start) {}

Connection::~Connection() {
  delete hs_;
}

Err Connection::init() {
  if (cfg_.is_server() && !cfg_.has_identity()) return MK_ERR_NO_KEY;
  if (cfg_.verifies_peer() && cfg_.trust_anchors().empty()) return MK_ERR_NO_TRUST_ANCHORS;
  hs_ = Handshake::create(*this);
  if (!hs_) return MK_ERR_OUT_OF_MEMORY;
  if (cfg_.handshake_timeout_ms() > 0)
    handshake_deadline_ = cfg_.monotonic_ms() + cfg_.handshake_timeout_ms();
  return MK_OK;
}

Err Connection::check_timeout() {
  if (error_ != MK_OK) return error_;
  if (established_ || handshake_deadline_ == 0) return MK_OK;
  if (cfg_.monotonic_ms() < handshake_deadline_) return MK_OK;
  fail(MK_ERR_HANDSHAKE_TIMEOUT, "handshake did not finish within %u ms",
       static_cast<unsigned>(cfg_.handshake_timeout_ms()));
  delete hs_;  // wipe the handshake's secrets now rather than at free
  hs_ = nullptr;
  return error_;
}

int64_t Connection::timeout_ms() const {
  if (error_ != MK_OK || established_ || handshake_deadline_ == 0) return -1;
  const uint64_t now = cfg_.monotonic_ms();
  return now >= handshake_deadline_ ? 0 : static_cast<int64_t>(handshake_deadline_ - now);
}

Err Connection::set_server_name(std::string_view name) {
  if (!hs_ || started_) return MK_ERR_BAD_STATE;
  return hs_->set_server_name(name);
}

Err Connection::skip_name_check() {
  if (!hs_ || started_) return MK_ERR_BAD_STATE;
  return hs_->skip_name_check();
}

Err Connection::start() {
  if (started_) return error_;
  if (!hs_) return error_ != MK_OK ? error_ : MK_ERR_BAD_STATE;
  started_ = true;
  Err e = hs_->start(*this);
  if (e == MK_OK) e = flush_handshake();
  if (e != MK_OK) return fail(e);
  return MK_OK;
}

// ---- inbound ------------------------------------------------------------------------

Err Connection::feed(ByteView data, size_t* used) {
  *used = 0;
  // A peer trickling bytes must not keep a handshake alive past its deadline.
  MK_TRY(check_timeout());
  if (!started_) {
    // A server starts with the first bytes it is fed; a client must send first.
    if (!cfg_.is_server()) return MK_ERR_BAD_STATE;
    MK_TRY(start());
  }
  while (*used < data.size() && plaintext_.empty() && !received_close_) {
    size_t taken = 0;
    bool complete = false;
    Err e = in_.gather(data.subspan(*used), &taken, &complete);
    *used += taken;
    if (e != MK_OK) return fail(e);
    if (!complete) break;
    e = process_record();
    if (e == MK_OK) e = flush_handshake();
    if (e != MK_OK) {
      fail(e);
      // The handshake cannot go on: wipe its secrets now rather than at free.
      delete hs_;
      hs_ = nullptr;
      return error_;
    }
    if (plaintext_.empty()) in_.clear();
  }
  release_idle_buffers();
  return MK_OK;
}

Err Connection::process_record() {
  const RecordHeader header = in_.header();
  ByteSpan record = in_.record();
  ByteSpan body = record.subspan(kRecordHeaderLen);

  // RFC 8446 5.1: handshake messages must not be interleaved with other record types.
  if (header.type != kHandshake && header.type != kApplicationData && assembler_.buffered() > 0)
    return fail(MK_ERR_UNEXPECTED_MESSAGE,
                "peer interleaved a record with a fragmented handshake message");

  if (header.type == kChangeCipherSpec) return on_change_cipher_spec(body);

  uint8_t type = header.type;
  ByteSpan payload = body;
  if (read_.active()) {
    // A peer that fails before it has keys (on our ServerHello, say) can only send
    // its alert in the clear; take it, so the reason it gave is reported. (TLS 1.2
    // protects alerts under their own type, so there this cannot be told apart.)
    if (header.type == kAlert && !established_ && !read_.is_tls12()) return on_alert(body);
    if (header.type != kApplicationData && !read_.is_tls12())
      return fail(MK_ERR_UNEXPECTED_MESSAGE, "peer sent an unprotected record after keys were set");
    MK_TRY(read_.open_in_place(record, &type, &payload));
    // RFC 8449 4: in TLS 1.3 the limit counts the inner content type byte.
    if (payload.size() + (read_.is_tls12() ? 0 : 1) > own_record_limit_)
      return fail(MK_ERR_RECORD_OVERFLOW,
                  "peer sent a %zu-byte record over the announced limit of %u", payload.size() + 1,
                  static_cast<unsigned>(own_record_limit_));
    if (type != kHandshake && assembler_.buffered() > 0)
      return fail(MK_ERR_UNEXPECTED_MESSAGE,
                  "peer interleaved a record with a fragmented handshake message");
  } else {
    if (header.type == kApplicationData)
      return fail(MK_ERR_UNEXPECTED_MESSAGE, "peer sent application data before the handshake");
    if (body.size() > kMaxPlaintext) return MK_ERR_RECORD_OVERFLOW;
  }

  switch (type) {
    case kHandshake:
      return on_handshake_payload(payload);
    case kAlert:
      return on_alert(payload);
    case kApplicationData:
      if (!established_)
        return fail(MK_ERR_UNEXPECTED_MESSAGE,
                    "peer sent application data before the handshake finished");
      if (payload.empty()) {
        if (++empty_records_ > kMaxEmptyRecordsInRow) return MK_ERR_TOO_MANY_EMPTY_RECORDS;
        return MK_OK;
      }
      empty_records_ = 0;
      key_updates_ = 0;
      plaintext_ = payload;
      return MK_OK;
    default:
      // A protected change_cipher_spec, or an inner type that does not exist.
      return fail(MK_ERR_UNEXPECTED_MESSAGE, "peer sent a protected record of content type %u",
                  static_cast<unsigned>(type));
  }
}

Err Connection::on_change_cipher_spec(ByteView payload) {
  if (is_tls12()) {
    // TLS 1.2: the real thing, once per direction, at the point the handshake says.
    if (!hs_ || payload.size() != 1 || payload[0] != 1)
      return fail(MK_ERR_UNEXPECTED_MESSAGE, "peer sent an unexpected change_cipher_spec record");
    return hs_->on_change_cipher_spec(*this);
  }
  // RFC 8446 5: an unprotected change_cipher_spec of the single byte 1 is dropped
  // between the first ClientHello and the peer's Finished; anything else is an
  // unexpected record.
  const bool in_window = hs_ != nullptr && hs_state_ != HsState::client_start &&
                         hs_state_ != HsState::server_wait_client_hello;
  if (!in_window || payload.size() != 1 || payload[0] != 1)
    return fail(MK_ERR_UNEXPECTED_MESSAGE, "peer sent an unexpected change_cipher_spec record");
  if (++empty_records_ > kMaxEmptyRecordsInRow) return MK_ERR_TOO_MANY_EMPTY_RECORDS;
  return MK_OK;
}

Err Connection::on_alert(ByteView payload) {
  Reader r(payload);
  const uint8_t level = r.u8();
  const uint8_t description = r.u8();
  if (!r.expect_end()) return MK_ERR_DECODE;
  if (description == kAlertCloseNotify) {
    received_close_ = true;
    if (!established_)
      return fail(MK_ERR_CLOSED, "peer closed the connection during the handshake");
    return MK_OK;
  }
  // TLS 1.2 warnings (no_renegotiation, say) leave the connection up; in TLS 1.3
  // only user_canceled does (RFC 8446 6).
  if (description == kAlertUserCanceled || (is_tls12() && level == kAlertWarning)) {
    if (++empty_records_ > kMaxEmptyRecordsInRow) return MK_ERR_TOO_MANY_EMPTY_RECORDS;
    return MK_OK;
  }
  received_close_ = true;
  return fail(peer_alert_err(description));
}

Err Connection::on_handshake_payload(ByteView payload) {
  empty_records_ = 0;
  MK_TRY(assembler_.add(payload));
  for (;;) {
    ByteView message;
    MK_TRY(assembler_.next(message));
    if (message.empty()) return MK_OK;
    const uint8_t type = message[0];
    if (!message_allowed(hs_state_, type))
      return fail(MK_ERR_UNEXPECTED_MESSAGE, "peer sent handshake message %u in state %s",
                  static_cast<unsigned>(type), state_name(hs_state_));
    read_key_changed_ = false;
    Err e = hs_ ? hs_->on_message(*this, type, message) : on_post_handshake_message(type, message);
    if (e != MK_OK) return fail(e);
    if (established_ && hs_) {
      delete hs_;  // the handshake is over: free its state (and wipe its secrets)
      hs_ = nullptr;
    }
    // A key change must fall on a record boundary (RFC 8446 5.1).
    if (read_key_changed_ && assembler_.buffered() > 0)
      return fail(MK_ERR_UNEXPECTED_MESSAGE,
                  "peer sent more handshake data in the record that changed keys");
  }
}

Err Connection::on_post_handshake_message(uint8_t type, ByteView message) {
  ByteView body = message.subspan(kHandshakeHeaderLen);
  if (type == kHelloRequest) {
    // TLS 1.2 renegotiation request: Meerkat never renegotiates, and may ignore it.
    if (!body.empty()) return MK_ERR_DECODE;
    if (++empty_records_ > kMaxEmptyRecordsInRow) return MK_ERR_TOO_MANY_EMPTY_RECORDS;
    return MK_OK;
  }
  if (type == kNewSessionTicket) {
    // Meerkat does not resume sessions: check the ticket and drop it.
    MK_TRY(parse_new_session_ticket(body));
    if (++empty_records_ > kMaxEmptyRecordsInRow) return MK_ERR_TOO_MANY_EMPTY_RECORDS;
    return MK_OK;
  }
  // KeyUpdate (RFC 8446 4.6.3).
  bool update_requested = false;
  MK_TRY(parse_key_update(body, update_requested));
  if (++key_updates_ > kMaxKeyUpdatesInRow) return MK_ERR_KEY_UPDATE_FLOOD;
  MK_TRY(next_application_secret(suite_->hash(), read_secret_));
  MK_TRY(read_.set_traffic_secret(*suite_, read_secret_.view()));
  read_key_changed_ = true;
  if (update_requested && !sent_close_) MK_TRY(send_key_update(false));
  return MK_OK;
}

// ---- outbound -----------------------------------------------------------------------

void Connection::output_ack(size_t n) {
  out_.ack(n);
  release_idle_buffers();
}

ByteSpan Connection::reserve_flight(size_t bound) {
  flight_reserved_at_ = flight_.size();
  if (!flight_.resize(flight_reserved_at_ + bound)) return {};
  return flight_.span().subspan(flight_reserved_at_);
}

void Connection::commit_flight(size_t written) {
  flight_.resize(flight_reserved_at_ + written);
}

Err Connection::flush_handshake() {
  ByteView flight = flight_.view();
  const size_t chunk = max_fragment();
  for (size_t off = 0; off < flight.size(); off += chunk) {
    const size_t n = flight.size() - off < chunk ? flight.size() - off : chunk;
    MK_TRY(out_.add_record(kHandshake, flight.subspan(off, n), &write_));
  }
  flight_.clear();
  return MK_OK;
}

Err Connection::send_change_cipher_spec() {
  MK_TRY(flush_handshake());
  const uint8_t one = 1;
  return out_.add_record(kChangeCipherSpec, ByteView(&one, 1), nullptr);
}

Err Connection::install_read_key(const CipherSuite& suite, ByteView secret) {
  read_key_changed_ = true;
  return read_.set_traffic_secret(suite, secret);
}

Err Connection::install_write_key(const CipherSuite& suite, ByteView secret) {
  // Messages already queued belong to the old epoch.
  MK_TRY(flush_handshake());
  return write_.set_traffic_secret(suite, secret);
}

Err Connection::install_read_key12(const CipherSuite& suite, ByteView key, ByteView iv) {
  read_key_changed_ = true;
  if constexpr (!kTls12Enabled) return MK_ERR_INTERNAL;
  return read_.set_tls12_keys(suite, key, iv);
}

Err Connection::install_write_key12(const CipherSuite& suite, ByteView key, ByteView iv) {
  MK_TRY(flush_handshake());
  if constexpr (!kTls12Enabled) return MK_ERR_INTERNAL;
  return write_.set_tls12_keys(suite, key, iv);
}

void Connection::keep_application_secrets(const CipherSuite& suite, ByteView read_secret,
                                          ByteView write_secret) {
  suite_ = &suite;
  read_secret_.assign(read_secret);
  write_secret_.assign(write_secret);
}

Err Connection::set_alpn(ByteView protocol) {
  alpn_.clear();
  return alpn_.append(protocol) ? MK_OK : MK_ERR_OUT_OF_MEMORY;
}

Err Connection::set_requested_server_name(ByteView name) {
  sni_.clear();
  const uint8_t nul = 0;
  return sni_.append(name) && sni_.append(ByteView(&nul, 1)) ? MK_OK : MK_ERR_OUT_OF_MEMORY;
}

Err Connection::complete_handshake() {
  MK_TRY(flush_handshake());
  established_ = true;
  if (is_tls12())
    hs_state_ = cfg_.is_server() ? HsState::server12_established : HsState::client12_established;
  else
    hs_state_ = cfg_.is_server() ? HsState::server_established : HsState::client_established;
  flight_.reset();
  return MK_OK;
}

size_t Connection::max_fragment() const {
  // RFC 8449 4: in TLS 1.3 the limit counts the inner content type byte.
  if (!write_.active()) return kMaxPlaintext;
  const size_t limit = static_cast<size_t>(peer_record_limit_) - (write_.is_tls12() ? 0 : 1);
  return limit < kMaxPlaintext ? limit : kMaxPlaintext;
}

Err Connection::read(ByteSpan buf, size_t* got) {
  *got = 0;
  if (!plaintext_.empty()) {
    const size_t n = buf.size() < plaintext_.size() ? buf.size() : plaintext_.size();
    std::memcpy(buf.data(), plaintext_.data(), n);
    read_ack(n);
    *got = n;
    return MK_OK;
  }
  if (error_ != MK_OK) return error_;
  if (received_close_) return MK_ERR_CLOSED;
  return MK_ERR_WANT_MORE;
}

void Connection::read_ack(size_t n) {
  plaintext_ = plaintext_.subspan(n < plaintext_.size() ? n : plaintext_.size());
  if (plaintext_.empty()) {
    in_.clear();
    release_idle_buffers();
  }
}

Err Connection::write(ByteView data, size_t* used) {
  *used = 0;
  if (error_ != MK_OK) return error_;
  if (!established_ || sent_close_) return MK_ERR_BAD_STATE;
  const size_t chunk = max_fragment();
  while (*used < data.size()) {
    const size_t n = data.size() - *used < chunk ? data.size() - *used : chunk;
    if (out_.pending() > 0 && out_.pending() + write_.record_size(n) > kMaxQueuedOutput) break;
    if (!is_tls12() && write_.sequence() >= kAutoKeyUpdateRecords) {
      Err e = send_key_update(false);
      if (e != MK_OK) return fail(e);
    }
    Err e = out_.add_record(kApplicationData, data.subspan(*used, n), &write_);
    if (e != MK_OK) return fail(e);
    *used += n;
  }
  if (*used == 0 && !data.empty()) return MK_ERR_BUFFER_FULL;
  return MK_OK;
}

Err Connection::send_key_update(bool request_peer) {
  uint8_t msg[kHandshakeHeaderLen + 1];
  Writer w{ByteSpan(msg)};
  write_key_update(w, request_peer);
  if (!w.ok()) return MK_ERR_INTERNAL;
  MK_TRY(out_.add_record(kHandshake, w.written(), &write_));
  MK_TRY(next_application_secret(suite_->hash(), write_secret_));
  return write_.set_traffic_secret(*suite_, write_secret_.view());
}

Err Connection::key_update(bool request_peer) {
  if (error_ != MK_OK) return error_;
  if (!established_ || sent_close_ || is_tls12()) return MK_ERR_BAD_STATE;
  Err e = send_key_update(request_peer);
  return e == MK_OK ? MK_OK : fail(e);
}

Err Connection::send_alert(uint8_t level, uint8_t description) {
  // Alerts go out even when the flight they interrupt does not: drop the flight.
  flight_.clear();
  const uint8_t alert[2] = {level, description};
  return out_.add_record(kAlert, ByteView(alert), &write_);
}

Err Connection::feed_eof() {
  if (error_ != MK_OK) return error_;
  if (received_close_) return MK_OK;
  // The peer is gone: nothing would read an alert.
  sent_close_ = true;
  return fail(MK_ERR_TRUNCATED);
}

Err Connection::close() {
  if (error_ != MK_OK) return error_;
  if (sent_close_) return MK_OK;
  sent_close_ = true;
  Err e = send_alert(kAlertWarning, kAlertCloseNotify);
  return e == MK_OK ? MK_OK : fail(e);
}

// ---- state and errors -----------------------------------------------------------------

unsigned Connection::state() const {
  unsigned s = 0;
  if (out_.pending() > 0) s |= MK_STATE_HAS_OUTPUT;
  if (!plaintext_.empty()) s |= MK_STATE_HAS_PLAINTEXT;
  if (established_) s |= MK_STATE_HANDSHAKE_DONE;
  if (error_ != MK_OK) return s | MK_STATE_FAILED | MK_STATE_CLOSED;
  if (received_close_)
    s |= MK_STATE_CLOSED;
  else
    s |= MK_STATE_WANT_INPUT;
  if (established_ && !sent_close_) s |= MK_STATE_CAN_WRITE;
  return s;
}

Err Connection::fail(Err e) {
  if (error_ != MK_OK) return error_;
  error_ = e;
  // A peer's alert is never answered with one of ours.
  int alert = MK_ERR_CATEGORY(e) == MK_CAT_PEER_ALERT ? -1 : alert_for(e);
  // TLS 1.2 has neither missing_extension nor certificate_required: both are
  // handshake failures there.
  if (is_tls12() && (alert == 109 || alert == 116)) alert = 40;
  if (alert == kAlertUserCanceled && !sent_close_) {
    // Giving up for our own reasons (a deadline), not the peer's fault: a warning
    // followed by close_notify, as RFC 8446 6.1 says.
    (void)send_alert(kAlertWarning, kAlertUserCanceled);
    (void)send_alert(kAlertWarning, kAlertCloseNotify);
  } else if (alert >= 0 && !sent_close_) {
    // Best effort: if even the alert cannot be queued, the error still stands.
    (void)send_alert(kAlertFatal, static_cast<uint8_t>(alert));
  }
  sent_close_ = true;
  plaintext_ = {};
  return e;
}

Err Connection::fail(Err e, const char* fmt, ...) {
  if (error_ != MK_OK) return error_;
  char text[256];
  va_list ap;
  va_start(ap, fmt);
  const int n = std::vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  if (n > 0) {
    const size_t len =
        static_cast<size_t>(n) < sizeof text ? static_cast<size_t>(n) : sizeof text - 1;
    error_detail_.clear();
    if (!error_detail_.append(ByteView(reinterpret_cast<const uint8_t*>(text), len + 1)))
      error_detail_.reset();
  }
  return fail(e);
}

const char* Connection::error_message() const {
  if (error_ == MK_OK) return err_text(MK_OK);
  if (!error_detail_.empty()) return reinterpret_cast<const char*>(error_detail_.data());
  return err_text(error_);
}

void Connection::release_idle_buffers() {
  if (!established_ || hs_) return;
  if (in_.empty() && plaintext_.empty()) in_.release_if_empty();
  out_.release_if_empty();
  if (assembler_.buffered() == 0) assembler_.reset();
}

}  // namespace mk::tls
