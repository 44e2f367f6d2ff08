#pragma once
// Runs queued jobs of a JobStore in isolated child processes
// (`<program> exec-job <spec.json>`, normally rendition-cli), so a decoder crash, a hang
// or runaway memory on a bad file ends one attempt, never the app.
//
// Slots: separate pools per PoolKind — CPU encodes, hardware encodes (default: one per
// working hardware encoder family, NVENC capped at its consumer limit of 3 sessions) and
// light work (jobs without video rungs: probe/loudness/thumbnail-only) — so short work
// never waits behind a long encode. A job whose preset asks for a hardware encoder
// ("auto" or a name) runs in the hardware pool when it has slots, else in the CPU pool
// (the encoder then falls back to software).
//
// Per attempt: the job's spec is written to <specDir>/<job id>.json, the attempt is
// recorded in the store (stage "job", worker "pid N"), the child's JSON-lines stdout
// becomes jobProgress signals (and the job's last stage in the store), and the last
// `logTailLines` lines of stdout+stderr are kept as the log tail stored with the attempt.
//
// Watchdog (a QTimer per child, every `pollMs`): no progress event for `stallSeconds` or
// VmRSS (/proc/<pid>/status) above `maxRssBytes` → SIGTERM, then SIGKILL after `graceMs`;
// the attempt fails with the transient "worker.stalled" / "worker.memory". A child ended
// by a signal otherwise fails with the transient "worker.crashed".
//
// Outcomes: published → recordPublished(Succeeded); QC failed → recordPublished(QcFailed);
// transient error with attempts left → the job goes back to "queued" with its not-before
// time in the store (JobStore::retryAt: every runner, and this one after a restart, honours
// it; one timer pokes the pool when the earliest comes) and its verified stage checkpoints
// kept, so the retry resumes; permanent error or attempts exhausted →
// moveToDeadLetters (the store adds the spec and every attempt's error and log tail).
// cancel(): SIGTERM, SIGKILL after the grace period; the job ends "canceled"; the child
// removes its staging folder (after a SIGKILL the next run of that asset does).
//
// Control: setQueuePaused() (persisted in the store: no new job starts, running ones go on);
// pauseJob() of a running job SIGSTOPs the child's process group (each child leads its own
// group) and marks it paused in the store, resumeJob() SIGCONTs it; the watchdog does not
// count paused time as a stall. cancel() of a paused child SIGCONTs it so SIGTERM is handled.
// Changes made by OTHER processes (`rendition-cli queue pause|resume|cancel`, a second GUI)
// are picked up by polling the store every `storePollMs`: one PRAGMA data_version query,
// and only when it changed, the queue flag and the states of this pool's running jobs.
//
// Approval gate: a child whose preset requires approval reports "awaiting_approval"; the
// job is recorded with recordPublished(AwaitingApproval) and finishes with that outcome.
//
// Threading: a QObject living in the thread that created it, which must be the store's
// thread; everything is driven by that thread's event loop (QProcess signals, QTimers):
// no blocking waits except in the destructor, which kills remaining children and leaves
// their jobs "running" for JobStore::recoverInterrupted() (this process's lease: taken back
// at once by the next pool of a new process, else when the lease expires).
//
// Leases: claims hold a lease (JobStore, "Leases"); every heartbeatMs the pool renews the
// leases of its children's jobs and takes back jobs whose runner died or hung, so a GUI and
// CLI runners share one store at the same time without requeueing each other's jobs.
// Errors of the store itself are reported through storeError() and do not stop the pool.

#include "core/queue/JobStore.h"
#include "core/util/RetryPolicy.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <map>
#include <memory>

class QElapsedTimer;
class QTimer;

namespace rendition {

enum class PoolKind { Invalid = 0, Cpu, Hardware, Light };
QString poolKindName(PoolKind k); // "cpu" | "hardware" | "light"

// A job's final outcome (jobFinished); a retried attempt is reported by attemptFailed.
enum class JobOutcome { Invalid = 0, Succeeded, QcFailed, Canceled, Dead, AwaitingApproval };
QString jobOutcomeName(JobOutcome o); // "succeeded" | "qc_failed" | "canceled" | "dead" | "awaiting_approval"

inline constexpr int kNvencConsumerSessionLimit = 3;

struct WorkerPoolOptions {
    QString program;         // path of rendition-cli (required)
    QString specDir;         // where spec files go; empty = "<store folder>/specs"
    int cpuSlots = 2;
    int hardwareSlots = -1;  // -1 = defaultHardwareSlots() (probes the encoders once, at start())
    int lightSlots = 2;
    int stallSeconds = 120;  // no progress event for this long → worker.stalled
    qint64 maxRssBytes = 0;  // 0 = no memory limit
    int graceMs = 10000;     // SIGTERM → SIGKILL
    int pollMs = 1000;       // watchdog period (RSS read, stall check)
    int logTailLines = 50;
    int storePollMs = 500;   // how often changes by other processes are looked for (pause, resume, cancel)
    int heartbeatMs = JobStore::kLeaseMs / 3; // lease renewal + taking back jobs of dead runners
};

// Working hardware encoder families (nvenc, qsv, vaapi, ...: one device each), with
// NVENC's consumer session limit; probes every hardware encoder (slow the first time).
int defaultHardwareSlots();

class WorkerPool : public QObject {
    Q_OBJECT
public:
    // `store` must outlive the pool and belong to this thread.
    WorkerPool(JobStore &store, WorkerPoolOptions options, RetryPolicy retry = RetryPolicy(), QObject *parent = nullptr);
    ~WorkerPool() override;

