#include "core/preview/VersionPackage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace rendition {

namespace {

double parseRate(const QString &rate)
{
    const QStringList p = rate.split(u'/');
    const double num = p.value(0).toDouble(), den = p.size() > 1 ? p.value(1).toDouble() : 1.0;
    return den > 0 ? num / den : 0.0;
}

QList<double> doubles(const QJsonValue &v)
{
    QList<double> out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toDouble());
    return out;
}

LoudnessCurve curveFrom(const QString &label, const QJsonObject &curve)
{
    return LoudnessCurve{label, doubles(curve.value(QStringLiteral("time_s"))),
                         doubles(curve.value(QStringLiteral("momentary_lufs"))),
                         doubles(curve.value(QStringLiteral("short_term_lufs")))};
}

} // namespace

Result<QString> VersionPackage::resolveVersionDir(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("review.target"), QStringLiteral("does not exist; give a version folder (OUT/<asset>/vN) or an asset folder"), path);
    if (!info.isDir())
        return makeError(QStringLiteral("review.target"), QStringLiteral("is not a folder; give a version folder (OUT/<asset>/vN) or an asset folder"), path);
    const QDir dir(info.absoluteFilePath());
    if (QFileInfo::exists(dir.filePath(QStringLiteral("manifest.json")))) return dir.absolutePath();
    static const QRegularExpression versionPattern(QStringLiteral("^v(\\d+)$"));
    int newest = -1;
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QRegularExpressionMatch m = versionPattern.match(name);
        if (m.hasMatch() && QFileInfo::exists(dir.filePath(name + QStringLiteral("/manifest.json"))))
            newest = std::max(newest, m.captured(1).toInt());
    }
    if (newest < 0)
        return makeError(QStringLiteral("review.target"),
                         QStringLiteral("has no manifest.json and no complete version (vN/manifest.json); give a version folder or an asset folder"), path);
    return dir.filePath(QStringLiteral("v%1").arg(newest));
}

