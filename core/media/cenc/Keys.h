#pragma once
// Content keys: generation, the "KID:KEY" key file, and CPIX 2.x documents.
//
// Contract
//  - Key material never appears in an Error (message or context), a log line or an event.
//    Errors name the source, the line (key file) or the ContentKey's KID (CPIX), and what is
//    wrong ("the key has 30 hex digits; it needs 32") — never the offending text itself.
//  - Functions return copies; no global key store. Callers keep keys in memory only as long as
//    they need them, and write them to disk (if ever) apart from outputs with mode 0600.
//  - Order of the returned keys is the order in the input. KIDs are unique (duplicates are an
//    error, even when the key is the same).
//  - Thread-safe: no shared state.

#include "core/media/cenc/CencTypes.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>

namespace rendition::cenc {

// A fresh random KID and key from OpenSSL's RAND_bytes. The KID is made an RFC 4122 version 4
// UUID (so it prints as one); the key is 128 random bits. Error "cenc.random" when the RNG fails.
Result<ContentKey> generateContentKey();

// Key file: one "KID:KEY" per line, each 32 hex digits (KID may also be a dashed UUID),
// surrounding spaces ignored, '#' starts a comment (whole line or trailing), empty lines skipped.
// Errors (code / what): cenc.keyfile_syntax (not KID:KEY, wrong length, non-hex),
// cenc.keyfile_duplicate_kid, cenc.keyfile_empty (no key at all), cenc.keyfile_read (I/O).
// `sourceName` (usually the path) goes into error contexts as "<sourceName>, line N".
Result<QList<ContentKey>> parseKeyFile(QByteArrayView text, const QString &sourceName = QStringLiteral("key file"));
Result<QList<ContentKey>> readKeyFile(const QString &path);

// CPIX 2.x (DASH-IF, urn:dashif:org:cpix): every cpix:CPIX/cpix:ContentKeyList/cpix:ContentKey
// with @kid (UUID) and cpix:Data/pskc:Secret/pskc:PlainValue (base64 of 16 bytes).
// Other lists (DRMSystemList, UsageRuleList, ...) are ignored. Encrypted keys
// (pskc:EncryptedValue) are refused with a message saying so.
// Errors: cenc.cpix_xml (malformed; line and column), cenc.cpix_not_cpix (root element),
// cenc.cpix_kid (missing/malformed @kid), cenc.cpix_missing_key, cenc.cpix_encrypted_key,
// cenc.cpix_key_length, cenc.cpix_duplicate_kid, cenc.cpix_empty, cenc.cpix_read.
Result<QList<ContentKey>> parseCpix(QByteArrayView xml, const QString &sourceName = QStringLiteral("CPIX document"));
Result<QList<ContentKey>> readCpixFile(const QString &path);

} // namespace rendition::cenc
