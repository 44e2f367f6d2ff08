#include "core/pipeline/Publisher.h"

#include "core/pipeline/StageCheckpoint.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace rendition {

namespace {

std::atomic<int> g_stagingCounter{0};

QString lockPathFor(const QString &stagingDir) { return stagingDir + QStringLiteral(".lock"); }

// True when some live process holds the staging folder's lock.
bool stagingInUse(const QString &stagingDir)
{
    const int fd = ::open(QFile::encodeName(lockPathFor(stagingDir)).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return false; // no lock file: its owner never got going or is long gone
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return held;
}

// Version numbers present (v1 → 1), highest first.
QList<int> versionNumbers(const QDir &asset)
{
    static const QRegularExpression re(QStringLiteral("^v(\\d+)$"));
    QList<int> out;
    for (const QString &name : asset.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto m = re.match(name);
        if (m.hasMatch()) out << m.captured(1).toInt();
    }
    std::sort(out.begin(), out.end(), std::greater<int>());
    return out;
}

int nextVersionNumber(const QDir &asset)
{
    const QList<int> numbers = versionNumbers(asset);
    return numbers.isEmpty() ? 1 : numbers.first() + 1;
}

// A staging folder and everything that belongs to it: lock, checkpoints, staging key file.
void removeStagingSet(const QDir &asset, const QString &stagingDir)
{
    const QString name = QFileInfo(stagingDir).fileName();
    QDir(stagingDir).removeRecursively();
    QDir(Publisher::checkpointDirFor(stagingDir)).removeRecursively();
    QFile::remove(lockPathFor(stagingDir));
    QFile::remove(asset.filePath(QStringLiteral("keys/") + name + QStringLiteral(".json")));
}

QDateTime lastTouched(const QString &stagingDir)
{
    const QDateTime a = QFileInfo(stagingDir).lastModified(), b = QFileInfo(Publisher::checkpointDirFor(stagingDir)).lastModified();
    return !a.isValid() ? b : !b.isValid() ? a : std::max(a, b);
}

} // namespace

Publisher::Publisher(QString outRoot, QString assetName) : m_outRoot(std::move(outRoot)), m_assetName(std::move(assetName)) {}

Publisher::~Publisher() { releaseLock(); }

void Publisher::releaseLock()
{
    if (m_lockFd < 0) return;
    QFile::remove(m_lockPath);
    ::close(m_lockFd); // closing drops the flock
    m_lockFd = -1;
}

QString Publisher::assetDir() const { return QDir(m_outRoot).filePath(m_assetName); }

void Publisher::removeStaleStaging(const QString &currentKey) const
{
    static const QRegularExpression pidRe(QStringLiteral("^\\.staging-\\d+-\\d+$"));
    static const QRegularExpression jobRe(QStringLiteral("^\\.staging-job-[A-Za-z0-9_-]+$"));
    static const QRegularExpression suffix(QStringLiteral("(\\.checkpoints|\\.lock)$"));
    const QDir asset(assetDir());
    QSet<QString> jobFolders; // from any of the staging folder, its checkpoints, its lock file
    for (const QString &name : asset.entryList(QDir::Dirs | QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString dir = asset.filePath(name);
        if (pidRe.match(name).hasMatch()) {
            if (QFileInfo(dir).isDir() && lockPathFor(dir) != m_lockPath && !stagingInUse(dir)) removeStagingSet(asset, dir);
            continue;
        }
        const QString base = QString(name).remove(suffix);
        if (jobRe.match(base).hasMatch()) jobFolders.insert(base);
    }
    const QDateTime abandoned = QDateTime::currentDateTimeUtc().addDays(-kAbandonedJobStagingDays);
    for (const QString &name : std::as_const(jobFolders)) {
        const QString dir = asset.filePath(name);
        if (lockPathFor(dir) == m_lockPath || stagingInUse(dir)) continue;
        const bool orphan = !QFileInfo(dir).isDir(); // checkpoints of a version already renamed into place
        const bool superseded = !currentKey.isEmpty() && StageCheckpoint::storedKey(checkpointDirFor(dir)) == currentKey;
        if (orphan || superseded || lastTouched(dir) < abandoned) removeStagingSet(asset, dir);
    }
}

Result<QString> Publisher::createStaging()
{
    releaseLock();
    const QString dir = QDir(assetDir()).filePath(QStringLiteral(".staging-%1-%2").arg(QCoreApplication::applicationPid()).arg(g_stagingCounter++));
    QDir().mkpath(assetDir());
    m_lockPath = lockPathFor(dir);
    m_lockFd = ::open(QFile::encodeName(m_lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_lockFd < 0 || ::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0)
        return makeError(QStringLiteral("publish.lock"), QStringLiteral("could not lock the staging folder; check the output root is writable"), m_lockPath);
    QDir(dir).removeRecursively();
    if (!QDir().mkpath(dir))
        return makeError(QStringLiteral("publish.mkdir"), QStringLiteral("could not create the output folder; check the output root is writable"), dir);
    return dir;
}

QString Publisher::jobStagingName(const QString &jobId) { return QStringLiteral(".staging-job-") + jobId; }

QString Publisher::checkpointDirFor(const QString &stagingDir) { return stagingDir + QStringLiteral(".checkpoints"); }

Result<QString> Publisher::openJobStaging(const QString &jobId)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (!safe.match(jobId).hasMatch())
        return makeError(QStringLiteral("publish.job_id"), QStringLiteral("the job id '%1' cannot name a folder (letters, digits, '-' and '_' only)").arg(jobId));
    releaseLock();
    const QString dir = QDir(assetDir()).filePath(jobStagingName(jobId));
    QDir().mkpath(assetDir());
    m_lockPath = lockPathFor(dir);
    m_lockFd = ::open(QFile::encodeName(m_lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_lockFd < 0)
        return makeError(QStringLiteral("publish.lock"), QStringLiteral("could not create the job's lock file; check the output root is writable"), m_lockPath);
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_lockFd); // not ours: leave the file to its holder
        m_lockFd = -1;
        return makeError(QStringLiteral("publish.busy"), QStringLiteral("another process is running this job; wait for it to end"), dir);
    }
    if (!QDir().mkpath(dir))
        return makeError(QStringLiteral("publish.mkdir"), QStringLiteral("could not create the output folder; check the output root is writable"), dir);
    return dir;
}

std::optional<Publisher::PublishedVersion> Publisher::findPublished(const QString &idempotencyKey) const
{
    if (idempotencyKey.isEmpty()) return std::nullopt;
    const QDir asset(assetDir());
    for (int n : versionNumbers(asset)) {
        const QString version = QStringLiteral("v%1").arg(n);
        QFile f(asset.filePath(version + QStringLiteral("/manifest.json")));
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QJsonObject manifest = QJsonDocument::fromJson(f.readAll()).object();
        if (manifest.value(QStringLiteral("job")).toObject().value(QStringLiteral("idempotency_key")).toString() == idempotencyKey)
            return PublishedVersion{version, manifest};
    }
    return std::nullopt;
}

QString Publisher::newestVersion() const
{
    const QList<int> numbers = versionNumbers(QDir(assetDir()));
    return numbers.isEmpty() ? QString() : QStringLiteral("v%1").arg(numbers.first());
}

Result<QString> Publisher::publish(const QString &stagingDir, const QJsonObject &manifestIn, Current current)
{
    const QDir asset(assetDir());
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString version = QStringLiteral("v%1").arg(nextVersionNumber(asset));
        QJsonObject manifest = manifestIn;
        manifest.insert(QStringLiteral("version"), version);
        QSaveFile f(QDir(stagingDir).filePath(QStringLiteral("manifest.json")));
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(manifest).toJson(QJsonDocument::Indented)) < 0 || !f.commit())
            return makeError(QStringLiteral("publish.write"), QStringLiteral("could not write manifest.json: %1").arg(f.errorString()), stagingDir);
        const QString target = asset.filePath(version);
        if (::rename(QFile::encodeName(stagingDir).constData(), QFile::encodeName(target).constData()) != 0) {
            if (errno == EEXIST || errno == ENOTEMPTY) continue; // another run took this number
            return makeError(QStringLiteral("publish.rename"), QStringLiteral("could not move the package into place: %1").arg(QString::fromLocal8Bit(strerror(errno))), target);
        }
        QDir(checkpointDirFor(stagingDir)).removeRecursively(); // a job's checkpoints: done with
        if (current == Current::Keep) {
            releaseLock();
            return version;
        }
        // Swap `current` atomically: a new symlink renamed over the old one.
        const QString link = asset.filePath(QStringLiteral("current"));
        const QString tmpLink = asset.filePath(QStringLiteral(".current-%1").arg(QCoreApplication::applicationPid()));
        QFile::remove(tmpLink);
        if (::symlink(QFile::encodeName(version).constData(), QFile::encodeName(tmpLink).constData()) != 0 ||
            ::rename(QFile::encodeName(tmpLink).constData(), QFile::encodeName(link).constData()) != 0)
            return makeError(QStringLiteral("publish.current"), QStringLiteral("published %1 but could not point 'current' at it").arg(version), link);
        releaseLock();
        return version;
    }
    return makeError(QStringLiteral("publish.version"), QStringLiteral("could not find a free version number"), assetDir());
}

