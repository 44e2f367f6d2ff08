// manifest.json (schema rendition.manifest/1) cross-checked against what is on disk, and
// the publish contract around it: vN folders, the `current` symlink, a second run of the
// same command producing v2. Source: bars_1080p25.mp4 with a ladder whose 2160p rung must
// be skipped (it would upscale).

#include "tests/integration/IntegrationHelpers.h"
#include "core/model/Preset.h"

#include <QDateTime>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace itest;

class TestManifest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void schemaAndIdentity();
    void renditionFilesExistWithListedSizes_data();
    void renditionFilesExistWithListedSizes();
    void packageEntryPointsExist();
    void sourceProbeMatchesInput();
    void presetSnapshotEqualsPresetUsed();
    void toolVersionsPresent();
    void upscalingRungIsSkippedWithReason();
    void manifestIsTheNewestFile();
    void currentPointsAtNewestVersion();
    void secondRunPublishesV2AndMovesCurrent();

private:
    QTemporaryDir m_tmp;
    QString m_source;
    QString m_presetPath;
    QJsonObject m_preset;
    QString m_out;
    QString m_assetDir;
    QJsonObject m_manifest; // v1
};

void TestManifest::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_source = good(QStringLiteral("bars_1080p25.mp4"));
    QVERIFY(QFileInfo::exists(m_source));
    PresetSpec spec{QStringLiteral("itest-manifest"),
                    {{QStringLiteral("180p"), 320, 180, vbr(300, 450)},
                     {QStringLiteral("2160p"), 3840, 2160, vbr(12000, 18000)}}};
    // The manifest keeps the canonical preset: every default written out.
    auto canonical = rendition::parsePreset(presetJson(spec));
    QVERIFY2(canonical.ok(), qPrintable(canonical.ok() ? QString() : canonical.error().message));
    m_preset = canonical->toJson();
    m_presetPath = writePreset(m_tmp.path(), m_preset);
    QVERIFY(!m_presetPath.isEmpty());
    m_out = m_tmp.filePath(QStringLiteral("out"));
    m_assetDir = QDir(m_out).filePath(QStringLiteral("bars_1080p25"));

    const ProcessResult run = runRendition(m_presetPath, m_out, {m_source});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(versionDirs(m_assetDir), QStringList{QStringLiteral("v1")});
    m_manifest = readManifest(QDir(m_assetDir).filePath(QStringLiteral("v1")));
    QVERIFY(!m_manifest.isEmpty());
}

