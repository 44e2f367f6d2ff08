#pragma once
// Amazon S3 (and S3-compatible) object client: PUT (bytes, or a file streamed from disk,
// multipart above a threshold), GET (bytes, ranged, or resumable into a file), HEAD,
// ListObjectsV2 (paginated), DELETE. Requests are signed with SigV4 (remote/SigV4.h) and
// sent with HttpClient (remote/HttpClient.h), which retries connection failures, timeouts,
// 5xx and 429 with exponential backoff and jitter; S3's RequestTimeout/SlowDown are
// retried too. Every attempt is signed afresh.
//
// Threading: an S3Client is NOT thread-safe (it owns one HttpClient, i.e. one curl
// handle): use one client per thread. Clients are cheap; several may run at once.
//
// Errors: Error{code, message, context}. code is "s3.<AwsCode>" for an AWS error document
// (s3.NoSuchKey, s3.NoSuchBucket, s3.AccessDenied, s3.SignatureDoesNotMatch, …),
// "s3.NotFound" for a HEAD 404 (no body), "s3.http" for any other unexpected status,
// "s3.integrity" when a download does not match its size/ETag, "s3.invalid" for bad
// arguments, or the http.* code of a transport failure. context is "s3://bucket/key"; the
// message names the operation, the bucket and the key. Credentials never appear in an
// Error or a log line (category "rendition.remote.s3").
//
// Addressing: path style  ENDPOINT/bucket/key, or virtual-host  scheme://bucket.HOST/key.
// Keys are UTF-8; they are URI-encoded here ('/' kept). The endpoint may be any http(s)
// URL ("http://127.0.0.1:4568"); empty means https://s3.REGION.amazonaws.com.
//
// Cancel: setCancelFlag(flag) — a raised flag aborts the transfer in flight within about
// a second (Error http.canceled); a multipart upload is then aborted on the server.

#include "core/remote/AwsCredentials.h"
#include "core/remote/HttpClient.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace rendition {

enum class S3Addressing { Invalid = 0, Path, VirtualHost };

struct S3Config {
    QString endpoint;                 // "http://127.0.0.1:4568"; empty: AWS for `region`
    QString region = QStringLiteral("us-east-1");
    QString bucket;
    S3Addressing addressing = S3Addressing::Path;
    qint64 multipartThresholdBytes = 64LL << 20; // putFile: multipart at or above this size
    qint64 partSizeBytes = 16LL << 20;           // >= 5 MiB (S3's minimum for non-last parts)
    RetryConfig retry{/*baseDelayMs*/ 200, /*maxDelayMs*/ 5'000, /*maxAttempts*/ 6}; // per request / part
    HttpTimeouts timeouts;
    QList<QByteArray> resolve;        // HttpClientConfig::resolve (tests)
};

struct S3ObjectInfo {
    QString key;
    qint64 sizeBytes = -1;
    QByteArray etag;                  // as S3 sends it, quotes removed
    QDateTime lastModifiedUtc;
    QString contentType;              // HEAD only
    QMap<QString, QString> metadata;  // x-amz-meta-* without the prefix (HEAD only)
};

struct S3ListPage {
    QList<S3ObjectInfo> objects;
    QStringList commonPrefixes;
    bool truncated = false;
    QString nextContinuationToken;    // pass to the next listPage call when truncated
};

struct S3PutOptions {
    QString contentType = QStringLiteral("application/octet-stream");
    QMap<QString, QString> metadata;  // sent as x-amz-meta-NAME
    QString serverSideEncryption;     // "AES256" or "aws:kms": x-amz-server-side-encryption (empty: bucket default)
};

struct S3PutResult {
    QByteArray etag;
    bool multipart = false;
    int partCount = 0;                // multipart only
    int attempts = 0;                 // HTTP attempts in total (retries and all parts included)
};

struct S3GetResult {
    qint64 sizeBytes = 0;             // the object's size (== the file's size)
    QByteArray etag;
    qint64 resumedFromBytes = 0;      // bytes kept from an earlier, interrupted download
    qint64 bytesTransferred = 0;      // body bytes received by this call
    int attempts = 0;
};

struct S3MultipartPart {
    int partNumber = 0;               // 1-based
    QByteArray etag;
};

// Bytes done / bytes total of a transfer; called on the client's thread.
using S3ProgressCallback = std::function<void(qint64 doneBytes, qint64 totalBytes)>;

class S3Client {
public:
    S3Client(S3Config config, AwsCredentials credentials);
    ~S3Client();
    S3Client(const S3Client &) = delete;
    S3Client &operator=(const S3Client &) = delete;

