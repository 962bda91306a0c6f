#include "der_builder.h"

#include "testdata.h"
#include "x509/der.h"

namespace mk::test {

std::string tlv(uint8_t tag, const std::string& value) {
  std::string out(1, static_cast<char>(tag));
  size_t n = value.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string len;
    for (size_t v = n; v; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xff));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  return out + value;
}

std::vector<std::string> children(const std::string& element) {
  x509::der::Fault fault = x509::der::Fault::none;
  x509::der::Parser outer(as_bytes(element), fault);
  x509::der::Element e = outer.element();
  x509::der::Parser inner = outer.over(e.value);
  std::vector<std::string> out;
  while (!inner.empty()) out.emplace_back(as_chars(inner.element().encoding));
  return out;
}

CertParts split_certificate(const std::string& der) {
  std::vector<std::string> top = children(der);
  return {children(top.at(0)), top.at(1), top.at(2)};
}

std::string join_certificate(const CertParts& parts) {
  std::string tbs;
  for (const std::string& e : parts.tbs) tbs += e;
  return tlv(0x30, tlv(0x30, tbs) + parts.algorithm + parts.signature);
}

std::string extension(const std::string& oid_hex, bool critical, const std::string& value) {
  std::string body = tlv(0x06, unhex(oid_hex));
  if (critical) body += tlv(0x01, std::string(1, '\xff'));
  return tlv(0x30, body + tlv(0x04, value));
}

std::string with_extensions(CertParts parts, const std::vector<std::string>& extensions) {
  std::string list;
  for (const std::string& e : extensions) list += e;
  parts.tbs.at(7) = tlv(0xa3, tlv(0x30, list));
  return join_certificate(parts);
}

}  // namespace mk::test
