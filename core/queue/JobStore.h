#pragma once
// The persistent job queue: one SQLite file (WAL mode) holding assets, batches, jobs,
// stage attempts, published renditions, dead letters and watched files.
//
// Location: chosen by the caller (QStandardPaths::AppLocalDataLocation, RENDITION_DATA_DIR
// or --data-dir); open() creates missing folders and the file, and migrates the schema.
//
// Threading: a JobStore owns ONE QSqlDatabase connection, and Qt SQL connections may only
// be used by the thread that created them. So a JobStore is bound to the thread that
// called open(): every method must be called from that thread (other threads get a
// "store.wrong_thread" error), and it must be destroyed there. A thread that needs the
// store opens its own JobStore on the same path; each instance registers a unique
// connection name ("rendition.jobstore.<n>"). SQLite serialises writers: every write is
// one BEGIN IMMEDIATE transaction, and a writer waits up to kBusyTimeoutMs for another
// connection (thread or process) before failing with "store.busy".
//
// Errors: every failure is an Error whose context is the database file path; codes:
// store.open, store.corrupt, store.too_new, store.migrate, store.query, store.busy,
// store.no_such_job, store.no_such_attempt, store.bad_transition, store.duplicate_job,
// store.wrong_thread, store.bad_move (reorder), store.not_awaiting_approval (approve/reject).
//
// Schema history: v1 the first release; v2 adds the queue_settings table (queue-wide pause),
// the job states awaiting_approval and rejected, and the job columns resume_state (what a
// paused job resumes to), review_note / reviewed_at (approval decision) and rerun_of.
//
// Leases (schema v4): several processes (GUIs, `rendition-cli batch|watch|queue`) share one
// store at the same time. Claiming a job takes a lease: owner = this process
// (host/pid/start time, processLeaseOwner()) and an expiry kLeaseMs ahead, renewed by the
// runner's heartbeat (renewLeases). recoverInterrupted() takes back only jobs whose lease
// expired or whose owner process is gone from this host, so it is safe to call at any time
// from any process: nobody requeues a job another live process runs.
// Retries wait in the store: retryAt() queues a job with a not-before time that claims honour,
// so a restart keeps the backoff.
//
// Durability: WAL with synchronous = NORMAL for bookkeeping (claims, attempt records,
// queued/running moves — survive a crash of any process; after power loss the newest of
// them may roll back, and the job just runs again) and FULL for every commit that must
// never be forgotten (enqueue, publish, dead letter, approval, cancel), which also flushes
// the bookkeeping before it. So scheduling a job costs no fsync.
//
// Times are UTC, stored as ISO 8601 text with milliseconds; sizes are bytes; file mtimes
// are milliseconds since the Unix epoch.

#include "core/model/JobSpec.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QSqlError;
class QSqlQuery;
class QThread;

namespace rendition {

// AwaitingApproval: published as a version for review without moving `current` (the
// preset's qc.require_approval); approve → Succeeded (current moved), reject → Rejected.
enum class JobState {
    Invalid = 0, Queued, Running, Paused, Succeeded, QcFailed, Failed, Canceled, Dead, AwaitingApproval, Rejected
};
QString jobStateName(JobState s);            // "queued" | "running" | "paused" | "succeeded" | "qc_failed" |
                                             // "failed" | "canceled" | "dead" | "awaiting_approval" | "rejected"
JobState jobStateFromName(const QString &s); // Invalid when unknown

// Whether setState() accepts from → to. Same state → same state is always allowed (a
// stage update). Succeeded is final: a re-run with a new preset is a new job.
// Paused → Running is the resume of a job paused while its worker ran (SIGSTOPped);
// Paused → Queued the resume of a job paused before it started. AwaitingApproval →
// Succeeded | Rejected only; Rejected → Queued (retry, a fresh encode).
bool isAllowedTransition(JobState from, JobState to);

// Where JobStore::moveJobTo() puts a job.
enum class QueueEnd { Invalid = 0, Top, Bottom };

// The kind of work a job is, stored with it so schedulers need not parse its spec:
// "light" (no video rungs: probe/loudness/thumbnails), "hardware" (a rung asks for a
// hardware encoder, "auto" or a name) or "cpu" (software encodes only).
QString workClassFor(const JobSpec &spec);

struct BatchInfo {
    QString id; // UUID
    QDateTime createdAt;
    QString presetName;
    QString outputRoot;
};

struct JobRecord {
    QString id;      // = spec id
    QString batchId; // empty when the job belongs to no batch
    qint64 assetId = 0;
    QByteArray specJson;
    QString idempotencyKey;
    JobState state = JobState::Invalid;
    int priority = 0;     // higher runs first
    qint64 position = 0;  // then lower position first (enqueue order unless reordered)
    int attempts = 0;     // highest attempt number recorded
    QString lastStage;    // last stage reported through setState(); where a resumed job picks up
    QString publishedDir; // version folder once published (succeeded / qc_failed), else empty
    QDateTime createdAt;
    QDateTime updatedAt;
    // Schema v2 (empty / Invalid for jobs that never used these):
    JobState resumeState = JobState::Invalid; // while Paused: Queued or Running (what resumeJob() restores)
    QString reviewNote;   // approve note or reject reason (rejected jobs always have one)
    QDateTime reviewedAt; // when approved / rejected
    QString rerunOf;      // id of the job this one re-runs with another preset (rerun())
    // Schema v4:
    QString leaseOwner;    // the process running it (processLeaseOwner() form); empty when none
    qint64 leaseUntilMs = 0; // lease expiry, ms since the Unix epoch
    QDateTime notBefore;   // queued for a retry: not claimed before this (invalid = now)
    int retryBase = 0;     // attempts made before the last requeue(); the retry budget counts from here

