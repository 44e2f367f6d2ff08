#include "core/pipeline/StageResultJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace rendition {

namespace {

// Reads fields of one object, remembering the first that is missing or of the wrong type.
class Fields {
public:
    Fields(const QJsonObject &o, QString path, QString *firstBad) : m_o(o), m_path(std::move(path)), m_bad(firstBad) {}
    double num(const char *key) const { return at(key, QJsonValue::Double).toDouble(); }
    qint64 int64(const char *key) const { return qint64(num(key)); }
    int int32(const char *key) const { return int(num(key)); }
    bool flag(const char *key) const { return at(key, QJsonValue::Bool).toBool(); }
    QString str(const char *key) const { return at(key, QJsonValue::String).toString(); }
    QJsonArray array(const char *key) const { return at(key, QJsonValue::Array).toArray(); }
    QJsonObject object(const char *key) const { return at(key, QJsonValue::Object).toObject(); }
    QString path(const char *key) const { return m_path + u'.' + QLatin1String(key); }
    QString *bad() const { return m_bad; }

private:
    QJsonValue at(const char *key, QJsonValue::Type type) const
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.type() != type && m_bad->isEmpty()) *m_bad = path(key);
        return v;
    }
    QJsonObject m_o;
    QString m_path;
    QString *m_bad;
};

Error invalid(const QString &what) { return makeError(QStringLiteral("checkpoint.invalid"), QStringLiteral("the checkpoint's result data lacks or garbles %1").arg(what)); }

QJsonArray rational(AVRational r) { return {r.num, r.den}; }
AVRational rationalFrom(const QJsonArray &a) { return a.size() == 2 ? AVRational{a[0].toInt(), a[1].toInt()} : AVRational{0, 1}; }

QJsonObject statsToJson(const LoudnessStats &s)
{
    QJsonArray t, m, st;
    for (const LoudnessPoint &p : s.curve) {
        t.append(p.timeSeconds);
        m.append(p.momentaryLufs);
        st.append(p.shortTermLufs);
    }
    return {{QStringLiteral("integrated_lufs"), s.integratedLufs}, {QStringLiteral("range_lu"), s.rangeLu},
            {QStringLiteral("true_peak_dbtp"), s.truePeakDbtp}, {QStringLiteral("true_peak_measured"), s.truePeakMeasured},
            {QStringLiteral("sample_peak_dbfs"), s.samplePeakDbfs}, {QStringLiteral("duration_s"), s.durationSeconds},
            {QStringLiteral("channels"), s.channels}, {QStringLiteral("sample_rate"), s.sampleRate},
            {QStringLiteral("curve_time_s"), t}, {QStringLiteral("curve_momentary"), m}, {QStringLiteral("curve_short_term"), st}};
}

LoudnessStats statsFrom(const Fields &f)
{
    LoudnessStats s;
    s.integratedLufs = f.num("integrated_lufs");
    s.rangeLu = f.num("range_lu");
    s.truePeakDbtp = f.num("true_peak_dbtp");
    s.truePeakMeasured = f.flag("true_peak_measured");
    s.samplePeakDbfs = f.num("sample_peak_dbfs");
    s.durationSeconds = f.num("duration_s");
    s.channels = f.int32("channels");
    s.sampleRate = f.int32("sample_rate");
    const QJsonArray t = f.array("curve_time_s"), m = f.array("curve_momentary"), st = f.array("curve_short_term");
    if ((t.size() != m.size() || t.size() != st.size()) && f.bad()->isEmpty()) *f.bad() = f.path("curve_time_s");
    for (qsizetype i = 0; i < t.size() && i < m.size() && i < st.size(); ++i) s.curve.append({t[i].toDouble(), m[i].toDouble(), st[i].toDouble()});
    return s;
}

QJsonObject trackToJson(const TrackRecord &t, const QDir &staging)
{
    QJsonArray segments;
    for (const SegmentRecord &s : t.segments) segments.append(QJsonArray{s.file, double(s.startPts), double(s.durationTs), double(s.bytes)});
    return {{QStringLiteral("dir"), t.dir.isEmpty() ? QString() : staging.relativeFilePath(t.dir)},
            {QStringLiteral("init_file"), t.initFile},
            {QStringLiteral("init_bytes"), QString::fromLatin1(t.initBytes.toBase64())},
            {QStringLiteral("time_base"), rational(t.timeBase)},
            {QStringLiteral("segments"), segments},
            {QStringLiteral("total_bytes"), double(t.totalBytes)},
            {QStringLiteral("packets"), double(t.packets)}};
}

