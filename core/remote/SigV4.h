#pragma once
// AWS Signature Version 4 (header-based), computed entirely by us (CURLOPT_AWS_SIGV4 is
// not used: curl 7.88 does not sort query parameters, and doing it ourselves lets the
// known-answer tests check every intermediate value).
//
// sign() turns an HttpRequest into a signed one, in place:
//   - the URL query is rewritten into its canonical form (parameters decoded, re-encoded
//     with AWS's rules — unreserved A-Z a-z 0-9 - _ . ~ kept, everything else %XX upper
//     case — and sorted by name then value), so the bytes sent are the bytes signed;
//   - headers Host (from the URL; the port only when not the scheme's default),
//     X-Amz-Date, X-Amz-Content-Sha256 (when `contentSha256Header`, always for S3) and
//     X-Amz-Security-Token (when the credentials have a session token) are set;
//   - every header present is signed except User-Agent, Content-Length, Expect,
//     Transfer-Encoding and Connection (which curl or proxies may change);
//   - Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=… is set.
// The payload hash is the hex SHA-256 of the body (memory or the file range) unless the
// caller passes it (e.g. computed once for a multipart part and reused on every retry).
// UNSIGNED-PAYLOAD is never used.
//
// Canonical URI: for service "s3" the URL path is used as given (already URI-encoded
// once by the caller, '/' kept, no normalisation); for every other service the path is
// normalised (".", "..", "//") and each segment encoded again, as the generic SigV4
// test suite expects.
//
// Pure functions, reentrant; secrets only flow into the HMAC and are never logged.

#include "core/remote/AwsCredentials.h"
#include "core/remote/HttpClient.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>

namespace rendition {

struct SigV4Scope {
    QString region;   // "us-east-1"
    QString service;  // "s3", "sqs"
};

struct SigV4Options {
    bool contentSha256Header = true; // send/sign X-Amz-Content-Sha256 (S3 requires it)
    QByteArray payloadSha256Hex;     // empty: computed from the request body
};

// The intermediate values, exposed for the known-answer tests and for debugging
// (none contains a secret; the signature is a one-way MAC).
struct SigV4Signature {
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signedHeaders;  // "host;range;x-amz-content-sha256;x-amz-date"
    QByteArray signature;      // 64 lower-case hex digits
    QByteArray authorization;  // the Authorization header value
};

class SigV4 {
public:
    // Signs `request` in place (see the header comment). `timeUtc` is the signing time
    // (X-Amz-Date). Errors: sigv4.credentials (invalid credentials), sigv4.url (not an
    // absolute http(s) URL), sigv4.file (the body file range cannot be read for hashing).
    static Result<SigV4Signature> sign(HttpRequest &request, const AwsCredentials &credentials,
                                       const SigV4Scope &scope, const QDateTime &timeUtc,
                                       const SigV4Options &options = {});

    // AWS URI encoding: unreserved kept, everything else %XX (upper-case hex);
    // '/' kept when `keepSlash` (object key paths).
    static QByteArray uriEncode(const QByteArray &raw, bool keepSlash);
    // "b=2&a=1&a=" → "a=&a=1&b=2" (decoded, re-encoded, sorted). "a" (no '=') → "a=".
    static QByteArray canonicalQuery(const QByteArray &rawQuery);
    static QByteArray signingKey(const QString &secretAccessKey, const QByteArray &date8,
                                 const SigV4Scope &scope);

    static QByteArray sha256Hex(const QByteArray &data);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
    // Hex SHA-256 of a file range (length -1: to the end). Error sigv4.file.
    static Result<QByteArray> sha256HexOfFile(const QString &path, qint64 offset, qint64 length);

    static constexpr const char *kEmptyPayloadSha256 =
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
};

} // namespace rendition
