#include "failure.h"

#include "meerkat/meerkat.h"

namespace mk::cli {

std::string tls_failure_line(int err, std::string_view message, Phase phase) {
  std::string line;
  if (MK_ERR_CATEGORY(err) == MK_CAT_CERT) {
    line = "certificate verify failed: ";
  } else if (phase == Phase::handshake) {
    line = "handshake failed: ";
  } else {
    line = "connection failed: ";
  }
  std::string_view text = mk_err_text(err);
  line += text;
  // A detail sentence adds what the code's sentence cannot say (which certificate,
  // which name); when it already contains that sentence it stands alone.
  if (!message.empty() && message != text) {
    if (message.find(text) != std::string_view::npos) {
      line = line.substr(0, line.size() - text.size());
      line += message;
    } else {
      line += " (";
      line += message;
      line += ")";
    }
  }
  return line;
}

}  // namespace mk::cli
