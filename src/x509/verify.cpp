// verify_chain: RFC 5280 path validation with the CA/Browser Forum's practical
// rules, on a path built from the peer's certificates and the trust store.
//
// Path building is a depth-first search from the leaf towards a trust anchor. At
// each step every certificate whose subject is the current certificate's issuer is
// a candidate (anchors first, then the peer's extras, those whose key identifier
// matches first); a candidate is checked as an issuer, its signature over the
// current certificate verified, and the search goes on from it. A candidate that
// fails is set aside and the next one tried, so re-keyed and cross-signed CAs, an
// expired alternative or a missing intermediate that the store holds all work.
// Loops are cut (a certificate, or a subject and key, appears once per path), the
// depth is capped, and a budget bounds the candidates, signatures and name
// comparisons one verification may spend.
//
// When no path works, the error reported is the one from the attempt that got
// furthest from the leaf: that is the most specific thing to tell a user.
#include "x509/certificate.h"
#include "x509/certificate_rules.h"
#include "x509/detail.h"
#include "x509/name_constraints.h"
#include "x509/name_match.h"
#include "x509/signature_algorithm.h"
#include "x509/trust_store.h"
#include "x509/x509.h"

namespace mk::x509 {
namespace {

// Hard limits, whatever VerifyParams says: the longest path searched, the peer
// certificates considered, and the work one verification may do.
constexpr size_t kMaxPath = 16;
constexpr size_t kMaxPeerCertificates = 64;
constexpr unsigned kMaxCandidates = 512;
constexpr unsigned kMaxSignatureChecks = 64;
constexpr size_t kMaxNameComparisons = 1u << 16;
constexpr size_t kMaxCandidatesPerStep = 64;
constexpr size_t kSignatureCacheSize = 64;

bool fits(const crypto::PublicKey& key, uint16_t scheme) {
  bool ecdsa = scheme == crypto::kEcdsaSha256AnyCurve || scheme == crypto::kEcdsaSha384AnyCurve ||
               scheme == crypto::kEcdsaSha512AnyCurve;
  return ecdsa ? key.type == crypto::KeyType::ec : key.type == crypto::KeyType::rsa;
}

struct Failure {
  Err err = MK_OK;
  size_t depth = 0;
  Detail detail;
};

class PathBuilder {
 public:
  PathBuilder(std::span<const Certificate> peers, std::span<const uint8_t> usable,
              const TrustStore::Impl& store, const VerifyParams& params)
      : peers_(peers), usable_(usable), store_(store), params_(params) {}

  // Checks that depend on the leaf alone, then the search. MK_OK with a full path.
  Err run(Detail* detail);
  const crypto::PublicKey& leaf_key() const { return leaf_key_; }

 private:
  Err extend(size_t depth);
  Err try_issuer(size_t depth, const Certificate& issuer, bool anchor);
  Err check_leaf(const Certificate& c, Detail& d);
  Err check_issuer(const Certificate& c, Role role, size_t pos, Detail& d);
  Err check_signature(const Certificate& child, size_t child_pos, const Certificate& issuer,
                      const crypto::PublicKey& key, Detail& d);
  bool in_path(const Certificate& c, size_t depth) const;
  void fail(Err e, size_t depth, const Detail& d);
  Err out_of_budget(const char* what);

  std::span<const Certificate> peers_;
  std::span<const uint8_t> usable_;
  const TrustStore::Impl& store_;
  const VerifyParams& params_;
  crypto::PublicKey leaf_key_;

  const Certificate* path_[kMaxPath] = {};
  Role roles_[kMaxPath] = {};

  unsigned candidates_ = 0;
  unsigned signatures_ = 0;
  size_t name_budget_ = kMaxNameComparisons;
  bool exhausted_ = false;

  // Signatures already verified (child, issuer): backtracking meets them again.
  struct VerifiedPair {
    const Certificate* child;
    const Certificate* issuer;
  };
  VerifiedPair verified_[kSignatureCacheSize] = {};
  size_t n_verified_ = 0;

