#include "pipeline/Publisher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace rendition {

namespace {

std::atomic<int> g_stagingCounter{0};

bool processAlive(qint64 pid) { return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM); }

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

QString Publisher::assetDir() const { return QDir(m_outRoot).filePath(m_assetName); }

void Publisher::removeStaleStaging() const
{
    static const QRegularExpression re(QStringLiteral("^\\.staging-(\\d+)-\\d+$"));
    QDir asset(assetDir());
    for (const QString &name : asset.entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const auto m = re.match(name);
        if (m.hasMatch() && !processAlive(m.captured(1).toLongLong())) QDir(asset.filePath(name)).removeRecursively();
    }
}

Result<QString> Publisher::createStaging() const
{
    const QString dir = QDir(assetDir()).filePath(QStringLiteral(".staging-%1-%2").arg(QCoreApplication::applicationPid()).arg(g_stagingCounter++));
    QDir(dir).removeRecursively();
    if (!QDir().mkpath(dir))
        return makeError(QStringLiteral("publish.mkdir"), QStringLiteral("could not create the output folder; check the output root is writable"), dir);
    return dir;
}

Result<QString> Publisher::publish(const QString &stagingDir, const QJsonObject &manifestIn) const
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
        // Swap `current` atomically: a new symlink renamed over the old one.
        const QString link = asset.filePath(QStringLiteral("current"));
        const QString tmpLink = asset.filePath(QStringLiteral(".current-%1").arg(QCoreApplication::applicationPid()));
        QFile::remove(tmpLink);
        if (::symlink(QFile::encodeName(version).constData(), QFile::encodeName(tmpLink).constData()) != 0 ||
            ::rename(QFile::encodeName(tmpLink).constData(), QFile::encodeName(link).constData()) != 0)
            return makeError(QStringLiteral("publish.current"), QStringLiteral("published %1 but could not point 'current' at it").arg(version), link);
        return version;
    }
    return makeError(QStringLiteral("publish.version"), QStringLiteral("could not find a free version number"), assetDir());
}

void Publisher::discard(const QString &stagingDir) const
{
    if (!stagingDir.isEmpty()) QDir(stagingDir).removeRecursively();
}

} // namespace rendition
