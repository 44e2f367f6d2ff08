#pragma once
// The commit point of a job. A package is built in a staging folder
// (OUT/<asset>/.staging-<pid>-<n>), manifest.json is written last, then the folder is
// renamed to OUT/<asset>/v<N> and OUT/<asset>/current (a symlink) is swapped to it
// atomically (new link + rename). A killed run leaves only a staging folder, which the
// next run for that asset removes; `current` never points at a partial package.
// Liveness of a staging folder is an flock() on its sibling ".lock" file, held for the
// life of the run: the kernel drops it when the process dies (no PID-reuse or zombie
// ambiguity). One Publisher serves one run; it is not thread-safe.

#include "util/Result.h"

#include <QJsonObject>
#include <QString>

namespace rendition {

class Publisher {
public:
    Publisher(QString outRoot, QString assetName);
    ~Publisher();
    Publisher(const Publisher &) = delete;
    Publisher &operator=(const Publisher &) = delete;

    QString assetDir() const;
    // Removes staging folders left by runs whose process is gone.
    void removeStaleStaging() const;
    // Creates a fresh staging folder for this run and holds its lock.
    Result<QString> createStaging();
    enum class Current { Invalid = 0, Move, Keep };
    // Writes manifest.json into staging (last file), renames it to the next version and
    // (Current::Move) points `current` at it. Current::Keep publishes a version for review
    // only (QC failed): the folder exists, `current` stays where it was.
    // Returns the version folder's name ("v3").
    Result<QString> publish(const QString &stagingDir, const QJsonObject &manifest, Current current = Current::Move);
    // Drops a staging folder after a failure or cancel.
    void discard(const QString &stagingDir);

private:
    void releaseLock();

    QString m_outRoot;
    QString m_assetName;
    QString m_lockPath;
    int m_lockFd = -1;
};

} // namespace rendition
