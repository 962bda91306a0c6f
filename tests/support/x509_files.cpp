#include "x509_files.h"

#include "testdata.h"
#include "x509/pem.h"

namespace mk::test {

std::string x509_pem(const std::string& name) {
  return read_file(source_path("tests/data/x509/" + name + ".pem"));
}

std::string der_of(const std::string& pem) {
  x509::PemReader reader(as_bytes(pem));
  x509::PemBlock block;
  Buffer der;
  const char* problem = "";
  if (!reader.next(block) || x509::pem_decode(block, der, &problem) != MK_OK) return "";
  return std::string(as_chars(der.view()));
}

x509::VerifyParams params_for(std::string_view name) {
  x509::VerifyParams p;
  p.now = kX509Now;
  p.name = name;
  return p;
}

Verdict verify_files(const std::vector<std::string>& chain, const std::vector<std::string>& roots,
                     x509::VerifyParams params) {
  x509::TrustStore store;
  for (const std::string& root : roots) {
    if (store.add(as_bytes(x509_pem(root))) != MK_OK)
      return {MK_ERR_CERT_PARSE, "bad root " + root, {}};
  }
  std::vector<std::string> ders;
  for (const std::string& name : chain) ders.push_back(der_of(x509_pem(name)));
  std::vector<ByteView> views;
  for (const std::string& d : ders) views.push_back(as_bytes(d));
  Verdict v;
  x509::Detail detail;
  v.err = x509::verify_chain(views, store, params, v.leaf_key, &detail);
  v.detail = detail.text;
  return v;
}

Verdict verify_files(const std::vector<std::string>& chain, const std::vector<std::string>& roots) {
  return verify_files(chain, roots, params_for("www.example.com"));
}

}  // namespace mk::test