    Result<JobSpec> spec() const { return JobSpec::fromJson(specJson); }
};

struct StageAttempt {
    qint64 id = 0; // assigned by recordAttempt()
    QString jobId;
    int attempt = 1; // 1-based job attempt this stage ran in
    QString stage;   // "transcode", "package", ...
    QDateTime startedAt;
    QDateTime endedAt; // invalid while running
    QString worker;    // "pid 1234", "host/slot"
    QString errorCode; // empty on success
    QString errorMessage;
    QString logTail; // last lines of the worker's log
};

struct RenditionRecord {
    QString name;
    QString dir; // absolute folder of the rendition inside the version folder
    qint64 bytes = 0;
};

struct DeadLetter {
    QString jobId;
    QString reason;
    QJsonObject context; // {"context": caller's, "spec": the job, "attempts": [every attempt]}
    QDateTime createdAt;
};

struct JobFilter {
    QList<JobState> states; // empty = every state
    QString batchId;        // empty = every batch
    int limit = -1;         // -1 = no limit
};

class JobStore {
public:
    static constexpr int kSchemaVersion = 4;     // latest migration
    static constexpr int kLeaseMs = 30000;       // a claim's lease; runners renew it every kLeaseMs / 3
    static constexpr int kBusyTimeoutMs = 10000; // how long a write waits for another writer

    // Opens (creating and migrating when needed) the store at `path`.
    static Result<std::unique_ptr<JobStore>> open(const QString &path);
    ~JobStore();
    JobStore(const JobStore &) = delete;
    JobStore &operator=(const JobStore &) = delete;

    QString path() const { return m_path; }
    Result<int> schemaVersion();
    Result<QString> journalMode(); // "wal" once open

    Result<BatchInfo> addBatch(const QString &presetName, const QString &outputRoot);

    // Adds the job as "queued" at the end of the queue (position = last + 1), recording its
    // asset (path from the source URI, sha256, size, mtime when the file exists).
    // `batchId` may be empty.
    Result<JobRecord> enqueue(const JobSpec &spec, const QString &batchId, int priority = 0);
    // enqueue() for many specs in ONE transaction (one fsync instead of one per job: 10,000
    // jobs in about a second), in the given order; all or nothing. Returns the job ids.
    // Errors as enqueue() (store.duplicate_job names the first duplicate). JobStoreBulk.cpp.
    Result<QStringList> enqueueMany(const QList<JobSpec> &specs, const QString &batchId, int priority = 0);

    // Intake in one transaction (core/queue/Intake decides; this applies). For each spec, in
    // order, `decide` gets what the store knows about its idempotency key — the newest job
    // with it, a succeeded job's version folder — including the specs admitted before it in
    // this call, and answers Enqueue (a new job), Requeue (that newest job, back to queued
    // with a fresh retry budget) or Leave. When anything is enqueued or requeued and
    // `batch` has a preset name, the batch is recorded (its id is kept when set, else made)
    // and those jobs belong to it. All or nothing.
    enum class AdmitAction { Invalid = 0, Enqueue, Requeue, Leave };
    struct AdmitFacts {
        std::optional<JobRecord> sameKey;
        QString publishedDir; // empty when no succeeded job has the key
    };
    struct AdmitResult {
        QString batchId; // empty when no batch was recorded
        QList<std::pair<AdmitAction, QString>> jobs; // per spec: what was done, the job concerned
    };
    using AdmitDecider = std::function<AdmitAction(const JobSpec &spec, const AdmitFacts &facts)>;
    Result<AdmitResult> admit(const QList<JobSpec> &specs, const AdmitDecider &decide, const BatchInfo &batch);

