// Real players on our packages: rendition-cli packages a 12 s source with a two-rung H.264 ladder
// (CMAF: HLS + DASH over the same fMP4 segments; and MPEG-TS HLS), then tests/player/play.mjs
// plays each package in headless Debian Chromium (puppeteer-core) with shaka-player, dash.js and
// hls.js, and reports JSON. A combination passes when the player got past 4 s of playback,
// decoded video frames, saw both rungs, and reported no error.
//
// Needs node, /usr/bin/chromium and tests/player/node_modules — scripts/install-deps.sh installs
// all three; without them the test is skipped with the reason.

#include "tests/integration/IntegrationHelpers.h"

#include <QStandardPaths>
#include <QDirIterator>
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
    QString m_cenc; // CMAF + CENC (ClearKey, Widevine, PlayReady signalled)
    QString m_aes;  // MPEG-TS HLS + AES-128
};

namespace {
// The content key of the protected packages (key_source key_file), and a wrong one.
const QString kKid = QStringLiteral("6e5a1d26275747d78046eaa5d1d34b5a");
const QString kKey = QStringLiteral("1a8a2b3c4d5e6f708192a3b4c5d6e7f8");
const QString kWrongKey = QStringLiteral("00112233445566778899aabbccddeeff");
} // namespace

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

    // Protected packages with a known key; the harness serves keys at /clearkey/key/<kid>.
    const QString keyFile = m_tmp.filePath(QStringLiteral("content.keys"));
    {
        QFile f(keyFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write((QStringLiteral("# player test key\n") + kKid + u':' + kKey + u'\n').toLatin1());
    }
    auto protectedPreset = [&](const QString &name, Packaging packaging, const QString &scheme, const QStringList &systems) {
        QJsonObject preset = presetFor(name, packaging);
        preset.insert(QStringLiteral("drm"), QJsonObject{{QStringLiteral("scheme"), scheme},
                                                         {QStringLiteral("key_source"), QStringLiteral("key_file")},
                                                         {QStringLiteral("key_file"), keyFile},
                                                         {QStringLiteral("systems"), QJsonArray::fromStringList(systems)},
                                                         {QStringLiteral("key_uri"), QStringLiteral("/clearkey/key/{kid}")}});
        return writePreset(m_tmp.path(), preset);
    };
    m_cenc = package(m_tmp.filePath(QStringLiteral("out-cenc")),
                     protectedPreset(QStringLiteral("player-cenc"), Packaging::Cmaf, QStringLiteral("cenc"),
                                     {QStringLiteral("clearkey"), QStringLiteral("widevine"), QStringLiteral("playready")}),
                     source);
    QVERIFY2(!m_cenc.isEmpty(), "rendition-cli failed on the CENC preset");
    m_aes = package(m_tmp.filePath(QStringLiteral("out-aes")),
                    protectedPreset(QStringLiteral("player-aes"), Packaging::HlsTs, QStringLiteral("hls-aes128"), {QStringLiteral("clearkey")}),
                    source);
    QVERIFY2(!m_aes.isEmpty(), "rendition-cli failed on the AES-128 preset");
    // The key lives beside the package (0600), never inside it.
    const QString keyStore = QDir(m_cenc).filePath(QStringLiteral("../keys/v1.json"));
    QVERIFY(QFileInfo::exists(keyStore));
    QCOMPARE(int(QFile::permissions(keyStore) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)), 0);
    QDirIterator it(m_cenc, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains(kKey.toLatin1()) && !bytes.contains(QByteArray::fromHex(kKey.toLatin1())), qPrintable(it.filePath()));
    }
}

void TestPlayers::play_data()
{
    QTest::addColumn<QString>("player");
    QTest::addColumn<QString>("pkg");       // cmaf | ts | cenc | aes
    QTest::addColumn<QString>("manifest");
    QTest::addColumn<QString>("key");       // hex key handed to the player, empty for clear packages
    QTest::addColumn<bool>("expectError");  // a wrong key must end in a player error
    const QString mpd = QStringLiteral("manifest.mpd"), m3u8 = QStringLiteral("master.m3u8");
    QTest::newRow("shaka DASH") << QStringLiteral("shaka") << QStringLiteral("cmaf") << mpd << QString() << false;
    QTest::newRow("shaka HLS fMP4") << QStringLiteral("shaka") << QStringLiteral("cmaf") << m3u8 << QString() << false;
    QTest::newRow("dash.js DASH") << QStringLiteral("dashjs") << QStringLiteral("cmaf") << mpd << QString() << false;
    QTest::newRow("hls.js HLS fMP4") << QStringLiteral("hlsjs") << QStringLiteral("cmaf") << m3u8 << QString() << false;
    QTest::newRow("hls.js HLS TS") << QStringLiteral("hlsjs") << QStringLiteral("ts") << m3u8 << QString() << false;
    QTest::newRow("shaka DASH ClearKey") << QStringLiteral("shaka") << QStringLiteral("cenc") << mpd << kKey << false;
    QTest::newRow("shaka HLS ClearKey") << QStringLiteral("shaka") << QStringLiteral("cenc") << m3u8 << kKey << false;
    QTest::newRow("dash.js DASH ClearKey") << QStringLiteral("dashjs") << QStringLiteral("cenc") << mpd << kKey << false;
    QTest::newRow("hls.js HLS ClearKey") << QStringLiteral("hlsjs") << QStringLiteral("cenc") << m3u8 << kKey << false;
    QTest::newRow("hls.js HLS AES-128") << QStringLiteral("hlsjs") << QStringLiteral("aes") << m3u8 << kKey << false;
    QTest::newRow("shaka DASH wrong key") << QStringLiteral("shaka") << QStringLiteral("cenc") << mpd << kWrongKey << true;
    QTest::newRow("dash.js DASH wrong key") << QStringLiteral("dashjs") << QStringLiteral("cenc") << mpd << kWrongKey << true;
    QTest::newRow("hls.js AES-128 wrong key") << QStringLiteral("hlsjs") << QStringLiteral("aes") << m3u8 << kWrongKey << true;
}

void TestPlayers::play()
{
    QFETCH(QString, player);
    QFETCH(QString, pkg);
    QFETCH(QString, manifest);
    QFETCH(QString, key);
    QFETCH(bool, expectError);
    const QString root = pkg == u"ts" ? m_ts : pkg == u"cenc" ? m_cenc : pkg == u"aes" ? m_aes : m_cmaf;
    const QString url = QDir(root).filePath(manifest);

    QStringList args{kPlayerDir + QStringLiteral("/play.mjs"), QStringLiteral("--player"), player,
                     QStringLiteral("--url"), url, QStringLiteral("--timeout"), QStringLiteral("60")};
    if (!key.isEmpty()) args << QStringLiteral("--clearkey") << kKid + u':' + key;
    if (expectError) args << QStringLiteral("--expect-error");
    const PlayResult r = runPlayer(m_node, args);
    QVERIFY2(r.process.finished && r.process.exitCode == 0, qPrintable(r.describe()));
    if (expectError) { // the wrong key ended in a player error before playback got anywhere
        QVERIFY2(!r.json.value(QStringLiteral("errors")).toArray().isEmpty(), qPrintable(r.describe()));
        QVERIFY2(r.json.value(QStringLiteral("currentTime")).toDouble() < kTargetSeconds, qPrintable(r.describe()));
        return;
    }
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
