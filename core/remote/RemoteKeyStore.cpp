#include "core/remote/RemoteKeyStore.h"

#include "core/media/cenc/Keys.h"
#include "core/remote/RemoteJobMessage.h"
#include "core/remote/RemoteOutputs.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <fcntl.h>
#include <unistd.h>

namespace rendition {

namespace {

QByteArray keyLine(const cenc::ContentKey &key)
{
    const QByteArray kid(reinterpret_cast<const char *>(key.kid.data()), qsizetype(key.kid.size()));
    const QByteArray bytes(reinterpret_cast<const char *>(key.key.data()), qsizetype(key.key.size()));
    return kid.toHex() + ':' + bytes.toHex() + '\n';
}

Status appendAudit(S3Client &s3, const QString &action, const QString &jobId, const QString &kidHex, const QString &who)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString key = QStringLiteral("%1%2-%3-%4-%5.json")
                            .arg(QLatin1String(remotekeys::kKeyAuditPrefix), now.toString(QStringLiteral("yyyyMMdd'T'HHmmss.zzz'Z'")),
                                 jobId, action)
                            .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QByteArray record = QJsonDocument(QJsonObject{{QStringLiteral("schema"), QLatin1String(kKeyAuditSchema)},
                                                        {QStringLiteral("action"), action},
                                                        {QStringLiteral("job_id"), jobId},
                                                        {QStringLiteral("kid"), kidHex},
                                                        {QStringLiteral("who"), who},
                                                        {QStringLiteral("at"), now.toString(Qt::ISODateWithMs)}})
                                  .toJson(QJsonDocument::Compact);
    S3PutOptions options;
    options.contentType = QStringLiteral("application/json");
    if (Result<S3PutResult> put = s3.putBytes(key, record, options); !put)
        return makeError(QStringLiteral("remote.key_audit"),
                         QStringLiteral("the key audit record could not be written (%1); the key is not used without it")
                             .arg(put.error().message),
                         remotekeys::s3Uri(s3.config().bucket, key));
    return {};
}

} // namespace

Result<cenc::ContentKey> obtainSubmitKey(const DrmPolicy &policy)
{
    Result<QList<cenc::ContentKey>> keys = QList<cenc::ContentKey>{};
    switch (policy.keySource) {
    case KeySource::Generate: {
        Result<cenc::ContentKey> k = cenc::generateContentKey();
        if (!k) return k.error();
        return *k;
    }
    case KeySource::KeyFile: keys = cenc::readKeyFile(policy.keyFile); break;
    case KeySource::Cpix: keys = cenc::readCpixFile(policy.keyFile); break;
    case KeySource::Invalid:
        return makeError(QStringLiteral("drm.key_source"), QStringLiteral("the preset's DRM has no key source"));
    }
    if (!keys) return keys.error();
    if (keys->isEmpty())
        return makeError(QStringLiteral("drm.no_key"), QStringLiteral("the key source holds no key"), policy.keyFile);
    return keys->first(); // one key for every track of the package, like a local run (DrmStage)
}

Status storeJobKey(S3Client &s3, const QString &jobId, const cenc::ContentKey &key, const QString &who)
{
    S3PutOptions options;
    options.contentType = QStringLiteral("text/plain");
    options.serverSideEncryption = QStringLiteral("AES256");
    if (Result<S3PutResult> put = s3.putBytes(remotekeys::jobKey(jobId), keyLine(key), options); !put) return put.error();
    return appendAudit(s3, QStringLiteral("write"), jobId, cenc::keyIdToHex(key.kid), who);
}

Result<cenc::ContentKey> fetchJobKey(S3Client &s3, const QString &jobId, const QString &who)
{
    const QString objectKey = remotekeys::jobKey(jobId);
    Result<QByteArray> got = s3.getBytes(objectKey);
    if (!got) {
        if (!isS3NotFound(got.error())) return got.error();
        if (Status a = appendAudit(s3, QStringLiteral("read_missing"), jobId, QString(), who); !a) return a.error();
        return makeError(QStringLiteral("remote.key_missing"),
                         QStringLiteral("the job's content key is not in the key store; submit the job again"),
                         remotekeys::s3Uri(s3.config().bucket, objectKey));
    }
    Result<QList<cenc::ContentKey>> keys = cenc::parseKeyFile(*got, remotekeys::s3Uri(s3.config().bucket, objectKey));
    if (!keys || keys->size() != 1)
        return makeError(QStringLiteral("remote.key_unreadable"),
                         QStringLiteral("the key-store object is not one KID:KEY line"),
                         remotekeys::s3Uri(s3.config().bucket, objectKey));
    if (Status a = appendAudit(s3, QStringLiteral("read"), jobId, cenc::keyIdToHex(keys->first().kid), who); !a)
        return a.error();
    return keys->first();
}

Status writeLocalKeyFile(const QString &path, const cenc::ContentKey &key)
{
    const QByteArray name = QFile::encodeName(path);
    ::unlink(name.constData()); // a new inode: an older file's wider mode is not inherited
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError(QStringLiteral("remote.key_write"), QStringLiteral("cannot create the key file; check the folder"), path);
    const QByteArray line = keyLine(key);
    const bool ok = ::write(fd, line.constData(), size_t(line.size())) == line.size();
    const bool closed = ::close(fd) == 0;
    if (!ok || !closed) {
        ::unlink(name.constData());
        return makeError(QStringLiteral("remote.key_write"), QStringLiteral("cannot write the key file; check space"), path);
    }
    return {};
}

} // namespace rendition
