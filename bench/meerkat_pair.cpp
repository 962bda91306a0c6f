// Meerkat's side of the in-memory pair, on the public C API only: bytes a
// connection queues (mk_conn_output) are fed straight to the other one
// (mk_conn_feed) and acknowledged, with no copy in between.
#include <algorithm>
#include <cstring>
#include <memory>

#include "library_pair.h"
#include "meerkat/meerkat.h"
#include "tls_pair.h"

namespace mk::bench {
namespace {

using test::ConfigPtr;  // owning handles from the tests' own in-memory pair
using test::ConnPtr;

std::string meerkat_error(const std::string& what, int err) {
  return what + ": " + mk_err_name(err) + " (" + mk_err_text(err) + ")";
}

class MeerkatPair final : public LibraryPair {
 public:
  bool init(const Scenario& s, std::string* error) {
    HeapSideScope heap(Side::none);
    client_cfg_.reset(mk_config_new(MK_ROLE_CLIENT));
    server_cfg_.reset(mk_config_new(MK_ROLE_SERVER));
    if (!client_cfg_ || !server_cfg_) {
      *error = "mk_config_new failed";
      return false;
    }
    int err = MK_OK;
    if ((err = restrict_to(client_cfg_.get(), s)) != MK_OK ||
        (err = restrict_to(server_cfg_.get(), s)) != MK_OK) {
      *error = meerkat_error("suite and group settings", err);
      return false;
    }
    if ((err = mk_config_load_ca_file(client_cfg_.get(), s.ca_file().c_str())) != MK_OK) {
      *error = meerkat_error(s.ca_file(), err);
      return false;
    }
    mk_config_set_verify(client_cfg_.get(), MK_VERIFY_PEER);
    if ((err = mk_config_load_cert_chain_file(server_cfg_.get(), s.chain_file().c_str())) !=
            MK_OK ||
        (err = mk_config_load_private_key_file(server_cfg_.get(), s.key_file().c_str())) != MK_OK) {
      *error = meerkat_error(s.cert_dir, err);
      return false;
    }
    return true;
  }

  bool open() override {
    {
      SideCall call(Side::client, clock_);
      client_.reset(mk_conn_new(client_cfg_.get()));
      if (!client_) return fail("client mk_conn_new failed");
      int err = mk_conn_set_server_name(client_.get(), "localhost", 9);
      if (err == MK_OK) err = mk_conn_start(client_.get());
      if (err != MK_OK) return fail(meerkat_error("client start", err));
    }
    SideCall call(Side::server, clock_);
    server_.reset(mk_conn_new(server_cfg_.get()));
    if (!server_) return fail("server mk_conn_new failed");
    return true;
  }

  bool handshake() override {
    for (int round = 0; round < 16; ++round) {
      if (!carry(Side::client, client_.get(), server_.get()) ||
          !carry(Side::server, server_.get(), client_.get())) {
        return false;
      }
      unsigned cs = mk_conn_state(client_.get()), ss = mk_conn_state(server_.get());
      if ((cs & ss & MK_STATE_HANDSHAKE_DONE) && !((cs | ss) & MK_STATE_HAS_OUTPUT)) return true;
    }
    return fail("Meerkat handshake did not finish in 16 rounds");
  }

  void close() override {
    on_side(Side::client, [&] { client_.reset(); });
    on_side(Side::server, [&] { server_.reset(); });
  }

  bool seal_record(const std::vector<uint8_t>& plaintext) override {
    SideCall call(Side::client, clock_);
    if (!write_all(plaintext)) return false;
    const uint8_t* out = nullptr;
    while (size_t n = mk_conn_output(client_.get(), &out)) mk_conn_output_ack(client_.get(), n);
    return true;
  }

