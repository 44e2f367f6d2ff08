// Crash-safe resume of one job (issue #5 item 2) through `rendition-cli exec-job`: a job
// killed right after a stage's checkpoint (RENDITION_TEST_KILL_AFTER_STAGE, a SIGKILL the
// child sends itself) is run again with the same spec and continues from there: the finished
// stages are reported `resumed` and their files are the very same files (inode and mtime
// unchanged), the package is complete and decodes (ffprobe), and its bytes equal an
// uninterrupted run's wherever two uninterrupted runs agree with each other. Damaged outputs,
// another job key, an encrypted package, a job published before the queue heard of it, and a
// cancel during a resumed run are covered too.

#include "tests/integration/IntegrationHelpers.h"

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/model/Preset.h"

#include <QDirIterator>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace itest;

namespace {

struct FileId {
    quint64 inode = 0;
    qint64 mtimeNs = 0;
    bool operator==(const FileId &o) const { return inode == o.inode && mtimeNs == o.mtimeNs; }
};

FileId fileId(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return {};
    return {quint64(st.st_ino), qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// Relative path → absolute path of every file below `dir`.
QMap<QString, QString> filesBelow(const QString &dir)
{
    QMap<QString, QString> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString abs = it.next();
        out.insert(QDir(dir).relativeFilePath(abs), abs);
    }
    return out;
}

QStringList resumedStages(const ProcessResult &r)
{
    QStringList out;
    for (const QJsonObject &e : r.eventsOfType(QStringLiteral("progress")))
        if (e.value(QStringLiteral("resumed")).toBool()) out << e.value(QStringLiteral("stage")).toString();
    return out;
}

// Every progress event of `stage` is a resumed one (the stage did no work).
bool onlyResumed(const ProcessResult &r, const QString &stage)
{
    int seen = 0;
    for (const QJsonObject &e : r.eventsOfType(QStringLiteral("progress")))
        if (e.value(QStringLiteral("stage")).toString() == stage) {
            if (!e.value(QStringLiteral("resumed")).toBool()) return false;
            ++seen;
        }
    return seen == 1;
}

// The staging folders of `assetDir` (not their sibling checkpoint folders).
QStringList stagingFolders(const QString &assetDir)
{
    QStringList out;
    for (const QString &d : stagingDirs(assetDir))
        if (!d.endsWith(QStringLiteral(".checkpoints"))) out << d;
    return out;
}

} // namespace

class TestResume : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resumesAfterTheLastCompletedStage_data();
    void resumesAfterTheLastCompletedStage();
    void damagedOutputIsRedone();
    void otherJobKeyStartsOver();
    void encryptedPackageResumes_data();
    void encryptedPackageResumes();
    void publishedJobIsAdopted();
    void cancelDuringResumeCleansUp();

private:
    QJsonObject preset(const QString &name, bool drm = false) const;
    // Writes a spec for `source` into out root `outName`; returns its path.
    QString writeSpec(const QString &name, const QJsonObject &preset, const QString &outName,
                      const QString &source = good(QStringLiteral("sport_5994.mp4")), const QString &id = {});
    ProcessResult execJob(const QString &spec, const QString &killAfter = {}) const;
    void checkPackage(const QString &versionDir); // complete and decodable, like the reference
    QString out(const QString &name) const { return m_tmp.filePath(name); }

    QTemporaryDir m_tmp;
    QString m_refVersion;            // an uninterrupted run's v1
    QStringList m_deterministic;     // files two uninterrupted runs write identically
    QHash<QString, int> m_refFrames; // rendition → decoded frames (ffprobe) in the reference
};

QJsonObject TestResume::preset(const QString &name, bool drm) const
{
    PresetSpec spec{name, {{QStringLiteral("180p"), 320, 180, vbr(300, 450)}, {QStringLiteral("360p"), 640, 360, vbr(600, 900)}}};
    spec.segmentSeconds = 2;
    QJsonObject p = presetJson(spec);
    p.insert(QStringLiteral("loudness"), QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("target_lufs"), -23.0},
                                                     {QStringLiteral("true_peak_dbtp"), -1.0}, {QStringLiteral("over_ceiling"), QStringLiteral("limit")}});
    p.insert(QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("interval_s"), 1.0}, {QStringLiteral("tile_width"), 160},
                                                       {QStringLiteral("tile_height"), 90}, {QStringLiteral("columns"), 4}, {QStringLiteral("rows"), 4},
                                                       {QStringLiteral("jpeg_quality"), 80}});
    if (drm)
        p.insert(QStringLiteral("drm"), QJsonObject{{QStringLiteral("scheme"), QStringLiteral("cenc")}, {QStringLiteral("key_source"), QStringLiteral("generate")},
                                                    {QStringLiteral("systems"), QJsonArray{QStringLiteral("clearkey")}}});
    return p;
}

