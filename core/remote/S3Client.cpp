#include "core/remote/S3Client.h"

#include "core/remote/S3Xml.h"
#include "core/remote/SigV4.h"

#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcS3, "rendition.remote.s3", QtInfoMsg)

namespace rendition {

namespace {

// S3 answers these (with HTTP 400/503) when it wants the client to slow down or resend.
bool isRetryableS3Code(const QString &code)
{
    return code == QLatin1String("RequestTimeout") || code == QLatin1String("SlowDown") ||
           code == QLatin1String("InternalError") || code == QLatin1String("ServiceUnavailable") ||
           code == QLatin1String("RequestTimeTooSkewed");
}

QString hintFor(const QString &code)
{
    if (code == QLatin1String("NoSuchBucket"))
        return QStringLiteral(" Check the bucket name and the endpoint/region, or create the bucket.");
    if (code == QLatin1String("AccessDenied") || code == QLatin1String("InvalidAccessKeyId") ||
        code == QLatin1String("SignatureDoesNotMatch") || code == QLatin1String("ExpiredToken"))
        return QStringLiteral(" Check the AWS credentials and their permissions.");
    if (code == QLatin1String("NoSuchKey"))
        return QStringLiteral(" Check the key.");
    return {};
}

HttpHeaders putHeaders(const S3PutOptions &options)
{
    HttpHeaders headers;
    if (!options.contentType.isEmpty())
        headers.append({"Content-Type", options.contentType.toUtf8()});
    for (auto it = options.metadata.cbegin(); it != options.metadata.cend(); ++it)
        headers.append({"x-amz-meta-" + it.key().toLower().toUtf8(), it.value().toUtf8()});
    if (!options.serverSideEncryption.isEmpty())
        headers.append({"x-amz-server-side-encryption", options.serverSideEncryption.toUtf8()});
    return headers;
}

} // namespace

S3Client::S3Client(S3Config config, AwsCredentials credentials)
    : m_config(std::move(config)), m_credentials(std::move(credentials))
{
    HttpClientConfig http;
    http.timeouts = m_config.timeouts;
    http.resolve = m_config.resolve;
    m_http = std::make_unique<HttpClient>(http);
    if (m_config.region.isEmpty())
        m_config.region = QStringLiteral("us-east-1");
}

S3Client::~S3Client() = default;

QString S3Client::describeTarget(const QString &key) const
{
    return QStringLiteral("s3://%1/%2").arg(m_config.bucket, key);
}

QByteArray S3Client::objectUrl(const QString &key, const QByteArray &query) const
{
    QByteArray endpoint = m_config.endpoint.trimmed().toUtf8();
    if (endpoint.isEmpty())
        endpoint = "https://s3." + m_config.region.toUtf8() + ".amazonaws.com";
    while (endpoint.endsWith('/'))
        endpoint.chop(1);
    const qsizetype schemeEnd = endpoint.indexOf("://");
    const QByteArray scheme = schemeEnd > 0 ? endpoint.left(schemeEnd) : QByteArray("https");
    const QByteArray rest = schemeEnd > 0 ? endpoint.mid(schemeEnd + 3) : endpoint;
    const qsizetype slash = rest.indexOf('/');
    const QByteArray authority = slash < 0 ? rest : rest.left(slash);
    const QByteArray basePath = slash < 0 ? QByteArray() : rest.mid(slash);
    const QByteArray bucket = SigV4::uriEncode(m_config.bucket.toUtf8(), false);
    const QByteArray encodedKey = SigV4::uriEncode(key.toUtf8(), true);

    QByteArray url;
    if (m_config.addressing == S3Addressing::VirtualHost)
        url = scheme + "://" + bucket + '.' + authority + basePath + '/' + encodedKey;
    else
        url = scheme + "://" + authority + basePath + '/' + bucket + (key.isEmpty() ? QByteArray() : '/' + encodedKey);
    if (!query.isEmpty())
        url += '?' + query;
    return url;
}

Result<HttpResponse> S3Client::run(HttpRequest request, const QString &key, const QString &operation,
                                   QByteArray payloadSha256Hex, const std::function<void(HttpRequest &)> &adjust)
{
    const QString target = describeTarget(key);
    if (m_config.bucket.isEmpty())
        return makeError("s3.invalid", QStringLiteral("%1 needs a bucket; none is configured.").arg(operation), target);
    if (payloadSha256Hex.isEmpty() && !request.bodyFile.path.isEmpty()) {
        // Hashed once, reused by every attempt.
        auto hash = SigV4::sha256HexOfFile(request.bodyFile.path, request.bodyFile.offset, request.bodyFile.length);
        if (!hash)
            return makeError(hash.error().code, hash.error().message, target);
        payloadSha256Hex = *hash;
    }
    HttpRetryOptions options;
    options.backoff = m_config.retry;
    options.cancel = m_cancel;
    options.random = m_random;
    options.prepare = [&](HttpRequest &r, int) -> Status {
        if (adjust)
            adjust(r);
        SigV4Options sign;
        sign.payloadSha256Hex = payloadSha256Hex;
        auto signedRequest = SigV4::sign(r, m_credentials, {m_config.region, QStringLiteral("s3")},
                                         QDateTime::currentDateTimeUtc(), sign);
        if (!signedRequest)
            return Error{signedRequest.error().code, signedRequest.error().message, target};
        return {};
    };
    options.shouldRetry = [](const Result<HttpResponse> &outcome) {
        if (HttpClient::defaultShouldRetry(outcome))
            return true;
        return outcome.ok() && outcome->status == 400 && isRetryableS3Code(parseS3Error(outcome->body).code);
    };
    Result<HttpResponse> out = m_http->execute(std::move(request), options);
    m_httpAttempts += out.ok() ? out->attempts : 1; // a failed call counts at least once
    if (!out.ok()) {
        const Error &e = out.error();
        if (e.context == target)
            return e;
        return makeError(e.code, QStringLiteral("%1 of %2 failed: %3").arg(operation, target, e.message), target);
    }
    qCDebug(lcS3).noquote() << operation << target << "->" << out->status << "after" << out->attempts << "attempt(s)";
    return out;
}

Error S3Client::errorFor(const HttpResponse &response, const QString &key, const QString &operation) const
{
    const QString target = describeTarget(key);
    const S3ErrorDocument doc = parseS3Error(response.body);
    if (!doc.code.isEmpty()) {
        return makeError(QStringLiteral("s3.") + doc.code,
                         QStringLiteral("%1 of %2 failed: %3 (%4).%5")
                             .arg(operation, target, doc.code,
                                  doc.message.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status) : doc.message,
                                  hintFor(doc.code)),
                         target);
    }
    if (response.status == 404)
        return makeError("s3.NotFound", QStringLiteral("%1 of %2 failed: the object or bucket does not exist (HTTP 404).").arg(operation, target), target);
    if (response.status == 403)
        return makeError("s3.AccessDenied", QStringLiteral("%1 of %2 failed: access denied (HTTP 403). Check the AWS credentials and their permissions.").arg(operation, target), target);
    return makeError("s3.http", QStringLiteral("%1 of %2 failed with HTTP %3.").arg(operation, target).arg(response.status), target);
}

