// Publisher: hidden staging folders, manifest.json written last, rename to vN, the
// `current` symlink swap, stale staging clean-up (liveness = flock on "<staging>.lock"),
// discard, and failures.

#include "core/pipeline/Publisher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace rendition;

namespace {

const QString kAsset = QStringLiteral("clip");

enum LockState { NoLockFile = 1, LockFileFree, LockHeld };

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Where `current` points, as written in the link (relative) — empty when not a symlink.
QString linkTarget(const QString &path)
{
    char buf[4096];
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), buf, sizeof buf - 1);
    return n < 0 ? QString() : QFile::decodeName(QByteArray(buf, int(n)));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestPublisher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createStagingMakesHiddenFolder();
    void stagingFoldersAreDistinct();
    void firstPublish();
    void secondPublishMovesCurrent();
    void nextVersionAfterExisting_data();
    void nextVersionAfterExisting();
    void removeStaleStaging_data();
    void removeStaleStaging();
    void liveRunStagingSurvivesUntilItEnds();
    void killedProcessStagingIsRemoved();
    void discardRemovesStaging();
    void discardEmptyPathIsHarmless();
    void createStagingUnderAFileFails();
    void publishFailures_data();
    void publishFailures();
    void publishIntoReadOnlyAssetDirFails();

private:
    std::unique_ptr<QTemporaryDir> m_root;
    QString assetDir() const { return QDir(m_root->path()).filePath(kAsset); }
};

void TestPublisher::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
}

void TestPublisher::cleanup()
{
    ::chmod(QFile::encodeName(assetDir()).constData(), 0755); // in case a test made it read-only
    m_root.reset();
}

