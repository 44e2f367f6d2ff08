// S3Client: multipart upload (CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload) and putFile's multipart path.

#include "core/remote/S3Client.h"

#include "core/remote/S3Xml.h"
#include "core/remote/SigV4.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcS3)

namespace rendition {

namespace {

constexpr qint64 kMinPartSizeBytes = 5LL << 20; // S3's minimum for every part but the last
constexpr int kMaxParts = 10'000;

QByteArray uploadQuery(const QString &uploadId)
{
    return "uploadId=" + SigV4::uriEncode(uploadId.toUtf8(), false);
}

// The ETag S3 gives a completed multipart object: hex MD5 of the concatenated binary
// part MD5s, "-", the part count. Empty when a part ETag is not a plain MD5.
QByteArray expectedMultipartEtag(const QList<S3MultipartPart> &parts)
{
    QCryptographicHash md5(QCryptographicHash::Md5);
    for (const S3MultipartPart &p : parts) {
        const QByteArray bin = QByteArray::fromHex(p.etag);
        if (bin.size() != 16)
            return {};
        md5.addData(bin);
    }
    return md5.result().toHex() + '-' + QByteArray::number(parts.size());
}

} // namespace

Result<QString> S3Client::createMultipartUpload(const QString &key, const S3PutOptions &options)
{
    HttpRequest request;
    request.method = HttpMethod::Post;
    request.url = objectUrl(key, "uploads=");
    if (!options.contentType.isEmpty())
        request.headers.append({"Content-Type", options.contentType.toUtf8()});
    for (auto it = options.metadata.cbegin(); it != options.metadata.cend(); ++it)
        request.headers.append({"x-amz-meta-" + it.key().toLower().toUtf8(), it.value().toUtf8()});
    if (!options.serverSideEncryption.isEmpty())
        request.headers.append({"x-amz-server-side-encryption", options.serverSideEncryption.toUtf8()});
    const QString op = QStringLiteral("CreateMultipartUpload");
    auto response = run(request, key, op);
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, op);
    auto id = parseS3UploadId(response->body);
    if (!id)
        return makeError("s3.xml", QStringLiteral("%1 of %2: %3").arg(op, describeTarget(key), id.error().message), describeTarget(key));
    return id;
}

Result<S3MultipartPart> S3Client::uploadPart(const QString &key, const QString &uploadId, int partNumber,
                                             const QString &path, qint64 offset, qint64 length)
{
    const QString op = QStringLiteral("UploadPart %1").arg(partNumber);
    if (partNumber < 1 || partNumber > kMaxParts || length <= 0 || offset < 0)
        return makeError("s3.invalid", QStringLiteral("%1 of %2: invalid part (number %3, offset %4, length %5).")
                                           .arg(op, describeTarget(key)).arg(partNumber).arg(offset).arg(length), describeTarget(key));
    HttpRequest request;
    request.method = HttpMethod::Put;
    request.url = objectUrl(key, "partNumber=" + QByteArray::number(partNumber) + '&' + uploadQuery(uploadId));
    request.bodyFile = {path, offset, length};
    auto response = run(request, key, op); // the part's SHA-256 is computed once, reused by retries
    if (!response)
        return response.error();
    if (!response->isSuccess())
        return errorFor(*response, key, op);
    const QByteArray etag = s3UnquotedEtag(response->header("etag"));
    if (etag.isEmpty())
        return makeError("s3.http", QStringLiteral("%1 of %2: the response has no ETag.").arg(op, describeTarget(key)), describeTarget(key));
    return S3MultipartPart{partNumber, etag};
}

