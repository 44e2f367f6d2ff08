// Real players on our packages: rendition-cli packages a 12 s source with a two-rung H.264 ladder
// (CMAF: HLS + DASH over the same fMP4 segments; and MPEG-TS HLS), then tests/player/play.mjs
// plays each package in headless Debian Chromium (puppeteer-core) with shaka-player, dash.js and
// hls.js, and reports JSON. A combination passes when the player got past 4 s of playback,
// decoded video frames, saw both rungs, and reported no error.
//
// Needs node, /usr/bin/chromium and tests/player/node_modules — scripts/install-deps.sh installs
// all three; without them the test is skipped with the reason.

#include "IntegrationHelpers.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace itest;

namespace {

const QString kPlayerDir = QStringLiteral(RENDITION_SOURCE_DIR "/tests/player");
constexpr int kPlayTimeoutMs = 90000; // per player run; play.mjs gives up by itself after --timeout 60
constexpr double kTargetSeconds = 4.0;

struct PlayResult {
    ProcessResult process;
    QJsonObject json; // the last stdout line, parsed
    QString describe() const
    {
        return QStringLiteral("%1\n--- play.mjs stdout ---\n%2")
            .arg(process.describe(), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)).left(6000));
    }
};

// Like runProcess, but asks play.mjs to stop (SIGTERM: it closes Chromium) before killing it.
PlayResult runPlayer(const QString &node, const QStringList &args)
{
    PlayResult r;
    QProcess p;
    p.setWorkingDirectory(kPlayerDir);
    p.start(node, args);
    if (!p.waitForStarted(10000)) {
        r.process.err = p.errorString().toUtf8();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(kPlayTimeoutMs)) {
        p.terminate();
        if (!p.waitForFinished(10000)) {
            p.kill();
            p.waitForFinished(5000);
        }
        r.process.out = p.readAllStandardOutput();
        r.process.err = p.readAllStandardError() + "\n[timed out]";
    } else {
        r.process.finished = true;
        r.process.crashed = p.exitStatus() != QProcess::NormalExit;
        r.process.exitCode = r.process.crashed ? -1 : p.exitCode();
        r.process.out = p.readAllStandardOutput();
        r.process.err = p.readAllStandardError();
    }
    const QList<QByteArray> lines = r.process.out.trimmed().split('\n');
    if (!lines.isEmpty()) r.json = QJsonDocument::fromJson(lines.last()).object();
    return r;
}

QString compact(const QJsonValue &v)
{
    return v.isArray() ? QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact))
                       : QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

} // namespace

class TestPlayers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void play_data();
    void play();

private:
    QString package(const QString &root, const QString &preset, const QString &source);

    QTemporaryDir m_tmp;
    QString m_node;
    QString m_cmaf; // version folder of the CMAF package (master.m3u8 + manifest.mpd)
    QString m_ts;   // version folder of the MPEG-TS HLS package
};

QString TestPlayers::package(const QString &outDir, const QString &preset, const QString &source)
{
    const ProcessResult run = runRendition(preset, outDir, {source});
    if (!run.finished || run.exitCode != 0) {
        qWarning().noquote() << run.describe();
        return {};
    }
    return QDir(outDir).filePath(QFileInfo(source).completeBaseName() + QStringLiteral("/v1"));
}

