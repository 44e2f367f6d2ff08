// writePlaylists(): HLS media playlists and master, and the DASH MPD, from a synthetic
// TranscodeResult (no encoding). Checks the numbers against the segment records: target
// duration, EXTINF, BANDWIDTH = measured video peak + audio peak, SegmentTimeline
// run-length coding, presentationTimeOffset; packaging modes; an unwritable folder.

#include "core/pipeline/PlaylistWriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <array>
#include <cmath>

using namespace rendition;

namespace {

using Ticks = QList<qint64>;
constexpr double kOffsetSeconds = 0.16; // 4 frames at 25 fps

TrackRecord makeTrack(const QString &dir, AVRational tb, const Ticks &durations, qint64 bytesPerSecond, const QString &ext = "m4s")
{
    TrackRecord t;
    t.dir = dir;
    t.initFile = ext == u"m4s" ? QStringLiteral("init.mp4") : QString();
    t.timeBase = tb;
    qint64 pts = std::llround(kOffsetSeconds / av_q2d(tb));
    for (int i = 0; i < durations.size(); ++i) {
        // Uneven sizes so that the peak differs from the average.
        const qint64 bytes = std::llround(durations[i] * av_q2d(tb) * bytesPerSecond * (i == 1 ? 1.5 : 1.0));
        t.segments.append({QStringLiteral("seg_%1.%2").arg(i + 1, 5, 10, QLatin1Char('0')).arg(ext), pts, durations[i], bytes});
        t.totalBytes += bytes;
        pts += durations[i];
    }
    return t;
}

VideoOutput makeVideo(const QString &name, int w, int h, const Ticks &durations, const QString &ext = "m4s")
{
    VideoOutput v;
    v.planned.rung.name = v.planned.dirName = name;
    v.planned.width = w;
    v.planned.height = h;
    v.encoder.encoder = QStringLiteral("libx264");
    v.codecString = QStringLiteral("avc1.64001f");
    v.frameRate = AVRational{25, 1};
    v.track = makeTrack(name, AVRational{1, 12800}, durations, qint64(w) * h / 4, ext);
    return v;
}

AudioOutput makeAudio(const QString &name, int kbps, const Ticks &durations, const QString &ext = "m4s")
{
    AudioOutput a;
    a.rendition = AudioRendition{name, AudioCodec::Aac, kbps};
    a.dirName = name;
    a.encoder = QStringLiteral("aac");
    a.codecString = QStringLiteral("mp4a.40.2");
    a.language = QStringLiteral("eng");
    a.track = makeTrack(name, AVRational{1, 48000}, durations, kbps * 125, ext);
    return a;
}

const Ticks kVideoTicks{51200, 51200, 51200, 32000}; // 4 s ×3 + 2.5 s at 1/12800
const Ticks kAudioTicks{192000, 192000, 192000, 120000};

TranscodeResult standardResult()
{
    TranscodeResult r;
    r.startOffsetSeconds = kOffsetSeconds;
    r.video = {makeVideo("720p", 1280, 720, kVideoTicks), makeVideo("360p", 640, 360, kVideoTicks)};
    r.audio = {makeAudio("aac", 128, kAudioTicks)};
    return r;
}

// writePlaylists() reads only the packaging part of a preset.
Preset presetWith(bool hls, bool dash, const QString &hlsFormat = "fmp4", bool progressive = false)
{
    Preset p;
    p.packaging = Packaging{4.0, hls, dash, hlsSegmentFormatFromName(hlsFormat), progressive};
    return p;
}

// Makes the rendition folders (the transcoder's job) and writes the playlists into root.
Result<PackageEntryPoints> writeInto(const QString &root, const TranscodeResult &r, const Preset &preset)
{
    for (const VideoOutput &v : r.video) QDir(root).mkpath(v.planned.dirName);
    for (const AudioOutput &a : r.audio) QDir(root).mkpath(a.dirName);
    return writePlaylists(r, preset, root);
}

QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

// "A=1,B="x,y",C=z" → {A: 1, B: x,y, C: z}
using Attrs = QHash<QString, QString>;

Attrs attributes(const QString &list)
{
    Attrs out;
    static const QRegularExpression re(QStringLiteral("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)"));
    for (auto it = re.globalMatch(list); it.hasNext();) {
        const auto m = it.next();
        QString v = m.captured(2);
        if (v.startsWith(u'"')) v = v.mid(1, v.size() - 2);
        out.insert(m.captured(1), v);
    }
    return out;
}

// Attribute lists of the lines tagged `tag` ("#EXT-X-MEDIA"); "@uri" is the line after a STREAM-INF.
QList<Attrs> tagged(const QStringList &lines, const QString &tag)
{
    QList<Attrs> out;
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].startsWith(tag + u':')) {
            out << attributes(lines[i].mid(tag.size() + 1));
            if (tag == u"#EXT-X-STREAM-INF") out.last().insert("@uri", lines.value(i + 1));
        }
    return out;
}

