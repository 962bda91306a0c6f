/* Meerkat error vocabulary.
 *
 * One list, used three ways: the C enum below, the C++ Err enum inside the
 * engine and the table that maps each code to its name, the TLS alert it sends
 * and a sentence for humans. A code's high byte is its category, so a caller can
 * tell "the peer misbehaved" from "you misused the API" with MK_ERR_CATEGORY().
 *
 * X(NAME, value, alert-to-send (-1: none), "sentence")
 */
#ifndef MEERKAT_ERRORS_H
#define MEERKAT_ERRORS_H

/* Categories (the code's high byte). */
#define MK_CAT_OK 0x00
#define MK_CAT_USAGE 0x01       /* the caller misused the API: no alert is sent */
#define MK_CAT_CONFIG 0x02      /* a certificate, key or setting could not be used */
#define MK_CAT_DECODE 0x03      /* the peer sent bytes that do not parse */
#define MK_CAT_PROTOCOL 0x04    /* the peer broke a protocol rule or could not agree */
#define MK_CAT_PEER_ALERT 0x05  /* the peer sent a fatal alert: low byte is the alert */
#define MK_CAT_CERT 0x06        /* the peer's certificate chain was refused */
#define MK_CAT_CLOSED 0x07      /* the connection is closed */
#define MK_CAT_INTERNAL 0x08    /* crypto provider or memory failure */
#define MK_ERR_CATEGORY(e) (((unsigned)(e) >> 8) & 0xffu)