  Failure best_;
};

void PathBuilder::fail(Err e, size_t depth, const Detail& d) {
  if (best_.err == MK_OK || depth > best_.depth) {
    best_.err = e;
    best_.depth = depth;
    best_.detail = d;
  }
}

Err PathBuilder::out_of_budget(const char* what) {
  exhausted_ = true;
  best_.err = MK_ERR_CERT_TOO_COMPLEX;
  set_detail(&best_.detail, "gave up building a path after %s", what);
  return MK_ERR_CERT_TOO_COMPLEX;
}

Err PathBuilder::check_leaf(const Certificate& c, Detail& d) {
  MK_TRY(check_profile(c, Role::leaf, d));
  MK_TRY(check_end_entity(c, params_.purpose, d));
  MK_TRY(check_key(c, Role::leaf, leaf_key_, d));
  return check_validity(c, Role::leaf, params_.now, d);
}

// The rules for a CA at position pos of the path (path_[0..pos-1] are below it).
Err PathBuilder::check_issuer(const Certificate& c, Role role, size_t pos, Detail& d) {
  MK_TRY(check_profile(c, role, d));
  MK_TRY(check_issuer_rules(c, role, params_.purpose, d));
  const char* who = role_word(role);
  CertName n = name_of(c);
  if (c.path_len >= 0) {
    int below = 0;
    for (size_t i = 1; i < pos; ++i) below += self_issued(*path_[i]) ? 0 : 1;
    if (below > c.path_len) {
      set_detail(&d, "%s '%s' allows %d intermediate%s below it, the path has %d", who, n.text,
                 c.path_len, c.path_len == 1 ? "" : "s", below);
      return MK_ERR_CERT_PATH_LENGTH;
    }
  }
  MK_TRY(check_validity(c, role, params_.now, d));
  if (c.has_name_constraints) {
    for (size_t i = 0; i < pos; ++i) {
      // RFC 5280 6.1.3 (b): self-issued intermediates are not subject to them.
      if (i > 0 && self_issued(*path_[i])) continue;
      char why[160];
      Err e = check_name_constraints(c, *path_[i], name_budget_, why, sizeof why);
      if (e == MK_ERR_CERT_TOO_COMPLEX) return out_of_budget("too many name constraint checks");
      if (e != MK_OK) {
        set_detail(&d, "name constraints of %s '%s' reject %s '%s': it %s", who, n.text,
                   role_word(roles_[i]), name_of(*path_[i]).text, why);
        return e;
      }
    }
  }
  return MK_OK;
}

Err PathBuilder::check_signature(const Certificate& child, size_t child_pos,
                                 const Certificate& issuer, const crypto::PublicKey& key,
                                 Detail& d) {
  for (size_t i = 0; i < n_verified_; ++i)
    if (verified_[i].child == &child && verified_[i].issuer == &issuer) return MK_OK;
  const char* who = role_word(roles_[child_pos]);
  CertName n = name_of(child);
  SignatureAlgorithm alg;
  Err e = parse_signature_algorithm(child.signature_algorithm, alg);
  if (e == MK_ERR_CERT_WEAK_SIGNATURE) {
    set_detail(&d, "%s '%s' is signed with %s, which is too weak", who, n.text, alg.name);
    return e;
  }
  if (e != MK_OK) {
    set_detail(&d, "%s '%s' is signed with an unsupported algorithm (%s)", who, n.text, alg.name);
    return e;
  }
  if (!fits(key, alg.scheme)) {
    set_detail(&d, "%s '%s' is signed with %s, which does not fit the key of '%s'", who, n.text,
               alg.name, name_of(issuer).text);
    return MK_ERR_CERT_BAD_SIGNATURE;
  }
  if (++signatures_ > kMaxSignatureChecks) return out_of_budget("too many signature checks");
  e = crypto::verify(alg.scheme, key, child.tbs, child.signature);
  if (e == MK_OK && n_verified_ < kSignatureCacheSize) verified_[n_verified_++] = {&child, &issuer};
  if (e != MK_OK) {
    set_detail(&d, "%s '%s' has a signature that the key of '%s' does not verify", who, n.text,
               name_of(issuer).text);
    return MK_ERR_CERT_BAD_SIGNATURE;
  }
  return MK_OK;
}

bool PathBuilder::in_path(const Certificate& c, size_t depth) const {
  for (size_t i = 0; i <= depth; ++i) {
    const Certificate& p = *path_[i];
    if (&p == &c) return true;
    if (std::ranges::equal(p.subject, c.subject) && std::ranges::equal(p.spki, c.spki)) return true;
  }
  return false;
}

// Try issuer for the certificate at depth; on success the path ends at an anchor.
Err PathBuilder::try_issuer(size_t depth, const Certificate& issuer, bool anchor) {
  Detail d;
  Role role = anchor ? Role::anchor : Role::intermediate;
  size_t pos = depth + 1;
  // Certificates counted against max_depth: the leaf, the non-self-issued
  // intermediates, and the anchor at the end.
  int counted = 1;
  for (size_t i = 1; i <= depth; ++i) counted += self_issued(*path_[i]) ? 0 : 1;
  if (!anchor && !self_issued(issuer)) ++counted;
  if (counted + 1 > params_.max_depth || pos + (anchor ? 1 : 2) > kMaxPath) {
    set_detail(&d, "no path within the limit of %d certificates", params_.max_depth);
    fail(MK_ERR_CERT_CHAIN_TOO_LONG, pos, d);
    return MK_ERR_CERT_CHAIN_TOO_LONG;
  }
  path_[pos] = &issuer;
  roles_[pos] = role;
  Err e = check_issuer(issuer, role, pos, d);
  crypto::PublicKey key;
  if (e == MK_OK) e = check_key(issuer, role, key, d);
  if (e == MK_OK) e = check_signature(*path_[depth], depth, issuer, key, d);
  if (exhausted_) return MK_ERR_CERT_TOO_COMPLEX;
  if (e != MK_OK) {
    fail(e, pos, d);
    return e;
  }
  return anchor ? MK_OK : extend(pos);
}

Err PathBuilder::extend(size_t depth) {
  const Certificate& child = *path_[depth];
  struct Candidate {
    const Certificate* cert;
    bool anchor;
  };
  Candidate found[kMaxCandidatesPerStep];
  size_t count = 0;
  // Anchors, then the peer's certificates; within each, a matching key identifier first.
  for (bool anchors : {true, false}) {
    for (bool key_id_match : {true, false}) {
      auto consider = [&](const Certificate& c) {
        if (count == kMaxCandidatesPerStep || !std::ranges::equal(c.subject, child.issuer)) return;
        if (key_id_matches(child, c) != key_id_match || in_path(c, depth)) return;
        found[count++] = {&c, anchors};
      };
      if (anchors) {
        for (const Anchor& a : store_.anchors) consider(a.cert);
        continue;
      }
      for (size_t i = 1; i < peers_.size(); ++i) {
        if (usable_[i]) consider(peers_[i]);
      }
    }
  }
  if (count == 0) {
    Detail d;
    char issuer[72];
    describe_name(child.issuer, issuer, sizeof issuer);
    bool is_root = false;
    for (const Anchor& a : store_.anchors)
      is_root = is_root || std::ranges::equal(a.cert.der, child.der);
    if (depth == 0 && is_root)
      set_detail(&d,
                 "certificate '%s' is a trusted root; a peer must present a certificate "
                 "issued by one",
                 name_of(child).text);
    else if (depth == 0 && self_issued(child))
      set_detail(&d, "certificate '%s' is self-signed and not trusted", name_of(child).text);
    else
      set_detail(&d, "%s '%s' was issued by '%s', which is not a trusted root and was not sent",
                 role_word(roles_[depth]), name_of(child).text, issuer);
    fail(MK_ERR_CERT_UNKNOWN_ISSUER, depth, d);
    return MK_ERR_CERT_UNKNOWN_ISSUER;
  }
  for (size_t i = 0; i < count; ++i) {
    if (++candidates_ > kMaxCandidates) return out_of_budget("too many candidate issuers");
    Err e = try_issuer(depth, *found[i].cert, found[i].anchor);
    if (e == MK_OK || exhausted_) return e;
  }
  return best_.err;
}

Err PathBuilder::run(Detail* detail) {
  const Certificate& leaf = peers_[0];
  path_[0] = &leaf;
  roles_[0] = Role::leaf;
  Err e = check_leaf(leaf, best_.detail);
  if (e == MK_OK) {
    e = extend(0);
    if (e != MK_OK) e = best_.err;
  }
  if (e != MK_OK && detail) *detail = best_.detail;
  return e;
}

Err check_name(const Certificate& leaf, std::string_view name, Detail* detail) {
  ReferenceName ref;
  if (!parse_reference_name(name, ref)) {
    set_detail(detail, "requested name '%.*s' is neither a valid DNS name nor an IP address",
               static_cast<int>(name.size()), name.data());
    return MK_ERR_CERT_NAME_MISMATCH;
  }
  if (san_matches(leaf, ref)) return MK_OK;
  if (!leaf.has_san) {
    set_detail(detail,
               "certificate '%s' has no subjectAltName, so it names no host (the common name "
               "is not used); requested name %.*s",
               name_of(leaf).text, static_cast<int>(name.size()), name.data());
  } else {
    char presented[96];
    presented_name(leaf, presented, sizeof presented);
    set_detail(detail, "certificate for %s does not match requested name %.*s", presented,
               static_cast<int>(name.size()), name.data());
  }
  return MK_ERR_CERT_NAME_MISMATCH;
}

}  // namespace

Err verify_chain(std::span<const ByteView> peer_chain, const TrustStore& anchors,
                 const VerifyParams& params, crypto::PublicKey& leaf_key, VerifyDetail* detail) {
  if (detail) detail->text[0] = '\0';
  if (peer_chain.empty()) {
    set_detail(detail, "the peer sent no certificate");
    return MK_ERR_CERT_EMPTY_CHAIN;
  }
  if (anchors.empty()) {
    set_detail(detail, "no CA certificates are configured, so no chain can be trusted");
    return MK_ERR_NO_TRUST_ANCHORS;
  }
  if (params.now < 0) {
    set_detail(detail, "the current time is unknown, so certificate validity cannot be checked");
    return MK_ERR_CERT_NO_TIME;
  }
  size_t n = peer_chain.size() < kMaxPeerCertificates ? peer_chain.size() : kMaxPeerCertificates;
  Vec<Certificate> certs(n);
  Vec<uint8_t> usable(n, 0);
  for (size_t i = 0; i < n; ++i) {
    der::Fault fault = parse_certificate(peer_chain[i], certs[i]);
    if (i == 0 && fault != der::Fault::none) {
      set_detail(detail, "the peer's certificate is malformed: %s", der::fault_text(fault));
      return MK_ERR_CERT_MALFORMED;
    }
    // An extra that does not parse cannot be in a path; a copy of an anchor is
    // tried as the anchor.
    usable[i] = fault == der::Fault::none;
    for (const Anchor& a : anchors.impl().anchors)
      if (usable[i] && i > 0 && std::ranges::equal(a.der.view(), peer_chain[i])) usable[i] = 0;
  }
  PathBuilder builder(certs, usable, anchors.impl(), params);
  MK_TRY(builder.run(detail));
  if (!params.name.empty()) MK_TRY(check_name(certs[0], params.name, detail));
  leaf_key = builder.leaf_key();
  return MK_OK;
}

}  // namespace mk::x509
