// DRM end to end through the CLI: keys stay out of everything published or printed, the key
// store sits beside the package with mode 0600, the init segments carry PSSH boxes that parse
// back to the right systems and KID, FFmpeg decrypts the published package with the key, and
// bad key material fails before any encoding with an error that names the file.

#include "tests/integration/IntegrationHelpers.h"

#include "core/media/cenc/Box.h"
#include "core/media/cenc/Pssh.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace itest;
using namespace rendition;

namespace {
const QString kKid = QStringLiteral("0123456789abcdef0123456789abcdef");
const QString kKey = QStringLiteral("f0e1d2c3b4a5968778695a4b3c2d1e0f");
} // namespace

class TestDrm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keysNeverLeak();
    void keyStoreBesideThePackage();
    void psshBoxesParseBack();
    void ffmpegDecryptsWithTheKeyOnly();
    void badKeyMaterialFailsEarly_data();
    void badKeyMaterialFailsEarly();

private:
    QString writeKeyFile(const QString &name, const QByteArray &text);
    QJsonObject drmPreset(const QString &name, const QString &keyFile, const QString &source = QStringLiteral("key_file"));

    QTemporaryDir m_tmp;
    ProcessResult m_run;
    QString m_version;
};

QString TestDrm::writeKeyFile(const QString &name, const QByteArray &text)
{
    const QString path = m_tmp.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) < 0) return {};
    return path;
}

QJsonObject TestDrm::drmPreset(const QString &name, const QString &keyFile, const QString &source)
{
    PresetSpec spec{name, {{QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
    spec.segmentSeconds = 2;
    QJsonObject p = presetJson(spec);
    p.insert(QStringLiteral("drm"), QJsonObject{{QStringLiteral("scheme"), QStringLiteral("cenc")},
                                                {QStringLiteral("key_source"), source},
                                                {QStringLiteral("key_file"), keyFile},
                                                {QStringLiteral("systems"), QJsonArray{QStringLiteral("clearkey"), QStringLiteral("widevine"),
                                                                                       QStringLiteral("playready")}},
                                                {QStringLiteral("playready_la_url"), QStringLiteral("https://licence.example/pr")}});
    return p;
}

void TestDrm::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString keys = writeKeyFile(QStringLiteral("good.keys"), (kKid + u':' + kKey + u'\n').toLatin1());
    const QString preset = writePreset(m_tmp.path(), drmPreset(QStringLiteral("drm-good"), keys));
    m_run = runRendition(preset, m_tmp.filePath(QStringLiteral("out")), {good(QStringLiteral("sport_5994.mp4"))}, true);
    QVERIFY2(m_run.finished && m_run.exitCode == 0, qPrintable(m_run.describe()));
    m_version = m_tmp.filePath(QStringLiteral("out/sport_5994/v1"));
    QVERIFY(QFileInfo::exists(QDir(m_version).filePath(QStringLiteral("manifest.json"))));
}

void TestDrm::keysNeverLeak()
{
    const QList<QByteArray> forms{kKey.toLatin1(), kKey.toUpper().toLatin1(), QByteArray::fromHex(kKey.toLatin1()),
                                  QByteArray::fromHex(kKey.toLatin1()).toBase64(),
                                  QByteArray::fromHex(kKey.toLatin1()).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)};
    for (const QByteArray &f : forms) {
        QVERIFY2(!m_run.out.contains(f), "key on stdout");
        QVERIFY2(!m_run.err.contains(f), "key on stderr");
    }
    QDirIterator it(m_version, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QByteArray bytes = readAll(it.next());
        ++files;
        for (const QByteArray &f : forms) QVERIFY2(!bytes.contains(f), qPrintable(it.filePath()));
    }
    QVERIFY(files > 5);
    // The manifest names the KID and the systems, nothing more.
    const QJsonObject drm = readManifest(m_version).value(QStringLiteral("drm")).toObject();
    QCOMPARE(drm.value(QStringLiteral("scheme")).toString(), QStringLiteral("cenc"));
    QCOMPARE(drm.value(QStringLiteral("kid")).toString(), kKid);
    QCOMPARE(drm.value(QStringLiteral("systems")).toArray().size(), 3);
}

void TestDrm::keyStoreBesideThePackage()
{
    const QString store = m_tmp.filePath(QStringLiteral("out/sport_5994/keys/v1.json"));
    QVERIFY(QFileInfo::exists(store));
    QCOMPARE(QFile::permissions(store) & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser), QFile::Permissions());
    const QJsonObject keys = readJsonObject(store);
    const QJsonObject key = keys.value(QStringLiteral("keys")).toArray().at(0).toObject();
    QCOMPARE(key.value(QStringLiteral("kid")).toString(), kKid);
    QCOMPARE(key.value(QStringLiteral("key")).toString(), kKey);
    QVERIFY(!QFileInfo::exists(QDir(m_version).filePath(QStringLiteral("keys")))); // never inside the package
}