    // Recovers jobs left running by a dead process, then starts filling the slots.
    // Call once; then poke() whenever jobs were enqueued.
    Status start();
    // Looks for runnable jobs (on the next event-loop turn).
    void poke();

    // Polite cancel of a running job (SIGTERM — after SIGCONT when paused — SIGKILL after the
    // grace period), or an immediate cancel of a queued / backing-off / paused-before-start
    // one. False when the job is not the pool's (or in another state).
    bool cancel(const QString &jobId);

    // Queue-wide pause, persisted in the store (JobStore::setQueuePaused). Emits
    // queuePausedChanged when the value changes; resuming pokes the pool.
    Status setQueuePaused(bool paused);
    // As last written or polled (start() reads it from the store).
    bool isQueuePaused() const { return m_queuePaused; }

    // Pauses a job: a running child of this pool is stopped (SIGSTOP to its process group)
    // and the job becomes "paused" in the store; a queued job becomes "paused" (not claimed).
    // Emits jobPaused. Errors: the store's (store.no_such_job, store.bad_transition).
    Status pauseJob(const QString &jobId);
    // Resumes a paused job: a stopped child gets SIGCONT and the job is "running" again; a
    // job paused before it started goes back to "queued" (and the pool is poked). Emits
    // jobResumed. Errors: the store's (store.no_such_job, store.bad_transition).
    Status resumeJob(const QString &jobId);
    // True while this pool's child for the job is stopped.
    bool isPaused(const QString &jobId) const;

    int slots(PoolKind kind) const;
    // Changes how many jobs of `kind` may run at once (clamped to ≥ 0), e.g. from the GUI's
    // settings. Running jobs are never stopped: fewer slots only hold back new launches.
    void setSlots(PoolKind kind, int slots);
    int running(PoolKind kind) const;
    int runningTotal() const;
    bool isRunning(const QString &jobId) const;
    qint64 processId(const QString &jobId) const; // 0 when not running
    // The pool a job runs in, given this pool's slots.
    PoolKind kindFor(const JobSpec &spec) const;

Q_SIGNALS:
    void jobStarted(const QString &jobId, int attempt, qint64 pid);
    void jobProgress(const QString &jobId, const rendition::ProgressEvent &event);
    // An attempt failed and another follows after `retryInMs`.
    void attemptFailed(const QString &jobId, int attempt, const rendition::Error &error, qint64 retryInMs);
    // Final: the store already holds the outcome. `error` is empty unless Dead.
    void jobFinished(const QString &jobId, rendition::JobOutcome outcome, const rendition::Error &error);
    void storeError(const rendition::Error &error);
    // Nothing running, nothing waiting for a retry, nothing runnable. Not emitted while the
    // queue is paused with queued jobs left (they are waiting, not done).
    void idle();
    void queuePausedChanged(bool paused);
    void jobPaused(const QString &jobId);  // also for a pause made by another process (seen by polling)
    void jobResumed(const QString &jobId); // the job is running or queued again
    // Scheduling overhead of one attempt (benchmarks, diagnostics), emitted after jobFinished:
    // claimToStartMs = claim in the store → child started and its attempt recorded;
    // exitToStoreMs = the pool saw the child exit → the outcome is in the store.
    void schedulingMeasured(const QString &jobId, double claimToStartMs, double exitToStoreMs);

private:
    struct Child;
    enum class KillReason { Invalid = 0, None, Stalled, Memory, Canceled };

    void pump();
    bool launch(const JobRecord &record, PoolKind kind, const QElapsedTimer &claimClock);
    void onStdout(Child &c);
    void onStderr(Child &c);
    void handleLine(Child &c, const QByteArray &line);
    void appendLog(Child &c, const QString &line);
    void onWatchdog(Child &c);
    void terminate(Child &c, KillReason reason);
    void onFinished(const QString &jobId, int exitCode, bool crashed);
    void finishFailed(Child &c, const Error &error);
    void deadLetter(const QString &jobId, const Error &error, const QString &reason, int attempt);
    void report(const Status &s);
    void checkIdle();
    void heartbeat();
    void armRetryTimer();
    void pollStore();
    void applyQueuePaused(bool paused);
    bool stopChild(Child &c);
    bool continueChild(Child &c);
    void signalGroup(const Child &c, int signal);

    JobStore &m_store;
    WorkerPoolOptions m_options;
    RetryPolicy m_retry;
    std::map<QString, std::unique_ptr<Child>> m_children;
    QTimer *m_heartbeat = nullptr;  // renews this pool's leases, takes back abandoned jobs
    QTimer *m_retryTimer = nullptr; // pokes when the earliest retry time (in the store) comes
    bool m_started = false;
    bool m_pumpScheduled = false;
    bool m_queuePaused = false;
    qint64 m_dataVersion = -1;
    QTimer *m_storePoll = nullptr;
};

} // namespace rendition

Q_DECLARE_METATYPE(rendition::ProgressEvent)
Q_DECLARE_METATYPE(rendition::Error)
Q_DECLARE_METATYPE(rendition::JobOutcome)
