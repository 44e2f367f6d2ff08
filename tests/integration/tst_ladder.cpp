// The bitrate ladder end to end: bars_1080p25.mp4 (12 s, 25 fps) through a 3-rung H.264
// VBR ladder and the same sizes in CBR, packaged as CMAF for HLS and DASH. Everything is
// checked from the outside: ffprobe for sizes, codecs, keyframes, durations and bitrates;
// our own parsers for master.m3u8, the media playlists and manifest.mpd.

#include "tests/integration/IntegrationHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace itest;

namespace {

constexpr double kSegmentSeconds = 4.0;
constexpr double kFrameSeconds = 0.04; // 25 fps
constexpr double kSourceSeconds = 12.0;
constexpr double kBitrateTolerance = 0.15;

struct RungExpectation {
    QString name;
    int width;
    int height;
    int targetKbps;
};

const QList<RungExpectation> kRungs{{QStringLiteral("360p"), 640, 360, 800},
                                    {QStringLiteral("270p"), 480, 270, 500},
                                    {QStringLiteral("180p"), 320, 180, 300}};

// What one published ladder looks like from the outside.
struct Ladder {
    QString versionDir;
    QJsonObject manifest;
    QHash<QString, QString> joined;                 // rendition dir → init+segments joined
    QHash<QString, QList<PacketInfo>> videoPackets; // rendition dir → ffprobe packets
};

struct SegmentRates {
    double peakBps = 0;    // max over segments of bytes × 8 / EXTINF
    double averageBps = 0; // all segment bytes × 8 / sum of EXTINF
};

SegmentRates segmentRates(const QString &renditionDir)
{
    const MediaPlaylist pl = parseMediaPlaylist(QDir(renditionDir).filePath(QStringLiteral("playlist.m3u8")));
    SegmentRates r;
    double bits = 0, seconds = 0;
    for (const MediaSegment &s : pl.segments) {
        const double segBits = QFileInfo(QDir(renditionDir).filePath(s.uri)).size() * 8.0;
        if (s.duration > 0) r.peakBps = std::max(r.peakBps, segBits / s.duration);
        bits += segBits;
        seconds += s.duration;
    }
    r.averageBps = seconds > 0 ? bits / seconds : 0;
    return r;
}

} // namespace

class TestLadder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void renditionSizeAndCodec_data();
    void renditionSizeAndCodec();
    void keyframesAlignedAcrossRungs_data();
    void keyframesAlignedAcrossRungs();
    void segmentsStartOnKeyframesAndLastFourSeconds_data();
    void segmentsStartOnKeyframesAndLastFourSeconds();
    void bitrateWithinTarget_data();
    void bitrateWithinTarget();
    void masterPlaylist_data();
    void masterPlaylist();
    void dashManifestMatchesRenditions_data();
    void dashManifestMatchesRenditions();
    void initSegmentsCarryCmafBrand_data();
    void initSegmentsCarryCmafBrand();

private:
    void addLadderRows();
    void addRungRows(bool withAudio);

    QTemporaryDir m_tmp;
    QHash<QString, Ladder> m_ladders; // "vbr" / "cbr"
};

void TestLadder::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString source = good(QStringLiteral("bars_1080p25.mp4"));
    QVERIFY2(QFileInfo::exists(source), qPrintable(source));

    for (const QString &mode : {QStringLiteral("vbr"), QStringLiteral("cbr")}) {
        PresetSpec spec{QStringLiteral("itest-ladder-") + mode, {}};
        for (const RungExpectation &r : kRungs)
            spec.ladder.append({r.name, r.width, r.height, mode == u"vbr" ? vbr(r.targetKbps, r.targetKbps * 3 / 2) : cbr(r.targetKbps)});
        const QString presetPath = writePreset(m_tmp.path(), presetJson(spec));
        QVERIFY(!presetPath.isEmpty());
        const QString out = m_tmp.filePath(QStringLiteral("out-") + mode);

        const ProcessResult run = runRendition(presetPath, out, {source});
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));

        Ladder ladder;
        ladder.versionDir = QDir(out).filePath(QStringLiteral("bars_1080p25/v1"));
        ladder.manifest = readManifest(ladder.versionDir);
        QVERIFY2(!ladder.manifest.isEmpty(), qPrintable(ladder.versionDir));
        for (const QJsonObject &r : renditionsOfType(ladder.manifest, QStringLiteral("video")) + renditionsOfType(ladder.manifest, QStringLiteral("audio"))) {
            const QString dir = r.value(QStringLiteral("dir")).toString();
            const QString joined = m_tmp.filePath(QStringLiteral("%1-%2.mp4").arg(mode, dir));
            QVERIFY2(joinRendition(QDir(ladder.versionDir).filePath(dir), joined), qPrintable(dir));
            ladder.joined.insert(dir, joined);
            if (r.value(QStringLiteral("type")).toString() == u"video") {
                ladder.videoPackets.insert(dir, probePackets(joined));
                QVERIFY2(!ladder.videoPackets.value(dir).isEmpty(), qPrintable(joined));
            }
        }
        m_ladders.insert(mode, ladder);
    }
}