#define MK_ERROR_LIST(X)                                                                       \
  X(MK_OK, 0x0000, -1, "success")                                                              \
  /* usage */                                                                                  \
  X(MK_ERR_INVALID_ARGUMENT, 0x0101, -1, "invalid argument")                                   \
  X(MK_ERR_BAD_STATE, 0x0102, -1, "operation not allowed in the connection's current state")   \
  X(MK_ERR_WANT_MORE, 0x0103, -1, "more input is needed")                                      \
  X(MK_ERR_BUFFER_FULL, 0x0104, -1, "output buffer is full; send pending output first")        \
  X(MK_ERR_NO_SERVER_NAME, 0x0105, -1, "client verifies the server but no server name was set") \
  /* config */                                                                                 \
  X(MK_ERR_FILE_READ, 0x0201, -1, "file could not be read")                                    \
  X(MK_ERR_PEM_INVALID, 0x0202, -1, "PEM data is malformed")                                   \
  X(MK_ERR_NO_CERTIFICATE, 0x0203, -1, "no certificate found in the data")                     \
  X(MK_ERR_CERT_PARSE, 0x0204, -1, "certificate is not valid DER X.509")                       \
  X(MK_ERR_KEY_PARSE, 0x0205, -1, "private key is not valid PKCS#8, SEC1 or PKCS#1 DER")       \
  X(MK_ERR_KEY_ENCRYPTED, 0x0206, -1, "private key is encrypted; decrypt it first")            \
  X(MK_ERR_KEY_UNSUPPORTED, 0x0207, -1, "private key type or size is not supported")           \
  X(MK_ERR_KEY_MISMATCH, 0x0208, -1, "private key does not match the certificate")             \
  X(MK_ERR_NO_KEY, 0x0209, -1, "server needs a certificate chain and a private key")           \
  X(MK_ERR_CHAIN_UNRELATED, 0x020a, -1, "certificate bundle holds a certificate unrelated to the chain") \
  X(MK_ERR_ALPN_INVALID, 0x020b, -1, "ALPN protocol list is invalid")                          \
  X(MK_ERR_NO_TRUST_ANCHORS, 0x020c, -1, "no CA certificates configured for verification")     \
  /* decode: the peer sent malformed bytes */                                                  \
  X(MK_ERR_DECODE, 0x0301, 50, "peer sent a malformed message")                                \
  X(MK_ERR_RECORD_OVERFLOW, 0x0302, 22, "peer sent a record that is too large")                \
  X(MK_ERR_BAD_RECORD_MAC, 0x0303, 20, "record failed authentication")                         \
  X(MK_ERR_NOT_TLS, 0x0304, 10, "peer is not speaking TLS")                                    \
  /* protocol */                                                                               \
  X(MK_ERR_UNEXPECTED_MESSAGE, 0x0401, 10, "peer sent a message out of order")                 \
  X(MK_ERR_ILLEGAL_PARAMETER, 0x0402, 47, "peer sent an illegal parameter")                    \
  X(MK_ERR_PROTOCOL_VERSION, 0x0403, 70, "peer speaks no TLS version we accept")                      \
  X(MK_ERR_NO_COMMON_SUITE, 0x0404, 40, "peer offered no common cipher suite")                 \
  X(MK_ERR_NO_COMMON_GROUP, 0x0405, 40, "peer offered no common key exchange group")           \
  X(MK_ERR_NO_COMMON_SIGNATURE, 0x0406, 40, "peer offered no common signature scheme")         \
  X(MK_ERR_MISSING_EXTENSION, 0x0407, 109, "peer omitted a required extension")                \
  X(MK_ERR_UNSUPPORTED_EXTENSION, 0x0408, 110, "peer sent an extension that was not offered")  \
  X(MK_ERR_NO_APPLICATION_PROTOCOL, 0x0409, 120, "peer offered no common ALPN protocol")       \
  X(MK_ERR_DECRYPT_ERROR, 0x040a, 51, "handshake signature or Finished check failed")          \
  X(MK_ERR_BAD_HELLO_RETRY, 0x040b, 47, "peer sent an invalid HelloRetryRequest")              \
  X(MK_ERR_DOWNGRADE, 0x040c, 47, "downgrade to an older TLS version detected")                \
  X(MK_ERR_BAD_KEY_SHARE, 0x040d, 47, "peer sent an invalid key share")                        \
  X(MK_ERR_CERTIFICATE_REQUIRED, 0x040e, 116, "peer sent no certificate but one is required")  \
  X(MK_ERR_TOO_MANY_EMPTY_RECORDS, 0x040f, 10, "peer sent too many empty or warning records")  \
  X(MK_ERR_KEY_UPDATE_FLOOD, 0x0410, 10, "peer sent too many KeyUpdate messages")              \
  X(MK_ERR_HANDSHAKE_TOO_LARGE, 0x0411, 10, "peer sent a handshake message over the size limit") \
  X(MK_ERR_UNRECOGNIZED_NAME, 0x0412, 112, "server does not recognise the requested name")     \
  X(MK_ERR_NO_EXTENDED_MASTER_SECRET, 0x0413, 40, "peer does not support the TLS 1.2 extended master secret") \
  X(MK_ERR_RENEGOTIATION, 0x0414, 40, "peer attempted a renegotiation, which Meerkat refuses")  \
  X(MK_ERR_HANDSHAKE_TIMEOUT, 0x0415, 90, "handshake did not finish before its deadline")   \
  /* peer alerts: 0x05XX, XX = the alert the peer sent (see mk_alert_name) */                  \
  X(MK_ERR_PEER_ALERT, 0x0500, -1, "peer sent a fatal alert")                                  \
  /* certificate verification */                                                               \
  X(MK_ERR_CERT_UNKNOWN_ISSUER, 0x0601, 48, "unknown issuer")                                  \
  X(MK_ERR_CERT_BAD_SIGNATURE, 0x0602, 42, "certificate signature is invalid")                 \
  X(MK_ERR_CERT_EXPIRED, 0x0603, 45, "certificate has expired")                                \
  X(MK_ERR_CERT_NOT_YET_VALID, 0x0604, 45, "certificate is not yet valid")                     \
  X(MK_ERR_CERT_NAME_MISMATCH, 0x0605, 42, "certificate does not match the requested name")    \
  X(MK_ERR_CERT_NOT_CA, 0x0606, 42, "issuer certificate is not a CA")                          \
  X(MK_ERR_CERT_PATH_LENGTH, 0x0607, 42, "chain exceeds an issuer's path length constraint")   \
  X(MK_ERR_CERT_KEY_USAGE, 0x0608, 43, "certificate key usage does not allow this use")        \
  X(MK_ERR_CERT_EXTENDED_KEY_USAGE, 0x0609, 43, "certificate extended key usage does not allow this use") \
  X(MK_ERR_CERT_UNKNOWN_CRITICAL, 0x060a, 43, "certificate has an unknown critical extension") \
  X(MK_ERR_CERT_NAME_CONSTRAINTS, 0x060b, 42, "certificate violates a name constraint")        \
  X(MK_ERR_CERT_WEAK_SIGNATURE, 0x060c, 42, "certificate uses a weak signature algorithm")     \
  X(MK_ERR_CERT_WEAK_KEY, 0x060d, 42, "certificate key is too weak")                           \
  X(MK_ERR_CERT_MALFORMED, 0x060e, 42, "certificate is malformed")                             \
  X(MK_ERR_CERT_CHAIN_TOO_LONG, 0x060f, 42, "certificate chain is too long")                   \
  X(MK_ERR_CERT_UNSUPPORTED_KEY, 0x0610, 43, "certificate key type is not supported")          \
  X(MK_ERR_CERT_NO_TIME, 0x0611, 46, "current time is unknown, so validity cannot be checked") \
  X(MK_ERR_CERT_EMPTY_CHAIN, 0x0612, 50, "peer sent an empty certificate chain")               \
  X(MK_ERR_CERT_UNSUPPORTED_SIGNATURE, 0x0613, 43, "certificate signature algorithm is not supported") \
  X(MK_ERR_CERT_TOO_COMPLEX, 0x0614, 46, "certificate chain is too complex to verify")      \
  /* closed */                                                                                 \
  X(MK_ERR_CLOSED, 0x0701, -1, "connection closed by peer (close_notify)")                     \
  X(MK_ERR_TRUNCATED, 0x0702, -1, "connection closed without close_notify")                    \
  /* internal */                                                                               \
  X(MK_ERR_INTERNAL, 0x0801, 80, "internal error")                                             \
  X(MK_ERR_OUT_OF_MEMORY, 0x0802, 80, "out of memory")                                         \
  X(MK_ERR_CRYPTO, 0x0803, 80, "crypto provider failure")                                      \
  X(MK_ERR_RANDOM, 0x0804, 80, "random number generator failure")                              \
  X(MK_ERR_SEQUENCE_EXHAUSTED, 0x0805, 80, "record sequence number would wrap; connection must end")

#define MK_ERROR_ENUM_ENTRY(name, value, alert, text) name = value,
typedef enum mk_err { MK_ERROR_LIST(MK_ERROR_ENUM_ENTRY) MK_ERR_LAST_ } mk_err;
#undef MK_ERROR_ENUM_ENTRY

#endif /* MEERKAT_ERRORS_H */
