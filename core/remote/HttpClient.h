#pragma once
// A small blocking HTTP/1.1 client over libcurl, shared by the S3 and SQS clients.
//
// Contracts
// - Threading: an HttpClient owns one curl easy handle (and so one connection cache).
//   It is NOT thread-safe: use one HttpClient per thread (S3Client and SqsClient own
//   one each and inherit the same rule). Different instances may run concurrently.
//   curl_global_init is done once per process by the first constructor (thread-safe).
// - URLs: HttpRequest::url is sent byte for byte as given (curl does not re-encode it):
//   the caller (or SigV4::sign, which rewrites the query into its canonical, sorted form)
//   owns percent-encoding. Query values must never contain secrets (they are logged).
// - Bodies: either `body` (bytes in memory) or `bodyFile` (a byte range of a file, streamed
//   from disk, re-read from the start of the range on every attempt). Not both.
// - Responses: `send` returns a value for every completed HTTP exchange, whatever the
//   status (4xx/5xx included); an Error only for transport failures (cannot connect,
//   reset, timeout, too slow, local file I/O, canceled). Interpreting the status is the
//   caller's job (S3/SQS error XML).
// - Response bodies go to memory, except that when `responseFile` is set AND the status
//   is 2xx the body is streamed into that file (opened for writing at
//   `responseFileOffset`: the file is truncated to that offset first, so a resumed download
//   continues exactly where the kept bytes end). Non-2xx bodies always go to `body`.
// - Secrets: header values of Authorization, X-Amz-Security-Token and any header the
//   caller marks in `secretHeaders` are never logged or put into an Error. Debug logging
//   (category "rendition.remote.http") prints method, URL, status, byte counts only.
// - Retries: `execute` runs attempts until success, a non-retryable outcome, the attempt
//   budget, or cancel. Before EVERY attempt `HttpRetryOptions::prepare` is called with the
//   request (e.g. to sign it with a fresh X-Amz-Date, or to move a Range header past the
//   bytes a failed download already wrote); the same request object is carried from one
//   attempt to the next, so its changes persist. The wait between attempts is RetryPolicy's
//   exponential backoff with full jitter (core/util/RetryPolicy.h), at least the
//   Retry-After seconds of a 429/503 (capped by maxDelayMs). An Error returned after retries
//   says "(gave up after N attempts)" in its message.
// - Proxies: curl's http_proxy/https_proxy/no_proxy environment is honoured, except that
//   loopback hosts (127.0.0.1, ::1, localhost) are never proxied.
// - Cancel: when `cancel` is non-null and becomes non-zero, the transfer in flight is
//   aborted within about a second (curl's progress callback) and the call returns Error
//   "http.canceled"; backoff waits are interrupted within ~50 ms.
//
// Error codes (Error::context is "METHOD URL"):
//   http.connect   could not connect / resolve (retryable)
//   http.transport connection dropped, reset, malformed response, send/recv failure (retryable)
//   http.timeout   total timeout or too slow (low-speed limit) (retryable)
//   http.file      local body/response file could not be opened/read/written (not retryable)
//   http.canceled  the cancel flag was raised (never retried)
//   http.invalid   bad request (no URL, both body kinds, ...) (not retryable)

#include "core/util/RetryPolicy.h"
#include "core/util/Result.h"

#include <QAtomicInt>
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace rendition {

enum class HttpMethod { Invalid = 0, Get, Head, Put, Post, Delete };
QByteArray httpMethodName(HttpMethod method); // "GET", "HEAD", ...

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>; // ordered; names as given

// Case-insensitive lookup of the first header named `name`; empty when absent.
QByteArray httpHeaderValue(const HttpHeaders &headers, const QByteArray &name);
// Replaces every header named `name` (case-insensitive) with one `name: value`.
void setHttpHeader(HttpHeaders &headers, const QByteArray &name, const QByteArray &value);

struct HttpBodyFile {
    QString path;         // empty: no file body
    qint64 offset = 0;    // first byte sent
    qint64 length = -1;   // bytes sent; -1: to the end of the file
};

struct HttpRequest {
    HttpMethod method = HttpMethod::Invalid;
    QByteArray url;       // absolute, already percent-encoded: "http://127.0.0.1:4568/b/k?x=1"
    HttpHeaders headers;  // sent as given; curl adds Host, Content-Length, no "Expect: 100"
    QByteArray body;      // request body in memory, or…
    HttpBodyFile bodyFile;// …a range of a file, streamed
    QString responseFile; // 2xx body streamed here (see the header comment)
    qint64 responseFileOffset = 0; // file truncated to this size, body appended after it
    QList<QByteArray> secretHeaders; // extra header names never logged
};

struct HttpResponse {
    int status = 0;              // HTTP status code
    HttpHeaders headers;         // names lower-cased; of the final response
    QByteArray body;             // unless streamed to responseFile (2xx only)
    qint64 bodyBytesToFile = 0;  // bytes written to responseFile by this exchange
    int attempts = 1;            // set by execute(): attempts made

    bool isSuccess() const { return status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const { return httpHeaderValue(headers, name); }
};

struct HttpTimeouts {
    qint64 connectMs = 10'000;
    qint64 totalMs = 0;              // whole exchange; 0 = no limit (large transfers)
    qint64 lowSpeedBytesPerSec = 1;  // abort when slower than this…
    qint64 lowSpeedWindowMs = 30'000;// …for this long (a stalled peer)
};

struct HttpClientConfig {
    HttpTimeouts timeouts;
    QByteArray userAgent = "rendition/" RENDITION_VERSION;
    // Static name resolution, curl's CURLOPT_RESOLVE entries "host:port:address" (e.g.
    // "bucket.s3.localhost:4568:127.0.0.1" to test virtual-host addressing on loopback).
    QList<QByteArray> resolve;
};

// Retry decision after one attempt: `outcome` is the response (any status) or the
// transport Error. Return true to try again (budget permitting).
using HttpRetryDecider = std::function<bool(const Result<HttpResponse> &outcome)>;
// Called before every attempt (1-based) with the request to send; may modify it (sign it).
// An Error stops at once and is returned.
using HttpPrepareHook = std::function<Status(HttpRequest &request, int attempt)>;

struct HttpRetryOptions {
    RetryConfig backoff{/*baseDelayMs*/ 200, /*maxDelayMs*/ 5'000, /*maxAttempts*/ 6};
    HttpRetryDecider shouldRetry;   // empty: defaultShouldRetry
    HttpPrepareHook prepare;        // empty: request sent as is
    const QAtomicInt *cancel = nullptr;
    RetryPolicy::RandomSource random; // empty: a real random source (tests inject one)
};

class HttpClient {
public:
    explicit HttpClient(HttpClientConfig config = {});
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    const HttpClientConfig &config() const { return m_config; }
    void setTimeouts(const HttpTimeouts &timeouts) { m_config.timeouts = timeouts; }

    // One attempt. See the header comment for what is a value and what is an Error.
    Result<HttpResponse> send(const HttpRequest &request, const QAtomicInt *cancel = nullptr);

    // Attempts with retries and backoff. Returns the last outcome: a response (success,
    // a non-retryable status, or a retryable status once the budget is spent) or an Error.
    Result<HttpResponse> execute(HttpRequest request, const HttpRetryOptions &options = {});

    // Transport errors except http.file/http.invalid/http.canceled, status 5xx, 408 and
    // 429 are retryable.
    static bool defaultShouldRetry(const Result<HttpResponse> &outcome);

private:
    struct Impl;
    HttpClientConfig m_config;
    std::unique_ptr<Impl> m_impl;
};

} // namespace rendition
