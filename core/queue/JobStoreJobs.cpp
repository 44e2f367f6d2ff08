// JobStore: batches, enqueue, the runnable order, claiming, listing and state changes.
// See JobStore.h for the contracts.

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

#include <QFileInfo>
#include <QUuid>

namespace rendition {

using namespace detail;

namespace {

// The order in which queued jobs run.
constexpr auto kRunnableOrder = "ORDER BY priority DESC, position ASC";

QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

Result<BatchInfo> JobStore::addBatch(const QString &presetName, const QString &outputRoot)
{
    BatchInfo batch{QUuid::createUuid().toString(QUuid::WithoutBraces), QDateTime::currentDateTimeUtc(), presetName,
                    outputRoot};
    batch.createdAt = fromIso(toIso(batch.createdAt)); // the precision the store keeps
    Result<QSqlQuery> q =
        run(QStringLiteral("INSERT INTO batches (id, created_at, preset_name, output_root) VALUES (?, ?, ?, ?)"),
            {batch.id, toIso(batch.createdAt), presetName, outputRoot});
    if (!q) return q.error();
    return batch;
}

Result<JobRecord> JobStore::enqueue(const JobSpec &spec, const QString &batchId, int priority)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s.error();
    Result<QSqlQuery> exists = run(QStringLiteral("SELECT 1 FROM jobs WHERE id = ?"), {spec.id});
    if (!exists) return exists.error();
    if (exists->next()) {
        return storeError(
            QStringLiteral("store.duplicate_job"),
            QStringLiteral("Job %1 is already queued; make a new job spec to run it again.").arg(spec.id));
    }

    // The asset: one row per (path, content).
    const QString path = spec.source.localPath().isEmpty() ? spec.source.uri : spec.source.localPath();
    const QFileInfo file(path);
    const qint64 mtimeMs = file.exists() ? file.lastModified().toMSecsSinceEpoch() : 0;
    Result<QSqlQuery> asset =
        run(QStringLiteral("SELECT id FROM assets WHERE path = ? AND sha256 = ?"), {path, spec.source.sha256});
    if (!asset) return asset.error();
    qint64 assetId = 0;
    if (asset->next()) {
        assetId = asset->value(0).toLongLong();
        Result<QSqlQuery> update = run(QStringLiteral("UPDATE assets SET size = ?, mtime = ? WHERE id = ?"),
                                       {spec.source.sizeBytes, mtimeMs, assetId});
        if (!update) return update.error();
    } else {
        Result<QSqlQuery> insert =
            run(QStringLiteral("INSERT INTO assets (path, sha256, size, mtime) VALUES (?, ?, ?, ?)"),
                {path, spec.source.sha256, spec.source.sizeBytes, mtimeMs});
        if (!insert) return insert.error();
        assetId = insert->lastInsertId().toLongLong();
    }

