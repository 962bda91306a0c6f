#include "x509/general_name.h"

namespace mk::x509 {
namespace {

bool ascii(ByteView v) {
  for (uint8_t b : v)
    if (b >= 0x80) return false;
  return true;
}

}  // namespace

void check_name(der::Parser& p) {
  der::Parser rdns = p.nested(der::kSequence);
  while (!rdns.empty()) {
    der::Parser rdn = rdns.nested(der::kSet);
    if (rdn.empty()) rdn.fail(der::Fault::bad_name);
    while (!rdn.empty()) {
      der::Parser atv = rdn.nested(der::kSequence);
      atv.oid();
      atv.element();
      atv.expect_end();
    }
  }
}

GeneralName read_general_name(der::Parser& p) {
  der::Element e = p.element();
  if (!p.ok()) return {};
  GeneralName g;
  g.value = e.value;
  switch (e.tag) {
    case der::context_constructed(0): {  // otherName: type-id, [0] EXPLICIT value
      g.type = NameType::other_name;
      der::Parser other = p.over(e.value);
      other.oid();
      other.read(der::context_constructed(0));
      other.expect_end();
      break;
    }
    case der::context(1):
    case der::context(2):
    case der::context(6):
      g.type = static_cast<NameType>(e.tag & 0x1f);
      if (!ascii(e.value)) p.fail(der::Fault::bad_general_name);
      break;
    case der::context_constructed(3):
      g.type = NameType::x400_address;
      break;
    case der::context_constructed(4): {  // directoryName: [4] EXPLICIT Name
      g.type = NameType::directory;
      der::Parser dir = p.over(e.value);
      der::Parser copy = dir;
      g.value = copy.read_encoding(der::kSequence);
      check_name(dir);
      dir.expect_end();
      break;
    }
    case der::context_constructed(5):
      g.type = NameType::edi_party;
      break;
    case der::context(7):
      g.type = NameType::ip_address;
      break;
    case der::context(8): {
      g.type = NameType::registered_id;
      // The OID's content octets under an implicit tag: check them as an OID.
      uint8_t last = e.value.empty() ? 0x80 : e.value.back();
      if (last & 0x80) p.fail(der::Fault::bad_general_name);
      break;
    }
    default:
      p.fail(der::Fault::bad_general_name);
      break;
  }
  return g;
}

}  // namespace mk::x509
