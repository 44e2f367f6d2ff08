// Packaging modes other than the default H.264 CMAF ladder: MPEG-TS HLS, the progressive
// MP4 editing proxy (built-in preset), and one-rung HEVC (libx265) and AV1 (libsvtav1)
// ladders. Sources are generated with lavfi into a temporary folder to keep runtime low.

#include "tests/integration/IntegrationHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace itest;

namespace {

constexpr int kClipSeconds = 6;
constexpr int kClipFrames = kClipSeconds * 25;
constexpr double kFrameSeconds = 0.04;

// Top-level ISO-BMFF box types of a file, in order.
QStringList topLevelBoxes(const QString &path)
{
    QFile f(path);
    QStringList boxes;
    if (!f.open(QIODevice::ReadOnly)) return boxes;
    qint64 off = 0;
    while (off + 8 <= f.size()) {
        f.seek(off);
        const QByteArray h = f.read(16);
        quint64 size = (quint64(quint8(h[0])) << 24) | (quint64(quint8(h[1])) << 16) | (quint64(quint8(h[2])) << 8) | quint8(h[3]);
        if (size == 1 && h.size() >= 16) {
            size = 0;
            for (int i = 8; i < 16; ++i) size = (size << 8) | quint8(h[i]);
        } else if (size == 0) {
            size = quint64(f.size() - off);
        }
        boxes << QString::fromLatin1(h.mid(4, 4));
        if (size < 8) break;
        off += qint64(size);
    }
    return boxes;
}

} // namespace

class TestPackagingModes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void mpegTsPackage();
    void mpegTsSegments_data();
    void mpegTsSegments();
    void proxyEditProgressiveMp4();
    void codecLadder_data();
    void codecLadder();

private:
    QTemporaryDir m_tmp;
    QString m_clip;     // 640x360, 25 fps, 6 s, AAC stereo
    QString m_tsRoot;   // version folder of the MPEG-TS package
};

