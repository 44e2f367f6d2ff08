#include "core/queue/DataDir.h"

#include <QDir>
#include <QStandardPaths>

namespace rendition {

QString resolveDataDir(const QString &explicitDir)
{
    if (!explicitDir.isEmpty()) return QDir(explicitDir).absolutePath();
    const QString env = qEnvironmentVariable("RENDITION_DATA_DIR");
    if (!env.isEmpty()) return QDir(env).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

QString jobStorePath(const QString &dataDir) { return QDir(dataDir).filePath(QStringLiteral("jobs.sqlite")); }

} // namespace rendition
