#include "crypto/signature_scheme.h"

namespace mk::crypto {
namespace {

using P = SignaturePadding;

constexpr SignatureScheme kSchemes[] = {
    {kEcdsaSecp256r1Sha256, P::ecdsa, HashId::sha256, Curve::p256, false},
    {kEcdsaSecp384r1Sha384, P::ecdsa, HashId::sha384, Curve::p384, false},
    {kEcdsaSha256AnyCurve, P::ecdsa, HashId::sha256, Curve::none, false},
    {kEcdsaSha384AnyCurve, P::ecdsa, HashId::sha384, Curve::none, false},
    {kEcdsaSha512AnyCurve, P::ecdsa, HashId::sha512, Curve::none, false},
    {kRsaPkcs1Sha256, P::pkcs1, HashId::sha256, Curve::none, false},
    {kRsaPkcs1Sha384, P::pkcs1, HashId::sha384, Curve::none, false},
    {kRsaPkcs1Sha512, P::pkcs1, HashId::sha512, Curve::none, false},
    {kRsaPssRsaeSha256, P::pss, HashId::sha256, Curve::none, false},
    {kRsaPssRsaeSha384, P::pss, HashId::sha384, Curve::none, false},
    {kRsaPssRsaeSha512, P::pss, HashId::sha512, Curve::none, false},
    {kRsaPssPssSha256, P::pss, HashId::sha256, Curve::none, true},
    {kRsaPssPssSha384, P::pss, HashId::sha384, Curve::none, true},
    {kRsaPssPssSha512, P::pss, HashId::sha512, Curve::none, true},
};

}  // namespace

const SignatureScheme* signature_scheme(uint16_t id) {
  for (const SignatureScheme& s : kSchemes)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace mk::crypto