QString TestResume::writeSpec(const QString &name, const QJsonObject &presetJson, const QString &outName, const QString &source, const QString &id)
{
    rendition::Result<rendition::Preset> preset = rendition::parsePreset(presetJson);
    if (!preset) return {};
    const rendition::ProbeResult probed = rendition::probe(source, rendition::ProbeOptions{}, rendition::CancelToken());
    rendition::Result<rendition::JobSpec> spec = rendition::makeJobSpec(probed, *preset, out(outName));
    if (!spec) return {};
    if (!id.isEmpty()) spec->id = id;
    const QString path = m_tmp.filePath(name + QStringLiteral(".json"));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(spec->toJsonBytes()) > 0 ? path : QString();
}

ProcessResult TestResume::execJob(const QString &spec, const QString &killAfter) const
{
    ProcessResult r;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("RENDITION_TEST_KILL_AFTER_STAGE"));
    if (!killAfter.isEmpty()) env.insert(QStringLiteral("RENDITION_TEST_KILL_AFTER_STAGE"), killAfter);
    p.setProcessEnvironment(env);
    p.start(kCli, {QStringLiteral("exec-job"), spec});
    if (!p.waitForStarted(10000) || !p.waitForFinished(kCliTimeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "[did not start or timed out]";
        return r;
    }
    r.finished = true;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = r.crashed ? -1 : p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestResume::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QJsonObject p = preset(QStringLiteral("resume"));
    QStringList versions;
    for (const QString &name : {QStringLiteral("ref1"), QStringLiteral("ref2")}) {
        const QString spec = writeSpec(name, p, name);
        QVERIFY(!spec.isEmpty());
        const ProcessResult r = execJob(spec);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(resumedStages(r).isEmpty());
        versions << out(name + QStringLiteral("/sport_5994/v1"));
    }
    m_refVersion = versions.first();
    const QMap<QString, QString> a = filesBelow(versions[0]), b = filesBelow(versions[1]);
    QCOMPARE(a.keys(), b.keys());
    for (auto it = a.cbegin(); it != a.cend(); ++it)
        if (readAll(it.value()) == readAll(b.value(it.key()))) m_deterministic << it.key();
    qInfo("%lld of %lld published files are identical across two uninterrupted runs", qint64(m_deterministic.size()), qint64(a.size()));
    // At least these must be reproducible, or the comparison below would prove little.
    QVERIFY(m_deterministic.contains(QStringLiteral("aac-128k/seg_00001.m4s")));
    QVERIFY(m_deterministic.contains(QStringLiteral("thumbnails/sprite_0.jpg")));
    QVERIFY(m_deterministic.contains(QStringLiteral("loudness.json")));
    for (const QString &r : {QStringLiteral("180p"), QStringLiteral("360p")}) {
        const QString joined = m_tmp.filePath(QStringLiteral("ref-%1.mp4").arg(r));
        QVERIFY(joinRendition(QDir(m_refVersion).filePath(r), joined));
        const QJsonArray v = streamsOfType(probeStreams(joined, true), QStringLiteral("video"));
        QCOMPARE(v.size(), 1);
        m_refFrames.insert(r, v.at(0).toObject().value(QStringLiteral("nb_read_frames")).toString().toInt());
        QVERIFY(m_refFrames.value(r) > 300);
    }
}