    const S3Config &config() const { return m_config; }
    void setCancelFlag(const QAtomicInt *cancel) { m_cancel = cancel; }
    void setProgressCallback(S3ProgressCallback callback) { m_progress = std::move(callback); }
    // Test hook: the random source of the retry backoff (uniform in [0, 1)).
    void setRetryRandom(RetryPolicy::RandomSource random) { m_random = std::move(random); }

    // The absolute, encoded URL of `key` (empty key: the bucket) with `query` appended
    // ("list-type=2&prefix=a%2F"; already encoded).
    QByteArray objectUrl(const QString &key, const QByteArray &query = {}) const;

    Result<S3ObjectInfo> head(const QString &key);
    Result<S3PutResult> putBytes(const QString &key, const QByteArray &data, const S3PutOptions &options = {});
    // Streams `path` from disk; multipart when its size >= multipartThresholdBytes. On a
    // multipart failure the upload is aborted, so no (partial) object is created.
    Result<S3PutResult> putFile(const QString &key, const QString &path, const S3PutOptions &options = {});
    // The whole object, or bytes [offset, offset + length) when length >= 0.
    Result<QByteArray> getBytes(const QString &key, qint64 offset = 0, qint64 length = -1);
    // Downloads into `path` through "<path>.part" (+ "<path>.part.etag"); an existing
    // .part of the same object (same ETag) is continued with a Range request; the file is
    // checked against the object's size (and ETag, If-Match) and renamed into place.
    Result<S3GetResult> getToFile(const QString &key, const QString &path);
    // One ListObjectsV2 page (maxKeys 1..1000).
    Result<S3ListPage> listPage(const QString &prefix, const QString &continuationToken = {},
                                int maxKeys = 1000, const QString &delimiter = {});
    // Every object under `prefix`, following continuation tokens.
    Result<QList<S3ObjectInfo>> listAll(const QString &prefix, int maxKeysPerPage = 1000);
    Status remove(const QString &key); // deleting a missing key succeeds (S3 semantics)

    // Multipart primitives (putFile uses them; public for callers that upload parts
    // from elsewhere and for tests).
    Result<QString> createMultipartUpload(const QString &key, const S3PutOptions &options = {});
    Result<S3MultipartPart> uploadPart(const QString &key, const QString &uploadId, int partNumber,
                                       const QString &path, qint64 offset, qint64 length);
    Result<S3PutResult> completeMultipartUpload(const QString &key, const QString &uploadId,
                                                const QList<S3MultipartPart> &parts);
    Status abortMultipartUpload(const QString &key, const QString &uploadId);

private:
    // Signs (afresh for every attempt, after `adjust`) and sends `request` with retries.
    // A transport Error gets `operation` and the target prepended to its message.
    Result<HttpResponse> run(HttpRequest request, const QString &key, const QString &operation,
                             QByteArray payloadSha256Hex = {},
                             const std::function<void(HttpRequest &)> &adjust = {});
    Error errorFor(const HttpResponse &response, const QString &key, const QString &operation) const;
    Result<S3PutResult> putMultipart(const QString &key, const QString &path, qint64 sizeBytes,
                                     const S3PutOptions &options);
    QString describeTarget(const QString &key) const; // "s3://bucket/key"

    S3Config m_config;
    AwsCredentials m_credentials;
    std::unique_ptr<HttpClient> m_http;
    const QAtomicInt *m_cancel = nullptr;
    S3ProgressCallback m_progress;
    RetryPolicy::RandomSource m_random;
    int m_httpAttempts = 0; // attempts made by run(), for S3PutResult/S3GetResult::attempts
};

} // namespace rendition
