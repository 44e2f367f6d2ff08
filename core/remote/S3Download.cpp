// S3Client::getToFile: resumable download through "<path>.part".
//
// "<path>.part.etag" records which object version the .part holds. A later call continues
// the .part with "Range: bytes=N-" when the object's ETag is unchanged, and every request
// carries If-Match so a concurrent overwrite cannot splice two versions. Within one call,
// each retry after a dropped connection continues from the bytes already on disk.

#include "core/remote/S3Client.h"

#include "core/remote/S3Xml.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcS3)

namespace rendition {

namespace {

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

QByteArray readSmallFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(4096).trimmed() : QByteArray();
}

bool writeSmallFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

Result<S3GetResult> S3Client::getToFile(const QString &key, const QString &path)
{
    const QString target = describeTarget(key);
    const QString partPath = path + QStringLiteral(".part");
    const QString etagPath = partPath + QStringLiteral(".etag");
    const int attemptsBefore = m_httpAttempts;

    auto info = head(key);
    if (!info)
        return info.error();
    if (info->sizeBytes < 0)
        return makeError("s3.http", QStringLiteral("GET of %1: the HEAD response has no Content-Length.").arg(target), target);

    S3GetResult result;
    result.sizeBytes = info->sizeBytes;
    result.etag = info->etag;
    const qint64 kept = fileSize(partPath);
    if (kept > 0 && kept <= info->sizeBytes && !info->etag.isEmpty() && readSmallFile(etagPath) == info->etag) {
        result.resumedFromBytes = kept;
        qCInfo(lcS3).noquote() << "resuming" << target << "at byte" << kept << "of" << info->sizeBytes;
    } else {
        QFile::remove(partPath);
        if (!writeSmallFile(etagPath, info->etag))
            return makeError("http.file", QStringLiteral("GET of %1: cannot write %2; check the folder's permissions and free space.")
                                              .arg(target, etagPath), target);
    }

    if (info->sizeBytes == 0 && !writeSmallFile(partPath, {}))
        return makeError("http.file", QStringLiteral("GET of %1: cannot create %2; check the folder's permissions.").arg(target, partPath), target);
    const int maxRounds = std::max(2, m_config.retry.maxAttempts);
    for (int round = 1; fileSize(partPath) < info->sizeBytes; ++round) {
        if (round > maxRounds)
            return makeError("s3.integrity", QStringLiteral("GET of %1: the download stopped growing at %2 of %3 bytes.")
                                                 .arg(target).arg(fileSize(partPath)).arg(info->sizeBytes), target);
        HttpRequest request;
        request.method = HttpMethod::Get;
        request.url = objectUrl(key);
        request.responseFile = partPath;
        const auto adjust = [&](HttpRequest &r) {
            const qint64 have = fileSize(partPath);
            r.responseFileOffset = have;
            if (have > 0)
                setHttpHeader(r.headers, "Range", "bytes=" + QByteArray::number(have) + '-');
            if (!info->etag.isEmpty())
                setHttpHeader(r.headers, "If-Match", '"' + info->etag + '"');
        };
        auto response = run(request, key, QStringLiteral("GET"), {}, adjust);
        if (!response)
            return response.error(); // the .part stays for the next call to continue
        if (response->status == 412) {
            QFile::remove(partPath);
            QFile::remove(etagPath);
            return makeError("s3.PreconditionFailed",
                             QStringLiteral("GET of %1 failed: the object changed during the download; start it again.").arg(target), target);
        }
        if (!response->isSuccess())
            return errorFor(*response, key, QStringLiteral("GET"));
        result.bytesTransferred += response->bodyBytesToFile;
        // A 200 to a ranged request is the whole object written after the kept bytes:
        // that .part is unusable, so start over once.
        if (response->status == 200 && fileSize(partPath) != info->sizeBytes) {
            QFile::remove(partPath);
            if (round >= 2)
                return makeError("s3.integrity", QStringLiteral("GET of %1: the server ignored the Range request twice.").arg(target), target);
            continue;
        }
        const QByteArray etag = s3UnquotedEtag(response->header("etag"));
        if (!etag.isEmpty() && !info->etag.isEmpty() && etag != info->etag)
            return makeError("s3.integrity", QStringLiteral("GET of %1: the ETag changed from %2 to %3 during the download; start it again.")
                                                 .arg(target, QString::fromUtf8(info->etag), QString::fromUtf8(etag)), target);
    }

    if (fileSize(partPath) != info->sizeBytes)
        return makeError("s3.integrity", QStringLiteral("GET of %1: received %2 bytes, the object has %3.")
                                             .arg(target).arg(fileSize(partPath)).arg(info->sizeBytes), target);
    QFile::remove(path);
    if (!QFile::rename(partPath, path))
        return makeError("http.file", QStringLiteral("GET of %1: cannot move the download into place at %2; check the folder's permissions.")
                                          .arg(target, path), target);
    QFile::remove(etagPath);
    result.attempts = m_httpAttempts - attemptsBefore;
    if (m_progress)
        m_progress(result.sizeBytes, result.sizeBytes);
    return result;
}

} // namespace rendition