void TestResume::checkPackage(const QString &versionDir)
{
    const QJsonObject manifest = readManifest(versionDir);
    QCOMPARE(manifest.value(QStringLiteral("status")).toString(), QStringLiteral("published"));
    QCOMPARE(manifest.value(QStringLiteral("renditions")).toArray().size(), 3);
    QVERIFY(!manifest.value(QStringLiteral("job")).toObject().value(QStringLiteral("idempotency_key")).toString().isEmpty());
    for (const QString &r : {QStringLiteral("180p"), QStringLiteral("360p")}) {
        const QString joined = m_tmp.filePath(QStringLiteral("check-%1.mp4").arg(r));
        QVERIFY(joinRendition(QDir(versionDir).filePath(r), joined));
        const QJsonArray v = streamsOfType(probeStreams(joined, true), QStringLiteral("video"));
        QCOMPARE(v.size(), 1);
        QCOMPARE(v.at(0).toObject().value(QStringLiteral("nb_read_frames")).toString().toInt(), m_refFrames.value(r));
    }
    const QString audio = m_tmp.filePath(QStringLiteral("check-audio.mp4"));
    QVERIFY(joinRendition(QDir(versionDir).filePath(QStringLiteral("aac-128k")), audio));
    QCOMPARE(streamsOfType(probeStreams(audio), QStringLiteral("audio")).size(), 1);
    // Same files as the reference; same bytes wherever the pipeline is deterministic.
    const QMap<QString, QString> got = filesBelow(versionDir), ref = filesBelow(m_refVersion);
    QCOMPARE(got.keys(), ref.keys());
    for (const QString &rel : m_deterministic)
        QVERIFY2(readAll(got.value(rel)) == readAll(ref.value(rel)), qPrintable(rel + QStringLiteral(" differs from the uninterrupted run")));
    const QString assetDir = QFileInfo(versionDir).absolutePath();
    QCOMPARE(versionDirs(assetDir), QStringList{QStringLiteral("v1")});
    QCOMPARE(QFileInfo(assetDir + QStringLiteral("/current")).symLinkTarget(), QFileInfo(versionDir).absoluteFilePath());
    QCOMPARE(QDir(assetDir).entryList({QStringLiteral(".staging*")}, QDir::AllEntries | QDir::Hidden), QStringList());
}

void TestResume::resumesAfterTheLastCompletedStage_data()
{
    QTest::addColumn<QString>("killAfter");
    QTest::addColumn<QStringList>("mustResume"); // at least these (thumbnails run alongside and may finish too)
    QTest::newRow("transcode") << QStringLiteral("transcode") << QStringList{QStringLiteral("loudness"), QStringLiteral("transcode")};
    QTest::newRow("remeasure") << QStringLiteral("remeasure") << QStringList{QStringLiteral("thumbnails"), QStringLiteral("loudness"), QStringLiteral("transcode"), QStringLiteral("remeasure")};
    QTest::newRow("qc") << QStringLiteral("qc") << QStringList{QStringLiteral("thumbnails"), QStringLiteral("loudness"), QStringLiteral("transcode"), QStringLiteral("remeasure"), QStringLiteral("qc")};
}

void TestResume::resumesAfterTheLastCompletedStage()
{
    QFETCH(QString, killAfter);
    QFETCH(QStringList, mustResume);
    const QString outName = QStringLiteral("after-") + killAfter;
    const QString spec = writeSpec(outName, preset(QStringLiteral("resume")), outName);
    QVERIFY(!spec.isEmpty());
    const QString assetDir = out(outName + QStringLiteral("/sport_5994"));

    const ProcessResult killed = execJob(spec, killAfter);
    QVERIFY2(killed.finished && killed.crashed, qPrintable(killed.describe()));
    QVERIFY(versionDirs(assetDir).isEmpty()); // nothing partial published
    const QStringList staging = stagingFolders(assetDir);
    QCOMPARE(staging.size(), 1);
    const QMap<QString, QString> before = filesBelow(QDir(assetDir).filePath(staging.first()));
    QHash<QString, FileId> ids;
    for (auto it = before.cbegin(); it != before.cend(); ++it) ids.insert(it.key(), fileId(it.value()));

    const ProcessResult again = execJob(spec);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe() + QString::fromUtf8(again.out.right(2000))));
    const QStringList resumed = resumedStages(again);
    for (const QString &s : mustResume) QVERIFY2(resumed.contains(s), qPrintable(s + QStringLiteral(" not resumed: ") + resumed.join(u',')));
    QVERIFY(!resumed.contains(QStringLiteral("encrypt")));
    QVERIFY(onlyResumed(again, QStringLiteral("transcode"))); // no encoding work at all
    if (mustResume.contains(QStringLiteral("qc"))) QVERIFY(onlyResumed(again, QStringLiteral("qc")));
    else QVERIFY(!onlyResumed(again, QStringLiteral("qc")));

    // The finished stages' files are the very files the killed attempt wrote.
    const QString version = QDir(assetDir).filePath(QStringLiteral("v1"));
    QStringList kept;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        const bool transcodeFile = it.key().contains(u'/') && !it.key().startsWith(QStringLiteral("thumbnails/"));
        const bool stageFile = (transcodeFile) || (it.key().startsWith(QStringLiteral("thumbnails/")) && resumed.contains(QStringLiteral("thumbnails"))) ||
                               (it.key() == u"loudness.json" && resumed.contains(QStringLiteral("remeasure"))) ||
                               (it.key() == u"qc.json" && resumed.contains(QStringLiteral("qc")));
        if (!stageFile) continue;
        QVERIFY2(fileId(QDir(version).filePath(it.key())) == it.value(), qPrintable(it.key() + QStringLiteral(" was rewritten")));
        kept << it.key();
    }
    QVERIFY2(kept.contains(QStringLiteral("360p/seg_00001.m4s")), qPrintable(kept.join(u',')));
    checkPackage(version);
}