    // The first queued job in run order (highest priority, then lowest position), if any,
    // including one waiting for its retry time. Does not change it; use claimNext() to take it.
    Result<std::optional<JobRecord>> nextRunnable();
    // Queued jobs of the given work classes in run order, at most `limit`; jobs whose class
    // is not known yet (stored by an earlier schema) are included too and get their class
    // filled in from their spec. Cheap on a 10,000-job queue (one indexed query).
    Result<QList<JobRecord>> queuedOfWork(const QStringList &workClasses, int limit);
    // Takes this queued job with a lease for this process: queued → running only if it is
    // still queued and its retry time has come (true), so two claimers never both get it
    // (false for the loser, or when it was paused/canceled or waits for its retry time).
    Result<bool> claim(const QString &jobId);

    // Atomically takes the next runnable job (retry time come) and marks it "running" with a
    // lease (safe across threads and processes: two claimers never get the same job).
    Result<std::optional<JobRecord>> claimNext();

    // ---- leases and retries (schema v4; JobStoreLeases.cpp) ------------------------------
    // This process as a lease owner: "<host>/<pid>/<start time in clock ticks>".
    static QString processLeaseOwner();
    // True when `owner` names a process of THIS host that no longer exists (or whose pid now
    // belongs to another process). Owners on other hosts are never "gone": their leases expire.
    static bool isLeaseOwnerGone(const QString &owner);
    // The owner and lease length this store's claims use (tests: another owner, short leases).
    void setLeaseOwner(const QString &owner) { m_leaseOwner = owner; }
    void setLeaseDurationMs(qint64 ms) { m_leaseMs = ms; }
    QString leaseOwner() const { return m_leaseOwner; }
    // The heartbeat: extends the leases of these jobs held by this owner (running or paused).
    Status renewLeases(const QStringList &jobIds);
    // A runner stopping cleanly while its children still ran (they were killed): its held
    // jobs go back to queued at once, as recoverInterrupted() would do after the lease.
    Status releaseLeases(const QStringList &jobIds);
    // A failed attempt waits: running → queued, not claimed before `notBefore`, lease dropped.
    Status retryAt(const QString &jobId, const QDateTime &notBefore);
    // The earliest retry time still in the future among queued jobs, if any (a runner's timer).
    Result<std::optional<QDateTime>> nextRetryTime();
    // An operator's (or intake's) "run it again": failed, dead, canceled, QC-failed or
    // rejected → queued with a fresh retry budget (retryBase = attempts). Queued: no-op.
    // Errors: store.no_such_job; store.bad_transition (running, paused, succeeded,
    // awaiting approval).
    Status requeue(const QString &jobId);

    Result<std::optional<JobRecord>> job(const QString &jobId);
    Result<QList<JobRecord>> list(const JobFilter &filter = {});

    // Moves the job to `state` (checked by isAllowedTransition) and, when `stage` is not
    // empty, records it as the job's last stage.
    Status setState(const QString &jobId, JobState state, const QString &stage = {});
    Status setPriority(const QString &jobId, int priority);
    // Records the job's last stage without touching its state (a running job's progress;
    // unlike setState(Running, stage) it never undoes a pause made meanwhile).
    Status setStage(const QString &jobId, const QString &stage);

    // Records one stage attempt (running when endedAt is invalid) and returns its id; the
    // job's attempt count becomes at least `attempt.attempt`.
    Result<qint64> recordAttempt(const StageAttempt &attempt);
    // Ends a running attempt (error empty on success).
    Status finishAttempt(qint64 attemptId, const QDateTime &endedAt, const Error *error = nullptr,
                         const QString &logTail = {});
    Result<QList<StageAttempt>> attempts(const QString &jobId);

    // Jobs held by a runner that died or hung — lease expired, or its owner process gone
    // from this host — go back to "queued" (keeping their last stage, so they resume) and
    // their unfinished attempts are closed with the error "worker.interrupted". Returns those
    // jobs. Safe at any time from any process: live leases are left alone. Jobs paused while
    // running stay paused (their worker is gone: resumeState becomes queued, open attempts
    // are closed the same way) and are not returned.
    Result<QList<JobRecord>> recoverInterrupted();

    // Records the outcome of publish: state Succeeded, QcFailed or AwaitingApproval, the
    // version folder and its renditions, in one transaction.
    Status recordPublished(const QString &jobId, JobState finalState, const QString &versionDir,
                           const QList<RenditionRecord> &renditions);
    Result<QList<RenditionRecord>> renditions(const QString &jobId);
    // The version folder of a succeeded job with this key (the newest), if any. The caller
    // checks that the folder still exists before reusing it.
    Result<std::optional<QString>> findPublished(const QString &idempotencyKey);

