#pragma once
// Options and shared state of a cluster worker (RemoteWorker) and its slot threads
// (RemoteJobRunner). See RemoteWorker.h for the behaviour.

#include "core/remote/AwsCredentials.h"
#include "core/remote/Metrics.h"
#include "core/remote/RemoteProfile.h"

#include <QAtomicInt>
#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>
#include <memory>

namespace rendition {

struct RemoteWorkerOptions {
    QString program;             // rendition-cli (runs `exec-job`) — required
    QString workDir;             // scratch: source cache + one folder per running job — required
    QString workerName;          // in events and dead letters; empty: "<host>:<pid>"
    int slots = 1;               // concurrent jobs (one thread + one child process each)
    int visibilityTimeoutS = 120;// taken at receive, renewed by the heartbeat
    int heartbeatS = 0;          // 0: visibilityTimeoutS / 3 (at least 1)
    int waitSeconds = 20;        // long poll
    int maxReceives = 3;         // a delivery with ApproximateReceiveCount ≥ this that fails → DLQ
    int retryDelayS = 10;        // a failed attempt becomes visible again after this
    int graceS = 30;             // SIGTERM: running jobs may finish for this long, then are released
    bool once = false;           // each slot ends when a long poll finds nothing and the queue holds
                                 // no message at all (none visible, in flight or delayed)
    bool oneJob = false;         // one slot handles ONE message and the worker ends (a KEDA ScaledJob
                                 // pod); also ends like `once` when the queue is drained first
    int progressIntervalMs = 2000; // status-queue progress events at most this often per job (and on stage change)
};

// Shared by the controller and the slot threads. Flags are atomics; the per-source download
// locks keep two slots from writing the same cache file.
struct RemoteWorkerShared {
    RemoteProfile profile;
    AwsCredentials credentials;
    RemoteWorkerOptions options;
    MetricsRegistry metrics;
    std::atomic<bool> stopping{false}; // take no new messages
    QAtomicInt receiveCancel{0};       // aborts long polls in flight (set with `stopping`)
    QAtomicInt hardStop{0};            // release running jobs now (grace over); aborts transfers

    QMutex locksMutex;
    QHash<QString, std::shared_ptr<QMutex>> sourceLocks; // sha256 → lock

    std::shared_ptr<QMutex> sourceLock(const QString &sha256)
    {
        QMutexLocker lock(&locksMutex);
        std::shared_ptr<QMutex> &m = sourceLocks[sha256];
        if (!m) m = std::make_shared<QMutex>();
        return m;
    }
};

// Metric names (described by RemoteWorker).
inline constexpr auto kMetricJobs = "rendition_worker_jobs_total";                 // {outcome}
inline constexpr auto kMetricStageSeconds = "rendition_worker_stage_seconds";      // {stage} summary
inline constexpr auto kMetricQueueLag = "rendition_worker_queue_lag_seconds";      // summary
inline constexpr auto kMetricBytes = "rendition_worker_bytes_total";               // {direction}
inline constexpr auto kMetricRunning = "rendition_worker_jobs_running";            // gauge
inline constexpr auto kMetricReceived = "rendition_worker_messages_received_total";// counter

} // namespace rendition