void TestResume::damagedOutputIsRedone()
{
    const QString spec = writeSpec(QStringLiteral("damaged"), preset(QStringLiteral("resume")), QStringLiteral("damaged"));
    const QString assetDir = out(QStringLiteral("damaged/sport_5994"));
    const ProcessResult killed = execJob(spec, QStringLiteral("remeasure"));
    QVERIFY2(killed.finished && killed.crashed, qPrintable(killed.describe()));
    const QString staging = QDir(assetDir).filePath(stagingFolders(assetDir).value(0));
    QVERIFY(QFile::resize(staging + QStringLiteral("/180p/seg_00002.m4s"), 100)); // truncated, as by a crash

    const ProcessResult again = execJob(spec);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    const QStringList resumed = resumedStages(again);
    QVERIFY2(resumed.contains(QStringLiteral("thumbnails")) && resumed.contains(QStringLiteral("loudness")), qPrintable(resumed.join(u',')));
    QVERIFY(!resumed.contains(QStringLiteral("transcode")) && !resumed.contains(QStringLiteral("remeasure")));
    bool named = false; // the run says why it encodes again
    for (const QJsonObject &e : again.eventsOfType(QStringLiteral("progress")))
        named = named || (e.value(QStringLiteral("stage")).toString() == u"resume" && e.value(QStringLiteral("message")).toString().contains(QStringLiteral("180p/seg_00002.m4s")));
    QVERIFY(named);
    checkPackage(QDir(assetDir).filePath(QStringLiteral("v1")));
}

void TestResume::otherJobKeyStartsOver()
{
    const QString id = QStringLiteral("0badc0de-0000-4000-8000-000000000001");
    const QString first = writeSpec(QStringLiteral("key-a"), preset(QStringLiteral("resume")), QStringLiteral("keys"), good(QStringLiteral("sport_5994.mp4")), id);
    const ProcessResult killed = execJob(first, QStringLiteral("transcode"));
    QVERIFY2(killed.finished && killed.crashed, qPrintable(killed.describe()));
    // Same job id, other preset (so another idempotency key): nothing of the first may be reused.
    QJsonObject other = preset(QStringLiteral("resume"));
    QJsonArray ladder = other.value(QStringLiteral("ladder")).toArray();
    QJsonObject rung = ladder.at(0).toObject();
    rung.insert(QStringLiteral("rate_control"), vbr(200, 300));
    ladder[0] = rung;
    other.insert(QStringLiteral("ladder"), ladder);
    const QString second = writeSpec(QStringLiteral("key-b"), other, QStringLiteral("keys"), good(QStringLiteral("sport_5994.mp4")), id);
    const ProcessResult again = execJob(second);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(resumedStages(again), QStringList());
    const QJsonObject manifest = readManifest(out(QStringLiteral("keys/sport_5994/v1")));
    QCOMPARE(manifest.value(QStringLiteral("job")).toObject().value(QStringLiteral("idempotency_key")).toString(),
             QJsonDocument::fromJson(readAll(second)).object().value(QStringLiteral("idempotency_key")).toString());
}

void TestResume::encryptedPackageResumes_data()
{
    QTest::addColumn<QString>("killAfter");
    QTest::newRow("after encrypt: the key comes from the key store") << QStringLiteral("encrypt");
    QTest::newRow("after qc: encrypted afresh") << QStringLiteral("qc");
}