struct MpdRepresentation {
    QString contentType;               // of its AdaptationSet
    Attrs attrs, tmpl;                 // of the Representation and its SegmentTemplate
    QList<std::array<qint64, 3>> runs; // SegmentTimeline S: t, d, r
};

QList<MpdRepresentation> parseMpd(const QString &path, QString *error)
{
    QFile f(path);
    QXmlStreamReader xml(f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
    QList<MpdRepresentation> reps;
    QString contentType;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        Attrs a;
        for (const QXmlStreamAttribute &x : xml.attributes()) a.insert(x.name().toString(), x.value().toString());
        if (xml.name() == u"AdaptationSet") contentType = a.value("contentType");
        else if (xml.name() == u"Representation") reps.append({contentType, a, {}, {}});
        else if (!reps.isEmpty() && xml.name() == u"SegmentTemplate") reps.last().tmpl = a;
        else if (!reps.isEmpty() && xml.name() == u"S")
            reps.last().runs.append({a.value("t").toLongLong(), a.value("d").toLongLong(), a.value("r", "0").toLongLong()});
    }
    *error = xml.hasError() ? xml.errorString() : QString();
    return reps;
}

} // namespace

class TestPlaylists : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void mediaPlaylist_data();
    void mediaPlaylist();
    void masterPlaylist();
    void masterPairsNamedAudio();
    void mpd();
    void audioOnly();
    void packagingModes_data();
    void packagingModes();
    void unwritableFolder_data();
    void unwritableFolder();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPlaylists::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestPlaylists::mediaPlaylist_data()
{
    QTest::addColumn<int>("tbDen");
    QTest::addColumn<Ticks>("ticks");
    QTest::addColumn<int>("target");
    QTest::addColumn<QStringList>("extinf");
    // target: RFC 8216 §4.3.3.1 minimum, round(longest EXTINF); at most ceil(longest) is accepted.
    QTest::newRow("4 s segments") << 12800 << kVideoTicks << 4 << QStringList{"4.000000", "4.000000", "4.000000", "2.500000"};
    QTest::newRow("longest 4.02 s") << 12800 << Ticks{51456, 51200, 12800} << 4 << QStringList{"4.020000", "4.000000", "1.000000"};
    QTest::newRow("longest 4.5 s") << 12800 << Ticks{57600, 12800} << 5 << QStringList{"4.500000", "1.000000"};
    QTest::newRow("NTSC 6.006 s") << 90000 << Ticks{540540, 540540, 270270} << 6 << QStringList{"6.006000", "6.006000", "3.003000"};
    QTest::newRow("one short segment -> 1") << 12800 << Ticks{5120} << 1 << QStringList{"0.400000"};
    QTest::newRow("odd ticks, 6 decimals") << 90000 << Ticks{360001, 179999} << 4 << QStringList{"4.000011", "1.999989"};
}

