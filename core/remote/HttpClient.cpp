#include "core/remote/HttpClient.h"

#include <QFile>
#include <QLoggingCategory>
#include <QThread>

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

Q_LOGGING_CATEGORY(lcHttp, "rendition.remote.http", QtInfoMsg)

namespace rendition {

QByteArray httpMethodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get: return "GET";
    case HttpMethod::Head: return "HEAD";
    case HttpMethod::Put: return "PUT";
    case HttpMethod::Post: return "POST";
    case HttpMethod::Delete: return "DELETE";
    case HttpMethod::Invalid: break;
    }
    return "INVALID";
}

QByteArray httpHeaderValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void setHttpHeader(HttpHeaders &headers, const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

namespace {

// State shared with the curl callbacks of one exchange.
struct Exchange {
    CURL *curl = nullptr;
    const HttpRequest *request = nullptr;
    const QAtomicInt *cancel = nullptr;
    HttpResponse response;
    // Request body source.
    QFile bodyFile;
    qint64 bodyRemaining = 0;
    qint64 bodyMemoryPos = 0;
    bool bodyFileFailed = false;
    // Response body sink.
    QFile outFile;
    bool outFileOpened = false;
    bool outFileFailed = false;
};

size_t readCallback(char *buffer, size_t size, size_t count, void *user)
{
    auto *ex = static_cast<Exchange *>(user);
    const qint64 want = qint64(size * count);
    if (!ex->request->bodyFile.path.isEmpty()) {
        const qint64 n = std::min(want, ex->bodyRemaining);
        if (n <= 0)
            return 0;
        const qint64 got = ex->bodyFile.read(buffer, n);
        if (got <= 0) {
            ex->bodyFileFailed = true;
            return CURL_READFUNC_ABORT;
        }
        ex->bodyRemaining -= got;
        return size_t(got);
    }
    const QByteArray &body = ex->request->body;
    const qint64 n = std::min(want, qint64(body.size()) - ex->bodyMemoryPos);
    if (n <= 0)
        return 0;
    memcpy(buffer, body.constData() + ex->bodyMemoryPos, size_t(n));
    ex->bodyMemoryPos += n;
    return size_t(n);
}

int seekCallback(void *user, curl_off_t offset, int origin)
{
    auto *ex = static_cast<Exchange *>(user);
    if (origin != SEEK_SET)
        return CURL_SEEKFUNC_CANTSEEK;
    if (!ex->request->bodyFile.path.isEmpty()) {
        const HttpBodyFile &bf = ex->request->bodyFile;
        const qint64 total = bf.length >= 0 ? bf.length : ex->bodyFile.size() - bf.offset;
        if (offset > total || !ex->bodyFile.seek(bf.offset + offset))
            return CURL_SEEKFUNC_FAIL;
        ex->bodyRemaining = total - offset;
        return CURL_SEEKFUNC_OK;
    }
    if (offset > ex->request->body.size())
        return CURL_SEEKFUNC_FAIL;
    ex->bodyMemoryPos = offset;
    return CURL_SEEKFUNC_OK;
}

size_t headerCallback(char *buffer, size_t size, size_t count, void *user)
{
    auto *ex = static_cast<Exchange *>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(buffer, qsizetype(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new status line (after 100 Continue, say): only the final response's headers count.
        ex->response.headers.clear();
        return n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        ex->response.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    return n;
}

size_t writeCallback(char *data, size_t size, size_t count, void *user)
{
    auto *ex = static_cast<Exchange *>(user);
    const size_t n = size * count;
    long status = 0;
    curl_easy_getinfo(ex->curl, CURLINFO_RESPONSE_CODE, &status);
    const bool toFile = !ex->request->responseFile.isEmpty() && status >= 200 && status < 300;
    if (!toFile) {
        ex->response.body.append(data, qsizetype(n));
        return n;
    }
    if (!ex->outFileOpened) {
        ex->outFileOpened = true;
        ex->outFile.setFileName(ex->request->responseFile);
        if (!ex->outFile.open(QIODevice::ReadWrite) ||
            !ex->outFile.resize(ex->request->responseFileOffset) ||
            !ex->outFile.seek(ex->request->responseFileOffset)) {
            ex->outFileFailed = true;
            return 0;
        }
    }
    if (ex->outFileFailed || ex->outFile.write(data, qint64(n)) != qint64(n)) {
        ex->outFileFailed = true;
        return 0;
    }
    ex->response.bodyBytesToFile += qint64(n);
    return n;
}

int progressCallback(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *ex = static_cast<Exchange *>(user);
    return (ex->cancel && ex->cancel->loadRelaxed() != 0) ? 1 : 0;
}

bool isSecretHeader(const HttpRequest &request, const QByteArray &name)
{
    if (name.compare("authorization", Qt::CaseInsensitive) == 0 ||
        name.compare("x-amz-security-token", Qt::CaseInsensitive) == 0)
        return true;
    return std::any_of(request.secretHeaders.cbegin(), request.secretHeaders.cend(),
                       [&](const QByteArray &s) { return s.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray noProxyList()
{
    QByteArray list = qgetenv("no_proxy");
    if (list.isEmpty())
        list = qgetenv("NO_PROXY");
    if (!list.isEmpty())
        list += ',';
    return list + "127.0.0.1,localhost,::1";
}

Error transportError(CURLcode code, const Exchange &ex, const char *detail)
{
    const QString context = QString::fromLatin1(httpMethodName(ex.request->method) + ' ' + ex.request->url);
    const QString why = QString::fromUtf8(*detail ? detail : curl_easy_strerror(code));
    if (ex.bodyFileFailed)
        return makeError("http.file", QStringLiteral("Could not read the request body from %1; check the file.")
                                          .arg(ex.request->bodyFile.path), context);
    if (ex.outFileFailed)
        return makeError("http.file", QStringLiteral("Could not write the response to %1; check the disk space and permissions.")
                                          .arg(ex.request->responseFile), context);
    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        return makeError("http.canceled", QStringLiteral("The request was canceled."), context);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return makeError("http.connect", QStringLiteral("Could not connect (%1); check the endpoint and that the service is reachable.").arg(why), context);
    case CURLE_OPERATION_TIMEDOUT:
        return makeError("http.timeout", QStringLiteral("The transfer timed out or stalled (%1).").arg(why), context);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return makeError("http.invalid", QStringLiteral("The URL is not usable (%1).").arg(why), context);
    default:
        return makeError("http.transport", QStringLiteral("The connection failed during the exchange (%1).").arg(why), context);
    }
}

} // namespace

struct HttpClient::Impl {
    CURL *curl = nullptr;
};

HttpClient::HttpClient(HttpClientConfig config) : m_config(std::move(config)), m_impl(std::make_unique<Impl>())
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_impl->curl = curl_easy_init();
}

HttpClient::~HttpClient()
{
    if (m_impl->curl)
        curl_easy_cleanup(m_impl->curl);
}

Result<HttpResponse> HttpClient::send(const HttpRequest &request, const QAtomicInt *cancel)
{
    const QString context = QString::fromLatin1(httpMethodName(request.method) + ' ' + request.url);
    if (!m_impl->curl)
        return makeError("http.invalid", QStringLiteral("libcurl could not be initialised."), context);
    if (request.method == HttpMethod::Invalid || request.url.isEmpty())
        return makeError("http.invalid", QStringLiteral("The request has no method or no URL."), context);
    if (!request.body.isEmpty() && !request.bodyFile.path.isEmpty())
        return makeError("http.invalid", QStringLiteral("The request has both a memory body and a file body."), context);
    if (cancel && cancel->loadRelaxed() != 0)
        return makeError("http.canceled", QStringLiteral("The request was canceled."), context);

    Exchange ex;
    ex.curl = m_impl->curl;
    ex.request = &request;
    ex.cancel = cancel;
    qint64 bodySize = request.body.size();
    if (!request.bodyFile.path.isEmpty()) {
        ex.bodyFile.setFileName(request.bodyFile.path);
        const qint64 fileSize = ex.bodyFile.size();
        bodySize = request.bodyFile.length >= 0 ? request.bodyFile.length : fileSize - request.bodyFile.offset;
        if (!ex.bodyFile.open(QIODevice::ReadOnly) || request.bodyFile.offset + bodySize > fileSize ||
            bodySize < 0 || !ex.bodyFile.seek(request.bodyFile.offset))
            return makeError("http.file", QStringLiteral("Could not read bytes %1+%2 of %3; check that the file exists and is that long.")
                                              .arg(request.bodyFile.offset).arg(bodySize).arg(request.bodyFile.path), context);
        ex.bodyRemaining = bodySize;
    }

    CURL *c = m_impl->curl;
    curl_easy_reset(c); // keeps the connection cache
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(c, CURLOPT_URL, request.url.constData());
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    const QByteArray noProxy = noProxyList();
    curl_easy_setopt(c, CURLOPT_NOPROXY, noProxy.constData());
    curl_easy_setopt(c, CURLOPT_USERAGENT, m_config.userAgent.constData());
    const HttpTimeouts &t = m_config.timeouts;
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(t.connectMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(t.totalMs));
    if (t.lowSpeedBytesPerSec > 0 && t.lowSpeedWindowMs > 0) {
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, long(t.lowSpeedBytesPerSec));
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, long(t.lowSpeedWindowMs / 1000)));
    }
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, headerCallback);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &ex);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, writeCallback);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &ex);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progressCallback);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &ex);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, readCallback);
    curl_easy_setopt(c, CURLOPT_READDATA, &ex);
    curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, seekCallback);
    curl_easy_setopt(c, CURLOPT_SEEKDATA, &ex);

    switch (request.method) {
    case HttpMethod::Get: curl_easy_setopt(c, CURLOPT_HTTPGET, 1L); break;
    case HttpMethod::Head: curl_easy_setopt(c, CURLOPT_NOBODY, 1L); break;
    case HttpMethod::Put:
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(bodySize));
        break;
    case HttpMethod::Post:
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodySize));
        break;
    case HttpMethod::Delete: curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "DELETE"); break;
    case HttpMethod::Invalid: break;
    }

    curl_slist *resolveList = nullptr;
    for (const QByteArray &entry : m_config.resolve)
        resolveList = curl_slist_append(resolveList, entry.constData());
    if (resolveList)
        curl_easy_setopt(c, CURLOPT_RESOLVE, resolveList);

    curl_slist *list = nullptr;
    bool hasContentType = false;
    for (const auto &h : request.headers) {
        qCDebug(lcHttp).noquote() << "  >" << h.first + ':'
                                  << (isSecretHeader(request, h.first) ? QByteArray("<redacted>") : h.second);
        hasContentType |= h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        // "Name;" makes curl send a header with an empty value.
        const QByteArray line = h.second.isEmpty() ? h.first + ';' : h.first + ": " + h.second;
        list = curl_slist_append(list, line.constData());
    }
    list = curl_slist_append(list, "Expect:"); // no 100-continue round trip
    if (request.method == HttpMethod::Post && !hasContentType)
        list = curl_slist_append(list, "Content-Type:"); // not curl's form default
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);

    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(list);
    curl_slist_free_all(resolveList);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    if (ex.outFile.isOpen())
        ex.outFile.close();
    if (rc != CURLE_OK) {
        Error e = transportError(rc, ex, errorBuffer);
        qCDebug(lcHttp).noquote() << context << "failed:" << e.code << e.message;
        return e;
    }
    ex.response.status = int(status);
    qCDebug(lcHttp).noquote() << context << "->" << status << "sent" << bodySize << "received"
                              << (ex.response.body.size() + ex.response.bodyBytesToFile);
    return std::move(ex.response);
}

