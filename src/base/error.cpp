#include "base/error.h"

#include <array>
#include <cstdio>

namespace mk {
namespace {

struct ErrInfo {
  Err code;
  int alert;
  const char* name;
  const char* text;
};

#define MK_ERROR_TABLE_ENTRY(n, value, alert, text) {n, alert, #n, text},
constexpr ErrInfo kErrors[] = {MK_ERROR_LIST(MK_ERROR_TABLE_ENTRY)};
#undef MK_ERROR_TABLE_ENTRY

const ErrInfo* find(Err e) {
  for (const auto& info : kErrors)
    if (info.code == e) return &info;
  return nullptr;
}

struct AlertInfo {
  int code;
  const char* name;
};
constexpr AlertInfo kAlerts[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {22, "record_overflow"},
    {40, "handshake_failure"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},
    {115, "unknown_psk_identity"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
};

// "peer sent alert <name>" for each alert, built once (thread-safe static) so the
// returned pointers stay valid for the life of the process.
const char* peer_alert_text(int alert) {
  using Table = std::array<std::array<char, 48>, 256>;
  static const Table texts = [] {
    Table t{};
    for (int a = 0; a < 256; ++a) {
      std::snprintf(t[a].data(), t[a].size(), "peer sent alert %s", alert_name(a));
    }
    return t;
  }();
  return texts[alert & 0xff].data();
}

}  // namespace

int alert_for(Err e) {
  const ErrInfo* i = find(e);
  return i ? i->alert : 80;
}

const char* err_name(Err e) {
  if (MK_ERR_CATEGORY(e) == MK_CAT_PEER_ALERT) return "MK_ERR_PEER_ALERT";
  const ErrInfo* i = find(e);
  return i ? i->name : "MK_ERR_UNKNOWN";
}

const char* err_text(Err e) {
  if (MK_ERR_CATEGORY(e) == MK_CAT_PEER_ALERT) return peer_alert_text(e & 0xff);
  const ErrInfo* i = find(e);
  return i ? i->text : "unknown error";
}

const char* alert_name(int alert) {
  for (const auto& a : kAlerts)
    if (a.code == alert) return a.name;
  return "unknown_alert";
}

}  // namespace mk
