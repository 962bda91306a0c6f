// The one line `meerkat get` prints when it fails: a phase, then the reason the
// engine gave. "certificate verify failed: unknown issuer",
// "handshake failed: peer sent alert protocol_version".
#pragma once

#include <string>
#include <string_view>

namespace mk::cli {

enum class Phase { handshake, transfer };

// err is the connection's mk_err; message is mk_conn_error_message() (a detail
// sentence, or just mk_err_text(err) when there is none).
std::string tls_failure_line(int err, std::string_view message, Phase phase);

}  // namespace mk::cli