void TestPackagingModes::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_clip = m_tmp.filePath(QStringLiteral("clip.mp4"));
    QVERIFY(makeLavfiSource(m_clip, 640, 360, QStringLiteral("25"), kClipSeconds));

    PresetSpec ts{QStringLiteral("itest-ts"),
                  {{QStringLiteral("360p"), 640, 360, vbr(800, 1200)}, {QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
    ts.segmentSeconds = 2;
    ts.packaging = Packaging::HlsTs;
    const QString preset = writePreset(m_tmp.path(), presetJson(ts));
    const QString out = m_tmp.filePath(QStringLiteral("out-ts"));
    const ProcessResult run = runRendition(preset, out, {m_clip});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    m_tsRoot = QDir(out).filePath(QStringLiteral("clip/v1"));
    QVERIFY(QFileInfo::exists(QDir(m_tsRoot).filePath(QStringLiteral("manifest.json"))));
}

void TestPackagingModes::mpegTsPackage()
{
    const QDir root(m_tsRoot);
    const QJsonObject manifest = readManifest(m_tsRoot);
    const QJsonObject package = manifest.value(QStringLiteral("package")).toObject();
    QCOMPARE(package.value(QStringLiteral("hls")).toString(), QStringLiteral("master.m3u8"));
    QVERIFY(!package.contains(QStringLiteral("dash")));
    QCOMPARE(package.value(QStringLiteral("segment_format")).toString(), QStringLiteral("mpegts"));
    QVERIFY(!root.exists(QStringLiteral("manifest.mpd")));

    const MasterPlaylist master = parseMaster(root.filePath(QStringLiteral("master.m3u8")));
    QVERIFY(master.valid);
    QCOMPARE(master.variants.size(), 2);
    QCOMPARE(master.media.size(), 1);
    for (const HlsVariant &v : master.variants) {
        QVERIFY2(v.attributes.value(QStringLiteral("CODECS")).contains(QRegularExpression(QStringLiteral("^avc1\\.[0-9a-fA-F]{6},mp4a\\.40\\.2$"))),
                 qPrintable(v.attributes.value(QStringLiteral("CODECS"))));
        QCOMPARE(v.attributes.value(QStringLiteral("AUDIO")), master.media.first().value(QStringLiteral("GROUP-ID")));
        QVERIFY(root.exists(v.uri));
    }
}

void TestPackagingModes::mpegTsSegments_data()
{
    QTest::addColumn<QString>("rendition");
    QTest::addColumn<int>("width"); // 0 = audio
    QTest::addColumn<int>("height");
    QTest::newRow("360p") << QStringLiteral("360p") << 640 << 360;
    QTest::newRow("180p") << QStringLiteral("180p") << 320 << 180;
    QTest::newRow("aac") << QStringLiteral("aac-128k") << 0 << 0;
}

void TestPackagingModes::mpegTsSegments()
{
    QFETCH(QString, rendition);
    QFETCH(int, width);
    QFETCH(int, height);
    const QDir dir(QDir(m_tsRoot).filePath(rendition));
    QVERIFY(dir.exists());
    QVERIFY(dir.entryList({QStringLiteral("*.m4s"), QStringLiteral("init.mp4")}, QDir::Files).isEmpty());

    const MediaPlaylist pl = parseMediaPlaylist(dir.filePath(QStringLiteral("playlist.m3u8")));
    QVERIFY(pl.valid);
    QVERIFY(pl.has(QStringLiteral("#EXT-X-VERSION")));
    QVERIFY2(pl.version >= 3, qPrintable(QString::number(pl.version)));
    QVERIFY(!pl.has(QStringLiteral("#EXT-X-MAP")));
    QVERIFY(pl.mapUri.isEmpty());
    const QStringList files = segmentFiles(dir.path(), QStringLiteral("ts"));
    QCOMPARE(pl.segments.size(), files.size());
    QVERIFY(files.size() >= 3);

    double total = 0;
    for (int i = 0; i < files.size(); ++i) {
        QCOMPARE(pl.segments[i].uri, QFileInfo(files[i]).fileName());
        QVERIFY(pl.segments[i].uri.endsWith(QStringLiteral(".ts")));
        total += pl.segments[i].duration;
        const QJsonObject probe = probeStreams(files[i]);
        QVERIFY2(!probe.isEmpty(), qPrintable(files[i]));
        QCOMPARE(probe.value(QStringLiteral("format")).toObject().value(QStringLiteral("format_name")).toString(), QStringLiteral("mpegts"));
        if (width == 0) {
            QCOMPARE(streamsOfType(probe, QStringLiteral("video")).size(), 0);
            QCOMPARE(streamsOfType(probe, QStringLiteral("audio")).first().toObject().value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
            continue;
        }
        const QJsonArray video = streamsOfType(probe, QStringLiteral("video"));
        QCOMPARE(video.size(), 1);
        QCOMPARE(video.first().toObject().value(QStringLiteral("codec_name")).toString(), QStringLiteral("h264"));
        QCOMPARE(video.first().toObject().value(QStringLiteral("width")).toInt(), width);
        QCOMPARE(video.first().toObject().value(QStringLiteral("height")).toInt(), height);
        const QList<PacketInfo> packets = probePackets(files[i]);
        QVERIFY(!packets.isEmpty());
        QVERIFY2(packets.first().key, qPrintable(files[i] + QStringLiteral(" does not start with a keyframe")));
        if (i + 1 < files.size())
            QVERIFY2(std::abs(pl.segments[i].duration - 2.0) <= kFrameSeconds + 1e-6, qPrintable(QString::number(pl.segments[i].duration)));
    }
    QVERIFY2(std::abs(total - kClipSeconds) < 0.1, qPrintable(QString::number(total)));
}

void TestPackagingModes::proxyEditProgressiveMp4()
{
    const QString source = good(QStringLiteral("ntsc_720p2997.mp4")); // 1280x720, 29.97, 8 s
    const QString out = m_tmp.filePath(QStringLiteral("out-proxy"));
    const ProcessResult run = runRendition(QStringLiteral("proxy-edit"), out, {source}, true);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));

    const QDir root(QDir(out).filePath(QStringLiteral("ntsc_720p2997/v1")));
    const QJsonObject manifest = readManifest(root.path());
    const QJsonObject package = manifest.value(QStringLiteral("package")).toObject();
    const QString mp4 = package.value(QStringLiteral("mp4")).toString();
    QVERIFY(!mp4.isEmpty());
    QVERIFY(!package.contains(QStringLiteral("hls")));
    QVERIFY(!package.contains(QStringLiteral("dash")));
    // One MP4 and the manifest, nothing else: no playlists, no segment folders.
    QCOMPARE(root.entryList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name), (QStringList{mp4, QStringLiteral("manifest.json"), QStringLiteral("qc.json")}));

    const QString file = root.filePath(mp4);
    const QStringList boxes = topLevelBoxes(file);
    QVERIFY2(boxes.indexOf(QStringLiteral("moov")) >= 0 && boxes.indexOf(QStringLiteral("moov")) < boxes.indexOf(QStringLiteral("mdat")),
             qPrintable(QStringLiteral("not faststart: ") + boxes.join(u' ')));
    const QJsonObject probe = probeStreams(file, true);
    const QJsonArray video = streamsOfType(probe, QStringLiteral("video"));
    const QJsonArray audio = streamsOfType(probe, QStringLiteral("audio"));
    QCOMPARE(video.size(), 1);
    QCOMPARE(audio.size(), 1);
    QCOMPARE(video.first().toObject().value(QStringLiteral("codec_name")).toString(), QStringLiteral("h264"));
    QCOMPARE(video.first().toObject().value(QStringLiteral("width")).toInt(), 960);
    QCOMPARE(video.first().toObject().value(QStringLiteral("height")).toInt(), 540);
    QCOMPARE(video.first().toObject().value(QStringLiteral("nb_read_frames")).toString().toInt(), 240);
    QCOMPARE(audio.first().toObject().value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
    QCOMPARE(audio.first().toObject().value(QStringLiteral("channels")).toInt(), 2);

    // A keyframe every second (within one 29.97 frame).
    const QList<double> kf = keyframeTimes(probePackets(file));
    QVERIFY2(kf.size() >= 8, qPrintable(QString::number(kf.size())));
    for (int i = 1; i < kf.size(); ++i)
        QVERIFY2(std::abs(kf[i] - kf[i - 1] - 1.0) <= 1001.0 / 30000 + 1e-6,
                 qPrintable(QStringLiteral("keyframes at %1 s and %2 s").arg(kf[i - 1]).arg(kf[i])));
}

void TestPackagingModes::codecLadder_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QString>("speed");
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("codecsPattern"); // RFC 6381 form for HLS CODECS / DASH @codecs
    QTest::newRow("hevc") << QStringLiteral("hevc") << QStringLiteral("ultrafast") << QStringLiteral("libx265") << QStringLiteral("hvc1")
                          << QStringLiteral("^hvc1\\.[A-C]?\\d+\\.[0-9A-F]{1,8}\\.[LH]\\d+(\\.[0-9A-F]{1,2}){0,6}$");
    QTest::newRow("av1") << QStringLiteral("av1") << QStringLiteral("12") << QStringLiteral("libsvtav1") << QStringLiteral("av01")
                         << QStringLiteral("^av01\\.[012]\\.\\d{2}[MH]\\.(08|10|12)$");
}

