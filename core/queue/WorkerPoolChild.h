#pragma once
// Internal to WorkerPool*.cpp: the pool's bookkeeping for one running child process.

#include "core/queue/WorkerPool.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace rendition {

struct WorkerPool::Child {
    QString jobId;
    PoolKind kind = PoolKind::Invalid;
    int attempt = 0;
    int retryBase = 0; // attempts before the job's last requeue (its retry budget counts from here)
    qint64 attemptId = 0;
    QProcess *process = nullptr; // parented to the pool; deleteLater() when done
    QTimer *watchdog = nullptr;
    QTimer *killTimer = nullptr;
    QElapsedTimer sinceProgress;
    KillReason killReason = KillReason::None;
    bool paused = false;         // SIGSTOPped by pauseJob() (or a pause seen in the store)
    double claimToStartMs = 0;   // scheduling overhead of the start (schedulingMeasured)
    QByteArray stdoutBuffer;
    QByteArray stderrBuffer;
    QStringList logTail;
    QString lastStage;
    std::optional<Error> reported; // the child's "failed" event
    QJsonObject outcome;           // the child's "published" / "qc_failed" / "awaiting_approval" event
};

} // namespace rendition