Result<S3ObjectInfo> S3Client::head(const QString &key)
{
    HttpRequest request;
    request.method = HttpMethod::Head;
    request.url = objectUrl(key);
    auto response = run(request, key, QStringLiteral("HEAD"));
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, QStringLiteral("HEAD"));
    S3ObjectInfo info;
    info.key = key;
    bool ok = false;
    info.sizeBytes = response->header("content-length").toLongLong(&ok);
    if (!ok)
        info.sizeBytes = -1;
    info.etag = s3UnquotedEtag(response->header("etag"));
    // HTTP dates end in "GMT", which Qt 6.4's RFC 2822 parser does not accept.
    QString lastModified = QString::fromLatin1(response->header("last-modified")).trimmed();
    if (lastModified.endsWith(QLatin1String(" GMT")))
        lastModified = lastModified.chopped(4) + QStringLiteral(" +0000");
    info.lastModifiedUtc = QDateTime::fromString(lastModified, Qt::RFC2822Date).toUTC();
    info.contentType = QString::fromUtf8(response->header("content-type"));
    for (const auto &[name, value] : response->headers) {
        if (name.startsWith("x-amz-meta-"))
            info.metadata.insert(QString::fromUtf8(name.mid(11)), QString::fromUtf8(value));
    }
    return info;
}

Result<S3PutResult> S3Client::putBytes(const QString &key, const QByteArray &data, const S3PutOptions &options)
{
    HttpRequest request;
    request.method = HttpMethod::Put;
    request.url = objectUrl(key);
    request.headers = putHeaders(options);
    request.body = data;
    auto response = run(request, key, QStringLiteral("PUT"));
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, QStringLiteral("PUT"));
    if (m_progress)
        m_progress(data.size(), data.size());
    return S3PutResult{s3UnquotedEtag(response->header("etag")), false, 0, response->attempts};
}