void Publisher::discard(const QString &stagingDir)
{
    if (!stagingDir.isEmpty()) {
        QDir(stagingDir).removeRecursively();
        QDir(checkpointDirFor(stagingDir)).removeRecursively();
    }
    releaseLock();
}

Status Publisher::pointCurrentAt(const QString &assetDir, const QString &version)
{
    static const QRegularExpression re(QStringLiteral("^v\\d+$"));
    const QDir asset(assetDir);
    if (!re.match(version).hasMatch() || !QFile::exists(asset.filePath(version + QStringLiteral("/manifest.json"))))
        return makeError(QStringLiteral("publish.version"),
                         QStringLiteral("there is no complete version %1 to point 'current' at").arg(version), assetDir);
    const QString link = asset.filePath(QStringLiteral("current"));
    const QString tmpLink = asset.filePath(QStringLiteral(".current-%1-%2").arg(QCoreApplication::applicationPid()).arg(g_stagingCounter++));
    QFile::remove(tmpLink);
    if (::symlink(QFile::encodeName(version).constData(), QFile::encodeName(tmpLink).constData()) != 0 ||
        ::rename(QFile::encodeName(tmpLink).constData(), QFile::encodeName(link).constData()) != 0) {
        QFile::remove(tmpLink);
        return makeError(QStringLiteral("publish.current"), QStringLiteral("could not point 'current' at %1").arg(version), link);
    }
    return {};
}

} // namespace rendition