  bool seal_record_into(const std::vector<uint8_t>& plaintext,
                        std::vector<uint8_t>& record) override {
    SideCall call(Side::client, clock_);
    if (!write_all(plaintext)) return false;
    const uint8_t* out = nullptr;
    while (size_t n = mk_conn_output(client_.get(), &out)) {
      record.insert(record.end(), out, out + n);
      mk_conn_output_ack(client_.get(), n);
    }
    return true;
  }

  // The record goes where a recv() would put it, straight into the connection's
  // record buffer (mk_conn_input_space; the memcpy stands for that recv), and the
  // plaintext is used where it was decrypted (mk_conn_read_view): Meerkat copies
  // no application byte.
  bool open_record(const std::vector<uint8_t>& record, const PlaintextSink& sink) override {
    SideCall call(Side::server, clock_);
    size_t fed = 0;
    while (fed < record.size()) {
      uint8_t* space = nullptr;
      size_t room = mk_conn_input_space(server_.get(), &space);
      if (room == 0)
        return fail(meerkat_error("server mk_conn_input_space", mk_conn_error(server_.get())));
      size_t n = std::min(room, record.size() - fed);
      std::memcpy(space, record.data() + fed, n);
      int err = mk_conn_input_commit(server_.get(), n);
      if (err != MK_OK) return fail(meerkat_error("server mk_conn_input_commit", err));
      fed += n;
      const uint8_t* view = nullptr;
      while (size_t avail = mk_conn_read_view(server_.get(), &view)) {
        sink(view, avail);
        mk_conn_read_ack(server_.get(), avail);
      }
    }
    return true;
  }

  std::string negotiated() const override {
    return std::string("TLSv1.3 ") + mk_cipher_suite_name(mk_conn_cipher_suite(client_.get())) +
           " " + mk_group_name(mk_conn_group(client_.get())) + " " +
           mk_signature_scheme_name(mk_conn_signature_scheme(client_.get()));
  }

 private:
  // TLS 1.3 only, the scenario's suite and group (as the OpenSSL pair is set up).
  static int restrict_to(mk_config* cfg, const Scenario& s) {
    int err = mk_config_set_versions(cfg, MK_TLS_1_3, MK_TLS_1_3);
    if (err == MK_OK) err = mk_config_set_cipher_suites(cfg, &s.suite, 1);
    return err != MK_OK ? err : mk_config_set_groups(cfg, &s.group, 1);
  }

  // All that from has queued goes into to. Taking the bytes is the sender's call,
  // feeding them (and reading any plaintext they carry) the receiver's.
  bool carry(Side from_side, mk_conn* from, mk_conn* to) {
    Side to_side = from_side == Side::client ? Side::server : Side::client;
    for (;;) {
      const uint8_t* data = nullptr;
      size_t n = 0;
      {
        SideCall call(from_side, clock_);
        n = mk_conn_output(from, &data);
      }
      if (n == 0) return true;
      size_t used = 0;
      int err = MK_OK;
      {
        SideCall call(to_side, clock_);
        err = mk_conn_feed(to, data, n, &used);
      }
      if (err != MK_OK) return fail(meerkat_error("mk_conn_feed during the handshake", err));
      if (used == 0) return fail("a connection took none of the handshake bytes");
      record_sent(from_side, data, used);
      SideCall call(from_side, clock_);
      mk_conn_output_ack(from, used);
    }
  }

  bool write_all(const std::vector<uint8_t>& plaintext) {
    size_t used = 0;
    int err = mk_conn_write(client_.get(), plaintext.data(), plaintext.size(), &used);
    if (err != MK_OK) return fail(meerkat_error("client mk_conn_write", err));
    if (used != plaintext.size()) return fail("client mk_conn_write took part of a record");
    return true;
  }

  ConfigPtr client_cfg_, server_cfg_;
  ConnPtr client_, server_;
};

}  // namespace

std::unique_ptr<LibraryPair> make_meerkat_pair(const Scenario& s, std::string* error) {
  auto pair = std::make_unique<MeerkatPair>();
  if (!pair->init(s, error)) return nullptr;
  return pair;
}

}  // namespace mk::bench
