#include "report_json.h"

#include "json_writer.h"

namespace mk::bench {
namespace {

void write_summary(JsonWriter& w, const Summary& s) {
  if (s.empty()) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("median");
  w.number(s.median);
  w.key("min");
  w.number(s.min);
  w.key("max");
  w.number(s.max);
  w.key("runs");
  w.integer(s.runs);
  w.end_object();
}

const char* target_kind(Target::Kind k) {
  return k == Target::Kind::at_most ? "at_most" : "at_least";
}

}  // namespace

std::string report_json(const Report& report) {
  JsonWriter w;
  w.begin_object();
  w.key("header");
  w.string(report.header());
  w.key("rows");
  w.begin_array();
  for (const Row& row : report.rows()) {
    w.begin_object();
    w.key("section");
    w.string(row.section);
    w.key("measure");
    w.string(row.measure);
    w.key("unit");
    w.string(unit_symbol(row.unit));
    w.key("meerkat");
    write_summary(w, row.meerkat);
    if (row.compared) {
      w.key("openssl");
      write_summary(w, row.openssl);
    }
    if (row.target.kind != Target::Kind::none) {
      w.key("target");
      w.begin_object();
      w.key("kind");
      w.string(target_kind(row.target.kind));
      w.key("value");
      w.number(row.target.value);
      w.key("below_openssl");
      w.boolean(row.target.below_openssl);
      w.key("text");
      w.string(row.target.text);
      w.end_object();
      w.key("verdict");
      w.string(verdict_text(verdict(row)));
    }
    if (!row.meerkat_missing.empty()) {
      w.key("meerkat_missing");
      w.string(row.meerkat_missing);
    }
    if (!row.openssl_missing.empty()) {
      w.key("openssl_missing");
      w.string(row.openssl_missing);
    }
    if (!row.note.empty()) {
      w.key("note");
      w.string(row.note);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.text() + "\n";
}

}  // namespace mk::bench
