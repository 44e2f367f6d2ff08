// Sources that stress timestamps and layouts: NTSC 29.97, film 23.976 in Matroska, 59.94,
// anamorphic interlaced PAL, audio only, video only, and a file name with non-ASCII
// characters and spaces. One CLI run publishes them all with a two-rung ladder; ffprobe
// then compares every output with its source.

#include "tests/integration/IntegrationHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace itest;

namespace {

const QString kUnicodeStem = QStringLiteral("Zürich café — take 2");
const QStringList kVideoRungs{QStringLiteral("360p"), QStringLiteral("180p")};

} // namespace

class TestSources : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void frameRateFrameCountAndDuration_data();
    void frameRateFrameCountAndDuration();
    void keyframesAlignedAcrossRungs_data();
    void keyframesAlignedAcrossRungs();
    void anamorphicInterlacedBecomesSquareProgressive();
    void audioOnlySourceGivesAudioOnlyPackage();
    void videoOnlySourceGivesVideoOnlyPackage();
    void unicodeNamePublishedUnderItsName();

private:
    void addFrameRateRows();
    QString versionDir(const QString &asset) const { return QDir(m_out).filePath(asset + QStringLiteral("/v1")); }
    QString joined(const QString &asset, const QString &rendition);

    QTemporaryDir m_tmp;
    QString m_out;
    ProcessResult m_run;
    QHash<QString, QString> m_joined; // "asset/rendition" → joined file
};