void TestPublisher::createStagingMakesHiddenFolder()
{
    Publisher pub(m_root->path(), kAsset);
    QCOMPARE(pub.assetDir(), assetDir());
    Result<QString> staging = pub.createStaging();
    QVERIFY2(staging.ok(), qPrintable(staging.ok() ? QString() : staging.error().toString()));
    const QFileInfo info(*staging);
    QVERIFY(info.isDir());
    QVERIFY(info.isHidden());
    QCOMPARE(info.absolutePath(), assetDir());
    QVERIFY2(info.fileName().startsWith(QStringLiteral(".staging-%1-").arg(QCoreApplication::applicationPid())),
             qPrintable(info.fileName()));
    QVERIFY(QDir(*staging).isEmpty());
    // Nothing is visible in the asset folder until publish.
    QCOMPARE(QDir(assetDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestPublisher::stagingFoldersAreDistinct()
{
    Publisher pub(m_root->path(), kAsset);
    Result<QString> a = pub.createStaging();
    Result<QString> b = pub.createStaging();
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a != *b);
    QVERIFY(QFileInfo(*a).isDir() && QFileInfo(*b).isDir());
}

void TestPublisher::firstPublish()
{
    Publisher pub(m_root->path(), kAsset);
    Result<QString> staging = pub.createStaging();
    QVERIFY(staging.ok());
    QVERIFY(writeFile(QDir(*staging).filePath("master.m3u8"), "#EXTM3U\n"));
    Result<QString> version = pub.publish(*staging, QJsonObject{{"asset", kAsset}});
    QVERIFY2(version.ok(), qPrintable(version.ok() ? QString() : version.error().toString()));
    QCOMPARE(*version, QStringLiteral("v1"));

    const QString v1 = QDir(assetDir()).filePath("v1");
    QVERIFY(!QFileInfo::exists(*staging));
    QVERIFY(QFileInfo::exists(QDir(v1).filePath("master.m3u8")));
    const QJsonObject manifest = readJson(QDir(v1).filePath("manifest.json"));
    QCOMPARE(manifest.value("version").toString(), QStringLiteral("v1"));
    QCOMPARE(manifest.value("asset").toString(), kAsset);

    const QString current = QDir(assetDir()).filePath("current");
    QVERIFY(QFileInfo(current).isSymLink());
    QCOMPARE(linkTarget(current), QStringLiteral("v1")); // relative: the package can be moved
    QVERIFY(QFileInfo::exists(QDir(current).filePath("manifest.json")));
    // Only the version and the link remain (no temporary link, no staging).
    QCOMPARE(entries(assetDir()), (QStringList{"current", "v1"}));
}

void TestPublisher::secondPublishMovesCurrent()
{
    Publisher pub(m_root->path(), kAsset);
    for (const char *expectedName : {"v1", "v2"}) {
        const QString expected = QString::fromLatin1(expectedName);
        Result<QString> staging = pub.createStaging();
        QVERIFY(staging.ok());
        Result<QString> version = pub.publish(*staging, QJsonObject{{"run", expected}});
        QVERIFY(version.ok());
        QCOMPARE(*version, expected);
        QCOMPARE(linkTarget(QDir(assetDir()).filePath("current")), expected);
        QCOMPARE(readJson(QDir(assetDir()).filePath("current/manifest.json")).value("run").toString(), expected);
    }
    // The previous version is kept intact.
    QCOMPARE(readJson(QDir(assetDir()).filePath("v1/manifest.json")).value("version").toString(), QStringLiteral("v1"));
    QCOMPARE(entries(assetDir()), (QStringList{"current", "v1", "v2"}));
}

void TestPublisher::nextVersionAfterExisting_data()
{
    QTest::addColumn<QStringList>("dirs");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v7 -> v8") << QStringList{"v7"} << QStringList{} << "v8";
    QTest::newRow("gaps use the max") << QStringList{"v1", "v3", "v12"} << QStringList{} << "v13";
    QTest::newRow("non-version folders ignored") << QStringList{"v2", "v9x", "version10", "V50"} << QStringList{} << "v3";
    QTest::newRow("files named vN ignored") << QStringList{"v1"} << QStringList{"v40"} << "v2";
}

void TestPublisher::nextVersionAfterExisting()
{
    QFETCH(QStringList, dirs);
    QFETCH(QStringList, files);
    QFETCH(QString, expected);
    for (const QString &d : dirs) QVERIFY(QDir().mkpath(QDir(assetDir()).filePath(d)));
    for (const QString &f : files) QVERIFY(writeFile(QDir(assetDir()).filePath(f), "x"));
    Publisher pub(m_root->path(), kAsset);
    Result<QString> staging = pub.createStaging();
    QVERIFY(staging.ok());
    Result<QString> version = pub.publish(*staging, {});
    QVERIFY(version.ok());
    QCOMPARE(*version, expected);
    QCOMPARE(linkTarget(QDir(assetDir()).filePath("current")), expected);
}

void TestPublisher::removeStaleStaging_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("lock"); // LockState
    QTest::addColumn<bool>("removed");
    const qint64 self = QCoreApplication::applicationPid();
    QTest::newRow("dead run, no lock file") << ".staging-999999-0" << int(NoLockFile) << true;
    QTest::newRow("dead run, lock file not held") << ".staging-999999-1" << int(LockFileFree) << true;
    QTest::newRow("lock held by a live run") << ".staging-999999-2" << int(LockHeld) << false;
    QTest::newRow("our pid, lock held") << QStringLiteral(".staging-%1-0").arg(self) << int(LockHeld) << false;
    // Liveness is the lock, not the pid in the name (pids are reused).
    QTest::newRow("our pid, no lock") << QStringLiteral(".staging-%1-0").arg(self) << int(NoLockFile) << true;
    QTest::newRow("not a staging name") << ".staging-abc" << int(NoLockFile) << false;
    QTest::newRow("version folder") << "v1" << int(NoLockFile) << false;
}

void TestPublisher::removeStaleStaging()
{
    QFETCH(QString, name);
    QFETCH(int, lock);
    QFETCH(bool, removed);
    const QString dir = QDir(assetDir()).filePath(name);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(writeFile(QDir(dir).filePath("seg_00001.m4s"), "partial"));
    const QString lockFile = dir + QStringLiteral(".lock");
    int fd = -1;
    if (lock != NoLockFile) {
        fd = ::open(QFile::encodeName(lockFile).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        QVERIFY(fd >= 0);
        if (lock == LockHeld) {
            QCOMPARE(::flock(fd, LOCK_EX | LOCK_NB), 0);
        } else {
            ::close(fd);
            fd = -1;
        }
    }
    Publisher(m_root->path(), kAsset).removeStaleStaging();
    if (fd >= 0) ::close(fd);
    QCOMPARE(QFileInfo::exists(dir), !removed);
    if (removed) QVERIFY(!QFileInfo::exists(lockFile));
}

// Another run's staging (a live Publisher holding its lock) survives; once that run is gone
// without publishing, the next run removes what it left.
void TestPublisher::liveRunStagingSurvivesUntilItEnds()
{
    QString stagingDir;
    {
        Publisher other(m_root->path(), kAsset);
        Result<QString> staging = other.createStaging();
        QVERIFY(staging.ok());
        stagingDir = *staging;
        QVERIFY(QFileInfo::exists(stagingDir + QStringLiteral(".lock")));
        Publisher(m_root->path(), kAsset).removeStaleStaging();
        QVERIFY(QFileInfo(stagingDir).isDir());
        other.removeStaleStaging(); // a run never removes its own staging
        QVERIFY(QFileInfo(stagingDir).isDir());
    } // `other` ends without publish or discard (as if it had crashed after its lock was dropped)
    QVERIFY(QFileInfo(stagingDir).isDir());
    Publisher(m_root->path(), kAsset).removeStaleStaging();
    QVERIFY(!QFileInfo::exists(stagingDir));
    QCOMPARE(entries(assetDir()), QStringList());
}

// The lock held by a separate process, which is then killed (SIGKILL: no clean-up at all).
void TestPublisher::killedProcessStagingIsRemoved()
{
    const QString dir = QDir(assetDir()).filePath(QStringLiteral(".staging-999997-0"));
    const QByteArray lockFile = QFile::encodeName(dir + QStringLiteral(".lock"));
    QVERIFY(QDir().mkpath(dir));
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) { // only async-signal-safe calls here
        const int fd = ::open(lockFile.constData(), O_RDWR | O_CREAT, 0644);
        const char ok = fd >= 0 && ::flock(fd, LOCK_EX) == 0 ? '1' : '0';
        (void)!::write(ready[1], &ok, 1);
        for (;;) ::pause();
    }
    ::close(ready[1]);
    char ok = 0;
    const bool locked = ::read(ready[0], &ok, 1) == 1 && ok == '1';
    ::close(ready[0]);
    if (locked) Publisher(m_root->path(), kAsset).removeStaleStaging();
    const bool keptWhileAlive = QFileInfo(dir).isDir();
    ::kill(child, SIGKILL);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(locked, "the child process could not take the lock");
    QVERIFY(keptWhileAlive);
    Publisher(m_root->path(), kAsset).removeStaleStaging();
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY(!QFileInfo::exists(QFile::decodeName(lockFile)));
}

void TestPublisher::discardRemovesStaging()
{
    Publisher pub(m_root->path(), kAsset);
    Result<QString> staging = pub.createStaging();
    QVERIFY(staging.ok());
    QVERIFY(QDir().mkpath(QDir(*staging).filePath("720p")));
    QVERIFY(writeFile(QDir(*staging).filePath("720p/seg_00001.m4s"), "data"));
    pub.discard(*staging);
    QVERIFY(!QFileInfo::exists(*staging));
    QVERIFY(!QFileInfo::exists(QDir(assetDir()).filePath("current")));
    QCOMPARE(entries(assetDir()), QStringList());
}

// discard("") must not be taken as "the current directory".
void TestPublisher::discardEmptyPathIsHarmless()
{
    const QString keep = QDir(m_root->path()).filePath("keep.txt");
    QVERIFY(writeFile(keep, "x"));
    const QString oldCwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_root->path()));
    Publisher(m_root->path(), kAsset).discard(QString());
    QVERIFY(QDir::setCurrent(oldCwd));
    QVERIFY(QFileInfo::exists(keep));
}

