// GeneralName (RFC 5280 4.2.1.6), the name form used by subjectAltName, name
// constraints and authorityInfoAccess, and Name (the distinguished name).
#pragma once

#include <cstdint>

#include "base/bytes.h"
#include "x509/der.h"

namespace mk::x509 {

enum class NameType : uint8_t {
  other_name = 0,
  rfc822 = 1,
  dns = 2,
  x400_address = 3,
  directory = 4,
  edi_party = 5,
  uri = 6,
  ip_address = 7,
  registered_id = 8,
};

struct GeneralName {
  NameType type = NameType::other_name;
  // IA5String bytes (rfc822, dns, uri), address octets (ip_address), the Name
  // encoding (directory), or the raw value of the other forms.
  ByteView value;
};

// Read one GeneralName, checking its shape (IA5 strings hold ASCII only,
// directoryName holds a well-formed Name, ...). Address lengths are not checked
// here: they differ between subjectAltName (4 or 16) and name constraints (8 or 32).
GeneralName read_general_name(der::Parser& p);

// Check a Name: SEQUENCE OF SET SIZE(1..MAX) OF SEQUENCE { OID, value }.
void check_name(der::Parser& p);

// Calls fn(type_oid, value_element) for each attribute of a Name encoding, in order.
template <class Fn>
void for_each_attribute(ByteView name_encoding, Fn&& fn) {
  der::Fault fault = der::Fault::none;
  der::Parser name(name_encoding, fault);
  der::Parser rdns = name.nested(der::kSequence);
  while (!rdns.empty()) {
    der::Parser rdn = rdns.nested(der::kSet);
    while (!rdn.empty()) {
      der::Parser atv = rdn.nested(der::kSequence);
      ByteView type = atv.oid();
      der::Element value = atv.element();
      if (!atv.ok()) return;
      fn(type, value);
    }
  }
}

}  // namespace mk::x509
