#pragma once
// The queue panel's commands, separate from its widgets: each acts on a list of job ids
// through the WorkerPool when it owns the job (pause/resume SIGSTOPs/SIGCONTs its child,
// cancel stops it politely) and through the JobStore otherwise, then pokes the pool so
// freed or reordered work starts. Every failure comes back as an Error (one per job that
// failed; the others still happen) — the panel shows them, none is dropped.
//
// `pool` may be null (a monitor of a queue that another process runs): the commands then
// only change the store, and that process's pool picks the changes up by polling.
// Ownership: borrows the store and the pool; both must outlive the controller.
// Threading: GUI thread (the store's and the pool's).

#include "core/queue/JobStore.h"

#include <QObject>

namespace rendition {
class WorkerPool;
}

namespace rendition::ui {

class QueueController : public QObject {
    Q_OBJECT
public:
    QueueController(JobStore &store, WorkerPool *pool, QObject *parent = nullptr);

    JobStore &store() const { return m_store; }
    WorkerPool *pool() const { return m_pool; }

    Status setQueuePaused(bool paused);
    Result<bool> isQueuePaused();

    QList<Error> pause(const QStringList &jobIds);
    QList<Error> resume(const QStringList &jobIds);
    QList<Error> cancel(const QStringList &jobIds);
    // Failed, QC-failed, canceled, rejected or dead jobs go back to the queue (a new attempt).
    QList<Error> retry(const QStringList &jobIds);
    // Priority + delta for each (higher runs first).
    QList<Error> changePriority(const QStringList &jobIds, int delta);
    // Each job before `beforeJobId` in run order (JobStore::moveJob), or, when it is empty,
    // to the end of the queue; ids are moved in the given order.
    QList<Error> moveBefore(const QStringList &jobIds, const QString &beforeJobId);
    QList<Error> moveTo(const QStringList &jobIds, QueueEnd end);
    // The approval gate (Approval: approve moves the asset's `current` to the version).
    QList<Error> approve(const QStringList &jobIds);
    QList<Error> reject(const QStringList &jobIds, const QString &reason);

Q_SIGNALS:
    // The store changed through this controller (the feed polls at once).
    void storeChanged();

private:
    template <typename Fn> QList<Error> forEach(const QStringList &jobIds, Fn &&fn);
    void poke();

    JobStore &m_store;
    WorkerPool *m_pool;
};

} // namespace rendition::ui