void TestSources::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    PresetSpec spec{QStringLiteral("itest-sources"),
                    {{QStringLiteral("360p"), 640, 360, vbr(800, 1200)}, {QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
    const QString preset = writePreset(m_tmp.path(), presetJson(spec));
    QVERIFY(!preset.isEmpty());
    m_out = m_tmp.filePath(QStringLiteral("out"));
    QStringList inputs;
    for (const QString &name : {QStringLiteral("ntsc_720p2997.mp4"), QStringLiteral("film_23976.mkv"), QStringLiteral("sport_5994.mp4"),
                                QStringLiteral("pal_anamorphic_interlaced.mp4"), QStringLiteral("audio_only.m4a"),
                                QStringLiteral("video_only.mp4"), kUnicodeStem + QStringLiteral(".mp4")}) {
        QVERIFY2(QFileInfo::exists(good(name)), qPrintable(good(name)));
        inputs << good(name);
    }
    m_run = runRendition(preset, m_out, inputs, true);
    QVERIFY2(m_run.finished && m_run.exitCode == 0, qPrintable(m_run.describe()));
    QCOMPARE(m_run.eventsOfType(QStringLiteral("published")).size(), inputs.size());
}

QString TestSources::joined(const QString &asset, const QString &rendition)
{
    const QString key = asset + u'/' + rendition;
    if (!m_joined.contains(key)) {
        const QString target = m_tmp.filePath(QStringLiteral("%1-%2.mp4").arg(asset, rendition));
        if (!joinRendition(QDir(versionDir(asset)).filePath(rendition), target)) return {};
        m_joined.insert(key, target);
    }
    return m_joined.value(key);
}

void TestSources::addFrameRateRows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("frameRate");
    QTest::newRow("ntsc_2997") << QStringLiteral("ntsc_720p2997.mp4") << QStringLiteral("30000/1001");
    QTest::newRow("film_23976") << QStringLiteral("film_23976.mkv") << QStringLiteral("24000/1001");
    QTest::newRow("sport_5994") << QStringLiteral("sport_5994.mp4") << QStringLiteral("60000/1001");
    QTest::newRow("pal_interlaced") << QStringLiteral("pal_anamorphic_interlaced.mp4") << QStringLiteral("25/1");
}

void TestSources::frameRateFrameCountAndDuration_data() { addFrameRateRows(); }

void TestSources::frameRateFrameCountAndDuration()
{
    QFETCH(QString, file);
    QFETCH(QString, frameRate);
    const QString asset = QFileInfo(file).completeBaseName();
    const QJsonArray srcVideo = streamsOfType(probeStreams(good(file), true), QStringLiteral("video"));
    QCOMPARE(srcVideo.size(), 1);
    const QJsonObject src = srcVideo.first().toObject();
    QCOMPARE(src.value(QStringLiteral("r_frame_rate")).toString(), frameRate); // the fixture is what we think
    const int srcFrames = src.value(QStringLiteral("nb_read_frames")).toString().toInt();
    QVERIFY(srcFrames > 0);
    const double srcSeconds = srcFrames / rationalValue(frameRate);
    const double frameSeconds = 1.0 / rationalValue(frameRate);

    const QJsonObject manifest = readManifest(versionDir(asset));
    const QJsonObject audio = renditionNamed(manifest, QStringLiteral("aac-128k"));
    QVERIFY(!audio.isEmpty());
    for (const QString &rung : kVideoRungs) {
        const QJsonObject probe = probeStreams(joined(asset, rung), true);
        const QJsonArray video = streamsOfType(probe, QStringLiteral("video"));
        QVERIFY2(video.size() == 1, qPrintable(asset + u'/' + rung));
        const QJsonObject v = video.first().toObject();
        const int frames = v.value(QStringLiteral("nb_read_frames")).toString().toInt();
        QVERIFY2(std::abs(frames - srcFrames) <= 1, qPrintable(QStringLiteral("%1: %2 frames, source %3").arg(rung).arg(frames).arg(srcFrames)));
        QCOMPARE(renditionNamed(manifest, rung).value(QStringLiteral("frame_rate")).toString(), frameRate);

        // pal_interlaced guards the deinterlacer's time base (bwdif outputs in stream tb / 2):
        // read with the wrong one, every timestamp doubles (12.5 fps, 16 s of video for 8 s).
        QCOMPARE(v.value(QStringLiteral("r_frame_rate")).toString(), src.value(QStringLiteral("r_frame_rate")).toString());
        QCOMPARE(v.value(QStringLiteral("avg_frame_rate")).toString(), src.value(QStringLiteral("avg_frame_rate")).toString());

        // Duration: the playlist, ffprobe and the source agree, and audio stays with video.
        const MediaPlaylist pl = parseMediaPlaylist(QDir(versionDir(asset)).filePath(rung + QStringLiteral("/playlist.m3u8")));
        QVERIFY(pl.valid);
        double playlistSeconds = 0;
        for (const MediaSegment &s : pl.segments) playlistSeconds += s.duration;
        QVERIFY2(std::abs(playlistSeconds - srcSeconds) <= frameSeconds + 1e-3,
                 qPrintable(QStringLiteral("%1: playlist %2 s, source %3 s").arg(rung).arg(playlistSeconds).arg(srcSeconds)));
        QVERIFY2(std::abs(playlistSeconds - audio.value(QStringLiteral("duration_s")).toDouble()) < 0.1,
                 qPrintable(QStringLiteral("%1: video %2 s, audio %3 s").arg(rung).arg(playlistSeconds).arg(audio.value(QStringLiteral("duration_s")).toDouble())));
    }
}

void TestSources::keyframesAlignedAcrossRungs_data() { addFrameRateRows(); }

void TestSources::keyframesAlignedAcrossRungs()
{
    QFETCH(QString, file);
    const QString asset = QFileInfo(file).completeBaseName();
    QList<QList<double>> perRung;
    for (const QString &rung : kVideoRungs) {
        const QList<double> kf = keyframeTimes(probePackets(joined(asset, rung)));
        const int segments = int(segmentFiles(QDir(versionDir(asset)).filePath(rung)).size());
        QVERIFY2(kf.size() == segments, qPrintable(QStringLiteral("%1: %2 keyframes for %3 segments").arg(rung).arg(kf.size()).arg(segments)));
        perRung.append(kf);
    }
    QCOMPARE(perRung[0].size(), perRung[1].size());
    for (int i = 0; i < perRung[0].size(); ++i)
        QVERIFY2(std::abs(perRung[0][i] - perRung[1][i]) < 1e-6,
                 qPrintable(QStringLiteral("keyframe %1: %2 s vs %3 s").arg(i).arg(perRung[0][i]).arg(perRung[1][i])));
}

void TestSources::anamorphicInterlacedBecomesSquareProgressive()
{
    const QString asset = QStringLiteral("pal_anamorphic_interlaced");
    // The source is what the test assumes: 720x576, SAR 64:45, top field first.
    const QJsonObject src = streamsOfType(probeStreams(good(asset + QStringLiteral(".mp4"))), QStringLiteral("video")).first().toObject();
    QCOMPARE(src.value(QStringLiteral("width")).toInt(), 720);
    QCOMPARE(src.value(QStringLiteral("sample_aspect_ratio")).toString(), QStringLiteral("64:45"));
    QCOMPARE(src.value(QStringLiteral("field_order")).toString(), QStringLiteral("tt"));

    const QJsonObject manifest = readManifest(versionDir(asset));
    QCOMPARE(manifest.value(QStringLiteral("deinterlaced")).toBool(), true);
    const QList<QPair<QString, QSize>> expected{{QStringLiteral("360p"), QSize(640, 360)}, {QStringLiteral("180p"), QSize(320, 180)}};
    for (const auto &[rung, size] : expected) {
        const QJsonObject v = streamsOfType(probeStreams(joined(asset, rung)), QStringLiteral("video")).first().toObject();
        QCOMPARE(v.value(QStringLiteral("width")).toInt(), size.width());
        QCOMPARE(v.value(QStringLiteral("height")).toInt(), size.height());
        const QString sar = v.value(QStringLiteral("sample_aspect_ratio")).toString(QStringLiteral("1:1"));
        QCOMPARE(sar, QStringLiteral("1:1"));
        QCOMPARE(v.value(QStringLiteral("display_aspect_ratio")).toString(QStringLiteral("16:9")), QStringLiteral("16:9"));
        QCOMPARE(v.value(QStringLiteral("field_order")).toString(), QStringLiteral("progressive"));
        const QJsonObject m = renditionNamed(manifest, rung);
        QCOMPARE(m.value(QStringLiteral("width")).toInt(), size.width());
        QCOMPARE(m.value(QStringLiteral("height")).toInt(), size.height());
    }
    const MasterPlaylist master = parseMaster(QDir(versionDir(asset)).filePath(QStringLiteral("master.m3u8")));
    QCOMPARE(master.variants.size(), 2);
    QCOMPARE(master.variants.first().attributes.value(QStringLiteral("RESOLUTION")), QStringLiteral("640x360"));
}

void TestSources::audioOnlySourceGivesAudioOnlyPackage()
{
    const QString root = versionDir(QStringLiteral("audio_only"));
    const QJsonObject manifest = readManifest(root);
    QVERIFY(renditionsOfType(manifest, QStringLiteral("video")).isEmpty());
    QCOMPARE(renditionsOfType(manifest, QStringLiteral("audio")).size(), 1);
    const QJsonArray skipped = manifest.value(QStringLiteral("skipped_rungs")).toArray();
    QCOMPARE(skipped.size(), kVideoRungs.size());
    for (const QString &rung : kVideoRungs) QVERIFY2(!QFileInfo::exists(QDir(root).filePath(rung)), qPrintable(rung));

    const QJsonObject probe = probeStreams(joined(QStringLiteral("audio_only"), QStringLiteral("aac-128k")), true);
    QCOMPARE(streamsOfType(probe, QStringLiteral("video")).size(), 0);
    const QJsonArray audio = streamsOfType(probe, QStringLiteral("audio"));
    QCOMPARE(audio.size(), 1);
    QCOMPARE(audio.first().toObject().value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
    QVERIFY(audio.first().toObject().value(QStringLiteral("nb_read_frames")).toString().toInt() > 200); // 5 s of 1024-sample frames

    const MasterPlaylist master = parseMaster(QDir(root).filePath(QStringLiteral("master.m3u8")));
    QVERIFY(master.valid);
    QVERIFY(!master.variants.isEmpty());
    for (const HlsVariant &v : master.variants) {
        QCOMPARE(v.attributes.value(QStringLiteral("CODECS")), QStringLiteral("mp4a.40.2"));
        QVERIFY(!v.attributes.contains(QStringLiteral("RESOLUTION")));
        QVERIFY(QFileInfo::exists(QDir(root).filePath(v.uri)));
    }
    const Mpd mpd = parseMpd(QDir(root).filePath(QStringLiteral("manifest.mpd")));
    QVERIFY2(mpd.error.isEmpty(), qPrintable(mpd.error));
    QCOMPARE(mpd.representations.size(), 1);
    QCOMPARE(mpd.representations.first().contentType, QStringLiteral("audio"));
}

void TestSources::videoOnlySourceGivesVideoOnlyPackage()
{
    const QString root = versionDir(QStringLiteral("video_only"));
    const QJsonObject manifest = readManifest(root);
    QVERIFY(renditionsOfType(manifest, QStringLiteral("audio")).isEmpty());
    QCOMPARE(renditionsOfType(manifest, QStringLiteral("video")).size(), kVideoRungs.size());
    QVERIFY(!QFileInfo::exists(QDir(root).filePath(QStringLiteral("aac-128k"))));

    for (const QString &rung : kVideoRungs) {
        const QJsonObject probe = probeStreams(joined(QStringLiteral("video_only"), rung), true);
        QCOMPARE(streamsOfType(probe, QStringLiteral("audio")).size(), 0);
        QCOMPARE(streamsOfType(probe, QStringLiteral("video")).first().toObject().value(QStringLiteral("nb_read_frames")).toString().toInt(), 125);
    }
    const MasterPlaylist master = parseMaster(QDir(root).filePath(QStringLiteral("master.m3u8")));
    QVERIFY(master.valid);
    QVERIFY(master.media.isEmpty());
    QVERIFY(!master.has(QStringLiteral("#EXT-X-MEDIA")));
    QCOMPARE(master.variants.size(), kVideoRungs.size());
    for (const HlsVariant &v : master.variants) {
        QVERIFY(!v.attributes.contains(QStringLiteral("AUDIO")));
        QVERIFY2(!v.attributes.value(QStringLiteral("CODECS")).contains(QStringLiteral("mp4a")), qPrintable(v.attributes.value(QStringLiteral("CODECS"))));
        QVERIFY(v.attributes.value(QStringLiteral("CODECS")).startsWith(QStringLiteral("avc1.")));
    }
    const Mpd mpd = parseMpd(QDir(root).filePath(QStringLiteral("manifest.mpd")));
    QVERIFY2(mpd.error.isEmpty(), qPrintable(mpd.error));
    for (const MpdRepresentation &r : mpd.representations) QCOMPARE(r.contentType, QStringLiteral("video"));
}

void TestSources::unicodeNamePublishedUnderItsName()
{
    const QString assetDir = QDir(m_out).filePath(kUnicodeStem);
    QVERIFY2(QFileInfo(assetDir).isDir(), qPrintable(assetDir));
    QVERIFY(QFileInfo(QDir(assetDir).filePath(QStringLiteral("current"))).isSymLink());
    const QJsonObject manifest = readManifest(QDir(assetDir).filePath(QStringLiteral("current")));
    QCOMPARE(manifest.value(QStringLiteral("asset")).toString(), kUnicodeStem);
    QCOMPARE(QFileInfo(manifest.value(QStringLiteral("source")).toObject().value(QStringLiteral("path")).toString()).fileName(),
             kUnicodeStem + QStringLiteral(".mp4"));
    bool seen = false;
    for (const QJsonObject &e : m_run.eventsOfType(QStringLiteral("published"))) {
        if (e.value(QStringLiteral("asset")).toString() != kUnicodeStem) continue;
        seen = true;
        QVERIFY(QFileInfo::exists(e.value(QStringLiteral("hls")).toString()));
        QVERIFY(QFileInfo::exists(e.value(QStringLiteral("manifest")).toString()));
    }
    QVERIFY(seen);
    // Playable: the 360p rendition decodes to the source's 360 frames.
    const QString file = m_tmp.filePath(QStringLiteral("unicode-360p.mp4"));
    QVERIFY(joinRendition(QDir(assetDir).filePath(QStringLiteral("v1/360p")), file));
    QCOMPARE(streamsOfType(probeStreams(file, true), QStringLiteral("video")).first().toObject().value(QStringLiteral("nb_read_frames")).toString().toInt(), 360);
}

QTEST_GUILESS_MAIN(TestSources)
#include "tst_sources.moc"
