#pragma once
// A light, read-only view of the job store for list UIs (the GUI's queue panel): one small
// JobSnapshot per job and cheap change detection, on a connection of its own.
//
// Why not JobStore::list(): it returns every job's spec JSON (kilobytes each, a preset
// snapshot) and has no "what changed?" query. A view needs ~200 bytes per job: the source
// path, preset name, output root and requested encoders are extracted from the spec by
// SQLite (json_extract) once per job, and a poll reads only the small columns, comparing
// them with what it saw last, so only changed rows are handed on.
//
// Coupling: reads the `jobs` and `batches` tables of JobStoreSchema.cpp by column name
// (id, batch_id, spec_json, state, priority, position, attempts, last_stage, published_dir,
// created_at, updated_at; batches: id, created_at, preset_name, output_root). It never
// writes. A change to those columns must change this file too (tests/gui/tst_queuepanel
// compares its rows with JobStore's).
//
// Threading: made for a background thread so a GUI never waits for SQLite. Like JobStore,
// an instance is bound to the thread that opened it (its own connection
// "rendition.snapshot.<n>") and must be used and destroyed there. WAL mode lets it read
// while other connections write; it waits up to JobStore::kBusyTimeoutMs for a lock.
//
// Errors: Error with the database path as context; codes store.open (missing or unreadable
// file), store.query, store.wrong_thread.

#include "core/queue/JobStore.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

class QThread;

namespace rendition {

struct JobSnapshot {
    QString id;
    QString batchId; // empty when the job belongs to no batch
    JobState state = JobState::Invalid;
    int priority = 0;
    qint64 position = 0;
    int attempts = 0;
    QString lastStage;
    QString publishedDir;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC
    // From the spec (empty when the spec lacks them):
    QString sourcePath;        // local path of the source (or its URI when not local)
    QString presetName;
    QString outputRoot;
    QString requestedEncoders; // distinct ladder "encoder" values, comma-separated ("auto", "software", "h264_nvenc")
};

// Rows that changed since the previous read (new ones included) and ids that disappeared.
struct JobSnapshotDelta {
    QList<JobSnapshot> changed;
    QStringList removed;
    bool isEmpty() const { return changed.isEmpty() && removed.isEmpty(); }
};

class JobSnapshotReader {
public:
    // Opens a read connection on an existing store file (made by JobStore::open()).
    static Result<std::unique_ptr<JobSnapshotReader>> open(const QString &storePath);
    ~JobSnapshotReader();
    JobSnapshotReader(const JobSnapshotReader &) = delete;
    JobSnapshotReader &operator=(const JobSnapshotReader &) = delete;

    QString path() const { return m_path; }

    // Every job in run order (priority desc, position asc); becomes the baseline of readChanges().
    Result<QList<JobSnapshot>> readAll();
    // Whether any connection other than this one committed since the last call
    // (PRAGMA data_version; one tiny query). The first call returns true.
    Result<bool> hasChanged();
    // What changed since the last readAll()/readChanges(): reads the small columns of every
    // job (no spec), and the spec-derived fields only for jobs not seen before.
    Result<JobSnapshotDelta> readChanges();
    Result<QList<BatchInfo>> batches();

private:
    JobSnapshotReader(QString path, QString connectionName);
    Status checkThread() const;
    Result<QList<JobSnapshot>> readFull(const QStringList &ids); // empty ids = every job
    Error queryError(const QString &what, const QString &detail) const;

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QThread *m_thread = nullptr;
    qint64 m_dataVersion = -1;
    QHash<QString, JobSnapshot> m_seen;   // the baseline
    QHash<QString, QString> m_signature;  // id → its small columns joined, to spot changes
};

} // namespace rendition
