// Name constraints (RFC 5280 4.2.1.10) of a CA applied to a certificate below it:
// DNS names, IP addresses, directory names and email addresses, in both permitted
// and excluded subtrees. A constraint form Meerkat does not evaluate (URI,
// otherName, ...) refuses a certificate that carries a name of that form, rather
// than letting it through unchecked.
#pragma once

#include <cstddef>

#include "base/error.h"
#include "x509/certificate.h"

namespace mk::x509 {

// MK_OK, MK_ERR_CERT_NAME_CONSTRAINTS (why gets e.g. "the DNS name bar.example.com
// is excluded"), or MK_ERR_CERT_TOO_COMPLEX when budget (name comparisons, shared
// by the whole verification) runs out.
Err check_name_constraints(const Certificate& ca, const Certificate& cert, size_t& budget,
                           char* why, size_t why_cap);

}  // namespace mk::x509
