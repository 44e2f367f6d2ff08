#pragma once
// Shared helpers for the integration tests. Everything here drives or inspects the
// product from the outside: rendition-cli through QProcess, the outputs through ffprobe
// (a tool we didn't write, asked for JSON) and through our own text formats (manifest.json,
// HLS playlists, the DASH MPD) parsed independently of the engine's code.
//
// Contract: helpers never call QVERIFY (they are not test functions); they return empty
// values on failure and put the reason in an `error` field or string the caller asserts on.
// Times are seconds (double) unless a name says otherwise.

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>

namespace itest {

inline const QString kCli = QStringLiteral(RENDITION_CLI);
inline const QString kGood = QStringLiteral(RENDITION_FIXTURES "/good");
inline const QString kBad = QStringLiteral(RENDITION_FIXTURES "/bad");
inline constexpr int kCliTimeoutMs = 240000;
inline constexpr int kToolTimeoutMs = 60000;

inline QString good(const QString &name) { return kGood + u'/' + name; }
inline QString bad(const QString &name) { return kBad + u'/' + name; }

// ---- running processes ------------------------------------------------------------------

struct ProcessResult {
    bool finished = false;  // false: failed to start or timed out (then killed)
    bool crashed = false;   // ended by a signal
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    // stdout as JSON lines (--json-events); lines that are not JSON objects land in `invalid`.
    QList<QJsonObject> events(QStringList *invalid = nullptr) const
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : out.split('\n')) {
            if (line.trimmed().isEmpty()) continue;
            QJsonParseError pe{};
            const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
            if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                if (invalid) invalid->append(QString::fromUtf8(line));
                continue;
            }
            list.append(doc.object());
        }
        return list;
    }
    QList<QJsonObject> eventsOfType(const QString &type) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject &e : events())
            if (e.value(QStringLiteral("event")).toString() == type) list.append(e);
        return list;
    }
    QString describe() const
    {
        return QStringLiteral("exit %1%2\n--- stderr (tail) ---\n%3")
            .arg(exitCode).arg(crashed ? QStringLiteral(" (crashed)") : QString())
            .arg(QString::fromUtf8(err.right(3000)));
    }
};

inline ProcessResult runProcess(const QString &program, const QStringList &args, int timeoutMs = kToolTimeoutMs)
{
    ProcessResult r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = p.readAllStandardError() + "\n[timed out]";
        return r;
    }
    r.finished = true;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = r.crashed ? -1 : p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline ProcessResult runCli(const QStringList &args, int timeoutMs = kCliTimeoutMs)
{
    return runProcess(kCli, args, timeoutMs);
}

// `rendition-cli run --preset PRESET --out OUT [--json-events] INPUTS...`
inline ProcessResult runRendition(const QString &preset, const QString &outDir, const QStringList &inputs, bool jsonEvents = false)
{
    QStringList args{QStringLiteral("run"), QStringLiteral("--preset"), preset, QStringLiteral("--out"), outDir};
    if (jsonEvents) args << QStringLiteral("--json-events");
    return runCli(args + inputs);
}

// For runs the test interrupts: reads the JSON-lines stdout of a started `rendition-cli run
// --json-events` until an event satisfies `pred` (returns true) or the process ends or the
// time is up (false). Every line read is appended to `seen`.
template <typename Pred>
inline bool waitForEvent(QProcess &p, Pred pred, QByteArray *seen, int timeoutMs = kCliTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        while (p.canReadLine()) {
            const QByteArray line = p.readLine();
            if (seen) seen->append(line);
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (doc.isObject() && pred(doc.object())) return true;
        }
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0 || p.state() == QProcess::NotRunning) return false;
        p.waitForReadyRead(int(std::min<qint64>(left, 1000)));
    }
}

inline QString sha256sum(const QString &path)
{
    const ProcessResult r = runProcess(QStringLiteral("sha256sum"), {path});
    if (!r.finished || r.exitCode != 0) return {};
    return QString::fromLatin1(r.out).section(u' ', 0, 0).trimmed();
}

// Generates a short test source with ffmpeg lavfi (testsrc2 + noise, optional 440 Hz sine).
inline bool makeLavfiSource(const QString &path, int width, int height, const QString &rate, int seconds, bool audio = true)
{
    QStringList args{QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                     QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                     QStringLiteral("testsrc2=size=%1x%2:rate=%3:duration=%4,noise=alls=12:allf=t+u,format=yuv420p")
                         .arg(width).arg(height).arg(rate).arg(seconds)};
    if (audio)
        args << QStringLiteral("-f") << QStringLiteral("lavfi") << QStringLiteral("-i")
             << QStringLiteral("sine=frequency=440:sample_rate=48000:duration=%1").arg(seconds);
    args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset") << QStringLiteral("ultrafast")
         << QStringLiteral("-pix_fmt") << QStringLiteral("yuv420p");
    if (audio) args << QStringLiteral("-c:a") << QStringLiteral("aac") << QStringLiteral("-shortest");
    args << path;
    const ProcessResult r = runProcess(QStringLiteral("ffmpeg"), args, 120000);
    return r.finished && r.exitCode == 0 && QFileInfo(path).size() > 0;
}