void TestResume::encryptedPackageResumes()
{
    QFETCH(QString, killAfter);
    const QString outName = QStringLiteral("drm-") + killAfter;
    const QString spec = writeSpec(outName, preset(QStringLiteral("resume-drm"), true), outName);
    const QString assetDir = out(outName + QStringLiteral("/sport_5994"));
    const ProcessResult killed = execJob(spec, killAfter);
    QVERIFY2(killed.finished && killed.crashed, qPrintable(killed.describe()));
    const ProcessResult again = execJob(spec);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(resumedStages(again).contains(QStringLiteral("encrypt")), killAfter == u"encrypt");
    QVERIFY(resumedStages(again).contains(QStringLiteral("qc")));

    const QString version = QDir(assetDir).filePath(QStringLiteral("v1"));
    const QJsonObject store = readJsonObject(assetDir + QStringLiteral("/keys/v1.json"));
    const QJsonObject key = store.value(QStringLiteral("keys")).toArray().at(0).toObject();
    QCOMPARE(readManifest(version).value(QStringLiteral("drm")).toObject().value(QStringLiteral("kid")).toString(), key.value(QStringLiteral("kid")).toString());
    QCOMPARE(QDir(assetDir + QStringLiteral("/keys")).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("v1.json")});
    // Every segment decrypts with the stored key (one at a time: FFmpeg 5.1 mixes IVs up over joined fragments).
    const QString dir = QDir(version).filePath(QStringLiteral("180p"));
    const QStringList segments = segmentFiles(dir);
    QVERIFY(segments.size() >= 3);
    for (const QString &seg : segments) {
        const QString joined = m_tmp.filePath(QStringLiteral("drm-seg.mp4"));
        QVERIFY(concatFiles({QDir(dir).filePath(QStringLiteral("init.mp4")), seg}, joined));
        const ProcessResult r = runProcess(QStringLiteral("ffmpeg"), {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-decryption_key"),
                                                                      key.value(QStringLiteral("key")).toString(), QStringLiteral("-i"), joined,
                                                                      QStringLiteral("-f"), QStringLiteral("framemd5"), QStringLiteral("-")});
        QVERIFY2(r.finished && r.exitCode == 0 && r.err.trimmed().isEmpty() && r.out.count('\n') > 30, qPrintable(seg + u' ' + r.describe()));
    }
}

void TestResume::publishedJobIsAdopted()
{
    const QString spec = writeSpec(QStringLiteral("adopt"), preset(QStringLiteral("resume")), QStringLiteral("adopt"));
    const QString assetDir = out(QStringLiteral("adopt/sport_5994"));
    const ProcessResult first = execJob(spec);
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    // The run died after the rename, before `current` moved and before the queue heard of it.
    QVERIFY(QFile::remove(assetDir + QStringLiteral("/current")));
    const FileId seg = fileId(assetDir + QStringLiteral("/v1/360p/seg_00001.m4s"));

    const ProcessResult again = execJob(spec);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(resumedStages(again), QStringList{QStringLiteral("publish")});
    QVERIFY(again.eventsOfType(QStringLiteral("progress")).size() < 8); // verify + publish, no stage work
    const QList<QJsonObject> published = again.eventsOfType(QStringLiteral("published"));
    QCOMPARE(published.size(), 1);
    QCOMPARE(published.first().value(QStringLiteral("version")).toString(), QStringLiteral("v1"));
    QCOMPARE(published.first().value(QStringLiteral("renditions")).toArray().size(), 3);
    QVERIFY(fileId(assetDir + QStringLiteral("/v1/360p/seg_00001.m4s")) == seg);
    checkPackage(assetDir + QStringLiteral("/v1")); // also: `current` is back, still only v1
}

void TestResume::cancelDuringResumeCleansUp()
{
    const QString spec = writeSpec(QStringLiteral("cancel"), preset(QStringLiteral("resume")), QStringLiteral("cancel"), good(QStringLiteral("bars_1080p25.mp4")));
    const QString assetDir = out(QStringLiteral("cancel/bars_1080p25"));
    const ProcessResult killed = execJob(spec, QStringLiteral("loudness"));
    QVERIFY2(killed.finished && killed.crashed, qPrintable(killed.describe()));
    QCOMPARE(stagingFolders(assetDir).size(), 1);

    QProcess p;
    p.start(kCli, {QStringLiteral("exec-job"), spec});
    QByteArray seen;
    const bool resumedThenEncoding = waitForEvent(p, [](const QJsonObject &e) {
        return e.value(QStringLiteral("stage")).toString() == u"transcode" && !e.value(QStringLiteral("resumed")).toBool();
    }, &seen);
    QVERIFY2(resumedThenEncoding, seen.constData());
    QVERIFY(seen.contains("\"resumed\":true,\"stage\":\"loudness\""));
    ::kill(pid_t(p.processId()), SIGTERM); // polite cancel: partial outputs and checkpoints go
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QCOMPARE(QDir(assetDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).filter(QStringLiteral("staging")), QStringList());
    QVERIFY(versionDirs(assetDir).isEmpty());
}

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