void TestPlaylists::mediaPlaylist()
{
    QFETCH(int, tbDen);
    QFETCH(Ticks, ticks);
    QFETCH(int, target);
    QFETCH(QStringList, extinf);
    TranscodeResult r;
    r.video = {makeVideo("v", 640, 360, {})};
    r.video[0].track = makeTrack("v", AVRational{1, tbDen}, ticks, 100000);
    Result<PackageEntryPoints> entry = writeInto(m_dir->path(), r, presetWith(true, false));
    QVERIFY2(entry.ok(), qPrintable(entry.ok() ? QString() : entry.error().toString()));
    const QStringList lines = readLines(m_dir->filePath("v/playlist.m3u8"));
    QCOMPARE(lines.value(0) + lines.value(lines.size() - 1), QStringLiteral("#EXTM3U#EXT-X-ENDLIST"));
    const QStringList targetLines = lines.filter(QRegularExpression("^#EXT-X-TARGETDURATION:\\d+$"));
    QCOMPARE(targetLines.size(), 1);
    const int written = targetLines.first().mid(22).toInt();
    const double longest = *std::max_element(ticks.cbegin(), ticks.cend()) / double(tbDen);
    QVERIFY2(written >= target && written <= std::max(1, int(std::ceil(longest))), qPrintable(targetLines.first()));
    QVERIFY(lines.contains(QStringLiteral("#EXT-X-PLAYLIST-TYPE:VOD")));
    QVERIFY(lines.contains(QStringLiteral("#EXT-X-MAP:URI=\"init.mp4\"")));
    QStringList seen;
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].startsWith(QStringLiteral("#EXTINF:"))) {
            seen << lines[i].mid(8).chopped(1); // "#EXTINF:4.000000,"
            QCOMPARE(lines.value(i + 1), r.video[0].track.segments.value(seen.size() - 1).file);
            QVERIFY2(std::lround(seen.last().toDouble()) <= written, "RFC 8216: rounded EXTINF <= TARGETDURATION");
        }
    QCOMPARE(seen, extinf);
}

void TestPlaylists::masterPlaylist()
{
    const TranscodeResult r = standardResult();
    Result<PackageEntryPoints> entry = writeInto(m_dir->path(), r, presetWith(true, true));
    QVERIFY(entry.ok());
    QCOMPARE(entry->hlsMaster, QStringLiteral("master.m3u8"));
    const QStringList lines = readLines(m_dir->filePath("master.m3u8"));
    QCOMPARE(lines.value(0), QStringLiteral("#EXTM3U"));
    QVERIFY(lines.contains(QStringLiteral("#EXT-X-INDEPENDENT-SEGMENTS")));
    QCOMPARE(tagged(lines, "#EXT-X-MEDIA"), (QList<Attrs>{{{"TYPE", "AUDIO"}, {"GROUP-ID", "aud_aac"}, {"NAME", "aac"}, {"LANGUAGE", "eng"},
                                                           {"DEFAULT", "YES"}, {"AUTOSELECT", "YES"}, {"CHANNELS", "2"},
                                                           {"URI", "aac/playlist.m3u8"}}}));
    QVERIFY(QFileInfo::exists(m_dir->filePath("aac/playlist.m3u8")));
    const MeasuredBitrate audio = measure(r.audio[0].track);
    QVERIFY(audio.peakBps > audio.averageBps); // the synthetic data has a heavier segment
    const QList<Attrs> inf = tagged(lines, "#EXT-X-STREAM-INF");
    QCOMPARE(inf.size(), 2);
    for (int i = 0; i < inf.size(); ++i) {
        const VideoOutput &v = r.video[i];
        const MeasuredBitrate video = measure(v.track);
        QCOMPARE(inf[i], (Attrs{{"BANDWIDTH", QString::number(video.peakBps + audio.peakBps)},
                                {"AVERAGE-BANDWIDTH", QString::number(video.averageBps + audio.averageBps)}, {"CODECS", "avc1.64001f,mp4a.40.2"},
                                {"RESOLUTION", QStringLiteral("%1x%2").arg(v.planned.width).arg(v.planned.height)}, {"FRAME-RATE", "25.000"},
                                {"AUDIO", "aud_aac"}, {"@uri", v.planned.dirName + "/playlist.m3u8"}}));
        QVERIFY(QFileInfo::exists(m_dir->filePath(inf[i].value("@uri"))));
    }
}