bool HttpClient::defaultShouldRetry(const Result<HttpResponse> &outcome)
{
    if (!outcome.ok()) {
        const QString &code = outcome.error().code;
        return code == QLatin1String("http.connect") || code == QLatin1String("http.transport") ||
               code == QLatin1String("http.timeout");
    }
    const int s = outcome->status;
    return s >= 500 || s == 408 || s == 429;
}

namespace {

qint64 retryAfterMs(const Result<HttpResponse> &outcome)
{
    if (!outcome.ok() || (outcome->status != 429 && outcome->status != 503))
        return 0;
    bool ok = false;
    const qint64 seconds = outcome->header("retry-after").trimmed().toLongLong(&ok);
    return ok && seconds > 0 ? seconds * 1000 : 0;
}

QString describeOutcome(const Result<HttpResponse> &outcome)
{
    return outcome.ok() ? QStringLiteral("HTTP %1").arg(outcome->status)
                        : outcome.error().code + QLatin1Char(' ') + outcome.error().message;
}

} // namespace

Result<HttpResponse> HttpClient::execute(HttpRequest request, const HttpRetryOptions &options)
{
    const RetryPolicy policy(options.backoff, options.random);
    const int maxAttempts = std::max(1, options.backoff.maxAttempts);
    const QString context = QString::fromLatin1(httpMethodName(request.method) + ' ' + request.url);
    for (int attempt = 1;; ++attempt) {
        if (options.prepare) {
            const Status prepared = options.prepare(request, attempt);
            if (!prepared)
                return prepared.error();
        }
        Result<HttpResponse> outcome = send(request, options.cancel);
        if (outcome.ok())
            outcome->attempts = attempt;
        if ((outcome.ok() && outcome->isSuccess()) ||
            (!outcome.ok() && outcome.error().code == QLatin1String("http.canceled")))
            return outcome;
        const bool retryable = options.shouldRetry ? options.shouldRetry(outcome) : defaultShouldRetry(outcome);
        if (!retryable || attempt >= maxAttempts) {
            if (!outcome.ok() && retryable) {
                Error e = outcome.error();
                e.message += QStringLiteral(" (gave up after %1 attempts)").arg(attempt);
                return e;
            }
            return outcome;
        }
        const qint64 delayMs = std::max(policy.delayMsAfter(attempt),
                                        std::min(retryAfterMs(outcome), options.backoff.maxDelayMs));
        qCInfo(lcHttp).noquote() << "retrying" << context << "in" << delayMs << "ms after attempt"
                                 << attempt << "of" << maxAttempts << "failed:" << describeOutcome(outcome);
        for (qint64 waitedMs = 0; waitedMs < delayMs; waitedMs += 50) {
            if (options.cancel && options.cancel->loadRelaxed() != 0)
                return makeError("http.canceled", QStringLiteral("The request was canceled."), context);
            QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, delayMs - waitedMs)));
        }
    }
}

} // namespace rendition