// ---- ffprobe ----------------------------------------------------------------------------

// `ffprobe -v error -of json ARGS FILE`, parsed. Empty object on any failure.
inline QJsonObject ffprobeJson(const QString &file, const QStringList &args)
{
    const ProcessResult r = runProcess(QStringLiteral("ffprobe"),
                                       QStringList{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-of"), QStringLiteral("json")} + args + QStringList{file});
    if (!r.finished || r.exitCode != 0) return {};
    return QJsonDocument::fromJson(r.out).object();
}

// Streams and format of a file (with -count_frames when asked: nb_read_frames per stream).
inline QJsonObject probeStreams(const QString &file, bool countFrames = false)
{
    QStringList args{QStringLiteral("-show_streams"), QStringLiteral("-show_format")};
    if (countFrames) args << QStringLiteral("-count_frames");
    return ffprobeJson(file, args);
}

inline QJsonArray streamsOfType(const QJsonObject &probe, const QString &type)
{
    QJsonArray out;
    for (const QJsonValue &v : probe.value(QStringLiteral("streams")).toArray())
        if (v.toObject().value(QStringLiteral("codec_type")).toString() == type) out.append(v);
    return out;
}

struct PacketInfo {
    double pts = 0;      // seconds
    double dts = 0;      // seconds
    double duration = 0; // seconds
    bool key = false;
};

// Every packet of the first stream of `type` ("v" or "a"), in file (decode) order.
inline QList<PacketInfo> probePackets(const QString &file, const QString &type = QStringLiteral("v"))
{
    const QJsonObject o = ffprobeJson(file, {QStringLiteral("-select_streams"), type + QStringLiteral(":0"), QStringLiteral("-show_entries"),
                                             QStringLiteral("packet=pts_time,dts_time,duration_time,flags")});
    QList<PacketInfo> list;
    for (const QJsonValue &v : o.value(QStringLiteral("packets")).toArray()) {
        const QJsonObject p = v.toObject();
        list.append({p.value(QStringLiteral("pts_time")).toString().toDouble(), p.value(QStringLiteral("dts_time")).toString().toDouble(),
                     p.value(QStringLiteral("duration_time")).toString().toDouble(),
                     p.value(QStringLiteral("flags")).toString().contains(u'K')});
    }
    return list;
}

inline QList<double> keyframeTimes(const QList<PacketInfo> &packets)
{
    QList<double> out;
    for (const PacketInfo &p : packets)
        if (p.key) out.append(p.pts);
    std::sort(out.begin(), out.end());
    return out;
}

inline double totalDuration(const QList<PacketInfo> &packets)
{
    double d = 0;
    for (const PacketInfo &p : packets) d += p.duration;
    return d;
}

// "30000/1001" → 29.97; 0 when unparsable or n/0.
inline double rationalValue(const QString &r)
{
    const QStringList parts = r.split(u'/');
    if (parts.size() != 2 || parts[1].toDouble() == 0) return parts.size() == 1 ? parts[0].toDouble() : 0.0;
    return parts[0].toDouble() / parts[1].toDouble();
}

// ---- files ------------------------------------------------------------------------------

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QJsonObject readJsonObject(const QString &path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

inline QJsonObject readManifest(const QString &versionDir)
{
    return readJsonObject(QDir(versionDir).filePath(QStringLiteral("manifest.json")));
}

// Concatenates files (init.mp4 + segments) into `target`, for tools that want one file.
inline bool concatFiles(const QStringList &parts, const QString &target)
{
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    for (const QString &p : parts) {
        QFile in(p);
        if (!in.open(QIODevice::ReadOnly) || out.write(in.readAll()) < 0) return false;
    }
    return true;
}

// Sorted "seg_*" files of one rendition folder (absolute paths).
inline QStringList segmentFiles(const QString &renditionDir, const QString &suffix = QStringLiteral("m4s"))
{
    QDir d(renditionDir);
    QStringList out;
    for (const QString &n : d.entryList({QStringLiteral("seg_*.") + suffix}, QDir::Files, QDir::Name)) out << d.filePath(n);
    return out;
}

// init.mp4 + every segment of a CMAF rendition joined into `target`.
inline bool joinRendition(const QString &renditionDir, const QString &target)
{
    const QStringList segs = segmentFiles(renditionDir);
    return !segs.isEmpty() && concatFiles(QStringList{QDir(renditionDir).filePath(QStringLiteral("init.mp4"))} + segs, target);
}

inline QStringList versionDirs(const QString &assetDir)
{
    static const QRegularExpression re(QStringLiteral("^v\\d+$"));
    QStringList out;
    for (const QString &n : QDir(assetDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (re.match(n).hasMatch()) out << n;
    return out;
}

inline QStringList stagingDirs(const QString &assetDir)
{
    return QDir(assetDir).entryList({QStringLiteral(".staging-*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
}

// Major brand + compatible brands of the ftyp box at the start of an ISO-BMFF file.
inline QStringList ftypBrands(const QString &path)
{
    const QByteArray b = readAll(path).left(4096);
    if (b.size() < 16 || b.mid(4, 4) != "ftyp") return {};
    const quint32 size = (quint32(quint8(b[0])) << 24) | (quint32(quint8(b[1])) << 16) | (quint32(quint8(b[2])) << 8) | quint8(b[3]);
    QStringList brands{QString::fromLatin1(b.mid(8, 4))};
    for (quint32 off = 16; off + 4 <= size && off + 4 <= quint32(b.size()); off += 4) brands << QString::fromLatin1(b.mid(int(off), 4));
    return brands;
}

// ---- presets ----------------------------------------------------------------------------

inline QJsonObject vbr(int kbps, int maxKbps)
{
    return {{QStringLiteral("mode"), QStringLiteral("vbr")}, {QStringLiteral("bitrate_kbps"), kbps},
            {QStringLiteral("max_kbps"), maxKbps}, {QStringLiteral("bufsize_kbps"), 0}};
}
inline QJsonObject cbr(int kbps) { return {{QStringLiteral("mode"), QStringLiteral("cbr")}, {QStringLiteral("bitrate_kbps"), kbps}}; }
inline QJsonObject crf(int value) { return {{QStringLiteral("mode"), QStringLiteral("crf")}, {QStringLiteral("crf"), value}}; }

struct RungSpec {
    QString name;
    int width = 0;
    int height = 0;
    QJsonObject rateControl;
    QString codec = QStringLiteral("h264");
    QString speed = QStringLiteral("veryfast");
    QString encoder = QStringLiteral("software");
    QString profile = QStringLiteral("main");
};

inline QJsonObject rungJson(const RungSpec &r)
{
    return {{QStringLiteral("name"), r.name}, {QStringLiteral("codec"), r.codec}, {QStringLiteral("width"), r.width},
            {QStringLiteral("height"), r.height}, {QStringLiteral("keep_aspect"), true}, {QStringLiteral("rate_control"), r.rateControl},
            {QStringLiteral("profile"), r.profile}, {QStringLiteral("level"), QString()}, {QStringLiteral("speed"), r.speed},
            {QStringLiteral("encoder"), r.encoder}, {QStringLiteral("audio"), QString()}};
}

inline QJsonObject aacAudio(const QString &name = QStringLiteral("aac-128k"), int kbps = 128)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("codec"), QStringLiteral("aac")}, {QStringLiteral("bitrate_kbps"), kbps},
            {QStringLiteral("channels"), 2}, {QStringLiteral("sample_rate"), 48000}, {QStringLiteral("language"), QString()}};
}

enum class Packaging { Invalid = 0, Cmaf, HlsTs, ProgressiveMp4 };

struct PresetSpec {
    QString name;
    QList<RungSpec> ladder;
    bool audio = true;               // one AAC 128k stereo rendition
    double segmentSeconds = 4;
    int bFrames = 3;
    Packaging packaging = Packaging::Cmaf;
};

// A complete preset in canonical form (every field written), so it equals the manifest's snapshot.
inline QJsonObject presetJson(const PresetSpec &s)
{
    QJsonArray ladder;
    for (const RungSpec &r : s.ladder) ladder.append(rungJson(r));
    QJsonArray audio;
    if (s.audio) audio.append(aacAudio());
    const bool ts = s.packaging == Packaging::HlsTs, mp4 = s.packaging == Packaging::ProgressiveMp4;
    return {{QStringLiteral("schema"), QStringLiteral("rendition.preset/1")}, {QStringLiteral("name"), s.name},
            {QStringLiteral("description"), QStringLiteral("integration test preset")}, {QStringLiteral("version"), 1},
            {QStringLiteral("deinterlace"), QStringLiteral("auto")},
            {QStringLiteral("gop"), QJsonObject{{QStringLiteral("keyframes_per_segment"), 1}, {QStringLiteral("scene_cut"), false},
                                                {QStringLiteral("b_frames"), s.bFrames}}},
            {QStringLiteral("ladder"), ladder}, {QStringLiteral("audio"), audio},
            {QStringLiteral("packaging"), QJsonObject{{QStringLiteral("segment_duration_s"), s.segmentSeconds},
                                                      {QStringLiteral("hls"), !mp4}, {QStringLiteral("dash"), !mp4 && !ts},
                                                      {QStringLiteral("hls_segment_format"), ts ? QStringLiteral("mpegts") : QStringLiteral("fmp4")},
                                                      {QStringLiteral("progressive_mp4"), mp4}}},
            {QStringLiteral("naming"), QJsonObject{{QStringLiteral("asset"), QStringLiteral("{stem}")},
                                                   {QStringLiteral("rendition"), QStringLiteral("{name}")}}}};
}

// Writes the preset as DIR/<name>.json and returns the path (empty on failure).
inline QString writePreset(const QString &dir, const QJsonObject &preset)
{
    const QString path = QDir(dir).filePath(preset.value(QStringLiteral("name")).toString() + QStringLiteral(".json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(QJsonDocument(preset).toJson()) < 0) return {};
    return path;
}

// ---- HLS --------------------------------------------------------------------------------

// Attribute list of an HLS tag: KEY=VALUE pairs, values optionally quoted (quotes removed).
inline QHash<QString, QString> hlsAttributes(const QString &list)
{
    QHash<QString, QString> out;
    int i = 0;
    while (i < list.size()) {
        const int eq = list.indexOf(u'=', i);
        if (eq < 0) break;
        const QString key = list.mid(i, eq - i).trimmed();
        int j = eq + 1;
        QString value;
        if (j < list.size() && list[j] == u'"') {
            const int close = list.indexOf(u'"', j + 1);
            value = list.mid(j + 1, (close < 0 ? list.size() : close) - j - 1);
            j = close < 0 ? list.size() : close + 1;
        } else {
            const int comma = list.indexOf(u',', j);
            value = list.mid(j, (comma < 0 ? list.size() : comma) - j);
            j = comma < 0 ? list.size() : comma;
        }
        out.insert(key, value);
        i = j + 1; // skip the comma
    }
    return out;
}

struct HlsVariant {
    QHash<QString, QString> attributes;
    QString uri;
};

struct MasterPlaylist {
    bool valid = false; // starts with #EXTM3U
    QStringList lines;
    QList<QHash<QString, QString>> media; // EXT-X-MEDIA
    QList<HlsVariant> variants;           // EXT-X-STREAM-INF + URI
    bool has(const QString &tag) const
    {
        return std::any_of(lines.begin(), lines.end(), [&](const QString &l) { return l == tag || l.startsWith(tag + u':'); });
    }
};

inline MasterPlaylist parseMaster(const QString &path)
{
    MasterPlaylist m;
    m.lines = QString::fromUtf8(readAll(path)).split(u'\n', Qt::SkipEmptyParts);
    m.valid = !m.lines.isEmpty() && m.lines.first() == u"#EXTM3U";
    for (int i = 0; i < m.lines.size(); ++i) {
        const QString &l = m.lines[i];
        if (l.startsWith(u"#EXT-X-MEDIA:")) m.media.append(hlsAttributes(l.mid(13)));
        if (l.startsWith(u"#EXT-X-STREAM-INF:") && i + 1 < m.lines.size()) m.variants.append({hlsAttributes(l.mid(18)), m.lines[++i]});
    }
    return m;
}

struct MediaSegment {
    double duration = 0;
    QString uri;
};

struct MediaPlaylist {
    bool valid = false;      // #EXTM3U first and #EXT-X-ENDLIST present
    QStringList lines;
    int version = 0;         // EXT-X-VERSION
    int targetDuration = 0;  // EXT-X-TARGETDURATION
    QString mapUri;          // EXT-X-MAP URI, empty when absent
    QList<MediaSegment> segments;
    bool has(const QString &tag) const
    {
        return std::any_of(lines.begin(), lines.end(), [&](const QString &l) { return l == tag || l.startsWith(tag + u':'); });
    }
};

inline MediaPlaylist parseMediaPlaylist(const QString &path)
{
    MediaPlaylist p;
    p.lines = QString::fromUtf8(readAll(path)).split(u'\n', Qt::SkipEmptyParts);
    p.valid = !p.lines.isEmpty() && p.lines.first() == u"#EXTM3U" && p.lines.contains(QStringLiteral("#EXT-X-ENDLIST"));
    for (int i = 0; i < p.lines.size(); ++i) {
        const QString &l = p.lines[i];
        if (l.startsWith(u"#EXT-X-VERSION:")) p.version = l.mid(15).toInt();
        else if (l.startsWith(u"#EXT-X-TARGETDURATION:")) p.targetDuration = l.mid(22).toInt();
        else if (l.startsWith(u"#EXT-X-MAP:")) p.mapUri = hlsAttributes(l.mid(11)).value(QStringLiteral("URI"));
        else if (l.startsWith(u"#EXTINF:") && i + 1 < p.lines.size())
            p.segments.append({l.mid(8).section(u',', 0, 0).toDouble(), p.lines[++i]});
    }
    return p;
}

// ---- DASH -------------------------------------------------------------------------------

struct MpdRepresentation {
    QString contentType; // of its AdaptationSet
    QString id;
    QString codecs;
    int width = 0;
    int height = 0;
    qint64 bandwidth = 0;
    QString initialization; // SegmentTemplate@initialization
    QString media;          // SegmentTemplate@media
    int startNumber = 1;
    qint64 timescale = 0;
    int segmentCount = 0;   // SegmentTimeline: sum of (1 + r)
    qint64 timelineTicks = 0; // sum of d × (1 + r)
};

struct Mpd {
    QString error; // empty when the XML parsed
    QString type;
    QString profiles;
    QList<MpdRepresentation> representations;
};

inline Mpd parseMpd(const QString &path)
{
    Mpd mpd;
    QXmlStreamReader xml(readAll(path));
    QString contentType;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const QXmlStreamAttributes a = xml.attributes();
        const auto name = xml.name();
        if (name == u"MPD") {
            mpd.type = a.value(QLatin1String("type")).toString();
            mpd.profiles = a.value(QLatin1String("profiles")).toString();
        } else if (name == u"AdaptationSet") {
            contentType = a.value(QLatin1String("contentType")).toString();
        } else if (name == u"Representation") {
            MpdRepresentation r;
            r.contentType = contentType;
            r.id = a.value(QLatin1String("id")).toString();
            r.codecs = a.value(QLatin1String("codecs")).toString();
            r.width = a.value(QLatin1String("width")).toInt();
            r.height = a.value(QLatin1String("height")).toInt();
            r.bandwidth = a.value(QLatin1String("bandwidth")).toLongLong();
            mpd.representations.append(r);
        } else if (name == u"SegmentTemplate" && !mpd.representations.isEmpty()) {
            MpdRepresentation &r = mpd.representations.last();
            r.initialization = a.value(QLatin1String("initialization")).toString();
            r.media = a.value(QLatin1String("media")).toString();
            r.startNumber = a.hasAttribute(QLatin1String("startNumber")) ? a.value(QLatin1String("startNumber")).toInt() : 1;
            r.timescale = a.value(QLatin1String("timescale")).toLongLong();
        } else if (name == u"S" && !mpd.representations.isEmpty()) {
            MpdRepresentation &r = mpd.representations.last();
            const int repeat = a.hasAttribute(QLatin1String("r")) ? a.value(QLatin1String("r")).toInt() : 0;
            r.segmentCount += 1 + repeat;
            r.timelineTicks += a.value(QLatin1String("d")).toLongLong() * (1 + repeat);
        }
    }
    if (xml.hasError()) mpd.error = xml.errorString();
    return mpd;
}

// Expands "$Number%05d$" / "$Number$" in a SegmentTemplate@media value.
inline QString expandNumber(const QString &pattern, int number)
{
    static const QRegularExpression re(QStringLiteral("\\$Number(?:%0(\\d+)d)?\\$"));
    QString out = pattern;
    const auto m = re.match(out);
    if (!m.hasMatch()) return out;
    const int width = m.captured(1).isEmpty() ? 0 : m.captured(1).toInt();
    return out.replace(m.capturedStart(), m.capturedLength(), QStringLiteral("%1").arg(number, width, 10, QLatin1Char('0')));
}

// ---- manifest ---------------------------------------------------------------------------

inline QJsonObject renditionNamed(const QJsonObject &manifest, const QString &name)
{
    for (const QJsonValue &v : manifest.value(QStringLiteral("renditions")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name) return v.toObject();
    return {};
}

inline QList<QJsonObject> renditionsOfType(const QJsonObject &manifest, const QString &type)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : manifest.value(QStringLiteral("renditions")).toArray())
        if (v.toObject().value(QStringLiteral("type")).toString() == type) out.append(v.toObject());
    return out;
}

} // namespace itest
