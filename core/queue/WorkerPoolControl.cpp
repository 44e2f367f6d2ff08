// WorkerPool: control of the queue and of running children — queue-wide pause, pause /
// resume / cancel of one job, and polling the store for such changes made by other
// processes. See WorkerPool.h for the contracts.

#include "core/queue/WorkerPool.h"

#include "core/queue/WorkerPoolChild.h"

#include <QLoggingCategory>

#include <csignal>

Q_DECLARE_LOGGING_CATEGORY(lcPool)

namespace rendition {

void WorkerPool::signalGroup(const Child &c, int signal)
{
    const qint64 pid = c.process ? c.process->processId() : 0;
    if (pid <= 0) return; // never kill(0, …) or kill(-0, …): that is our own group
    // The child leads its own group (setpgid in launch); fall back to the pid alone.
    if (::kill(-pid_t(pid), signal) != 0) ::kill(pid_t(pid), signal);
}

bool WorkerPool::stopChild(Child &c)
{
    if (c.paused || c.killReason != KillReason::None) return false;
    signalGroup(c, SIGSTOP);
    c.paused = true;
    qCInfo(lcPool) << "paused job" << c.jobId;
    return true;
}

bool WorkerPool::continueChild(Child &c)
{
    if (!c.paused) return false;
    signalGroup(c, SIGCONT);
    c.paused = false;
    c.sinceProgress.restart(); // the stall clock starts again from the resume
    qCInfo(lcPool) << "resumed job" << c.jobId;
    return true;
}

bool WorkerPool::isPaused(const QString &jobId) const
{
    auto it = m_children.find(jobId);
    return it != m_children.end() && it->second->paused;
}

Status WorkerPool::setQueuePaused(bool paused)
{
    if (Status s = m_store.setQueuePaused(paused); !s) return s;
    applyQueuePaused(paused);
    return {};
}

void WorkerPool::applyQueuePaused(bool paused)
{
    if (paused == m_queuePaused) return;
    m_queuePaused = paused;
    qCInfo(lcPool) << (paused ? "queue paused" : "queue resumed");
    Q_EMIT queuePausedChanged(paused);
    if (!paused) poke();
}

Status WorkerPool::pauseJob(const QString &jobId)
{
    if (Status s = m_store.pauseJob(jobId); !s) return s;
    if (auto it = m_children.find(jobId); it != m_children.end()) stopChild(*it->second);
    Q_EMIT jobPaused(jobId);
    return {};
}

Status WorkerPool::resumeJob(const QString &jobId)
{
    Result<JobState> to = m_store.resumeJob(jobId);
    if (!to) return to.error();
    if (auto it = m_children.find(jobId); it != m_children.end()) {
        continueChild(*it->second);
        if (*to != JobState::Running) report(m_store.setState(jobId, JobState::Running)); // ours runs: say so
    } else if (*to == JobState::Queued) {
        poke();
    }
    Q_EMIT jobResumed(jobId);
    return {};
}

bool WorkerPool::cancel(const QString &jobId)
{
    if (auto it = m_children.find(jobId); it != m_children.end()) {
        terminate(*it->second, KillReason::Canceled); // SIGCONTs a paused child first
        return true;
    }
    Result<std::optional<JobRecord>> record = m_store.job(jobId);
    if (!record || !record->has_value()) return false;
    const JobRecord &job = record->value();
    // Queued, or paused before it started (a job paused while running elsewhere is not ours).
    const bool notStarted = job.state == JobState::Queued
                            || (job.state == JobState::Paused && job.resumeState != JobState::Running);
    if (!notStarted) return false;
    if (Status s = m_store.setState(jobId, JobState::Canceled); !s) {
        report(s);
        return false;
    }
    Q_EMIT jobFinished(jobId, JobOutcome::Canceled, Error{});
    checkIdle();
    return true;
}

// Every storePollMs: one PRAGMA data_version; only when another connection committed, the
// queue flag and the states of our running jobs are read and applied, and the pool looks
// for new work (jobs enqueued or resumed by another process).
void WorkerPool::pollStore()
{
    Result<qint64> version = m_store.dataVersion();
    if (!version) {
        report(version.error());
        return;
    }
    if (*version == m_dataVersion) return;
    m_dataVersion = *version;
    if (Result<bool> paused = m_store.isQueuePaused(); paused) applyQueuePaused(*paused);
    else report(paused.error());

    QStringList ids;
    for (const auto &[id, c] : m_children) ids.append(id);
    for (const QString &id : std::as_const(ids)) {
        Result<std::optional<JobRecord>> record = m_store.job(id);
        auto it = m_children.find(id);
        if (!record || !record->has_value() || it == m_children.end()) continue;
        Child &c = *it->second;
        const JobState state = record->value().state;
        if (state == JobState::Paused && stopChild(c)) Q_EMIT jobPaused(id);
        else if (state == JobState::Running && continueChild(c)) Q_EMIT jobResumed(id);
        else if (state == JobState::Canceled && c.killReason == KillReason::None) terminate(c, KillReason::Canceled);
    }
    poke();
}

} // namespace rendition