void TestManifest::schemaAndIdentity()
{
    QCOMPARE(m_manifest.value(QStringLiteral("schema")).toString(), QStringLiteral("rendition.manifest/1"));
    QCOMPARE(m_manifest.value(QStringLiteral("asset")).toString(), QStringLiteral("bars_1080p25"));
    QCOMPARE(m_manifest.value(QStringLiteral("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(m_manifest.value(QStringLiteral("frames_decoded")).toInt(), 300); // 12 s × 25 fps
    QCOMPARE(m_manifest.value(QStringLiteral("decode_errors")).toInt(), 0);
    QCOMPARE(m_manifest.value(QStringLiteral("deinterlaced")).toBool(true), false);
    const QList<QJsonObject> video = renditionsOfType(m_manifest, QStringLiteral("video"));
    const QList<QJsonObject> audio = renditionsOfType(m_manifest, QStringLiteral("audio"));
    QCOMPARE(video.size(), 1);
    QCOMPARE(video.first().value(QStringLiteral("name")).toString(), QStringLiteral("180p"));
    QCOMPARE(audio.size(), 1);
    QCOMPARE(m_manifest.value(QStringLiteral("renditions")).toArray().size(), 2);
}

void TestManifest::renditionFilesExistWithListedSizes_data()
{
    QTest::addColumn<QJsonObject>("rendition");
    for (const QJsonValue &v : m_manifest.value(QStringLiteral("renditions")).toArray())
        QTest::newRow(qPrintable(v.toObject().value(QStringLiteral("name")).toString())) << v.toObject();
}

void TestManifest::renditionFilesExistWithListedSizes()
{
    QFETCH(QJsonObject, rendition);
    const QDir root(QDir(m_assetDir).filePath(QStringLiteral("v1")));
    const QString dir = rendition.value(QStringLiteral("dir")).toString();
    QVERIFY(!dir.isEmpty());

    const QString init = rendition.value(QStringLiteral("init")).toString();
    QVERIFY2(!init.isEmpty() && QFileInfo(root.filePath(init)).size() > 0, qPrintable(init));
    const QString playlist = rendition.value(QStringLiteral("playlist")).toString();
    QVERIFY2(QFileInfo::exists(root.filePath(playlist)), qPrintable(playlist));

    const QJsonArray segments = rendition.value(QStringLiteral("segments")).toArray();
    QVERIFY(!segments.isEmpty());
    QCOMPARE(rendition.value(QStringLiteral("segment_count")).toInt(), segments.size());
    qint64 total = 0;
    double duration = 0;
    QStringList listed;
    for (const QJsonValue &v : segments) {
        const QJsonObject s = v.toObject();
        const QString file = s.value(QStringLiteral("file")).toString();
        const QFileInfo fi(root.filePath(file));
        QVERIFY2(fi.isFile(), qPrintable(file));
        QCOMPARE(fi.size(), qint64(s.value(QStringLiteral("bytes")).toDouble()));
        total += fi.size();
        duration += s.value(QStringLiteral("duration_s")).toDouble();
        listed << fi.absoluteFilePath();
    }
    // Nothing on disk that the manifest does not list.
    QCOMPARE(listed, segmentFiles(root.filePath(dir)));
    QCOMPARE(qint64(rendition.value(QStringLiteral("bytes")).toDouble()), total);

    // The playlist lists the same segments with the same durations.
    const MediaPlaylist pl = parseMediaPlaylist(root.filePath(playlist));
    QVERIFY(pl.valid);
    QCOMPARE(pl.segments.size(), segments.size());
    for (int i = 0; i < segments.size(); ++i) {
        QCOMPARE(dir + u'/' + pl.segments[i].uri, segments[i].toObject().value(QStringLiteral("file")).toString());
        QVERIFY(std::abs(pl.segments[i].duration - segments[i].toObject().value(QStringLiteral("duration_s")).toDouble()) < 1e-5);
    }
    // Measured average = bytes × 8 / duration.
    QVERIFY(std::abs(rendition.value(QStringLiteral("duration_s")).toDouble() - duration) < 1e-3);
    const double average = rendition.value(QStringLiteral("measured_average_bps")).toDouble();
    QVERIFY2(std::abs(average - total * 8.0 / duration) <= 2, qPrintable(QString::number(average)));
    QVERIFY(rendition.value(QStringLiteral("measured_peak_bps")).toDouble() >= average);
}

void TestManifest::packageEntryPointsExist()
{
    const QDir root(QDir(m_assetDir).filePath(QStringLiteral("v1")));
    const QJsonObject package = m_manifest.value(QStringLiteral("package")).toObject();
    QCOMPARE(package.value(QStringLiteral("hls")).toString(), QStringLiteral("master.m3u8"));
    QCOMPARE(package.value(QStringLiteral("dash")).toString(), QStringLiteral("manifest.mpd"));
    QVERIFY(parseMaster(root.filePath(package.value(QStringLiteral("hls")).toString())).valid);
    const Mpd mpd = parseMpd(root.filePath(package.value(QStringLiteral("dash")).toString()));
    QVERIFY2(mpd.error.isEmpty(), qPrintable(mpd.error));
    QCOMPARE(mpd.representations.size(), 2);
    QCOMPARE(package.value(QStringLiteral("segment_duration_s")).toDouble(), 4.0);
    QCOMPARE(package.value(QStringLiteral("segment_format")).toString(), QStringLiteral("cmaf"));
    QVERIFY(!package.contains(QStringLiteral("mp4")));
}

void TestManifest::sourceProbeMatchesInput()
{
    const QJsonObject source = m_manifest.value(QStringLiteral("source")).toObject();
    const QString expected = sha256sum(m_source);
    QCOMPARE(expected.size(), 64);
    QCOMPARE(source.value(QStringLiteral("sha256")).toString(), expected);
    QCOMPARE(qint64(source.value(QStringLiteral("size_bytes")).toDouble()), QFileInfo(m_source).size());
    QCOMPARE(QFileInfo(source.value(QStringLiteral("path")).toString()).canonicalFilePath(), QFileInfo(m_source).canonicalFilePath());
    QVERIFY(std::abs(source.value(QStringLiteral("duration_s")).toDouble() - 12.0) < 0.05);
}

void TestManifest::presetSnapshotEqualsPresetUsed()
{
    QCOMPARE(m_manifest.value(QStringLiteral("preset")).toObject(), m_preset);
}

void TestManifest::toolVersionsPresent()
{
    const QJsonObject tools = m_manifest.value(QStringLiteral("tools")).toObject();
    static const QRegularExpression libVersion(QStringLiteral("^\\d+\\.\\d+\\.\\d+$"));
    for (const QString &key : {QStringLiteral("rendition"), QStringLiteral("ffmpeg"), QStringLiteral("qt")})
        QVERIFY2(!tools.value(key).toString().isEmpty(), qPrintable(key));
    for (const QString &key : {QStringLiteral("libavformat"), QStringLiteral("libavcodec"), QStringLiteral("libavutil"), QStringLiteral("libswscale")})
        QVERIFY2(libVersion.match(tools.value(key).toString()).hasMatch(), qPrintable(key + QStringLiteral(": ") + tools.value(key).toString()));
    QCOMPARE(tools.value(QStringLiteral("qt")).toString(), QString::fromLatin1(qVersion()));
    // The libavcodec the CLI links is the one ffprobe reports (same system FFmpeg).
    const ProcessResult ff = runProcess(QStringLiteral("ffprobe"), {QStringLiteral("-version")});
    QVERIFY(ff.finished && ff.exitCode == 0);
    static const QRegularExpression ffprobeAvcodec(QStringLiteral("libavcodec\\s+(\\d+)\\.\\s*(\\d+)\\.\\s*(\\d+)"));
    const auto m = ffprobeAvcodec.match(QString::fromUtf8(ff.out));
    QVERIFY(m.hasMatch());
    QCOMPARE(tools.value(QStringLiteral("libavcodec")).toString(),
             QStringLiteral("%1.%2.%3").arg(m.captured(1).toInt()).arg(m.captured(2).toInt()).arg(m.captured(3).toInt()));
}

void TestManifest::upscalingRungIsSkippedWithReason()
{
    const QJsonArray skipped = m_manifest.value(QStringLiteral("skipped_rungs")).toArray();
    QCOMPARE(skipped.size(), 1);
    const QJsonObject s = skipped.first().toObject();
    QCOMPARE(s.value(QStringLiteral("rung")).toString(), QStringLiteral("2160p"));
    QVERIFY2(s.value(QStringLiteral("reason")).toString().contains(QStringLiteral("upscale")), qPrintable(s.value(QStringLiteral("reason")).toString()));
    QVERIFY(!QFileInfo::exists(QDir(m_assetDir).filePath(QStringLiteral("v1/2160p"))));
    QVERIFY(renditionNamed(m_manifest, QStringLiteral("2160p")).isEmpty());
}

void TestManifest::manifestIsTheNewestFile()
{
    // manifest.json is written last: no file of the package is newer.
    const QString root = QDir(m_assetDir).filePath(QStringLiteral("v1"));
    const QDateTime manifestTime = QFileInfo(QDir(root).filePath(QStringLiteral("manifest.json"))).lastModified();
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        ++files;
        QVERIFY2(fi.lastModified() <= manifestTime, qPrintable(fi.filePath() + QStringLiteral(" is newer than manifest.json")));
    }
    QVERIFY(files > 5);
}

void TestManifest::currentPointsAtNewestVersion()
{
    const QFileInfo current(QDir(m_assetDir).filePath(QStringLiteral("current")));
    QVERIFY(current.isSymLink());
    QCOMPARE(QFile::symLinkTarget(current.filePath()), QDir(m_assetDir).filePath(QStringLiteral("v1")));
    QCOMPARE(readManifest(current.filePath()), m_manifest);
    QVERIFY(stagingDirs(m_assetDir).isEmpty());
}

void TestManifest::secondRunPublishesV2AndMovesCurrent()
{
    const ProcessResult run = runRendition(m_presetPath, m_out, {m_source}, true);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QList<QJsonObject> published = run.eventsOfType(QStringLiteral("published"));
    QCOMPARE(published.size(), 1);
    QCOMPARE(published.first().value(QStringLiteral("version")).toString(), QStringLiteral("v2"));

    QCOMPARE(versionDirs(m_assetDir), (QStringList{QStringLiteral("v1"), QStringLiteral("v2")}));
    const QString current = QDir(m_assetDir).filePath(QStringLiteral("current"));
    QVERIFY(QFileInfo(current).isSymLink());
    QCOMPARE(QFile::symLinkTarget(current), QDir(m_assetDir).filePath(QStringLiteral("v2")));
    const QJsonObject v2 = readManifest(current);
    QCOMPARE(v2.value(QStringLiteral("version")).toString(), QStringLiteral("v2"));
    QCOMPARE(v2.value(QStringLiteral("preset")).toObject(), m_preset);
    // v1 is left untouched.
    QCOMPARE(readManifest(QDir(m_assetDir).filePath(QStringLiteral("v1"))), m_manifest);
    QVERIFY(stagingDirs(m_assetDir).isEmpty());
}

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
