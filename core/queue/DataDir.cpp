#include "core/queue/DataDir.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace rendition {

namespace {

// Before one data folder was shared, the CLI kept its own (named after its application).
void adoptLegacyCliStore(const QString &dataDir)
{
    const QString legacy = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                               .filePath(QStringLiteral("Rendition/rendition-cli"));
    if (QFileInfo::exists(jobStorePath(dataDir)) || !QFileInfo::exists(jobStorePath(legacy))) return;
    QDir().mkpath(QFileInfo(dataDir).absolutePath());
    if (QDir(dataDir).exists() && QDir(dataDir).isEmpty()) QDir().rmdir(dataDir);
    QDir().rename(legacy, dataDir); // on failure both stay as they are; the new store starts empty
}

} // namespace

QString defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Rendition/rendition"));
}

QString resolveDataDir(const QString &explicitDir)
{
    if (!explicitDir.isEmpty()) return QDir(explicitDir).absolutePath();
    const QString env = qEnvironmentVariable("RENDITION_DATA_DIR");
    if (!env.isEmpty()) return QDir(env).absolutePath();
    const QString dir = defaultDataDir();
    adoptLegacyCliStore(dir);
    return dir;
}

QString jobStorePath(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("jobs.sqlite")); }

} // namespace rendition