void TestPackagingModes::codecLadder()
{
    QFETCH(QString, codec);
    QFETCH(QString, speed);
    QFETCH(QString, encoder);
    QFETCH(QString, tag);
    QFETCH(QString, codecsPattern);
    RungSpec rung{QStringLiteral("r180"), 320, 180, vbr(300, 450), codec, speed};
    const QString preset = writePreset(m_tmp.path(), presetJson(PresetSpec{QStringLiteral("itest-") + codec, {rung}}));
    const QString out = m_tmp.filePath(QStringLiteral("out-") + codec);
    const ProcessResult run = runRendition(preset, out, {m_clip});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QDir root(QDir(out).filePath(QStringLiteral("clip/v1")));

    const QString joined = m_tmp.filePath(codec + QStringLiteral("-r180.mp4"));
    QVERIFY(joinRendition(root.filePath(QStringLiteral("r180")), joined));
    QVERIFY(ftypBrands(root.filePath(QStringLiteral("r180/init.mp4"))).contains(QStringLiteral("cmfc")));
    const QJsonArray video = streamsOfType(probeStreams(joined, true), QStringLiteral("video"));
    QCOMPARE(video.size(), 1);
    const QJsonObject v = video.first().toObject();
    QCOMPARE(v.value(QStringLiteral("codec_name")).toString(), codec);
    QCOMPARE(v.value(QStringLiteral("codec_tag_string")).toString(), tag);
    QCOMPARE(v.value(QStringLiteral("width")).toInt(), 320);
    QCOMPARE(v.value(QStringLiteral("height")).toInt(), 180);
    QCOMPARE(v.value(QStringLiteral("nb_read_frames")).toString().toInt(), kClipFrames); // decodes end to end
    const QList<double> kf = keyframeTimes(probePackets(joined));
    QCOMPARE(kf.size(), int(segmentFiles(root.filePath(QStringLiteral("r180"))).size()));

    const QJsonObject manifest = readManifest(root.path());
    const QJsonObject r = renditionNamed(manifest, QStringLiteral("r180"));
    QCOMPARE(r.value(QStringLiteral("codec")).toString(), codec);
    QCOMPARE(r.value(QStringLiteral("encoder")).toObject().value(QStringLiteral("encoder")).toString(), encoder);
    const QString codecString = r.value(QStringLiteral("codec_string")).toString();
    QVERIFY(codecString.startsWith(tag + u'.'));

    const MasterPlaylist master = parseMaster(root.filePath(QStringLiteral("master.m3u8")));
    QCOMPARE(master.variants.size(), 1);
    QCOMPARE(master.variants.first().attributes.value(QStringLiteral("CODECS")), codecString + QStringLiteral(",mp4a.40.2"));
    const Mpd mpd = parseMpd(root.filePath(QStringLiteral("manifest.mpd")));
    QVERIFY(std::any_of(mpd.representations.begin(), mpd.representations.end(), [&](const MpdRepresentation &m) { return m.codecs == codecString; }));
    // RFC 6381 shape, e.g. "hvc1.1.6.L60.90" / "av01.0.00M.08" (tier is a letter, not a number).
    QVERIFY2(QRegularExpression(codecsPattern).match(codecString).hasMatch(), qPrintable(codecString));
}

QTEST_GUILESS_MAIN(TestPackagingModes)
#include "tst_packaging_modes.moc"
