// Publisher's job staging: OUT/<asset>/.staging-job-<id> outlives its process and keeps its
// content for the next attempt, is locked while a run uses it, is published without its
// checkpoints, and stale-staging clean-up keeps it unless it is stale for another reason
// (superseded by the same key, orphaned after a publish, abandoned for days).

#include "core/pipeline/Publisher.h"
#include "core/pipeline/StageCheckpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>

using namespace rendition;

namespace {

const QString kAsset = QStringLiteral("clip");

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A job folder as a killed attempt leaves it: staging with a file, checkpoints for `key`, lock file.
bool makeDeadJobFolder(const QString &assetDir, const QString &jobId, const QString &key)
{
    const QString staging = QDir(assetDir).filePath(Publisher::jobStagingName(jobId));
    StageCheckpoint cp(staging, Publisher::checkpointDirFor(staging), key);
    if (!cp.open().ok() || !writeFile(staging + QStringLiteral("/v/seg_1.m4s"), "media")) return false;
    return writeFile(staging + QStringLiteral(".lock"), {}) && writeFile(QDir(assetDir).filePath(QStringLiteral("keys/") + Publisher::jobStagingName(jobId) + QStringLiteral(".json")), "{}");
}

bool ageBy(const QString &path, int days)
{
    const timespec when{time(nullptr) - days * 86400, 0};
    const timespec times[2] = {when, when};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestJobStaging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void survivesItsRunAndKeepsContent();
    void oneRunAtATime();
    void refusesUnsafeJobIds();
    void publishLeavesCheckpointsBehind();
    void findsAVersionByKey();
    void cleanupKeepsResumableJobFolders();
    void cleanupRemovesStaleJobFolders_data();
    void cleanupRemovesStaleJobFolders();
    void discardRemovesCheckpoints();

private:
    QString assetDir() const { return QDir(m_tmp->path()).filePath(kAsset); }
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestJobStaging::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestJobStaging::survivesItsRunAndKeepsContent()
{
    QString dir;
    {
        Publisher p(m_tmp->path(), kAsset);
        Result<QString> staging = p.openJobStaging(QStringLiteral("job-1"));
        QVERIFY(staging.ok());
        dir = *staging;
        QCOMPARE(QFileInfo(dir).fileName(), QStringLiteral(".staging-job-job-1"));
        QVERIFY(writeFile(dir + QStringLiteral("/thumbnails/poster.jpg"), "jpeg"));
    } // the run ends without publishing or discarding (as a killed process would)
    Publisher next(m_tmp->path(), kAsset);
    next.removeStaleStaging(QStringLiteral("key-1"));
    Result<QString> again = next.openJobStaging(QStringLiteral("job-1"));
    QVERIFY(again.ok());
    QCOMPARE(*again, dir);
    QVERIFY(QFileInfo::exists(dir + QStringLiteral("/thumbnails/poster.jpg")));
}

void TestJobStaging::oneRunAtATime()
{
    Publisher first(m_tmp->path(), kAsset);
    QVERIFY(first.openJobStaging(QStringLiteral("job-1")).ok());
    QVERIFY(writeFile(assetDir() + QStringLiteral("/.staging-job-job-1/a"), "x"));
    Publisher second(m_tmp->path(), kAsset);
    const Result<QString> busy = second.openJobStaging(QStringLiteral("job-1"));
    QVERIFY(!busy.ok());
    QCOMPARE(busy.error().code, QStringLiteral("publish.busy"));
    second.removeStaleStaging(QStringLiteral("key-1")); // never touches a folder in use
    QVERIFY(QFileInfo::exists(assetDir() + QStringLiteral("/.staging-job-job-1/a")));
    QVERIFY(second.openJobStaging(QStringLiteral("job-2")).ok()); // other jobs are independent
}

void TestJobStaging::refusesUnsafeJobIds()
{
    Publisher p(m_tmp->path(), kAsset);
    for (const QString &id : {QStringLiteral("../x"), QStringLiteral("a/b"), QString(), QStringLiteral("a b")}) {
        const Result<QString> r = p.openJobStaging(id);
        QVERIFY2(!r.ok(), qPrintable(id));
        QCOMPARE(r.error().code, QStringLiteral("publish.job_id"));
    }
    QVERIFY(!QFileInfo::exists(m_tmp->filePath(QStringLiteral("x"))));
}

void TestJobStaging::publishLeavesCheckpointsBehind()
{
    Publisher p(m_tmp->path(), kAsset);
    const QString dir = p.openJobStaging(QStringLiteral("job-1")).value();
    StageCheckpoint cp(dir, Publisher::checkpointDirFor(dir), QStringLiteral("key-1"));
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(dir + QStringLiteral("/v/seg_1.m4s"), "media"));
    QVERIFY(cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("v")}).ok());
    const QJsonObject manifest{{QStringLiteral("job"), QJsonObject{{QStringLiteral("idempotency_key"), QStringLiteral("key-1")}}}};
    QCOMPARE(p.publish(dir, manifest).value(), QStringLiteral("v1"));
    QCOMPARE(entries(assetDir()), (QStringList{QStringLiteral("current"), QStringLiteral("v1")}));
    QCOMPARE(entries(assetDir() + QStringLiteral("/v1")), (QStringList{QStringLiteral("manifest.json"), QStringLiteral("v")}));
}