Result<S3PutResult> S3Client::putFile(const QString &key, const QString &path, const S3PutOptions &options)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return makeError("s3.invalid", QStringLiteral("Cannot upload %1 to %2: the file does not exist or is not readable.")
                                           .arg(path, describeTarget(key)), describeTarget(key));
    const qint64 sizeBytes = info.size();
    if (sizeBytes >= m_config.multipartThresholdBytes && sizeBytes > 0)
        return putMultipart(key, path, sizeBytes, options);

    HttpRequest request;
    request.method = HttpMethod::Put;
    request.url = objectUrl(key);
    request.headers = putHeaders(options);
    request.bodyFile = {path, 0, sizeBytes};
    auto response = run(request, key, QStringLiteral("PUT"));
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, QStringLiteral("PUT"));
    if (m_progress)
        m_progress(sizeBytes, sizeBytes);
    return S3PutResult{s3UnquotedEtag(response->header("etag")), false, 0, response->attempts};
}

Result<QByteArray> S3Client::getBytes(const QString &key, qint64 offset, qint64 length)
{
    if (offset < 0 || length == 0 || length < -1)
        return makeError("s3.invalid", QStringLiteral("GET of %1: invalid byte range (offset %2, length %3).")
                                           .arg(describeTarget(key)).arg(offset).arg(length), describeTarget(key));
    HttpRequest request;
    request.method = HttpMethod::Get;
    request.url = objectUrl(key);
    if (offset > 0 || length > 0) {
        const QByteArray last = length > 0 ? QByteArray::number(offset + length - 1) : QByteArray();
        request.headers.append({"Range", "bytes=" + QByteArray::number(offset) + '-' + last});
    }
    auto response = run(request, key, QStringLiteral("GET"));
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, QStringLiteral("GET"));
    return std::move(response->body);
}

Result<S3ListPage> S3Client::listPage(const QString &prefix, const QString &continuationToken, int maxKeys,
                                      const QString &delimiter)
{
    if (maxKeys < 1 || maxKeys > 1000)
        return makeError("s3.invalid", QStringLiteral("LIST of %1: max-keys must be 1..1000, not %2.")
                                           .arg(describeTarget(prefix)).arg(maxKeys), describeTarget(prefix));
    QByteArray query = "list-type=2&max-keys=" + QByteArray::number(maxKeys);
    if (!prefix.isEmpty())
        query += "&prefix=" + SigV4::uriEncode(prefix.toUtf8(), false);
    if (!continuationToken.isEmpty())
        query += "&continuation-token=" + SigV4::uriEncode(continuationToken.toUtf8(), false);
    if (!delimiter.isEmpty())
        query += "&delimiter=" + SigV4::uriEncode(delimiter.toUtf8(), false);
    HttpRequest request;
    request.method = HttpMethod::Get;
    request.url = objectUrl(QString(), query);
    auto response = run(request, prefix, QStringLiteral("LIST"));
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, prefix, QStringLiteral("LIST"));
    auto page = parseS3ListPage(response->body);
    if (!page)
        return makeError("s3.xml", QStringLiteral("LIST of %1: %2").arg(describeTarget(prefix), page.error().message), describeTarget(prefix));
    return page;
}

Result<QList<S3ObjectInfo>> S3Client::listAll(const QString &prefix, int maxKeysPerPage)
{
    QList<S3ObjectInfo> all;
    QString token;
    for (int page = 0;; ++page) {
        auto result = listPage(prefix, token, maxKeysPerPage);
        if (!result)
            return result.error();
        all.append(result->objects);
        if (!result->truncated)
            return all;
        if (result->nextContinuationToken == token)
            return makeError("s3.xml", QStringLiteral("LIST of %1: the server repeated the continuation token; stopping.")
                                           .arg(describeTarget(prefix)), describeTarget(prefix));
        token = result->nextContinuationToken;
    }
}

Status S3Client::remove(const QString &key)
{
    HttpRequest request;
    request.method = HttpMethod::Delete;
    request.url = objectUrl(key);
    auto response = run(request, key, QStringLiteral("DELETE"));
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, QStringLiteral("DELETE"));
    return {};
}

} // namespace rendition
