#include "core/remote/RemoteOutputs.h"

#include "core/remote/RemoteApproval.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace rendition {

namespace {

const QString kManifest = QStringLiteral("manifest.json");

QString contentTypeFor(const QString &name)
{
    if (name.endsWith(u".json")) return QStringLiteral("application/json");
    if (name.endsWith(u".m3u8")) return QStringLiteral("application/vnd.apple.mpegurl");
    if (name.endsWith(u".mpd")) return QStringLiteral("application/dash+xml");
    if (name.endsWith(u".m4s") || name.endsWith(u".mp4")) return QStringLiteral("video/mp4");
    if (name.endsWith(u".ts")) return QStringLiteral("video/mp2t");
    if (name.endsWith(u".vtt")) return QStringLiteral("text/vtt");
    if (name.endsWith(u".jpg")) return QStringLiteral("image/jpeg");
    return QStringLiteral("application/octet-stream");
}

// Relative paths of the regular files below `dir`, sorted, manifest.json moved last.
QStringList filesOf(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    const QDir base(dir);
    while (it.hasNext()) files << base.relativeFilePath(it.next());
    files.sort();
    if (files.removeAll(kManifest) > 0) files << kManifest;
    return files;
}

// The manifest as published in the bucket (see uploadRemoteVersion).
Result<QByteArray> remoteManifest(const QString &path, const QString &version, const QString &sourceUri)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("remote.read"), QStringLiteral("cannot read the manifest (%1)").arg(f.errorString()), path);
    QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
    if (m.isEmpty())
        return makeError(QStringLiteral("remote.no_manifest"), QStringLiteral("the manifest is not a JSON object"), path);
    m.insert(QStringLiteral("version"), version);
    if (!sourceUri.isEmpty()) {
        QJsonObject source = m.value(QStringLiteral("source")).toObject();
        source.insert(QStringLiteral("path"), sourceUri);
        m.insert(QStringLiteral("source"), source);
    }
    return QJsonDocument(m).toJson(QJsonDocument::Indented);
}

} // namespace

bool isS3NotFound(const Error &error)
{
    return error.code == u"s3.NotFound" || error.code == u"s3.NoSuchKey";
}

Result<int> highestPublishedVersion(S3Client &s3, const QString &asset)
{
    Result<QList<S3ObjectInfo>> objects = s3.listAll(remotekeys::assetPrefix(asset));
    if (!objects) return objects.error();
    static const QRegularExpression re(QStringLiteral("^v(\\d+)/manifest\\.json$"));
    const int prefixLength = int(remotekeys::assetPrefix(asset).size());
    int highest = 0;
    for (const S3ObjectInfo &o : std::as_const(*objects)) {
        const QRegularExpressionMatch m = re.match(o.key.mid(prefixLength));
        if (m.hasMatch()) highest = std::max(highest, m.captured(1).toInt());
    }
    return highest;
}

Result<std::optional<RemotePublished>> findRemotePublished(S3Client &s3, const QString &idempotencyKey)
{
    Result<QByteArray> marker = s3.getBytes(remotekeys::published(idempotencyKey));
    if (!marker) {
        if (isS3NotFound(marker.error())) return std::optional<RemotePublished>();
        return marker.error();
    }
    Result<RemotePublished> p = RemotePublished::fromJson(*marker);
    if (!p) return makeError(p.error().code, p.error().message, remotekeys::published(idempotencyKey));
    return std::optional<RemotePublished>(*p);
}