void TestPublisher::createStagingUnderAFileFails()
{
    const QString notADir = QDir(m_root->path()).filePath("out-is-a-file");
    QVERIFY(writeFile(notADir, "x"));
    Result<QString> staging = Publisher(notADir, kAsset).createStaging();
    QVERIFY(!staging.ok());
    QVERIFY2(staging.error().code.startsWith(QStringLiteral("publish.")), qPrintable(staging.error().code));
    QVERIFY(staging.error().context.startsWith(notADir));
    QVERIFY(!staging.error().message.isEmpty());
}

// Failures that do not depend on permissions (so they also run as root).
void TestPublisher::publishFailures_data()
{
    QTest::addColumn<bool>("createStaging");
    QTest::addColumn<QString>("blocker"); // a folder created inside staging
    QTest::addColumn<QString>("code");
    QTest::newRow("staging folder missing") << false << QString() << "publish.write";
    QTest::newRow("manifest.json is a folder") << true << "manifest.json" << "publish.write";
}

void TestPublisher::publishFailures()
{
    QFETCH(bool, createStaging);
    QFETCH(QString, blocker);
    QFETCH(QString, code);
    Publisher pub(m_root->path(), kAsset);
    QVERIFY(QDir().mkpath(assetDir()));
    QString staging = QDir(assetDir()).filePath(".staging-1-0-gone");
    if (createStaging) {
        Result<QString> made = pub.createStaging();
        QVERIFY(made.ok());
        staging = *made;
        QVERIFY(QDir().mkpath(QDir(staging).filePath(blocker)));
    }
    Result<QString> version = pub.publish(staging, {});
    QVERIFY(!version.ok());
    QCOMPARE(version.error().code, code);
    QCOMPARE(version.error().context, staging);
    QVERIFY(!version.error().message.isEmpty());
    QVERIFY(!QFileInfo::exists(QDir(assetDir()).filePath("current")));
    QVERIFY(!QFileInfo::exists(QDir(assetDir()).filePath("v1")));
    QCOMPARE(QFileInfo(staging).isDir(), createStaging); // staging is left for discard()
    pub.discard(staging);
    QVERIFY(!QFileInfo::exists(staging));
}

void TestPublisher::publishIntoReadOnlyAssetDirFails()
{
    Publisher pub(m_root->path(), kAsset);
    Result<QString> staging = pub.createStaging();
    QVERIFY(staging.ok());
    const QByteArray asset = QFile::encodeName(assetDir());
    QCOMPARE(::chmod(asset.constData(), 0555), 0);
    if (::access(asset.constData(), W_OK) == 0)
        QSKIP("chmod does not restrict this user (running as root?): the asset folder stays writable");
    Result<QString> version = pub.publish(*staging, {});
    ::chmod(asset.constData(), 0755);
    QVERIFY(!version.ok());
    QCOMPARE(version.error().code, QStringLiteral("publish.rename"));
    QVERIFY2(version.error().context.startsWith(assetDir()), qPrintable(version.error().context));
    QVERIFY2(version.error().message.contains(QStringLiteral("denied"), Qt::CaseInsensitive), qPrintable(version.error().message));
    QVERIFY(!QFileInfo::exists(QDir(assetDir()).filePath("current")));
    QVERIFY(QFileInfo(*staging).isDir()); // left for the caller to discard
}

QTEST_GUILESS_MAIN(TestPublisher)
#include "tst_publisher.moc"
