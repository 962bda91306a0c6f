#include "tls_pair.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "testdata.h"

namespace mk::test {

int64_t fixed_test_time(void*) {
  return kTestNow;
}

ConfigPtr server_config(const std::string& dir) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_SERVER));
  const std::string base = source_path("tests/data/certs/" + dir + "/");
  EXPECT_EQ(mk_config_load_cert_chain_file(cfg.get(), (base + "chain.pem").c_str()), MK_OK);
  EXPECT_EQ(mk_config_load_private_key_file(cfg.get(), (base + "key.pem").c_str()), MK_OK);
  mk_config_set_time(cfg.get(), fixed_test_time, nullptr);
  return cfg;
}

ConfigPtr client_config(const std::string& ca_dir) {
  ConfigPtr cfg(mk_config_new(MK_ROLE_CLIENT));
  const std::string ca = source_path("tests/data/certs/" + ca_dir + "/ca.pem");
  EXPECT_EQ(mk_config_load_ca_file(cfg.get(), ca.c_str()), MK_OK);
  mk_config_set_time(cfg.get(), fixed_test_time, nullptr);
  return cfg;
}

std::string case_name(const std::string& key_dir, uint16_t suite, uint16_t group) {
  std::string name = key_dir + "_" + mk_cipher_suite_name(suite) + "_" + mk_group_name(group);
  for (char& ch : name)
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

TlsPair::TlsPair(const mk_config* client_cfg, const mk_config* server_cfg)
    : client_(mk_conn_new(client_cfg)), server_(mk_conn_new(server_cfg)) {
  static const char kName[] = "localhost";
  if (client_) mk_conn_set_server_name(client_.get(), kName, sizeof kName - 1);
}

void TlsPair::drain_plaintext(mk_conn* side) {
  uint8_t buf[4096];
  size_t got = 0;
  while (mk_conn_read(side, buf, sizeof buf, &got) == MK_OK && got > 0)
    received(side).append(reinterpret_cast<const char*>(buf), got);
}

size_t TlsPair::pump(mk_conn* from, mk_conn* to, size_t chunk) {
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(from, &out);
  if (n == 0) return 0;
  const std::string bytes(reinterpret_cast<const char*>(out), n);
  mk_conn_output_ack(from, n);
  size_t off = 0;
  while (off < bytes.size()) {
    const size_t piece = std::min(chunk, bytes.size() - off);
    size_t used = 0;
    const int e =
        mk_conn_feed(to, reinterpret_cast<const uint8_t*>(bytes.data()) + off, piece, &used);
    off += used;
    drain_plaintext(to);
    if (e != MK_OK || (used == 0 && mk_conn_pending(to) == 0)) break;
  }
  return n;
}

void TlsPair::settle(size_t chunk) {
  for (int round = 0; round < 64; ++round) {
    const size_t moved = pump(client(), server(), chunk) + pump(server(), client(), chunk);
    if (moved == 0) return;
  }
  ADD_FAILURE() << "connections kept talking for 64 rounds";
}

bool TlsPair::handshake(size_t chunk) {
  if (!client_ || !server_) return false;
  mk_conn_start(client());
  settle(chunk);
  return (mk_conn_state(client()) & MK_STATE_HANDSHAKE_DONE) &&
         (mk_conn_state(server()) & MK_STATE_HANDSHAKE_DONE);
}

bool TlsPair::send(mk_conn* from, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    size_t used = 0;
    const int e = mk_conn_write(from, reinterpret_cast<const uint8_t*>(data.data()) + off,
                                data.size() - off, &used);
    if (e != MK_OK && e != MK_ERR_BUFFER_FULL) return false;
    off += used;
    pump(from, peer_of(from));
  }
  return true;
}

std::string TlsPair::take_output(mk_conn* from) {
  const uint8_t* out = nullptr;
  const size_t n = mk_conn_output(from, &out);
  std::string bytes(reinterpret_cast<const char*>(out), n);
  mk_conn_output_ack(from, n);
  return bytes;
}

int TlsPair::feed(mk_conn* to, const std::string& bytes) {
  size_t used = 0;
  const int e =
      mk_conn_feed(to, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &used);
  drain_plaintext(to);
  return e;
}

}  // namespace mk::test
