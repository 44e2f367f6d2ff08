// JobStore's leases: who runs a job, for how long, and taking back the jobs of runners that
// died or hung; retry times kept in the store. See JobStore.h ("Leases").

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

#include <QFile>
#include <QSysInfo>

#include <unistd.h>

namespace rendition {

using namespace detail;

namespace {

// Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), empty when the process
// does not exist. Together with the pid it names one process for the life of the machine.
QString processStartTicks(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')'); // the command name may hold spaces and ')'
    if (close < 0) return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() > 19 ? QString::fromLatin1(fields.at(19)) : QString();
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

QString JobStore::processLeaseOwner()
{
    static const QString owner = [] {
        const qint64 pid = ::getpid();
        return QStringLiteral("%1/%2/%3").arg(QSysInfo::machineHostName()).arg(pid).arg(processStartTicks(pid));
    }();
    return owner;
}

bool JobStore::isLeaseOwnerGone(const QString &owner)
{
    const QStringList parts = owner.split(u'/');
    if (parts.size() != 3 || parts.at(0) != QSysInfo::machineHostName()) return false; // another machine: wait for expiry
    bool ok = false;
    const qint64 pid = parts.at(1).toLongLong(&ok);
    if (!ok || pid <= 0) return false;
    const QString ticks = processStartTicks(pid);
    return ticks.isEmpty() || ticks != parts.at(2); // gone, or the pid now names another process
}

Result<bool> JobStore::claim(const QString &jobId)
{
    // One statement: atomic against every other connection. Bookkeeping durability (see
    // JobStorePrivate.h): a claim lost to power loss leaves the job queued.
    const qint64 now = nowMs();
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = 'running', updated_at = ?, lease_owner = ?,"
                                             " lease_until = ?, not_before = 0"
                                             " WHERE id = ? AND state = 'queued' AND not_before <= ?"),
                              {nowIso(), m_leaseOwner, now + m_leaseMs, jobId, now});
    if (!q) return q.error();
    return q->numRowsAffected() == 1;
}

Status JobStore::renewLeases(const QStringList &jobIds)
{
    if (jobIds.isEmpty()) return {};
    QStringList marks;
    QVariantList binds{nowMs() + m_leaseMs, m_leaseOwner};
    for (const QString &id : jobIds) {
        marks << QStringLiteral("?");
        binds << id;
    }
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET lease_until = ? WHERE lease_owner = ? AND id IN (%1)"
                                             " AND (state = 'running' OR state = 'paused')")
                                  .arg(marks.join(u',')),
                              binds);
    if (!q) return q.error();
    return {};
}

Result<QList<JobRecord>> JobStore::recoverInterrupted()
{
    // Runners call this on every heartbeat: look first (a read, no lock, no fsync) and take
    // the write lock only when something was abandoned, then decide again under it.
    auto abandonedNow = [this]() -> Result<QList<JobRecord>> {
        // Held by a worker: running, or paused while running (its worker SIGSTOPped).
        Result<QList<JobRecord>> held = jobsWhere(
            QStringLiteral("state = 'running' OR (state = 'paused' AND resume_state = 'running')"), {});
        if (!held) return held.error();
        const qint64 now = nowMs();
        QList<JobRecord> abandoned;
        for (const JobRecord &r : *held) {
            const bool expired = r.leaseOwner.isEmpty() || r.leaseUntilMs < now;
            if (expired || isLeaseOwnerGone(r.leaseOwner)) abandoned << r; // else a live runner has it
        }
        return abandoned;
    };
    Result<QList<JobRecord>> seen = abandonedNow();
    if (!seen || seen->isEmpty()) return seen;

    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s.error();
    Result<QList<JobRecord>> abandoned = abandonedNow();
    if (!abandoned) return abandoned.error();
    QStringList ids;
    QList<JobRecord> recovered;
    for (const JobRecord &r : *abandoned) {
        ids << r.id;
        if (r.state == JobState::Running) recovered << r;
    }
    const QString nowText = nowIso();
    if (Status s = requeueHeld(ids, nowText); !s) return s.error();
    if (Status s = tx.commit(); !s) return s.error();
    for (JobRecord &r : recovered) {
        r.state = JobState::Queued;
        r.leaseOwner.clear();
        r.leaseUntilMs = 0;
        r.updatedAt = fromIso(nowText);
    }
    return recovered;
}