TrackRecord trackFrom(const Fields &f, const QDir &staging)
{
    TrackRecord t;
    const QString dir = f.str("dir");
    if (dir.contains(QStringLiteral("..")) && f.bad()->isEmpty()) *f.bad() = f.path("dir");
    t.dir = dir.isEmpty() ? QString() : QDir::cleanPath(staging.filePath(dir));
    t.initFile = f.str("init_file");
    t.initBytes = QByteArray::fromBase64(f.str("init_bytes").toLatin1());
    t.timeBase = rationalFrom(f.array("time_base"));
    for (const QJsonValue &v : f.array("segments")) {
        const QJsonArray a = v.toArray();
        if (a.size() != 4 && f.bad()->isEmpty()) *f.bad() = f.path("segments");
        t.segments.append({a.at(0).toString(), qint64(a.at(1).toDouble()), qint64(a.at(2).toDouble()), qint64(a.at(3).toDouble())});
    }
    t.totalBytes = f.int64("total_bytes");
    t.packets = f.int64("packets");
    return t;
}

QJsonObject encoderToJson(const EncoderChoice &e)
{
    return {{QStringLiteral("encoder"), e.encoder}, {QStringLiteral("requested"), e.requested},
            {QStringLiteral("hardware"), e.hardware}, {QStringLiteral("fallback_reason"), e.fallbackReason}};
}

EncoderChoice encoderFrom(const Fields &f)
{
    return EncoderChoice{f.str("encoder"), f.str("requested"), f.flag("hardware"), f.str("fallback_reason")};
}

QJsonArray base64List(const QList<QByteArray> &list)
{
    QJsonArray a;
    for (const QByteArray &b : list) a.append(QString::fromLatin1(b.toBase64()));
    return a;
}

} // namespace

// ---- thumbnails -------------------------------------------------------------------------------

QJsonObject thumbnailsToJson(const ThumbnailResult &r)
{
    QJsonArray cues;
    for (const ThumbnailCue &c : r.cues)
        cues.append(QJsonArray{c.startSeconds, c.endSeconds, c.sheet, c.x, c.y, c.width, c.height, c.frameSeconds});
    const ThumbnailOptions &o = r.options;
    return {{QStringLiteral("poster"), r.poster}, {QStringLiteral("sheets"), QJsonArray::fromStringList(r.sheets)},
            {QStringLiteral("vtt"), r.vtt}, {QStringLiteral("cues"), cues},
            {QStringLiteral("options"), QJsonObject{{QStringLiteral("interval_s"), o.intervalSeconds}, {QStringLiteral("tile_width"), o.tileWidth},
                                                    {QStringLiteral("tile_height"), o.tileHeight}, {QStringLiteral("columns"), o.columns},
                                                    {QStringLiteral("rows"), o.rows}, {QStringLiteral("jpeg_quality"), o.jpegQuality},
                                                    {QStringLiteral("poster_s"), o.posterSeconds}, {QStringLiteral("poster_width"), o.posterWidth},
                                                    {QStringLiteral("decoder_threads"), o.decoderThreads}}},
            {QStringLiteral("duration_s"), r.durationSeconds}, {QStringLiteral("frames_decoded"), r.framesDecoded},
            {QStringLiteral("missing_tiles"), r.missingTiles}};
}

Result<ThumbnailResult> thumbnailsFromJson(const QJsonObject &o)
{
    QString bad;
    const Fields f(o, QStringLiteral("thumbnails"), &bad);
    ThumbnailResult r;
    r.poster = f.str("poster");
    for (const QJsonValue &v : f.array("sheets")) r.sheets << v.toString();
    r.vtt = f.str("vtt");
    for (const QJsonValue &v : f.array("cues")) {
        const QJsonArray a = v.toArray();
        if (a.size() != 8 && bad.isEmpty()) bad = f.path("cues");
        r.cues.append({a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toInt(), a.at(3).toInt(), a.at(4).toInt(), a.at(5).toInt(),
                       a.at(6).toInt(), a.at(7).toDouble()});
    }
    const Fields opt(f.object("options"), f.path("options"), &bad);
    r.options.intervalSeconds = opt.num("interval_s");
    r.options.tileWidth = opt.int32("tile_width");
    r.options.tileHeight = opt.int32("tile_height");
    r.options.columns = opt.int32("columns");
    r.options.rows = opt.int32("rows");
    r.options.jpegQuality = opt.int32("jpeg_quality");
    r.options.posterSeconds = opt.num("poster_s");
    r.options.posterWidth = opt.int32("poster_width");
    r.options.decoderThreads = opt.int32("decoder_threads");
    r.durationSeconds = f.num("duration_s");
    r.framesDecoded = f.int32("frames_decoded");
    r.missingTiles = f.int32("missing_tiles");
    if (!bad.isEmpty()) return invalid(bad);
    return r;
}