void TestLadder::addLadderRows()
{
    QTest::addColumn<QString>("ladder");
    QTest::newRow("vbr") << QStringLiteral("vbr");
    QTest::newRow("cbr") << QStringLiteral("cbr");
}

void TestLadder::addRungRows(bool withAudio)
{
    QTest::addColumn<QString>("ladder");
    QTest::addColumn<QString>("rendition");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("targetKbps");
    for (const QString &mode : {QStringLiteral("vbr"), QStringLiteral("cbr")}) {
        for (const RungExpectation &r : kRungs)
            QTest::addRow("%s-%s", qPrintable(mode), qPrintable(r.name)) << mode << r.name << r.width << r.height << r.targetKbps;
        if (withAudio) QTest::addRow("%s-aac", qPrintable(mode)) << mode << QStringLiteral("aac-128k") << 0 << 0 << 128;
    }
}

void TestLadder::renditionSizeAndCodec_data() { addRungRows(true); }

void TestLadder::renditionSizeAndCodec()
{
    QFETCH(QString, ladder);
    QFETCH(QString, rendition);
    QFETCH(int, width);
    QFETCH(int, height);
    const Ladder &l = m_ladders[ladder];
    const QJsonObject probe = probeStreams(l.joined.value(rendition));
    QVERIFY2(!probe.isEmpty(), qPrintable(l.joined.value(rendition)));
    const QJsonArray video = streamsOfType(probe, QStringLiteral("video"));
    const QJsonArray audio = streamsOfType(probe, QStringLiteral("audio"));

    if (width == 0) { // the audio rendition
        QCOMPARE(video.size(), 0);
        QCOMPARE(audio.size(), 1);
        const QJsonObject a = audio.first().toObject();
        QCOMPARE(a.value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
        QCOMPARE(a.value(QStringLiteral("profile")).toString(), QStringLiteral("LC"));
        QCOMPARE(a.value(QStringLiteral("channels")).toInt(), 2);
        QCOMPARE(a.value(QStringLiteral("sample_rate")).toString(), QStringLiteral("48000"));
        return;
    }
    QCOMPARE(audio.size(), 0); // audio is its own rendition
    QCOMPARE(video.size(), 1);
    const QJsonObject v = video.first().toObject();
    QCOMPARE(v.value(QStringLiteral("codec_name")).toString(), QStringLiteral("h264"));
    QCOMPARE(v.value(QStringLiteral("codec_tag_string")).toString(), QStringLiteral("avc1"));
    QCOMPARE(v.value(QStringLiteral("width")).toInt(), width);
    QCOMPARE(v.value(QStringLiteral("height")).toInt(), height);
    QCOMPARE(v.value(QStringLiteral("pix_fmt")).toString(), QStringLiteral("yuv420p"));
    QCOMPARE(v.value(QStringLiteral("r_frame_rate")).toString(), QStringLiteral("25/1"));
    // The manifest says the same.
    const QJsonObject m = renditionNamed(l.manifest, rendition);
    QCOMPARE(m.value(QStringLiteral("width")).toInt(), width);
    QCOMPARE(m.value(QStringLiteral("height")).toInt(), height);
    QCOMPARE(m.value(QStringLiteral("rate_control")).toString(), ladder);
    QCOMPARE(m.value(QStringLiteral("encoder")).toObject().value(QStringLiteral("encoder")).toString(), QStringLiteral("libx264"));
}

void TestLadder::keyframesAlignedAcrossRungs_data() { addLadderRows(); }

void TestLadder::keyframesAlignedAcrossRungs()
{
    QFETCH(QString, ladder);
    const Ladder &l = m_ladders[ladder];
    const QList<double> reference = keyframeTimes(l.videoPackets.value(kRungs.first().name));
    QCOMPARE(reference.size(), int(std::ceil(kSourceSeconds / kSegmentSeconds - 1e-9)));
    for (int i = 1; i < reference.size(); ++i)
        QVERIFY2(std::abs(reference[i] - reference[i - 1] - kSegmentSeconds) < 1e-6,
                 qPrintable(QStringLiteral("keyframe %1 at %2 s, previous at %3 s").arg(i).arg(reference[i]).arg(reference[i - 1])));
    for (const RungExpectation &r : kRungs) {
        const QList<double> kf = keyframeTimes(l.videoPackets.value(r.name));
        QCOMPARE(kf.size(), reference.size());
        for (int i = 0; i < kf.size(); ++i)
            QVERIFY2(std::abs(kf[i] - reference[i]) < 1e-6,
                     qPrintable(QStringLiteral("%1 keyframe %2 at %3 s, %4 at %5 s").arg(r.name).arg(i).arg(kf[i]).arg(kRungs.first().name).arg(reference[i])));
    }
}

void TestLadder::segmentsStartOnKeyframesAndLastFourSeconds_data() { addRungRows(false); }

void TestLadder::segmentsStartOnKeyframesAndLastFourSeconds()
{
    QFETCH(QString, ladder);
    QFETCH(QString, rendition);
    const Ladder &l = m_ladders[ladder];
    const QString dir = QDir(l.versionDir).filePath(rendition);
    const MediaPlaylist playlist = parseMediaPlaylist(QDir(dir).filePath(QStringLiteral("playlist.m3u8")));
    QVERIFY(playlist.valid);
    QCOMPARE(playlist.mapUri, QStringLiteral("init.mp4"));
    const QStringList files = segmentFiles(dir);
    QCOMPARE(playlist.segments.size(), files.size());
    QVERIFY(playlist.targetDuration >= int(kSegmentSeconds));

    const QList<double> wholeFileKeyframes = keyframeTimes(l.videoPackets.value(rendition));
    QCOMPARE(wholeFileKeyframes.size(), files.size());
    double playlistTotal = 0;
    for (int i = 0; i < files.size(); ++i) {
        const bool last = i == files.size() - 1;
        const MediaSegment &seg = playlist.segments[i];
        QCOMPARE(seg.uri, QFileInfo(files[i]).fileName());

        // The segment alone (with the init segment) as ffprobe sees it.
        const QString one = m_tmp.filePath(QStringLiteral("%1-%2-seg%3.mp4").arg(ladder, rendition).arg(i + 1));
        QVERIFY(concatFiles({QDir(dir).filePath(QStringLiteral("init.mp4")), files[i]}, one));
        const QList<PacketInfo> packets = probePackets(one);
        QVERIFY2(!packets.isEmpty(), qPrintable(files[i]));
        QVERIFY2(packets.first().key, qPrintable(files[i] + QStringLiteral(" does not start with a keyframe")));
        QCOMPARE(keyframeTimes(packets).size(), 1); // keyframes_per_segment = 1
        QVERIFY2(std::abs(keyframeTimes(packets).first() - wholeFileKeyframes[i]) < 1e-6,
                 qPrintable(QStringLiteral("segment %1 starts at %2 s, keyframe %1 of the rendition is at %3 s")
                                .arg(i + 1).arg(keyframeTimes(packets).first()).arg(wholeFileKeyframes[i])));

        const double probed = totalDuration(packets);
        QVERIFY2(std::abs(seg.duration - probed) < 0.001,
                 qPrintable(QStringLiteral("segment %1: EXTINF %2 s, ffprobe %3 s").arg(i + 1).arg(seg.duration).arg(probed)));
        if (!last) {
            QVERIFY2(std::abs(seg.duration - kSegmentSeconds) <= kFrameSeconds + 1e-6,
                     qPrintable(QStringLiteral("segment %1 EXTINF %2 s").arg(i + 1).arg(seg.duration)));
            QVERIFY2(std::abs(probed - kSegmentSeconds) <= kFrameSeconds + 1e-6,
                     qPrintable(QStringLiteral("segment %1 ffprobe duration %2 s").arg(i + 1).arg(probed)));
        }
        QVERIFY(seg.duration <= playlist.targetDuration + 0.5); // EXT-X-TARGETDURATION rule (rounded)
        playlistTotal += seg.duration;
    }
    QVERIFY2(std::abs(playlistTotal - kSourceSeconds) <= kFrameSeconds + 1e-6, qPrintable(QString::number(playlistTotal)));
}

void TestLadder::bitrateWithinTarget_data() { addRungRows(false); }

void TestLadder::bitrateWithinTarget()
{
    QFETCH(QString, ladder);
    QFETCH(QString, rendition);
    QFETCH(int, targetKbps);
    const Ladder &l = m_ladders[ladder];
    qint64 bytes = 0;
    for (const QString &f : segmentFiles(QDir(l.versionDir).filePath(rendition))) bytes += QFileInfo(f).size();
    const double seconds = totalDuration(l.videoPackets.value(rendition));
    QVERIFY(seconds > 0);
    const double measuredKbps = bytes * 8.0 / seconds / 1000.0;
    const double deviation = std::abs(measuredKbps - targetKbps) / targetKbps;
    QVERIFY2(deviation <= kBitrateTolerance,
             qPrintable(QStringLiteral("%1 %2: measured %3 kbps for a %4 kbps target (%5% off)")
                            .arg(ladder, rendition).arg(measuredKbps, 0, 'f', 1).arg(targetKbps).arg(deviation * 100, 0, 'f', 1)));
}

void TestLadder::masterPlaylist_data() { addLadderRows(); }

void TestLadder::masterPlaylist()
{
    QFETCH(QString, ladder);
    const Ladder &l = m_ladders[ladder];
    const MasterPlaylist master = parseMaster(QDir(l.versionDir).filePath(QStringLiteral("master.m3u8")));
    QVERIFY(master.valid);
    QVERIFY(master.has(QStringLiteral("#EXT-X-INDEPENDENT-SEGMENTS")));

    QCOMPARE(master.media.size(), 1);
    const QHash<QString, QString> &media = master.media.first();
    QCOMPARE(media.value(QStringLiteral("TYPE")), QStringLiteral("AUDIO"));
    QVERIFY(!media.value(QStringLiteral("GROUP-ID")).isEmpty());
    QVERIFY(QFileInfo::exists(QDir(l.versionDir).filePath(media.value(QStringLiteral("URI")))));

    const QList<QJsonObject> video = renditionsOfType(l.manifest, QStringLiteral("video"));
    QCOMPARE(video.size(), kRungs.size());
    QCOMPARE(master.variants.size(), video.size());
    static const QRegularExpression codecsRe(QStringLiteral("^avc1\\.[0-9a-fA-F]{6},mp4a\\.40\\.2$"));
    for (const QJsonObject &r : video) {
        const QString dir = r.value(QStringLiteral("dir")).toString();
        const auto it = std::find_if(master.variants.begin(), master.variants.end(),
                                     [&](const HlsVariant &v) { return v.uri == dir + QStringLiteral("/playlist.m3u8"); });
        QVERIFY2(it != master.variants.end(), qPrintable(dir + QStringLiteral(" has no EXT-X-STREAM-INF")));
        const QHash<QString, QString> &a = it->attributes;
        QVERIFY2(codecsRe.match(a.value(QStringLiteral("CODECS"))).hasMatch(), qPrintable(a.value(QStringLiteral("CODECS"))));
        QCOMPARE(a.value(QStringLiteral("CODECS")).section(u',', 0, 0), r.value(QStringLiteral("codec_string")).toString());
        QCOMPARE(a.value(QStringLiteral("RESOLUTION")),
                 QStringLiteral("%1x%2").arg(r.value(QStringLiteral("width")).toInt()).arg(r.value(QStringLiteral("height")).toInt()));
        const qint64 bandwidth = a.value(QStringLiteral("BANDWIDTH")).toLongLong();
        const qint64 average = a.value(QStringLiteral("AVERAGE-BANDWIDTH")).toLongLong();
        QVERIFY2(average > 0 && bandwidth >= average, qPrintable(QStringLiteral("BANDWIDTH %1, AVERAGE-BANDWIDTH %2").arg(bandwidth).arg(average)));
        // RFC 8216: BANDWIDTH is at least the peak segment bitrate of the variant (video plus its
        // audio), AVERAGE-BANDWIDTH the average; both recomputed here from the files and EXTINFs.
        const SegmentRates videoRates = segmentRates(QDir(l.versionDir).filePath(dir));
        const SegmentRates audioRates = segmentRates(QDir(l.versionDir).filePath(media.value(QStringLiteral("URI")).section(u'/', 0, 0)));
        QVERIFY(videoRates.peakBps > 0 && audioRates.peakBps > 0);
        QVERIFY2(bandwidth >= videoRates.peakBps + audioRates.peakBps - 1,
                 qPrintable(QStringLiteral("%1: BANDWIDTH %2 < peak %3").arg(dir).arg(bandwidth).arg(videoRates.peakBps + audioRates.peakBps)));
        const double expectedAverage = videoRates.averageBps + audioRates.averageBps;
        QVERIFY2(std::abs(average - expectedAverage) / expectedAverage < 0.01,
                 qPrintable(QStringLiteral("%1: AVERAGE-BANDWIDTH %2, from the files %3").arg(dir).arg(average).arg(expectedAverage)));
        QCOMPARE(a.value(QStringLiteral("FRAME-RATE")).toDouble(), 25.0);
        QCOMPARE(a.value(QStringLiteral("AUDIO")), media.value(QStringLiteral("GROUP-ID")));
        QVERIFY(QFileInfo::exists(QDir(l.versionDir).filePath(it->uri)));
    }
}

void TestLadder::dashManifestMatchesRenditions_data() { addLadderRows(); }

void TestLadder::dashManifestMatchesRenditions()
{
    QFETCH(QString, ladder);
    const Ladder &l = m_ladders[ladder];
    const Mpd mpd = parseMpd(QDir(l.versionDir).filePath(QStringLiteral("manifest.mpd")));
    QVERIFY2(mpd.error.isEmpty(), qPrintable(mpd.error));
    QCOMPARE(mpd.type, QStringLiteral("static"));
    const QJsonArray renditions = l.manifest.value(QStringLiteral("renditions")).toArray();
    QCOMPARE(mpd.representations.size(), renditions.size());
    for (const QJsonValue &v : renditions) {
        const QJsonObject r = v.toObject();
        const QString dir = r.value(QStringLiteral("dir")).toString();
        const auto it = std::find_if(mpd.representations.begin(), mpd.representations.end(),
                                     [&](const MpdRepresentation &rep) { return rep.id == dir; });
        QVERIFY2(it != mpd.representations.end(), qPrintable(dir + QStringLiteral(" is not in the MPD")));
        QCOMPARE(it->contentType, r.value(QStringLiteral("type")).toString());
        QCOMPARE(it->codecs, r.value(QStringLiteral("codec_string")).toString());
        if (it->contentType == u"video") {
            QCOMPARE(it->width, r.value(QStringLiteral("width")).toInt());
            QCOMPARE(it->height, r.value(QStringLiteral("height")).toInt());
            QVERIFY(it->codecs.startsWith(QStringLiteral("avc1.")));
        }
        QVERIFY(it->bandwidth > 0);
        const QDir root(l.versionDir);
        QVERIFY2(QFileInfo::exists(root.filePath(it->initialization)), qPrintable(it->initialization));
        const int onDisk = int(segmentFiles(root.filePath(dir)).size());
        QCOMPARE(it->segmentCount, onDisk);
        for (int n = it->startNumber; n < it->startNumber + it->segmentCount; ++n)
            QVERIFY2(QFileInfo::exists(root.filePath(expandNumber(it->media, n))), qPrintable(expandNumber(it->media, n)));
        QVERIFY(it->timescale > 0);
        const double timelineSeconds = double(it->timelineTicks) / it->timescale;
        QVERIFY2(std::abs(timelineSeconds - kSourceSeconds) < 0.1, qPrintable(QString::number(timelineSeconds)));
    }
}

void TestLadder::initSegmentsCarryCmafBrand_data() { addRungRows(true); }

void TestLadder::initSegmentsCarryCmafBrand()
{
    QFETCH(QString, ladder);
    QFETCH(QString, rendition);
    const QString init = QDir(m_ladders[ladder].versionDir).filePath(rendition + QStringLiteral("/init.mp4"));
    const QStringList brands = ftypBrands(init);
    QVERIFY2(!brands.isEmpty(), qPrintable(init + QStringLiteral(" has no ftyp box first")));
    QVERIFY2(brands.contains(QStringLiteral("cmfc")), qPrintable(brands.join(u' ')));
}

QTEST_GUILESS_MAIN(TestLadder)
#include "tst_ladder.moc"
