#pragma once
// Where the job store lives: --data-dir, else RENDITION_DATA_DIR, else the user's
// application data folder (QStandardPaths::AppLocalDataLocation). The store file is
// <data dir>/jobs.sqlite.

#include <QString>

namespace rendition {

QString resolveDataDir(const QString &explicitDir);
QString jobStorePath(const QString &dataDir);

} // namespace rendition