Result<S3PutResult> S3Client::completeMultipartUpload(const QString &key, const QString &uploadId,
                                                      const QList<S3MultipartPart> &parts)
{
    const QString op = QStringLiteral("CompleteMultipartUpload");
    HttpRequest request;
    request.method = HttpMethod::Post;
    request.url = objectUrl(key, uploadQuery(uploadId));
    request.headers.append({QByteArray("Content-Type"), QByteArray("application/xml")});
    request.body = s3CompleteMultipartXml(parts);
    const int maxAttempts = std::max(1, m_config.retry.maxAttempts);
    int attempts = 0;
    for (int round = 1;; ++round) {
        auto response = run(request, key, op);
        if (!response)
            return response.error();
        attempts += response->attempts;
        // S3 may answer 200 with an error document (the request failed after headers were sent).
        const S3ErrorDocument doc = parseS3Error(response->body);
        if (response->isSuccess() && doc.code.isEmpty()) {
            auto etag = parseS3CompleteEtag(response->body);
            if (!etag)
                return makeError("s3.xml", QStringLiteral("%1 of %2: %3").arg(op, describeTarget(key), etag.error().message), describeTarget(key));
            return S3PutResult{*etag, true, int(parts.size()), attempts};
        }
        // A retry after a lost response finds the upload already completed: accept it when
        // the object is exactly the one these parts make.
        if (doc.code == QLatin1String("NoSuchUpload") && (attempts > 1 || round > 1)) {
            auto info = head(key);
            const QByteArray expected = expectedMultipartEtag(parts);
            if (info && !expected.isEmpty() && info->etag == expected)
                return S3PutResult{info->etag, true, int(parts.size()), attempts};
        }
        if (!(response->isSuccess() && (doc.code == QLatin1String("InternalError") || doc.code == QLatin1String("SlowDown"))) ||
            round >= maxAttempts)
            return errorFor(*response, key, op);
    }
}

Status S3Client::abortMultipartUpload(const QString &key, const QString &uploadId)
{
    // Cleanup runs even when the transfer was canceled.
    const QAtomicInt *cancel = m_cancel;
    m_cancel = nullptr;
    HttpRequest request;
    request.method = HttpMethod::Delete;
    request.url = objectUrl(key, uploadQuery(uploadId));
    const QString op = QStringLiteral("AbortMultipartUpload");
    auto response = run(request, key, op);
    m_cancel = cancel;
    if (!response)
        return response.error();
    if (!response->isSuccess() && response->status != 404)
        return errorFor(*response, key, op);
    return {};
}

Result<S3PutResult> S3Client::putMultipart(const QString &key, const QString &path, qint64 sizeBytes,
                                           const S3PutOptions &options)
{
    qint64 partSize = std::max(m_config.partSizeBytes, kMinPartSizeBytes);
    while ((sizeBytes + partSize - 1) / partSize > kMaxParts)
        partSize *= 2;
    const int attemptsBefore = m_httpAttempts;
    auto uploadId = createMultipartUpload(key, options);
    if (!uploadId)
        return uploadId.error();

    auto fail = [&](const Error &error) -> Error {
        const Status aborted = abortMultipartUpload(key, *uploadId);
        qCWarning(lcS3).noquote() << "multipart upload of" << describeTarget(key) << "failed:" << error.code
                                  << (aborted ? "(aborted)" : "(abort failed too)");
        Error e = error;
        e.message += aborted ? QStringLiteral(" The multipart upload was aborted; no object was created.")
                             : QStringLiteral(" Aborting the multipart upload failed too (%1); the bucket's lifecycle rules must clean it up.")
                                   .arg(aborted.error().message);
        return e;
    };

    QList<S3MultipartPart> parts;
    for (qint64 offset = 0; offset < sizeBytes; offset += partSize) {
        const qint64 length = std::min(partSize, sizeBytes - offset);
        auto part = uploadPart(key, *uploadId, int(parts.size()) + 1, path, offset, length);
        if (!part)
            return fail(part.error());
        parts.append(*part);
        if (m_progress)
            m_progress(offset + length, sizeBytes);
    }
    auto done = completeMultipartUpload(key, *uploadId, parts);
    if (!done)
        return fail(done.error());
    S3PutResult result = *done;
    result.attempts = m_httpAttempts - attemptsBefore;
    return result;
}

} // namespace rendition
