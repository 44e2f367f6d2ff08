#pragma once
// The commit point of a job. A package is built in a staging folder
// (OUT/<asset>/.staging-<pid>-<n>), manifest.json is written last, then the folder is
// renamed to OUT/<asset>/v<N> and OUT/<asset>/current (a symlink) is swapped to it
// atomically (new link + rename). A killed run leaves only a staging folder, which the
// next run for that asset removes; `current` never points at a partial package.
// Liveness of a staging folder is an flock() on its sibling ".lock" file, held for the
// life of the run: the kernel drops it when the process dies (no PID-reuse or zombie
// ambiguity). One Publisher serves one run; it is not thread-safe.
//
// Runs of a queued job (openJobStaging) use OUT/<asset>/.staging-job-<job id> instead, with
// its checkpoints in the sibling ".staging-job-<id>.checkpoints" (StageCheckpoint): a killed
// job's folder survives its process so the next attempt resumes from the last completed
// stage. Stale-staging cleanup keeps such a folder unless it is stale for another reason:
// made for the same idempotency key under another job id (superseded), left without its
// staging folder (a publish that died after the rename), or untouched for
// kAbandonedJobStagingDays. A job folder of another key is kept: it may belong to a job
// still queued. The checkpoint folder is never published (it is not inside staging) and is
// removed once the version is in place.

#include "core/util/Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace rendition {

inline constexpr int kAbandonedJobStagingDays = 7;

class Publisher {
public:
    Publisher(QString outRoot, QString assetName);
    ~Publisher();
    Publisher(const Publisher &) = delete;
    Publisher &operator=(const Publisher &) = delete;

    QString assetDir() const;
    // Removes staging folders left by runs whose process is gone (and their key files,
    // keys/<staging name>.json). Job folders: see the header comment; `currentKey` is the
    // idempotency key of this run (empty for a run that is not a job).
    void removeStaleStaging(const QString &currentKey = {}) const;
    // Creates a fresh staging folder for this run and holds its lock.
    Result<QString> createStaging();
    // The staging folder of job `jobId` ([A-Za-z0-9_-]+), kept as it is (it may hold a killed
    // attempt's completed stages), created when missing, and locked. Errors: publish.job_id
    // (unsafe id), publish.busy (another live process runs this job), publish.lock/mkdir.
    Result<QString> openJobStaging(const QString &jobId);
    static QString jobStagingName(const QString &jobId); // ".staging-job-<id>"
    static QString checkpointDirFor(const QString &stagingDir); // "<staging>.checkpoints"
    // The newest version whose manifest.json records this job idempotency key
    // ("job": {"idempotency_key": ...}), e.g. published by a run that died before telling
    // the queue. Empty when there is none.
    struct PublishedVersion {
        QString version;
        QJsonObject manifest;
    };
    std::optional<PublishedVersion> findPublished(const QString &idempotencyKey) const;
    // The highest vN, or empty. For finishing a publish cut short between the rename and the
    // `current` swap: only the newest version may be made current that way.
    QString newestVersion() const;
    enum class Current { Invalid = 0, Move, Keep };
    // Writes manifest.json into staging (last file), renames it to the next version and
    // (Current::Move) points `current` at it. Current::Keep publishes a version for review
    // only (QC failed): the folder exists, `current` stays where it was.
    // Returns the version folder's name ("v3").
    Result<QString> publish(const QString &stagingDir, const QJsonObject &manifest, Current current = Current::Move);
    // Drops a staging folder (and a job folder's checkpoints) after a failure or cancel.
    void discard(const QString &stagingDir);
    // Leaves a job's staging folder and checkpoints for the next attempt (a transient
    // failure) and only lets go of the asset's lock.
    void keepForRetry() { releaseLock(); }
    // Points <assetDir>/current at an existing version folder ("v3", one that has its
    // manifest.json) atomically: a new symlink renamed over the old one. Idempotent. Used by
    // the approval gate (core/queue/Approval) for versions published with Current::Keep.
    // Errors: publish.version (no such complete version), publish.current (link not made).
    static Status pointCurrentAt(const QString &assetDir, const QString &version);

private:
    void releaseLock();

    QString m_outRoot;
    QString m_assetName;
    QString m_lockPath;
    int m_lockFd = -1;
};

} // namespace rendition