    // Marks the job "dead" and stores a dead letter: `reason`, the caller's `context`, the
    // job's spec and every recorded attempt. Replaces an earlier dead letter of the job.
    Status moveToDeadLetters(const QString &jobId, const QString &reason, const QJsonObject &context);

    // Watch folders: a file is queued once per (path, size, mtime, sha256), across restarts.
    Result<bool> isWatchedFileQueued(const QString &path, qint64 size, qint64 mtimeMs, const QString &sha256);
    Status recordWatchedFile(const QString &path, qint64 size, qint64 mtimeMs, const QString &sha256, const QString &jobId);
    Result<QList<DeadLetter>> deadLetters();

    // ---- control (schema v2) -------------------------------------------------------------
    // Queue-wide pause, persisted (every process sharing the file sees it). While paused no
    // runner starts a new job; running jobs go on. Idempotent.
    Status setQueuePaused(bool paused);
    Result<bool> isQueuePaused();
    // SQLite's PRAGMA data_version: changes whenever ANOTHER connection (thread or process)
    // committed since this connection last looked; this connection's own writes do not
    // change it. A cheap "did anything change?" test for pollers (one tiny query).
    Result<qint64> dataVersion();

    // Pauses one job: queued → paused (not claimed until resumed) or running → paused (the
    // runner that owns it stops its worker; see WorkerPool::pauseJob). The state it was in is
    // kept as resumeState. Errors: store.no_such_job; store.bad_transition from any other
    // state (already paused included).
    Status pauseJob(const QString &jobId);
    // Resumes a paused job to its resumeState (queued, or running when it was paused while
    // running) and returns that state. Errors: store.no_such_job; store.bad_transition when
    // the job is not paused.
    Result<JobState> resumeJob(const QString &jobId);

    // Reorders: the job takes `beforeJobId`'s place in the run order (its position, the ones
    // from there on shift down by one) and its priority, so the run order equals the order a
    // list shows; one transaction. Errors: store.no_such_job (either id); store.bad_move when
    // the ids are equal or the job is running (or final: succeeded, dead).
    Status moveJob(const QString &jobId, const QString &beforeJobId);
    // Top: runs next (highest priority of all jobs, first position); Bottom: runs last
    // (lowest priority, last position). Same errors as moveJob().
    Status moveJobTo(const QString &jobId, QueueEnd end);

    // Re-run with another preset: a NEW queued job (new id, created now) for the same source
    // (URI, SHA-256, size), output root and batch as `jobId`, with `preset` as its snapshot and
    // a new idempotency key (makeRerunSpec()); its rerunOf is `jobId`. The old job and its
    // history stay untouched. Errors: store.no_such_job; store.bad_transition when the old job
    // is still queued, running or paused (cancel it first); job.invalid when its stored spec
    // does not parse.
    Result<JobRecord> rerun(const QString &jobId, const Preset &preset, int priority = 0);

    // Approval gate (the preset's qc.require_approval). These change the STORE only; the
    // `current` link is moved by Approval::approve(), which calls approveJob() afterwards.
    // approveJob: awaiting_approval → succeeded; rejectJob: awaiting_approval → rejected with
    // `reason` (required, non-empty) kept as reviewNote. Errors: store.no_such_job;
    // store.not_awaiting_approval when the job is in any other state; store.bad_transition for
    // an empty reject reason.
    Status approveJob(const QString &jobId, const QString &note = {});
    Status rejectJob(const QString &jobId, const QString &reason);

private:
    JobStore(QString path, QString connectionName);
    Status configure();
    Status migrate();
    Status migrateInTransaction();
    Status checkThread() const;
    // Prepares, binds (positional), executes; the error names the database file.
    Result<QSqlQuery> run(const QString &sql, const QVariantList &binds = {});
    Error sqlError(const QSqlError &e) const;
    Error storeError(const QString &code, const QString &message) const;
    Result<JobState> stateOf(const QString &jobId);
    Status checkTransition(const QString &jobId, JobState to);
    Result<QList<JobRecord>> jobsWhere(const QString &where, const QVariantList &binds, int limit = -1);
    Result<JobRecord> requireJob(const QString &jobId);
    Status review(const QString &jobId, JobState to, const QString &note);
    Status requeueHeld(const QStringList &jobIds, const QString &nowText); // in an open transaction
    Status markRequeued(const QString &jobId, const QString &batchId); // likewise; batchId may be empty
    Result<QStringList> insertJobs(const QList<JobSpec> &specs, const QString &batchId, int priority); // likewise

    friend class StoreTransaction;
    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QThread *m_thread = nullptr;
    QString m_leaseOwner = processLeaseOwner();
    qint64 m_leaseMs = kLeaseMs;
};

} // namespace rendition
