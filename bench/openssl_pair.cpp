// OpenSSL's side of the in-memory pair: two SSL objects, each with a memory BIO
// for input and one for output (BIO_s_mem), the way an application without
// sockets drives libssl. Bytes go from one side's output BIO to the other's input
// BIO through a scratch buffer; each BIO call is charged to the side that owns it.
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <memory>

#include "library_pair.h"

namespace mk::bench {
namespace {

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslFree {
  void operator()(SSL* s) const { SSL_free(s); }
};
using CtxPtr = std::unique_ptr<SSL_CTX, CtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;

std::string openssl_error(const char* what) {
  char buf[256];
  unsigned long e = ERR_get_error();
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return std::string(what) + ": " + buf;
}

// TLS 1.3 only, the scenario's suite and group, no session tickets or caches (a
// full handshake every time, as Meerkat does).
bool restrict_to(SSL_CTX* ctx, const Scenario& s, std::string* error) {
  if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
      !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
      !SSL_CTX_set_ciphersuites(ctx, suite_name(s.suite)) ||
      !SSL_CTX_set1_groups_list(ctx, openssl_group_name(s.group))) {
    *error = openssl_error("OpenSSL context settings");
    return false;
  }
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
  SSL_CTX_set_num_tickets(ctx, 0);
  return true;
}

class OpenSslPair final : public LibraryPair {
 public:
  bool init(const Scenario& s, std::string* error) {
    HeapSideScope heap(Side::none);
    client_ctx_.reset(SSL_CTX_new(TLS_client_method()));
    server_ctx_.reset(SSL_CTX_new(TLS_server_method()));
    if (!client_ctx_ || !server_ctx_) {
      *error = openssl_error("SSL_CTX_new");
      return false;
    }
    if (!restrict_to(client_ctx_.get(), s, error) || !restrict_to(server_ctx_.get(), s, error)) {
      return false;
    }
    if (SSL_CTX_load_verify_locations(client_ctx_.get(), s.ca_file().c_str(), nullptr) != 1) {
      *error = openssl_error(s.ca_file().c_str());
      return false;
    }
    SSL_CTX_set_verify(client_ctx_.get(), SSL_VERIFY_PEER, nullptr);
    if (SSL_CTX_use_certificate_chain_file(server_ctx_.get(), s.chain_file().c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(server_ctx_.get(), s.key_file().c_str(), SSL_FILETYPE_PEM) !=
            1) {
      *error = openssl_error(s.chain_file().c_str());
      return false;
    }
    return true;
  }

  bool open() override {
    {
      SideCall call(Side::client, clock_);
      client_.reset(new_ssl(client_ctx_.get(), &client_in_, &client_out_));
      if (!client_ || !SSL_set1_host(client_.get(), "localhost") ||
          !SSL_set_tlsext_host_name(client_.get(), "localhost")) {
        return fail(openssl_error("client SSL_new"));
      }
      SSL_set_connect_state(client_.get());
    }
    SideCall call(Side::server, clock_);
    server_.reset(new_ssl(server_ctx_.get(), &server_in_, &server_out_));
    if (!server_) return fail(openssl_error("server SSL_new"));
    SSL_set_accept_state(server_.get());
    return true;
  }

  bool handshake() override {
    for (int round = 0; round < 16; ++round) {
      if (!step(Side::client, client_.get()) || !carry(Side::client, client_out_, server_in_) ||
          !step(Side::server, server_.get()) || !carry(Side::server, server_out_, client_in_)) {
        return false;
      }
      if (SSL_is_init_finished(client_.get()) && SSL_is_init_finished(server_.get()) &&
          BIO_ctrl_pending(client_out_) == 0 && BIO_ctrl_pending(server_out_) == 0) {
        return true;
      }
    }
    return fail("OpenSSL handshake did not finish in 16 rounds");
  }

  void close() override {
    on_side(Side::client, [&] { client_.reset(); });
    on_side(Side::server, [&] { server_.reset(); });
  }

  bool seal_record(const std::vector<uint8_t>& plaintext) override {
    SideCall call(Side::client, clock_);
    if (!write_all(plaintext)) return false;
    return drain(client_out_, nullptr);
  }

  bool seal_record_into(const std::vector<uint8_t>& plaintext,
                        std::vector<uint8_t>& record) override {
    SideCall call(Side::client, clock_);
    if (!write_all(plaintext)) return false;
    return drain(client_out_, &record);
  }

  bool open_record(const std::vector<uint8_t>& record, const PlaintextSink& sink) override {
    SideCall call(Side::server, clock_);
    if (BIO_write(server_in_, record.data(), static_cast<int>(record.size())) !=
        static_cast<int>(record.size())) {
      return fail("BIO_write into the server's input failed");
    }
    while (BIO_ctrl_pending(server_in_) > 0) {
      size_t n = 0;
      if (SSL_read_ex(server_.get(), read_buf_.data(), read_buf_.size(), &n) != 1) {
        return fail(openssl_error("SSL_read_ex"));
      }
      sink(read_buf_.data(), n);
    }
    return true;
  }

  std::string negotiated() const override {
    const char* group = SSL_group_to_name(client_.get(), SSL_get_negotiated_group(client_.get()));
    return std::string(SSL_get_version(client_.get())) + " " +
           SSL_CIPHER_get_name(SSL_get_current_cipher(client_.get())) + " " +
           (group ? group : "?") + " " + peer_signature_scheme();
  }

 private:
  std::vector<uint8_t> read_buf_ = std::vector<uint8_t>(16384);  // what SSL_read fills
  static SSL* new_ssl(SSL_CTX* ctx, BIO** in, BIO** out) {
    SSL* ssl = SSL_new(ctx);
    if (!ssl) return nullptr;
    *in = BIO_new(BIO_s_mem());
    *out = BIO_new(BIO_s_mem());
    if (!*in || !*out) {
      BIO_free(*in);
      BIO_free(*out);
      SSL_free(ssl);
      return nullptr;
    }
    SSL_set_bio(ssl, *in, *out);  // the SSL owns both BIOs from here
    return ssl;
  }

  // The server's CertificateVerify as a TLS SignatureScheme name, for the schemes
  // the scenarios use.
  std::string peer_signature_scheme() const {
    int type = NID_undef, hash = NID_undef;
    SSL_get_peer_signature_type_nid(client_.get(), &type);
    SSL_get_peer_signature_nid(client_.get(), &hash);
    if (type == EVP_PKEY_EC && hash == NID_sha256) return "ecdsa_secp256r1_sha256";
    if (type == EVP_PKEY_RSA_PSS && hash == NID_sha256) return "rsa_pss_rsae_sha256";
    return std::string(OBJ_nid2sn(type)) + "+" + OBJ_nid2sn(hash);
  }

  bool step(Side side, SSL* ssl) {
    SideCall call(side, clock_);
    if (SSL_is_init_finished(ssl)) return true;
    int r = SSL_do_handshake(ssl);
    if (r == 1) return true;
    int e = SSL_get_error(ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return true;
    return fail(openssl_error(side == Side::client ? "client handshake" : "server handshake"));
  }

  // Everything from's output BIO holds goes into to's input BIO: taking it out is
  // the sender's work, putting it in the receiver's.
  bool carry(Side from_side, BIO* from, BIO* to) {
    {
      SideCall call(from_side, clock_);
      scratch_.clear();
      if (!drain(from, &scratch_)) return false;
    }
    if (scratch_.empty()) return true;
    record_sent(from_side, scratch_.data(), scratch_.size());
    SideCall call(from_side == Side::client ? Side::server : Side::client, clock_);
    if (BIO_write(to, scratch_.data(), static_cast<int>(scratch_.size())) !=
        static_cast<int>(scratch_.size())) {
      return fail("BIO_write failed");
    }
    return true;
  }

  // Read out everything an output BIO holds (one copy, as a sender must make), into
  // out or, when out is null, into a buffer that is then dropped.
  bool drain(BIO* bio, std::vector<uint8_t>* out) {
    size_t n = BIO_ctrl_pending(bio);
    if (n == 0) return true;
    std::vector<uint8_t>& dst = out ? *out : dropped_;
    if (!out) dst.clear();
    size_t at = dst.size();
    dst.resize(at + n);
    if (BIO_read(bio, dst.data() + at, static_cast<int>(n)) != static_cast<int>(n)) {
      return fail("BIO_read of pending output failed");
    }
    return true;
  }

  bool write_all(const std::vector<uint8_t>& plaintext) {
    size_t written = 0;
    if (SSL_write_ex(client_.get(), plaintext.data(), plaintext.size(), &written) != 1 ||
        written != plaintext.size()) {
      return fail(openssl_error("SSL_write_ex"));
    }
    return true;
  }

  CtxPtr client_ctx_, server_ctx_;
  SslPtr client_, server_;
  BIO *client_in_ = nullptr, *client_out_ = nullptr;
  BIO *server_in_ = nullptr, *server_out_ = nullptr;
  std::vector<uint8_t> scratch_, dropped_;
};

}  // namespace

std::unique_ptr<LibraryPair> make_openssl_pair(const Scenario& s, std::string* error) {
  auto pair = std::make_unique<OpenSslPair>();
  if (!pair->init(s, error)) return nullptr;
  return pair;
}

}  // namespace mk::bench
