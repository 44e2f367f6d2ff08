#pragma once
// Where the job store lives — ONE place for every front end, so `rendition-cli queue
// approve|pause|cancel`, `batch`, `watch` and the GUI work on the same queue by default:
// --data-dir, else RENDITION_DATA_DIR, else defaultDataDir(). The store file is
// <data dir>/jobs.sqlite; user presets live in <data dir>/presets.

#include <QString>

namespace rendition {

// <XDG data home>/Rendition/rendition (~/.local/share/Rendition/rendition), whatever the
// program's name. A store left by rendition-cli before 0.2 in …/Rendition/rendition-cli is
// moved here the first time when this folder has none yet.
QString defaultDataDir();
QString resolveDataDir(const QString &explicitDir);
QString jobStorePath(const QString &dataDir);

} // namespace rendition
