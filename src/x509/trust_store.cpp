#include "x509/trust_store.h"

#include <new>

namespace mk::x509 {

TrustStore::TrustStore() : impl_(nullptr) {
  void* p = heap_alloc(sizeof(Impl));
  if (p) impl_ = new (p) Impl();
}

TrustStore::~TrustStore() {
  if (!impl_) return;
  impl_->~Impl();
  heap_free(impl_, sizeof(Impl));
}

size_t TrustStore::size() const {
  return impl_ ? impl_->anchors.size() : 0;
}

Err TrustStore::add(ByteView pem_or_der, Detail* detail) {
  if (!impl_) return MK_ERR_OUT_OF_MEMORY;
  Vec<Buffer> ders;
  MK_TRY(load_certificates(pem_or_der, ders, detail));
  Vec<Anchor> added;
  added.reserve(ders.size());
  auto known = [&](ByteView der_bytes) {
    for (const Vec<Anchor>* list : {&impl_->anchors, &added})
      for (const Anchor& a : *list)
        if (std::ranges::equal(a.der.view(), der_bytes)) return true;
    return false;
  };
  for (Buffer& der_bytes : ders) {
    if (known(der_bytes.view())) continue;
    added.push_back(Anchor{std::move(der_bytes), Certificate{}});
    // load_certificates parsed it already, so this cannot fail.
    parse_certificate(added.back().der.view(), added.back().cert);
  }
  impl_->anchors.reserve(impl_->anchors.size() + added.size());
  for (Anchor& a : added) impl_->anchors.push_back(std::move(a));
  return MK_OK;
}

}  // namespace mk::x509
