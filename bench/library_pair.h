// A client and a server connection of one TLS library wired to each other in memory,
// no sockets. The handshake, bulk and memory benchmarks drive Meerkat and OpenSSL
// through this one interface, so both get the same treatment: every call into a
// connection, moving bytes in and out of it included, is charged to that
// connection's side (SideCall).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scenario.h"
#include "side_call.h"

namespace mk::bench {

class LibraryPair {
 public:
  virtual ~LibraryPair() = default;

  // New client and server connections (the two configurations are built once, when
  // the pair is made). False, with error(), when they cannot be created.
  virtual bool open() = 0;
  // Move bytes both ways until both sides have finished the handshake and nothing
  // is left to send.
  virtual bool handshake() = 0;
  // Free both connections.
  virtual void close() = 0;

  // After a handshake. The client seals one application record of the bytes given
  // (at most 16 KiB) and its output is taken and dropped.
  virtual bool seal_record(const std::vector<uint8_t>& plaintext) = 0;
  // The same, but the record's bytes are kept in record for open_record().
  virtual bool seal_record_into(const std::vector<uint8_t>& plaintext,
                                std::vector<uint8_t>& record) = 0;
  // The server takes one record sealed by this pair's client, in order, and hands
  // its plaintext to sink the cheapest way its API allows (Meerkat: where it was
  // decrypted; OpenSSL: copied out by SSL_read), as an application would get it.
  using PlaintextSink = std::function<void(const uint8_t* data, size_t len)>;
  virtual bool open_record(const std::vector<uint8_t>& record, const PlaintextSink& sink) = 0;

  // What was negotiated, to check that both libraries did the same thing.
  virtual std::string negotiated() const = 0;

  SideClock& clock() { return clock_; }
  const std::string& error() const { return error_; }

  // While on, the bytes each side sends during handshake() are kept, for
  // HandshakeVolume. Turning it on forgets what was kept before.
  void capture_traffic(bool on) {
    capture_ = on;
    if (on) {
      for (auto& bytes : sent_) bytes.clear();
    }
  }
  const std::vector<uint8_t>& sent(Side s) const { return sent_[static_cast<int>(s)]; }

 protected:
  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }
  // Run f as a call of side s (heap and clock charged to it).
  template <class F>
  void on_side(Side s, F&& f) {
    SideCall call(s, clock_);
    f();
  }
  void record_sent(Side s, const uint8_t* data, size_t n) {
    if (capture_)
      sent_[static_cast<int>(s)].insert(sent_[static_cast<int>(s)].end(), data, data + n);
  }
  SideClock clock_;
  std::string error_;

 private:
  bool capture_ = false;
  std::vector<uint8_t> sent_[kSides];
};

// Pairs for a scenario, or nullptr with *error set.
std::unique_ptr<LibraryPair> make_meerkat_pair(const Scenario& s, std::string* error);
std::unique_ptr<LibraryPair> make_openssl_pair(const Scenario& s, std::string* error);

}  // namespace mk::bench