Result<RemotePublished> uploadRemoteVersion(S3Client &s3, const RemoteUploadRequest &request, qint64 *bytesUploaded)
{
    const QStringList files = filesOf(request.localVersionDir);
    if (files.isEmpty() || files.constLast() != kManifest)
        return makeError(QStringLiteral("remote.no_manifest"),
                         QStringLiteral("the version folder has no manifest.json, so it is not a published package"),
                         request.localVersionDir);
    const QString &a = request.asset;
    if (a.isEmpty() || a == u"." || a == u".." || a == u"by-key" || a.contains(u'/') || a.contains(u'\\') ||
        a.contains(QChar(0)) || a.size() > 255)
        return makeError(QStringLiteral("remote.bad_asset"),
                         QStringLiteral("the asset name \"%1\" is not a plain folder name; nothing was published")
                             .arg(QString(a).replace(QChar(0), QStringLiteral("\\0"))),
                         request.localVersionDir);
    Result<int> highest = highestPublishedVersion(s3, request.asset);
    if (!highest) return highest.error();
    RemotePublished p;
    p.jobId = request.jobId;
    p.idempotencyKey = request.idempotencyKey;
    p.asset = request.asset;
    p.version = QStringLiteral("v%1").arg(*highest + 1);
    p.prefix = remotekeys::versionPrefix(p.asset, p.version);
    p.qcFailed = request.qcFailed;
    p.awaitingApproval = request.awaitingApproval && !request.qcFailed;
    p.worker = request.worker;
    p.files = files;
    const QDir base(request.localVersionDir);
    for (const QString &rel : files) {
        const QString path = base.filePath(rel);
        S3PutOptions options;
        options.contentType = contentTypeFor(rel);
        if (rel == kManifest) {
            Result<QByteArray> manifest = remoteManifest(path, p.version, request.sourceUri);
            if (!manifest) return manifest.error();
            if (Result<S3PutResult> put = s3.putBytes(p.prefix + rel, *manifest, options); !put) return put.error();
            p.bytes += manifest->size();
            continue;
        }
        Result<S3PutResult> put = s3.putFile(p.prefix + rel, path, options);
        if (!put) return put.error();
        p.bytes += QFileInfo(path).size();
    }
    p.at = QDateTime::currentDateTimeUtc();
    // current.json before the marker: a worker dying in between leaves no marker, and the
    // redelivery publishes (and points current at) a complete version again.
    const bool movesCurrent = !p.qcFailed && !p.awaitingApproval;
    bool writeCurrent = movesCurrent;
    if (!movesCurrent) {
        Result<std::optional<RemoteCurrent>> existing = readRemoteCurrent(s3, p.asset);
        if (!existing) return existing.error();
        writeCurrent = !existing->has_value();
    }
    if (writeCurrent) {
        RemoteCurrent c{p.asset, movesCurrent ? p.version : QString(), movesCurrent ? p.prefix : QString(),
                        movesCurrent ? p.jobId : QString(), movesCurrent ? p.idempotencyKey : QString(), p.worker, p.at};
        if (Status s = writeRemoteCurrent(s3, c); !s) return s.error();
    }
    S3PutOptions markerOptions;
    markerOptions.contentType = QStringLiteral("application/json");
    Result<S3PutResult> marker = s3.putBytes(remotekeys::published(p.idempotencyKey), p.toJson(), markerOptions);
    if (!marker) return marker.error();
    if (bytesUploaded) *bytesUploaded = p.bytes;
    return p;
}

Result<QString> downloadRemoteVersion(S3Client &s3, const RemotePublished &published, const QString &localRoot,
                                      qint64 *bytesDownloaded)
{
    const QString dir = QDir(localRoot).filePath(published.asset + u'/' + published.version);
    qint64 total = 0;
    for (const QString &rel : published.files) {
        if (rel.contains(QStringLiteral("..")) || QDir::isAbsolutePath(rel))
            return makeError(QStringLiteral("remote.bad_marker"),
                             QStringLiteral("the publish marker lists an unsafe path \"%1\"; refusing to download it").arg(rel),
                             published.prefix);
        const QString path = QDir(dir).filePath(rel);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return makeError(QStringLiteral("remote.write"), QStringLiteral("cannot create the folder; check permissions"),
                             QFileInfo(path).absolutePath());
        Result<S3GetResult> got = s3.getToFile(published.prefix + rel, path);
        if (!got) return got.error();
        total += got->bytesTransferred;
    }
    if (bytesDownloaded) *bytesDownloaded = total;
    return dir;
}

} // namespace rendition
