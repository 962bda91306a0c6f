// load_certificates: every certificate of a PEM bundle (or one DER certificate),
// each checked by the certificate parser, with the failing block named.
#include <string_view>

#include "x509/certificate.h"
#include "x509/detail.h"
#include "x509/pem.h"
#include "x509/x509.h"

namespace mk::x509 {
namespace {

bool is_certificate_label(std::string_view label) {
  // "X509 CERTIFICATE" is the pre-RFC 7468 spelling some tools still write.
  return label == "CERTIFICATE" || label == "X509 CERTIFICATE";
}

Err copy_der(ByteView der_bytes, Buffer& out) {
  out.clear();
  return out.append(der_bytes) ? MK_OK : MK_ERR_OUT_OF_MEMORY;
}

}  // namespace

Err load_certificates(ByteView data, Vec<Buffer>& out, Detail* detail) {
  Vec<Buffer> found;
  Certificate cert;
  if (!is_pem(data)) {
    der::Fault fault = parse_certificate(data, cert);
    if (fault != der::Fault::none) {
      set_detail(detail, "DER certificate: %s", der::fault_text(fault));
      return MK_ERR_CERT_PARSE;
    }
    found.emplace_back();
    MK_TRY(copy_der(data, found.back()));
    out = std::move(found);
    return MK_OK;
  }
  PemReader reader(data);
  PemBlock block;
  while (reader.next(block)) {
    if (!is_certificate_label(block.label)) continue;
    Buffer der_bytes;
    const char* problem = "";
    Err e = pem_decode(block, der_bytes, &problem);
    der::Fault fault = e == MK_OK ? parse_certificate(der_bytes.view(), cert) : der::Fault::none;
    if (e == MK_OK && fault != der::Fault::none) {
      e = MK_ERR_CERT_PARSE;
      problem = der::fault_text(fault);
    }
    if (e != MK_OK) {
      e = e == MK_ERR_KEY_ENCRYPTED ? MK_ERR_PEM_INVALID : e;
      set_detail(detail, "PEM block %zu (%.*s): %s", block.index,
                 static_cast<int>(block.label.size()), block.label.data(), problem);
      return e;
    }
    found.push_back(std::move(der_bytes));
  }
  if (reader.error() != MK_OK) {
    std::string_view label = reader.failed_label();
    set_detail(detail, "PEM block %zu (%.*s): %s", reader.failed_index(),
               static_cast<int>(label.size()), label.data(), reader.problem());
    return reader.error();
  }
  if (found.empty()) {
    set_detail(detail, "no CERTIFICATE block found");
    return MK_ERR_NO_CERTIFICATE;
  }
  out = std::move(found);
  return MK_OK;
}

}  // namespace mk::x509