    Result<QSqlQuery> last = run(QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM jobs"));
    if (!last) return last.error();
    const qint64 position = last->next() ? last->value(0).toLongLong() + 1 : 1;
    const QString now = nowIso();
    Result<QSqlQuery> insert =
        run(QStringLiteral("INSERT INTO jobs (id, batch_id, asset_id, spec_json, idempotency_key, state, priority,"
                           " position, attempts, last_stage, published_dir, created_at, updated_at, work)"
                           " VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, 0, '', '', ?, ?, ?)"),
            {spec.id, nullIfEmpty(batchId), assetId, QString::fromUtf8(spec.toJsonBytes()), spec.idempotencyKey,
             priority, position, now, now, workClassFor(spec)});
    if (!insert) return insert.error();
    if (Status s = tx.commit(); !s) return s.error();

    Result<std::optional<JobRecord>> record = job(spec.id);
    if (!record) return record.error();
    if (!record->has_value())
        return storeError(QStringLiteral("store.query"), QStringLiteral("The job vanished right after enqueue."));
    return std::move(record).value().value();
}

Result<QList<JobRecord>> JobStore::jobsWhere(const QString &where, const QVariantList &binds, int limit)
{
    QString sql = QStringLiteral("SELECT %1 FROM jobs").arg(QLatin1String(kJobColumns));
    if (!where.isEmpty()) sql += QStringLiteral(" WHERE ") + where;
    sql += QLatin1Char(' ') + QLatin1String(kRunnableOrder);
    if (limit >= 0) sql += QStringLiteral(" LIMIT %1").arg(limit);
    Result<QSqlQuery> q = run(sql, binds);
    if (!q) return q.error();
    QList<JobRecord> jobs;
    while (q->next())
        jobs.append(jobFromQuery(*q));
    return jobs;
}

Result<std::optional<JobRecord>> JobStore::job(const QString &jobId)
{
    Result<QList<JobRecord>> jobs = jobsWhere(QStringLiteral("id = ?"), {jobId}, 1);
    if (!jobs) return jobs.error();
    if (jobs->isEmpty()) return std::optional<JobRecord>();
    return std::optional<JobRecord>(jobs->first());
}

Result<QList<JobRecord>> JobStore::list(const JobFilter &filter)
{
    QStringList clauses;
    QVariantList binds;
    if (!filter.states.isEmpty()) {
        QStringList marks;
        for (JobState s : filter.states) {
            marks.append(QStringLiteral("?"));
            binds.append(jobStateName(s));
        }
        clauses.append(QStringLiteral("state IN (%1)").arg(marks.join(QStringLiteral(", "))));
    }
    if (!filter.batchId.isEmpty()) {
        clauses.append(QStringLiteral("batch_id = ?"));
        binds.append(filter.batchId);
    }
    return jobsWhere(clauses.join(QStringLiteral(" AND ")), binds, filter.limit);
}

Result<std::optional<JobRecord>> JobStore::nextRunnable()
{
    Result<QList<JobRecord>> jobs = jobsWhere(QStringLiteral("state = 'queued'"), {}, 1);
    if (!jobs) return jobs.error();
    if (jobs->isEmpty()) return std::optional<JobRecord>();
    return std::optional<JobRecord>(jobs->first());
}

Result<std::optional<JobRecord>> JobStore::claimNext()
{
    // A claim lost to power loss leaves the job queued: it simply runs again.
    StoreTransaction tx(*this, Durability::Bookkeeping);
    if (Status s = tx.begin(); !s) return s.error();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    Result<QList<JobRecord>> jobs = jobsWhere(QStringLiteral("state = 'queued' AND not_before <= ?"), {nowMs}, 1);
    if (!jobs) return jobs.error();
    if (jobs->isEmpty()) return std::optional<JobRecord>(); // the transaction only read: rolling it back is fine
    JobRecord record = jobs->first();
    const QString now = nowIso();
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = 'running', updated_at = ?, lease_owner = ?,"
                                             " lease_until = ?, not_before = 0 WHERE id = ?"),
                              {now, m_leaseOwner, nowMs + m_leaseMs, record.id});
    if (!q) return q.error();
    if (Status s = tx.commit(); !s) return s.error();
    record.state = JobState::Running;
    record.leaseOwner = m_leaseOwner;
    record.leaseUntilMs = nowMs + m_leaseMs;
    record.updatedAt = fromIso(now);
    return std::optional<JobRecord>(std::move(record));
}

Result<JobState> JobStore::stateOf(const QString &jobId)
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {jobId});
    if (!q) return q.error();
    if (!q->next()) {
        return storeError(QStringLiteral("store.no_such_job"),
                          QStringLiteral("There is no job %1 in this store; list jobs with "
                                         "'rendition-cli queue list'.")
                              .arg(jobId));
    }
    return jobStateFromName(q->value(0).toString());
}

Status JobStore::checkTransition(const QString &jobId, JobState to)
{
    Result<JobState> from = stateOf(jobId);
    if (!from) return from.error();
    if (isAllowedTransition(*from, to)) return {};
    return storeError(
        QStringLiteral("store.bad_transition"),
        QStringLiteral("Job %1 cannot go from %2 to %3.").arg(jobId, jobStateName(*from), jobStateName(to)));
}

Status JobStore::setState(const QString &jobId, JobState state, const QString &stage)
{
    // Moves between queued and running are redone harmlessly when lost; final states are not.
    const bool bookkeeping = state == JobState::Running || state == JobState::Queued;
    StoreTransaction tx(*this, bookkeeping ? Durability::Bookkeeping : Durability::Durable);
    if (Status s = tx.begin(); !s) return s;
    if (Status s = checkTransition(jobId, state); !s) return s;
    // Entering "paused" remembers what to resume to (the old state); leaving it forgets.
    const QString to = jobStateName(state);
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = ?, updated_at = ?,"
                                             " last_stage = CASE WHEN ? = '' THEN last_stage ELSE ? END,"
                                             " resume_state = CASE WHEN ? <> 'paused' THEN ''"
                                             "   WHEN state = 'paused' THEN resume_state ELSE state END,"
                                             // entering "running" takes the lease (see claim())
                                             " lease_owner = CASE WHEN ? = 'running' AND state <> 'running' THEN ? ELSE lease_owner END,"
                                             " lease_until = CASE WHEN ? = 'running' AND state <> 'running' THEN ? ELSE lease_until END"
                                             " WHERE id = ?"),
                              {to, nowIso(), stage, stage, to, to, m_leaseOwner, to,
                               QDateTime::currentMSecsSinceEpoch() + m_leaseMs, jobId});
    if (!q) return q.error();
    return tx.commit();
}

Status JobStore::setPriority(const QString &jobId, int priority)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    if (Result<JobState> state = stateOf(jobId); !state) return state.error();
    Result<QSqlQuery> q =
        run(QStringLiteral("UPDATE jobs SET priority = ?, updated_at = ? WHERE id = ?"), {priority, nowIso(), jobId});
    if (!q) return q.error();
    return tx.commit();
}

} // namespace rendition