// ---- loudness ---------------------------------------------------------------------------------

QJsonObject loudnessToJson(const LoudnessOutcome &r)
{
    QJsonArray renditions;
    for (const LoudnessOutcome::Rendition &x : r.renditions)
        renditions.append(QJsonObject{{QStringLiteral("name"), x.name}, {QStringLiteral("after"), statsToJson(x.after)},
                                      {QStringLiteral("limiter_reduction_db"), x.limiterReductionDb}});
    return {{QStringLiteral("source"), statsToJson(r.source)},
            {QStringLiteral("plan"), QJsonObject{{QStringLiteral("gain_db"), r.plan.gainDb}, {QStringLiteral("limiter"), r.plan.limiter},
                                                 {QStringLiteral("predicted_true_peak_dbtp"), r.plan.predictedTruePeakDbtp},
                                                 {QStringLiteral("note"), r.plan.note}}},
            {QStringLiteral("renditions"), renditions}};
}

Result<LoudnessOutcome> loudnessFromJson(const QJsonObject &o, const LoudnessPolicy &policy)
{
    QString bad;
    const Fields f(o, QStringLiteral("loudness"), &bad);
    LoudnessOutcome r;
    r.policy = policy;
    r.source = statsFrom(Fields(f.object("source"), f.path("source"), &bad));
    const Fields plan(f.object("plan"), f.path("plan"), &bad);
    r.plan.gainDb = plan.num("gain_db");
    r.plan.limiter = plan.flag("limiter");
    r.plan.predictedTruePeakDbtp = plan.num("predicted_true_peak_dbtp");
    r.plan.note = plan.str("note");
    for (const QJsonValue &v : f.array("renditions")) {
        const Fields x(v.toObject(), f.path("renditions"), &bad);
        r.renditions.append({x.str("name"), statsFrom(Fields(x.object("after"), x.path("after"), &bad)), x.num("limiter_reduction_db")});
    }
    if (!bad.isEmpty()) return invalid(bad);
    return r;
}

// ---- transcode --------------------------------------------------------------------------------

QJsonObject transcodeToJson(const TranscodeResult &r, const QString &stagingDir)
{
    const QDir staging(stagingDir);
    QJsonArray video, audio;
    for (const VideoOutput &v : r.video)
        video.append(QJsonObject{{QStringLiteral("dir_name"), v.planned.dirName}, {QStringLiteral("encoder"), encoderToJson(v.encoder)},
                                 {QStringLiteral("codec_string"), v.codecString}, {QStringLiteral("frame_rate"), rational(v.frameRate)},
                                 {QStringLiteral("track"), trackToJson(v.track, staging)}});
    for (const AudioOutput &a : r.audio)
        audio.append(QJsonObject{{QStringLiteral("rendition"), a.rendition.name}, {QStringLiteral("dir_name"), a.dirName},
                                 {QStringLiteral("encoder"), a.encoder}, {QStringLiteral("codec_string"), a.codecString},
                                 {QStringLiteral("language"), a.language}, {QStringLiteral("limiter_reduction_db"), a.limiterReductionDb},
                                 {QStringLiteral("track"), trackToJson(a.track, staging)}});
    return {{QStringLiteral("video"), video}, {QStringLiteral("audio"), audio},
            {QStringLiteral("progressive_file"), r.progressiveFile}, {QStringLiteral("start_offset_s"), r.startOffsetSeconds},
            {QStringLiteral("frames_decoded"), double(r.framesDecoded)}, {QStringLiteral("decode_errors"), r.decodeErrors},
            {QStringLiteral("deinterlaced"), r.deinterlaced}};
}