void TestPlayers::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (m_node.isEmpty()) QSKIP("node is not installed (scripts/install-deps.sh installs nodejs)");
    const QString chromium = qEnvironmentVariable("RENDITION_CHROMIUM", QStringLiteral("/usr/bin/chromium"));
    if (!QFileInfo(chromium).isExecutable())
        QSKIP(qPrintable(chromium + QStringLiteral(" is missing (scripts/install-deps.sh installs chromium)")));
    for (const char *dep : {"puppeteer-core/package.json", "shaka-player/dist/shaka-player.compiled.js",
                            "dashjs/dist/modern/umd/dash.all.min.js", "hls.js/dist/hls.min.js"}) {
        const QString path = kPlayerDir + QStringLiteral("/node_modules/") + QLatin1String(dep);
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(path + QStringLiteral(" is missing (scripts/install-deps.sh runs npm ci in tests/player)")));
    }
    QVERIFY(m_tmp.isValid());

    // Two rungs, 2 s segments: small and quick to encode, yet the players see a real ladder.
    // Loudness, thumbnails and QC are not what this test is about: off, to keep it fast.
    auto presetFor = [](const QString &name, Packaging packaging) {
        PresetSpec spec{name, {{QStringLiteral("360p"), 640, 360, vbr(800, 1200)}, {QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
        spec.segmentSeconds = 2;
        spec.packaging = packaging;
        QJsonObject preset = presetJson(spec);
        const QJsonObject off{{QStringLiteral("enabled"), false}};
        preset.insert(QStringLiteral("loudness"), off);
        preset.insert(QStringLiteral("thumbnails"), off);
        preset.insert(QStringLiteral("qc"), off);
        return preset;
    };
    const QString source = good(QStringLiteral("bars_1080p25.mp4")); // 1920x1080, 25 fps, 12 s, AAC stereo
    const QString cmafPreset = writePreset(m_tmp.path(), presetFor(QStringLiteral("player-cmaf"), Packaging::Cmaf));
    const QString tsPreset = writePreset(m_tmp.path(), presetFor(QStringLiteral("player-ts"), Packaging::HlsTs));
    QVERIFY(!cmafPreset.isEmpty() && !tsPreset.isEmpty());

    m_cmaf = package(m_tmp.filePath(QStringLiteral("out-cmaf")), cmafPreset, source);
    QVERIFY2(!m_cmaf.isEmpty(), "rendition-cli failed on the CMAF preset");
    QVERIFY(QFileInfo::exists(QDir(m_cmaf).filePath(QStringLiteral("master.m3u8"))));
    QVERIFY(QFileInfo::exists(QDir(m_cmaf).filePath(QStringLiteral("manifest.mpd"))));
    m_ts = package(m_tmp.filePath(QStringLiteral("out-ts")), tsPreset, source);
    QVERIFY2(!m_ts.isEmpty(), "rendition-cli failed on the MPEG-TS preset");
    QVERIFY(QFileInfo::exists(QDir(m_ts).filePath(QStringLiteral("master.m3u8"))));
}

void TestPlayers::play_data()
{
    QTest::addColumn<QString>("player");
    QTest::addColumn<bool>("ts");        // the MPEG-TS package, else the CMAF one
    QTest::addColumn<QString>("manifest");
    QTest::newRow("shaka DASH") << QStringLiteral("shaka") << false << QStringLiteral("manifest.mpd");
    QTest::newRow("shaka HLS fMP4") << QStringLiteral("shaka") << false << QStringLiteral("master.m3u8");
    QTest::newRow("dash.js DASH") << QStringLiteral("dashjs") << false << QStringLiteral("manifest.mpd");
    QTest::newRow("hls.js HLS fMP4") << QStringLiteral("hlsjs") << false << QStringLiteral("master.m3u8");
    QTest::newRow("hls.js HLS TS") << QStringLiteral("hlsjs") << true << QStringLiteral("master.m3u8");
}

void TestPlayers::play()
{
    QFETCH(QString, player);
    QFETCH(bool, ts);
    QFETCH(QString, manifest);
    const QString url = QDir(ts ? m_ts : m_cmaf).filePath(manifest);

    const PlayResult r = runPlayer(m_node, {kPlayerDir + QStringLiteral("/play.mjs"), QStringLiteral("--player"), player,
                                            QStringLiteral("--url"), url, QStringLiteral("--timeout"), QStringLiteral("60")});
    QVERIFY2(r.process.finished && r.process.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject &j = r.json;
    QVERIFY2(j.value(QStringLiteral("ok")).toBool(), qPrintable(r.describe()));
    QCOMPARE(j.value(QStringLiteral("player")).toString(), player);
    QVERIFY2(j.value(QStringLiteral("errors")).toArray().isEmpty(), qPrintable(compact(j.value(QStringLiteral("errors")))));
    const double currentTime = j.value(QStringLiteral("currentTime")).toDouble();
    QVERIFY2(currentTime > kTargetSeconds, qPrintable(QString::number(currentTime)));
    const int decoded = j.value(QStringLiteral("decodedFrames")).toInt();
    QVERIFY2(decoded > 0, qPrintable(r.describe()));

    // The picture is one of our rungs, and the player saw the whole ladder.
    const QJsonObject resolution = j.value(QStringLiteral("resolution")).toObject();
    const QString size = QStringLiteral("%1x%2").arg(resolution.value(QStringLiteral("width")).toInt()).arg(resolution.value(QStringLiteral("height")).toInt());
    QVERIFY2(size == u"640x360" || size == u"320x180", qPrintable(size));
    const QJsonArray variants = j.value(QStringLiteral("variants")).toArray();
    QVERIFY2(variants.size() == 2, qPrintable(compact(variants)));

    qInfo().noquote() << QStringLiteral("%1 %2: %3 at %4 s, %5 frames decoded, %6 dropped, variant %7%8")
                             .arg(j.value(QStringLiteral("player")).toString(), j.value(QStringLiteral("playerVersion")).toString(), size)
                             .arg(currentTime, 0, 'f', 2).arg(decoded).arg(j.value(QStringLiteral("droppedFrames")).toInt())
                             .arg(compact(j.value(QStringLiteral("variant"))),
                                  j.value(QStringLiteral("warnings")).toArray().isEmpty()
                                      ? QString()
                                      : QStringLiteral("; recoverable warnings: ") + compact(j.value(QStringLiteral("warnings"))));
}

QTEST_GUILESS_MAIN(TestPlayers)
#include "tst_players.moc"