void TestPlaylists::masterPairsNamedAudio()
{
    TranscodeResult r = standardResult();
    r.audio.append(makeAudio("aac_hi", 256, kAudioTicks));
    r.video[0].planned.rung.audio = QStringLiteral("aac_hi");
    QVERIFY(writeInto(m_dir->path(), r, presetWith(true, false)).ok());
    const QStringList lines = readLines(m_dir->filePath("master.m3u8"));
    const QList<Attrs> media = tagged(lines, "#EXT-X-MEDIA"), inf = tagged(lines, "#EXT-X-STREAM-INF");
    QCOMPARE(media.size(), 2);
    QCOMPARE(media[1].value("DEFAULT"), QStringLiteral("NO"));
    QCOMPARE(inf.size(), 2);
    QCOMPARE(inf[0].value("AUDIO"), QStringLiteral("aud_aac_hi"));
    QCOMPARE(inf[0].value("BANDWIDTH").toLongLong(), measure(r.video[0].track).peakBps + measure(r.audio[1].track).peakBps);
    QCOMPARE(inf[1].value("AUDIO"), QStringLiteral("aud_aac")); // empty rung.audio = the first rendition
}

void TestPlaylists::mpd()
{
    const TranscodeResult r = standardResult();
    Result<PackageEntryPoints> entry = writeInto(m_dir->path(), r, presetWith(true, true));
    QVERIFY(entry.ok());
    QCOMPARE(entry->dashMpd, QStringLiteral("manifest.mpd"));
    QString error;
    const QList<MpdRepresentation> reps = parseMpd(m_dir->filePath("manifest.mpd"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(reps.size(), 3);
    for (int i = 0; i < reps.size(); ++i) {
        const MpdRepresentation &rep = reps[i];
        const bool video = i < 2;
        const TrackRecord &track = video ? r.video[i].track : r.audio[0].track;
        const QString dir = video ? r.video[i].planned.dirName : r.audio[0].dirName;
        QCOMPARE(rep.contentType, video ? QStringLiteral("video") : QStringLiteral("audio"));
        Attrs expected{{"id", dir}, {"codecs", video ? r.video[i].codecString : r.audio[0].codecString},
                       {"bandwidth", QString::number(measure(track).peakBps)}};
        expected.insert(video ? Attrs{{"width", QString::number(r.video[i].planned.width)}, {"sar", "1:1"}, {"frameRate", "25"},
                                      {"height", QString::number(r.video[i].planned.height)}}
                              : Attrs{{"audioSamplingRate", "48000"}});
        QCOMPARE(rep.attrs, expected);
        const qint64 timescale = track.timeBase.den;
        QCOMPARE(rep.tmpl, (Attrs{{"timescale", QString::number(timescale)},
                                  {"presentationTimeOffset", QString::number(std::llround(kOffsetSeconds * timescale))},
                                  {"initialization", dir + "/init.mp4"}, {"media", dir + "/seg_$Number%05d$.m4s"}, {"startNumber", "1"}}));
        // Run-length coded timeline: equal durations folded into r; expands to the records.
        QCOMPARE(rep.runs.size(), 2);
        QCOMPARE(rep.runs[0][2], qint64(2));
        qint64 count = 0, t = rep.runs[0][0];
        for (const auto &[st, d, rr] : rep.runs) {
            QCOMPARE(st, t); // contiguous
            for (qint64 k = 0; k <= rr; ++k, ++count) {
                QCOMPARE(track.segments[count].startPts, t);
                QCOMPARE(track.segments[count].durationTs, d);
                t += d;
            }
        }
        QCOMPARE(count, qint64(track.segments.size()));
    }
}

void TestPlaylists::audioOnly()
{
    TranscodeResult r = standardResult();
    r.video.clear();
    QVERIFY(writeInto(m_dir->path(), r, presetWith(true, true)).ok());
    const MeasuredBitrate b = measure(r.audio[0].track);
    QCOMPARE(tagged(readLines(m_dir->filePath("master.m3u8")), "#EXT-X-STREAM-INF"),
             (QList<Attrs>{{{"BANDWIDTH", QString::number(b.peakBps)}, {"AVERAGE-BANDWIDTH", QString::number(b.averageBps)},
                            {"CODECS", "mp4a.40.2"}, {"@uri", "aac/playlist.m3u8"}}}));
    QString error;
    const QList<MpdRepresentation> reps = parseMpd(m_dir->filePath("manifest.mpd"), &error);
    QVERIFY(error.isEmpty() && reps.size() == 1);
    QCOMPARE(reps[0].contentType, QStringLiteral("audio"));
}

void TestPlaylists::packagingModes_data()
{
    QTest::addColumn<bool>("hls");
    QTest::addColumn<bool>("dash");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("progressive");
    QTest::addColumn<QStringList>("expectedFiles");
    const QStringList media{"360p/playlist.m3u8", "720p/playlist.m3u8", "aac/playlist.m3u8"};
    QTest::newRow("hls + dash") << true << true << "fmp4" << false << QStringList{"manifest.mpd", "master.m3u8"} + media;
    QTest::newRow("dash only") << false << true << "fmp4" << false << QStringList{"manifest.mpd"};
    QTest::newRow("hls only fmp4") << true << false << "fmp4" << false << QStringList{"master.m3u8"} + media;
    QTest::newRow("hls only mpegts") << true << false << "mpegts" << false << QStringList{"master.m3u8"} + media;
    QTest::newRow("progressive only") << false << false << "fmp4" << true << QStringList{};
}

void TestPlaylists::packagingModes()
{
    QFETCH(bool, hls);
    QFETCH(bool, dash);
    QFETCH(QString, format);
    QFETCH(bool, progressive);
    QFETCH(QStringList, expectedFiles);
    TranscodeResult r = standardResult();
    const bool ts = format == u"mpegts";
    if (ts) {
        r.video = {makeVideo("720p", 1280, 720, kVideoTicks, "ts"), makeVideo("360p", 640, 360, kVideoTicks, "ts")};
        r.audio = {makeAudio("aac", 128, kAudioTicks, "ts")};
    }
    Result<PackageEntryPoints> entry = writeInto(m_dir->path(), r, presetWith(hls, dash, format, progressive));
    QVERIFY(entry.ok());
    QCOMPARE(entry->hlsMaster.isEmpty(), !expectedFiles.contains("master.m3u8"));
    QCOMPARE(entry->dashMpd.isEmpty(), !expectedFiles.contains("manifest.mpd"));
    QStringList files;
    for (QDirIterator it(m_dir->path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files << QDir(m_dir->path()).relativeFilePath(it.next());
    files.sort();
    expectedFiles.sort();
    QCOMPARE(files, expectedFiles);
    if (hls) {
        const QStringList lines = readLines(m_dir->filePath("720p/playlist.m3u8"));
        QCOMPARE(lines.filter("#EXT-X-MAP:").isEmpty(), ts);
        QVERIFY(lines.contains(ts ? QStringLiteral("#EXT-X-VERSION:3") : QStringLiteral("#EXT-X-VERSION:7")));
        QCOMPARE(lines.filter(QRegularExpression(ts ? "^seg_\\d{5}\\.ts$" : "^seg_\\d{5}\\.m4s$")).size(), kVideoTicks.size());
    }
}

void TestPlaylists::unwritableFolder_data()
{
    QTest::addColumn<QString>("packageDir"); // relative to the temp dir
    QTest::addColumn<bool>("makeFile");
    QTest::newRow("package dir is a file") << "package" << true;
    QTest::newRow("package dir missing") << "missing/package" << false;
}

void TestPlaylists::unwritableFolder()
{
    QFETCH(QString, packageDir);
    QFETCH(bool, makeFile);
    const QString dir = m_dir->filePath(packageDir);
    if (makeFile) QVERIFY(QFile(dir).open(QIODevice::WriteOnly));
    Result<PackageEntryPoints> entry = writePlaylists(standardResult(), presetWith(true, true), dir);
    QVERIFY(!entry.ok());
    QCOMPARE(entry.error().code, QStringLiteral("package.write"));
    QVERIFY2(entry.error().context.startsWith(dir), qPrintable(entry.error().context));
    QVERIFY(!entry.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestPlaylists)
#include "tst_playlists.moc"