Result<TranscodeResult> transcodeFromJson(const QJsonObject &o, const QString &stagingDir, const LadderPlan &plan, const Preset &preset)
{
    const QDir staging(stagingDir);
    QString bad;
    const Fields f(o, QStringLiteral("transcode"), &bad);
    TranscodeResult r;
    for (const QJsonValue &v : f.array("video")) {
        const Fields x(v.toObject(), f.path("video"), &bad);
        VideoOutput out;
        const QString dirName = x.str("dir_name");
        const auto rung = std::find_if(plan.rungs.cbegin(), plan.rungs.cend(), [&](const PlannedRung &p) { return p.dirName == dirName; });
        if (rung == plan.rungs.cend()) return invalid(QStringLiteral("a rendition the ladder plan does not have (%1)").arg(dirName));
        out.planned = *rung;
        out.encoder = encoderFrom(Fields(x.object("encoder"), x.path("encoder"), &bad));
        out.codecString = x.str("codec_string");
        out.frameRate = rationalFrom(x.array("frame_rate"));
        out.track = trackFrom(Fields(x.object("track"), x.path("track"), &bad), staging);
        r.video.append(out);
    }
    for (const QJsonValue &v : f.array("audio")) {
        const Fields x(v.toObject(), f.path("audio"), &bad);
        AudioOutput out;
        const AudioRendition *rendition = preset.audioNamed(x.str("rendition"));
        if (!rendition) return invalid(QStringLiteral("an audio rendition the preset does not have (%1)").arg(x.str("rendition")));
        out.rendition = *rendition;
        out.dirName = x.str("dir_name");
        out.encoder = x.str("encoder");
        out.codecString = x.str("codec_string");
        out.language = x.str("language");
        out.limiterReductionDb = x.num("limiter_reduction_db");
        out.track = trackFrom(Fields(x.object("track"), x.path("track"), &bad), staging);
        r.audio.append(out);
    }
    r.progressiveFile = f.str("progressive_file");
    r.startOffsetSeconds = f.num("start_offset_s");
    r.framesDecoded = f.int64("frames_decoded");
    r.decodeErrors = f.int32("decode_errors");
    r.deinterlaced = f.flag("deinterlaced");
    if (!bad.isEmpty()) return invalid(bad);
    return r;
}

QStringList transcodeOutputs(const TranscodeResult &r, const QString &stagingDir)
{
    const QDir staging(stagingDir);
    QStringList roots;
    auto add = [&](const QString &absDir) {
        if (!absDir.isEmpty() && !roots.contains(staging.relativeFilePath(absDir))) roots << staging.relativeFilePath(absDir);
    };
    for (const VideoOutput &v : r.video) add(v.track.dir);
    for (const AudioOutput &a : r.audio) add(a.track.dir);
    if (!r.progressiveFile.isEmpty()) roots << r.progressiveFile;
    return roots;
}

// ---- DRM --------------------------------------------------------------------------------------

QJsonObject drmToJson(const DrmOutcome &r)
{
    return {{QStringLiteral("scheme"), drmSchemeName(r.scheme)}, {QStringLiteral("kid"), cenc::keyIdToHex(r.key.kid)},
            {QStringLiteral("pssh_boxes"), base64List(r.psshBoxes)},
            {QStringLiteral("widevine_pssh"), QString::fromLatin1(r.widevinePssh.toBase64())},
            {QStringLiteral("playready_pssh"), QString::fromLatin1(r.playReadyPssh.toBase64())},
            {QStringLiteral("systems"), QJsonArray::fromStringList(r.systems)},
            {QStringLiteral("key_uri_template"), r.keyUriTemplate}};
}

Result<DrmOutcome> drmFromJson(const QJsonObject &o, const cenc::ContentKey &key)
{
    QString bad;
    const Fields f(o, QStringLiteral("drm"), &bad);
    DrmOutcome r;
    r.scheme = drmSchemeFromName(f.str("scheme"));
    if (cenc::keyIdToHex(key.kid) != f.str("kid")) return invalid(QStringLiteral("the key id (it differs from the key store's)"));
    r.key = key;
    for (const QJsonValue &v : f.array("pssh_boxes")) r.psshBoxes << QByteArray::fromBase64(v.toString().toLatin1());
    r.widevinePssh = QByteArray::fromBase64(f.str("widevine_pssh").toLatin1());
    r.playReadyPssh = QByteArray::fromBase64(f.str("playready_pssh").toLatin1());
    for (const QJsonValue &v : f.array("systems")) r.systems << v.toString();
    r.keyUriTemplate = f.str("key_uri_template");
    if (!bad.isEmpty()) return invalid(bad);
    if (r.scheme == DrmScheme::Invalid || r.scheme == DrmScheme::None) return invalid(QStringLiteral("drm.scheme"));
    return r;
}

Result<cenc::ContentKey> readKeyStore(const QString &path, const QString &kidHex)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("drm.key_store"), QStringLiteral("the key store of the interrupted run cannot be opened"), path);
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("keys")).toArray()) {
        const QJsonObject k = v.toObject();
        const std::optional<cenc::KeyId> kid = cenc::keyIdFromString(k.value(QStringLiteral("kid")).toString());
        const QByteArray key = QByteArray::fromHex(k.value(QStringLiteral("key")).toString().toLatin1());
        if (!kid || cenc::keyIdToHex(*kid) != kidHex) continue;
        if (key.size() != 16) break;
        cenc::ContentKey out;
        out.kid = *kid;
        std::copy(key.cbegin(), key.cend(), out.key.begin());
        return out;
    }
    return makeError(QStringLiteral("drm.key_store"), QStringLiteral("the key store does not hold a valid key for KID %1").arg(kidHex), path);
}

} // namespace rendition