Status JobStore::requeueHeld(const QStringList &jobIds, const QString &nowText)
{
    for (const QString &id : jobIds) {
        Result<QSqlQuery> close =
            run(QStringLiteral("UPDATE stage_attempts SET ended_at = ?, error_code = 'worker.interrupted',"
                               " error_message = 'The process running this stage ended without finishing it (crash, kill,"
                               " hang or power loss); the job was queued again.' WHERE ended_at IS NULL AND job_id = ?"),
                {nowText, id});
        if (!close) return close.error();
        // Running → queued (keeping its last stage: it resumes); paused while running → still
        // paused, but its worker is gone, so resuming means queueing it again.
        Result<QSqlQuery> requeue =
            run(QStringLiteral("UPDATE jobs SET state = CASE WHEN state = 'running' THEN 'queued' ELSE state END,"
                               " resume_state = CASE WHEN state = 'paused' THEN 'queued' ELSE resume_state END,"
                               " lease_owner = '', lease_until = 0, updated_at = ? WHERE id = ?"),
                {nowText, id});
        if (!requeue) return requeue.error();
    }
    return {};
}

Status JobStore::releaseLeases(const QStringList &jobIds)
{
    if (jobIds.isEmpty()) return {};
    StoreTransaction tx(*this, Durability::Bookkeeping);
    if (Status s = tx.begin(); !s) return s;
    QStringList mine;
    for (const QString &id : jobIds) {
        Result<std::optional<JobRecord>> r = job(id);
        if (!r) return r.error();
        const bool held = r->has_value() && (*r)->leaseOwner == m_leaseOwner
                          && ((*r)->state == JobState::Running
                              || ((*r)->state == JobState::Paused && (*r)->resumeState == JobState::Running));
        if (held) mine << id;
    }
    if (Status s = requeueHeld(mine, nowIso()); !s) return s;
    return tx.commit();
}

Status JobStore::retryAt(const QString &jobId, const QDateTime &notBefore)
{
    StoreTransaction tx(*this, Durability::Bookkeeping);
    if (Status s = tx.begin(); !s) return s;
    if (Status s = checkTransition(jobId, JobState::Queued); !s) return s;
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = 'queued', not_before = ?, lease_owner = '',"
                                             " lease_until = 0, resume_state = '', updated_at = ? WHERE id = ?"),
                              {notBefore.toMSecsSinceEpoch(), nowIso(), jobId});
    if (!q) return q.error();
    return tx.commit();
}

Result<std::optional<QDateTime>> JobStore::nextRetryTime()
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT MIN(not_before) FROM jobs WHERE state = 'queued' AND not_before > ?"),
                              {nowMs()});
    if (!q) return q.error();
    if (!q->next() || q->value(0).isNull()) return std::optional<QDateTime>();
    return std::optional<QDateTime>(QDateTime::fromMSecsSinceEpoch(q->value(0).toLongLong(), Qt::UTC));
}

Status JobStore::requeue(const QString &jobId)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    Result<JobRecord> record = requireJob(jobId);
    if (!record) return record.error();
    const JobState from = record->state;
    if (from == JobState::Queued) return tx.commit(); // already: nothing to do
    if (from == JobState::Running || from == JobState::Paused || !isAllowedTransition(from, JobState::Queued)) {
        return storeError(QStringLiteral("store.bad_transition"),
                          QStringLiteral("Job %1 is %2; only a failed, dead, canceled, QC-failed or rejected job can be "
                                         "queued again.")
                              .arg(jobId, jobStateName(from)));
    }
    if (Status s = markRequeued(jobId, {}); !s) return s;
    return tx.commit();
}

Status JobStore::markRequeued(const QString &jobId, const QString &batchId)
{
    // A fresh retry budget (the attempts so far stay in the history); no lease, no wait.
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = 'queued', retry_base = attempts, not_before = 0,"
                                             " lease_owner = '', lease_until = 0, resume_state = '', updated_at = ?,"
                                             " batch_id = CASE WHEN ? = '' THEN batch_id ELSE ? END WHERE id = ?"),
                              {nowIso(), batchId, batchId, jobId});
    if (!q) return q.error();
    return {};
}

} // namespace rendition
