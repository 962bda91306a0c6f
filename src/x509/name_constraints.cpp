#include "x509/name_constraints.h"

#include <cstdio>
#include <string_view>

#include "x509/general_name.h"
#include "x509/name_match.h"
#include "x509/oid.h"

namespace mk::x509 {
namespace {

// name is c, or below c ("example.com" covers itself and its subdomains, ".example.com"
// only its subdomains, "" everything).
bool dns_within(std::string_view name, std::string_view c) {
  if (c.empty()) return true;
  if (c.front() == '.')
    return name.size() > c.size() && equal_ignoring_case(name.substr(name.size() - c.size()), c);
  if (equal_ignoring_case(name, c)) return true;
  return name.size() > c.size() && name[name.size() - c.size() - 1] == '.' &&
         equal_ignoring_case(name.substr(name.size() - c.size()), c);
}

// Whether every name "<label>.base" a wildcard can stand for lies within c.
bool wildcard_within(std::string_view base, std::string_view c) {
  std::string_view bare = c.starts_with(".") ? c.substr(1) : c;
  return c.empty() || equal_ignoring_case(base, bare) || dns_within(base, c);
}

// Whether some name "<label>.base" lies within c.
bool wildcard_meets(std::string_view base, std::string_view c) {
  if (wildcard_within(base, c)) return true;
  if (c.starts_with(".") || c.size() <= base.size() + 1) return false;
  std::string_view label = c.substr(0, c.size() - base.size() - 1);
  return c[label.size()] == '.' && label.find('.') == std::string_view::npos &&
         equal_ignoring_case(c.substr(label.size() + 1), base);
}

bool valid_dns_constraint(std::string_view c) {
  if (c.empty()) return true;
  if (c.front() == '.') c.remove_prefix(1);
  return valid_dns_name(c, false);
}

// An address and a mask of the same family, the mask a run of ones then zeros.
bool valid_ip_constraint(ByteView c) {
  if (c.size() != 8 && c.size() != 32) return false;
  ByteView mask = c.subspan(c.size() / 2);
  bool zeros = false;
  for (uint8_t b : mask) {
    for (int bit = 7; bit >= 0; --bit) {
      bool one = (b >> bit) & 1;
      if (one && zeros) return false;
      if (!one) zeros = true;
    }
  }
  return true;
}

bool ip_within(ByteView ip, ByteView c) {
  if (c.size() != ip.size() * 2) return false;
  for (size_t i = 0; i < ip.size(); ++i)
    if ((ip[i] & c[ip.size() + i]) != (c[i] & c[ip.size() + i])) return false;
  return true;
}

// Directory names: the constraint's RDNs are the first RDNs of the name.
bool directory_within(ByteView name, ByteView c) {
  der::Fault fault = der::Fault::none;
  der::Parser name_outer(name, fault);
  der::Parser c_outer(c, fault);
  der::Parser name_rdns = name_outer.nested(der::kSequence);
  der::Parser c_rdns = c_outer.nested(der::kSequence);
  while (!c_rdns.empty()) {
    if (name_rdns.empty()) return false;
    if (!std::ranges::equal(c_rdns.read_encoding(der::kSet), name_rdns.read_encoding(der::kSet)))
      return false;
  }
  return fault == der::Fault::none;
}

// Email: "user@host" is one mailbox, "host" every mailbox at host, ".host" every
// mailbox in its subdomains. The local part is compared exactly.
bool email_within(std::string_view address, std::string_view c) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string_view host = address.substr(at + 1);
  if (c.find('@') != std::string_view::npos) {
    size_t c_at = c.rfind('@');
    return address.substr(0, at) == c.substr(0, c_at) &&
           equal_ignoring_case(host, c.substr(c_at + 1));
  }
  if (c.starts_with("."))
    return host.size() > c.size() && equal_ignoring_case(host.substr(host.size() - c.size()), c);
  return equal_ignoring_case(host, c);
}

bool evaluated(NameType t) {
  return t == NameType::dns || t == NameType::ip_address || t == NameType::directory ||
         t == NameType::rfc822;
}

const char* type_name(NameType t) {
  switch (t) {
    case NameType::dns:
      return "DNS name";
    case NameType::ip_address:
      return "IP address";
    case NameType::directory:
      return "directory name";
    case NameType::rfc822:
      return "email address";
    case NameType::uri:
      return "URI";
    default:
      return "name";
  }
}

void name_text(const GeneralName& g, char* out, size_t cap) {
  if (g.type == NameType::ip_address) {
    format_ip(g.value, out, cap);
  } else if (g.type == NameType::dns || g.type == NameType::rfc822 || g.type == NameType::uri) {
    std::snprintf(out, cap, "%.*s", static_cast<int>(g.value.size()), as_chars(g.value).data());
  } else {
    std::snprintf(out, cap, "(%s)", type_name(g.type));
  }
}

class Checker {
 public:
  Checker(const Certificate& ca, size_t& budget, char* why, size_t cap)
      : ca_(ca), budget_(budget), why_(why), cap_(cap) {}

