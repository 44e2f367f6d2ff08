#include "ui/queue/QueueController.h"

#include "core/queue/Approval.h"
#include "core/queue/WorkerPool.h"

namespace rendition::ui {

QueueController::QueueController(JobStore &store, WorkerPool *pool, QObject *parent)
    : QObject(parent), m_store(store), m_pool(pool)
{
}

template <typename Fn> QList<Error> QueueController::forEach(const QStringList &jobIds, Fn &&fn)
{
    QList<Error> errors;
    for (const QString &id : jobIds)
        if (Status s = fn(id); !s) errors.append(s.error());
    if (errors.size() < jobIds.size()) {
        poke();
        Q_EMIT storeChanged();
    }
    return errors;
}

void QueueController::poke()
{
    if (m_pool) m_pool->poke();
}

Status QueueController::setQueuePaused(bool paused)
{
    Status s = m_pool ? m_pool->setQueuePaused(paused) : m_store.setQueuePaused(paused);
    if (s) Q_EMIT storeChanged();
    return s;
}

Result<bool> QueueController::isQueuePaused()
{
    return m_store.isQueuePaused();
}

QList<Error> QueueController::pause(const QStringList &jobIds)
{
    return forEach(jobIds, [this](const QString &id) { return m_pool ? m_pool->pauseJob(id) : m_store.pauseJob(id); });
}

QList<Error> QueueController::resume(const QStringList &jobIds)
{
    return forEach(jobIds, [this](const QString &id) -> Status {
        if (m_pool) return m_pool->resumeJob(id);
        Result<JobState> to = m_store.resumeJob(id);
        if (!to) return to.error();
        return {};
    });
}

QList<Error> QueueController::cancel(const QStringList &jobIds)
{
    return forEach(jobIds, [this](const QString &id) -> Status {
        if (m_pool && m_pool->cancel(id)) return {};
        // Not the pool's (paused, or run by another process): the store decides whether it can be.
        return m_store.setState(id, JobState::Canceled);
    });
}

QList<Error> QueueController::retry(const QStringList &jobIds)
{
    return forEach(jobIds, [this](const QString &id) { return m_store.setState(id, JobState::Queued); });
}

QList<Error> QueueController::changePriority(const QStringList &jobIds, int delta)
{
    return forEach(jobIds, [this, delta](const QString &id) -> Status {
        Result<std::optional<JobRecord>> job = m_store.job(id);
        if (!job) return job.error();
        if (!job->has_value())
            return makeError(QStringLiteral("store.no_such_job"), tr("The job %1 is no longer in the queue.").arg(id), m_store.path());
        return m_store.setPriority(id, job->value().priority + delta);
    });
}

QList<Error> QueueController::moveBefore(const QStringList &jobIds, const QString &beforeJobId)
{
    if (beforeJobId.isEmpty()) return moveTo(jobIds, QueueEnd::Bottom);
    return forEach(jobIds, [this, &beforeJobId](const QString &id) { return m_store.moveJob(id, beforeJobId); });
}

QList<Error> QueueController::moveTo(const QStringList &jobIds, QueueEnd end)
{
    // To the top in reverse, so the first id ends first; to the bottom in order.
    QStringList ordered = jobIds;
    if (end == QueueEnd::Top) std::reverse(ordered.begin(), ordered.end());
    return forEach(ordered, [this, end](const QString &id) { return m_store.moveJobTo(id, end); });
}

QList<Error> QueueController::approve(const QStringList &jobIds)
{
    Approval approval(m_store);
    return forEach(jobIds, [&approval](const QString &id) { return approval.approve(id); });
}

QList<Error> QueueController::reject(const QStringList &jobIds, const QString &reason)
{
    Approval approval(m_store);
    return forEach(jobIds, [&approval, &reason](const QString &id) { return approval.reject(id, reason); });
}

} // namespace rendition::ui
