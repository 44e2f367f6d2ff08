#include "pipeline/Publisher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

#include <atomic>
#include <cerrno>
#include <cstdio>
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

int nextVersionNumber(const QDir &asset)
{
    static const QRegularExpression re(QStringLiteral("^v(\\d+)$"));
    int max = 0;
    for (const QString &name : asset.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto m = re.match(name);
        if (m.hasMatch()) max = std::max(max, m.captured(1).toInt());
    }
    return max + 1;
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

void Publisher::removeStaleStaging() const
{
    static const QRegularExpression re(QStringLiteral("^\\.staging-\\d+-\\d+$"));
    QDir asset(assetDir());
    for (const QString &name : asset.entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString dir = asset.filePath(name);
        if (!re.match(name).hasMatch() || lockPathFor(dir) == m_lockPath || stagingInUse(dir)) continue;
        QDir(dir).removeRecursively();
        QFile::remove(lockPathFor(dir));
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
    if (!stagingDir.isEmpty()) QDir(stagingDir).removeRecursively();
    releaseLock();
}

} // namespace rendition