  Err check_constraints() {
    struct Part {
      ByteView subtrees;
      unsigned* types;
    };
    for (Part part :
         {Part{ca_.permitted, &permitted_types_}, Part{ca_.excluded, &excluded_types_}}) {
      der::Fault fault = der::Fault::none;
      der::Parser list(part.subtrees, fault);
      while (!list.empty()) {
        der::Parser subtree = list.nested(der::kSequence);
        GeneralName base = read_general_name(subtree);
        *part.types |= 1u << static_cast<unsigned>(base.type);
        bool valid = true;
        if (base.type == NameType::dns) valid = valid_dns_constraint(as_chars(base.value));
        if (base.type == NameType::ip_address) valid = valid_ip_constraint(base.value);
        if (!valid) {
          char text[80];
          if (base.type == NameType::dns)
            std::snprintf(text, sizeof text, "%.*s", static_cast<int>(base.value.size()),
                          as_chars(base.value).data());
          else
            std::snprintf(text, sizeof text, "of %zu octets", base.value.size());
          std::snprintf(why_, cap_, "has an invalid %s constraint %s", type_name(base.type), text);
          return MK_ERR_CERT_NAME_CONSTRAINTS;
        }
      }
    }
    return MK_OK;
  }

  Err check(const GeneralName& name) {
    unsigned bit = 1u << static_cast<unsigned>(name.type);
    bool constrained = ((permitted_types_ | excluded_types_) & bit) != 0;
    if (!constrained) return MK_OK;
    char text[96];
    name_text(name, text, sizeof text);
    if (!evaluated(name.type)) {
      std::snprintf(why_, cap_,
                    "constrains %ss, which Meerkat does not evaluate, and the %s %s is one",
                    type_name(name.type), type_name(name.type), text);
      return MK_ERR_CERT_NAME_CONSTRAINTS;
    }
    if (name.type == NameType::dns && !valid_dns_name(as_chars(name.value), true)) {
      std::snprintf(why_, cap_, "constrains DNS names, and '%s' is not a valid one", text);
      return MK_ERR_CERT_NAME_CONSTRAINTS;
    }
    bool hit = false;
    MK_TRY(any_within(ca_.excluded, name, hit, true));
    if (hit) {
      std::snprintf(why_, cap_, "excludes the %s %s", type_name(name.type), text);
      return MK_ERR_CERT_NAME_CONSTRAINTS;
    }
    if (permitted_types_ & bit) {
      MK_TRY(any_within(ca_.permitted, name, hit, false));
      if (!hit) {
        std::snprintf(why_, cap_, "does not permit the %s %s", type_name(name.type), text);
        return MK_ERR_CERT_NAME_CONSTRAINTS;
      }
    }
    return MK_OK;
  }

 private:
  // Whether name lies within one of the subtrees of its type. For excluded subtrees
  // a wildcard counts when any name it stands for is inside; for permitted ones,
  // only when all of them are.
  Err any_within(ByteView subtrees, const GeneralName& name, bool& hit, bool excluded) {
    hit = false;
    der::Fault fault = der::Fault::none;
    der::Parser list(subtrees, fault);
    while (!list.empty() && !hit) {
      der::Parser subtree = list.nested(der::kSequence);
      GeneralName c = read_general_name(subtree);
      if (c.type != name.type) continue;
      if (budget_ == 0) {
        std::snprintf(why_, cap_, "has more name constraints than Meerkat will evaluate");
        return MK_ERR_CERT_TOO_COMPLEX;
      }
      --budget_;
      hit = within(name, c, excluded);
    }
    return MK_OK;
  }

  static bool within(const GeneralName& name, const GeneralName& c, bool excluded) {
    switch (name.type) {
      case NameType::dns: {
        std::string_view n = without_trailing_dot(as_chars(name.value));
        std::string_view cs = without_trailing_dot(as_chars(c.value));
        if (n.starts_with("*."))
          return excluded ? wildcard_meets(n.substr(2), cs) : wildcard_within(n.substr(2), cs);
        return dns_within(n, cs);
      }
      case NameType::ip_address:
        return ip_within(name.value, c.value);
      case NameType::directory:
        return directory_within(name.value, c.value);
      case NameType::rfc822:
        return email_within(as_chars(name.value), as_chars(c.value));
      default:
        return false;
    }
  }

  const Certificate& ca_;
  size_t& budget_;
  char* why_;
  size_t cap_;
  unsigned permitted_types_ = 0;
  unsigned excluded_types_ = 0;
};

}  // namespace

Err check_name_constraints(const Certificate& ca, const Certificate& cert, size_t& budget,
                           char* why, size_t why_cap) {
  Checker checker(ca, budget, why, why_cap);
  MK_TRY(checker.check_constraints());
  if (!empty_name(cert.subject)) {
    MK_TRY(checker.check(GeneralName{NameType::directory, cert.subject}));
    Err e = MK_OK;
    // Email addresses in the subject count as rfc822 names (RFC 5280 4.2.1.10).
    for_each_attribute(cert.subject, [&](ByteView type, const der::Element& value) {
      if (e == MK_OK && oid::is(type, oid::kEmailAddress))
        e = checker.check(GeneralName{NameType::rfc822, value.value});
    });
    MK_TRY(e);
  }
  if (cert.has_san) {
    der::Fault fault = der::Fault::none;
    der::Parser names(cert.san, fault);
    while (!names.empty()) MK_TRY(checker.check(read_general_name(names)));
  }
  return MK_OK;
}

}  // namespace mk::x509