Result<QJsonObject> readJsonObjectFile(const QString &path, const QString &code)
{
    QFile f(path);
    if (!f.exists()) return makeError(code, QStringLiteral("the file is missing"), path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(code, QStringLiteral("cannot read the file (%1)").arg(f.errorString()), path);
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return makeError(code, QStringLiteral("not valid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()),
                         path);
    if (!doc.isObject()) return makeError(code, QStringLiteral("not a JSON object"), path);
    return doc.object();
}

QStringList PackageRendition::filesFrom(int firstSegment) const
{
    if (!progressivePath.isEmpty()) return {progressivePath};
    QStringList files;
    if (!initPath.isEmpty()) files << initPath;
    for (int i = std::max(0, firstSegment); i < segments.size(); ++i)
        files << segments.at(i).path;
    return files;
}

int PackageRendition::segmentIndexAt(double seconds) const
{
    for (int i = segments.size() - 1; i > 0; --i)
        if (seconds >= segments.at(i).startSeconds) return i;
    return 0;
}

Result<VersionPackage> VersionPackage::open(const QString &versionDir)
{
    const QFileInfo info(versionDir);
    if (!info.isDir())
        return makeError(QStringLiteral("review.manifest"),
                         QStringLiteral("not a folder; open a published version folder (OUT/<asset>/vN)"), versionDir);
    VersionPackage p;
    p.m_versionDir = info.canonicalFilePath();
    if (Status s = p.loadManifest(); !s) return s.error();
    return p;
}

Status VersionPackage::loadManifest()
{
    const QDir dir(m_versionDir);
    const QString path = dir.filePath(QStringLiteral("manifest.json"));
    Result<QJsonObject> doc = readJsonObjectFile(path, QStringLiteral("review.manifest"));
    if (!doc) return doc.error();
    const QJsonObject &m = *doc;
    if (m.value(QStringLiteral("schema")).toString() != u"rendition.manifest/1")
        return makeError(QStringLiteral("review.manifest"),
                         QStringLiteral("not a Rendition manifest (schema must be rendition.manifest/1)"), path);
    m_assetName = m.value(QStringLiteral("asset")).toString();
    if (Result<ProbeResult> src = ProbeResult::fromJson(m.value(QStringLiteral("source")).toObject())) m_source = *src;
    const QJsonObject package = m.value(QStringLiteral("package")).toObject();
    m_startOffsetSeconds = package.value(QStringLiteral("start_offset_s")).toDouble();
    m_segmentFormat = package.value(QStringLiteral("segment_format")).toString();
    const QString progressive = package.value(QStringLiteral("mp4")).toString();
    m_drmScheme = m.value(QStringLiteral("drm")).toObject().value(QStringLiteral("scheme")).toString();
    for (const QJsonValue &v : m.value(QStringLiteral("renditions")).toArray()) {
        const QJsonObject o = v.toObject();
        PackageRendition r;
        r.name = o.value(QStringLiteral("name")).toString();
        r.type = o.value(QStringLiteral("type")).toString();
        r.codec = o.value(QStringLiteral("codec")).toString();
        r.width = o.value(QStringLiteral("width")).toInt();
        r.height = o.value(QStringLiteral("height")).toInt();
        r.frameRate = parseRate(o.value(QStringLiteral("frame_rate")).toString());
        r.targetBitrateKbps = o.value(QStringLiteral("target_bitrate_kbps")).toInt();
        r.durationSeconds = o.value(QStringLiteral("duration_s")).toDouble();
        if (const QString init = o.value(QStringLiteral("init")).toString(); !init.isEmpty())
            r.initPath = dir.filePath(init);
        double start = 0;
        for (const QJsonValue &s : o.value(QStringLiteral("segments")).toArray()) {
            PackageSegment seg;
            seg.path = dir.filePath(s.toObject().value(QStringLiteral("file")).toString());
            seg.startSeconds = start;
            seg.durationSeconds = s.toObject().value(QStringLiteral("duration_s")).toDouble();
            seg.bytes = QFileInfo(seg.path).size();
            start += seg.durationSeconds;
            r.segments.append(seg);
        }
        if (r.segments.isEmpty() && !progressive.isEmpty()) r.progressivePath = dir.filePath(progressive);
        if (r.segments.isEmpty() && r.progressivePath.isEmpty())
            return makeError(QStringLiteral("review.manifest"),
                             QStringLiteral("rendition \"%1\" lists no files").arg(r.name), path);
        m_durationSeconds = std::max(m_durationSeconds, r.durationSeconds);
        m_renditions.append(r);
    }
    if (m_renditions.isEmpty())
        return makeError(QStringLiteral("review.manifest"), QStringLiteral("the manifest lists no renditions"), path);
    if (m_source.durationSeconds > 0) m_durationSeconds = m_source.durationSeconds;

    if (const QString qc = m.value(QStringLiteral("qc")).toObject().value(QStringLiteral("report")).toString();
        !qc.isEmpty()) {
        m_hasQc = true;
        if (Status s = loadQc(); !s) return s;
    }
    const QString curves = m.value(QStringLiteral("loudness")).toObject().value(QStringLiteral("curves")).toString();
    if (!curves.isEmpty())
        if (Status s = loadLoudness(curves); !s) return s;
    if (m.contains(QStringLiteral("thumbnails")))
        if (Status s = loadThumbnails(m.value(QStringLiteral("thumbnails")).toObject()); !s) return s;
    return {};
}

Status VersionPackage::loadQc()
{
    const QString path = QDir(m_versionDir).filePath(QStringLiteral("qc.json"));
    Result<QJsonObject> doc = readJsonObjectFile(path, QStringLiteral("review.qc"));
    if (!doc) return doc.error();
    Result<QcReport> report = QcReport::fromJson(*doc);
    if (!report) return makeError(QStringLiteral("review.qc"), report.error().message, path);
    m_qc = *report;
    return {};
}

Status VersionPackage::loadLoudness(const QString &fileName)
{
    const QString path = QDir(m_versionDir).filePath(fileName);
    Result<QJsonObject> doc = readJsonObjectFile(path, QStringLiteral("review.loudness"));
    if (!doc) return doc.error();
    if (doc->value(QStringLiteral("schema")).toString() != u"rendition.loudness/1")
        return makeError(QStringLiteral("review.loudness"),
                         QStringLiteral("not a loudness report (schema must be rendition.loudness/1)"), path);
    m_loudness.present = true;
    m_loudness.targetLufs = doc->value(QStringLiteral("target_lufs")).toDouble();
    for (const QcRule &rule : m_qc.rules)
        if (rule.check == QLatin1String(qccheck::Loudness) && rule.threshold > 0)
            m_loudness.toleranceLu = rule.threshold;
    const QJsonObject source = doc->value(QStringLiteral("source")).toObject();
    if (source.contains(QStringLiteral("curve")))
        m_loudness.curves.append(curveFrom(QStringLiteral("source"), source.value(QStringLiteral("curve")).toObject()));
    for (const QJsonValue &v : doc->value(QStringLiteral("renditions")).toArray()) {
        const QJsonObject o = v.toObject();
        m_loudness.curves.append(
            curveFrom(o.value(QStringLiteral("rendition")).toString(),
                      o.value(QStringLiteral("loudness")).toObject().value(QStringLiteral("curve")).toObject()));
    }
    for (const LoudnessCurve &c : m_loudness.curves)
        if (c.timeSeconds.size() != c.momentaryLufs.size() || c.timeSeconds.size() != c.shortTermLufs.size())
            return makeError(QStringLiteral("review.loudness"),
                             QStringLiteral("the \"%1\" curve has arrays of different lengths").arg(c.label), path);
    return {};
}

Status VersionPackage::loadThumbnails(const QJsonObject &thumbnails)
{
    const QString dir = thumbnails.value(QStringLiteral("dir")).toString(QStringLiteral("thumbnails"));
    const QString vtt = thumbnails.value(QStringLiteral("vtt")).toString(QStringLiteral("thumbnails.vtt"));
    Result<ThumbnailTrack> track = ThumbnailTrack::load(QDir(m_versionDir).filePath(dir + u'/' + vtt));
    if (!track) return track.error();
    m_thumbnails = *track;
    return {};
}

QString VersionPackage::versionName() const
{
    return QFileInfo(m_versionDir).fileName();
}

const PackageRendition *VersionPackage::rendition(const QString &name) const
{
    for (const PackageRendition &r : m_renditions)
        if (r.name == name) return &r;
    return nullptr;
}

const PackageRendition *VersionPackage::smallestVideo() const
{
    const PackageRendition *best = nullptr;
    for (const PackageRendition &r : m_renditions)
        if (r.isVideo() && (!best || r.width * r.height < best->width * best->height)) best = &r;
    return best;
}

QString VersionPackage::keyStorePath() const
{
    return QDir(m_versionDir).filePath(QStringLiteral("../keys/%1.json").arg(versionName()));
}

Result<RenditionKey> VersionPackage::readKey() const
{
    RenditionKey key;
    if (!isProtected()) return key;
    const QString path = QDir::cleanPath(keyStorePath());
    Result<QJsonObject> doc = readJsonObjectFile(path, QStringLiteral("review.key"));
    if (!doc) return doc.error();
    if (doc->value(QStringLiteral("schema")).toString() != u"rendition.keys/1")
        return makeError(QStringLiteral("review.key"),
                         QStringLiteral("not a Rendition key store (schema must be rendition.keys/1)"), path);
    const QByteArray bytes = QByteArray::fromHex(doc->value(QStringLiteral("keys"))
                                                     .toArray()
                                                     .at(0)
                                                     .toObject()
                                                     .value(QStringLiteral("key"))
                                                     .toString()
                                                     .toLatin1());
    if (bytes.size() != 16)
        return makeError(QStringLiteral("review.key"), QStringLiteral("the key store holds no 16-byte content key"),
                         path);
    if (m_drmScheme == u"cenc")
        key.kind = RenditionKey::Kind::Cenc;
    else if (m_drmScheme == u"hls-aes128")
        key.kind = RenditionKey::Kind::Aes128;
    else
        return makeError(
            QStringLiteral("review.key"),
            QStringLiteral("the manifest's DRM scheme \"%1\" cannot be decrypted for preview").arg(m_drmScheme),
            QDir(m_versionDir).filePath(QStringLiteral("manifest.json")));
    key.key = bytes;
    return key;
}

} // namespace rendition