void TestJobStaging::findsAVersionByKey()
{
    for (const QString &key : {QStringLiteral("key-1"), QStringLiteral("key-2"), QStringLiteral("key-1")}) {
        Publisher p(m_tmp->path(), kAsset);
        const QString dir = p.createStaging().value();
        QVERIFY(p.publish(dir, {{QStringLiteral("job"), QJsonObject{{QStringLiteral("idempotency_key"), key}}}}).ok());
    }
    Publisher p(m_tmp->path(), kAsset);
    QCOMPARE(p.newestVersion(), QStringLiteral("v3"));
    QCOMPARE(p.findPublished(QStringLiteral("key-1"))->version, QStringLiteral("v3")); // the newest with that key
    QCOMPARE(p.findPublished(QStringLiteral("key-2"))->version, QStringLiteral("v2"));
    QVERIFY(!p.findPublished(QStringLiteral("key-3")).has_value());
    QVERIFY(!p.findPublished(QString()).has_value());
    QVERIFY(!Publisher(m_tmp->path(), QStringLiteral("none")).findPublished(QStringLiteral("key-1")).has_value());
}

void TestJobStaging::cleanupKeepsResumableJobFolders()
{
    QVERIFY(makeDeadJobFolder(assetDir(), QStringLiteral("job-a"), QStringLiteral("key-a")));
    Publisher p(m_tmp->path(), kAsset);
    p.removeStaleStaging(QStringLiteral("key-b")); // a run of another job of the same asset
    p.removeStaleStaging();                       // a plain run
    QVERIFY(QFileInfo::exists(assetDir() + QStringLiteral("/.staging-job-job-a/v/seg_1.m4s")));
    QVERIFY(QFileInfo::exists(assetDir() + QStringLiteral("/.staging-job-job-a.checkpoints/job.json")));
    QVERIFY(QFileInfo::exists(assetDir() + QStringLiteral("/keys/.staging-job-job-a.json")));
}

void TestJobStaging::cleanupRemovesStaleJobFolders_data()
{
    QTest::addColumn<QString>("why");
    QTest::newRow("superseded by the same key under another job") << QStringLiteral("superseded");
    QTest::newRow("orphaned checkpoints after a publish") << QStringLiteral("orphan");
    QTest::newRow("abandoned for days") << QStringLiteral("abandoned");
    QTest::newRow("lock file alone") << QStringLiteral("lock");
}

void TestJobStaging::cleanupRemovesStaleJobFolders()
{
    QFETCH(QString, why);
    const QString staging = assetDir() + QStringLiteral("/.staging-job-job-a");
    QVERIFY(makeDeadJobFolder(assetDir(), QStringLiteral("job-a"), QStringLiteral("key-a")));
    QString currentKey = QStringLiteral("key-b");
    if (why == u"superseded") currentKey = QStringLiteral("key-a");
    if (why == u"orphan") QVERIFY(QDir(staging).removeRecursively());
    if (why == u"abandoned") QVERIFY(ageBy(staging, kAbandonedJobStagingDays + 1) && ageBy(Publisher::checkpointDirFor(staging), kAbandonedJobStagingDays + 1));
    if (why == u"lock") QVERIFY(QDir(staging).removeRecursively() && QDir(Publisher::checkpointDirFor(staging)).removeRecursively());
    Publisher p(m_tmp->path(), kAsset);
    p.removeStaleStaging(currentKey);
    QCOMPARE(entries(assetDir()), QStringList{QStringLiteral("keys")});
    QCOMPARE(entries(assetDir() + QStringLiteral("/keys")), QStringList());
}

void TestJobStaging::discardRemovesCheckpoints()
{
    Publisher p(m_tmp->path(), kAsset);
    const QString dir = p.openJobStaging(QStringLiteral("job-1")).value();
    StageCheckpoint cp(dir, Publisher::checkpointDirFor(dir), QStringLiteral("key-1"));
    QVERIFY(cp.open().ok());
    p.discard(dir);
    QCOMPARE(entries(assetDir()), QStringList());
}

QTEST_GUILESS_MAIN(TestJobStaging)
#include "tst_jobstaging.moc"