void TestDrm::psshBoxesParseBack()
{
    using namespace rendition::cenc;
    for (const QString &track : {QStringLiteral("180p"), QStringLiteral("aac-128k")}) {
        const QByteArray init = readAll(QDir(m_version).filePath(track + QStringLiteral("/init.mp4")));
        auto roots = parseBoxes(init);
        QVERIFY2(roots.ok(), qPrintable(track));
        const Box *moov = findPath(*roots, {fourcc("moov")});
        QVERIFY(moov);
        QSet<DrmSystem> systems;
        for (const Box *pssh : moov->childrenOfType(fourcc("pssh"))) {
            Result<PsshInfo> info = parsePssh(pssh->serialize());
            QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
            systems.insert(info->system);
            QList<KeyId> kids = info->kids;
            if (info->system == DrmSystem::Widevine) kids = info->widevineKeyIds;
            if (info->system == DrmSystem::PlayReady) {
                kids = info->playReadyKids;
                QCOMPARE(info->playReadyLaUrl, QStringLiteral("https://licence.example/pr"));
            }
            QCOMPARE(kids.size(), 1);
            QCOMPARE(keyIdToHex(kids.first()), kKid);
        }
        QCOMPARE(systems, (QSet<DrmSystem>{DrmSystem::Common, DrmSystem::Widevine, DrmSystem::PlayReady}));
    }
}

void TestDrm::ffmpegDecryptsWithTheKeyOnly()
{
    // One segment at a time (FFmpeg 5.1's mov demuxer mixes up IVs across fragments when it may
    // seek over a joined file); with the key it decodes, with a wrong key it does not.
    const QString dir = QDir(m_version).filePath(QStringLiteral("180p"));
    const QString joined = m_tmp.filePath(QStringLiteral("seg1.mp4"));
    QVERIFY(concatFiles({QDir(dir).filePath(QStringLiteral("init.mp4")), QDir(dir).filePath(QStringLiteral("seg_00001.m4s"))}, joined));
    auto decode = [&](const QString &key) {
        return runProcess(QStringLiteral("ffmpeg"), {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                                                     QStringLiteral("-decryption_key"), key, QStringLiteral("-i"), joined,
                                                     QStringLiteral("-f"), QStringLiteral("framemd5"), QStringLiteral("-")});
    };
    const ProcessResult right = decode(kKey);
    QVERIFY2(right.finished && right.exitCode == 0 && right.err.trimmed().isEmpty(), qPrintable(right.describe()));
    const ProcessResult wrong = decode(QStringLiteral("00000000000000000000000000000000"));
    const bool failed = !wrong.finished || wrong.exitCode != 0 || !wrong.err.trimmed().isEmpty() || wrong.out != right.out;
    QVERIFY2(failed, "a wrong key decoded the same frames");
}

void TestDrm::badKeyMaterialFailsEarly_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("short key") << QStringLiteral("key_file") << (kKid + QStringLiteral(":abcd\n")).toLatin1() << QStringLiteral("line 1");
    QTest::newRow("not hex") << QStringLiteral("key_file") << (kKid + QStringLiteral(":zz") + kKey.mid(2) + u'\n').toLatin1() << QStringLiteral("line 1");
    QTest::newRow("empty") << QStringLiteral("key_file") << QByteArray("# nothing here\n") << QStringLiteral("bad.keys");
    QTest::newRow("CPIX not XML") << QStringLiteral("cpix") << QByteArray("<cpix:CPIX") << QStringLiteral("bad.keys");
}

void TestDrm::badKeyMaterialFailsEarly()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, text);
    QFETCH(QString, mentions);
    const QString keys = writeKeyFile(QStringLiteral("bad.keys"), text);
    const QString preset = writePreset(m_tmp.path(), drmPreset(QStringLiteral("drm-bad"), keys, source));
    const QString out = m_tmp.filePath(QStringLiteral("out-bad"));
    const ProcessResult run = runRendition(preset, out, {good(QStringLiteral("sport_5994.mp4"))});
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QStringLiteral("sport_5994.mp4")) && err.contains(mentions), qPrintable(err));
    QVERIFY(!run.err.contains(kKey.mid(2).toLatin1()));
    QVERIFY(versionDirs(QDir(out).filePath(QStringLiteral("sport_5994"))).isEmpty());
    QVERIFY(!QFileInfo::exists(QDir(out).filePath(QStringLiteral("sport_5994/keys"))));
}

QTEST_GUILESS_MAIN(TestDrm)
#include "tst_drm.moc"
