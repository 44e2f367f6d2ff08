// JobStore: stage attempts, crash recovery, publishing records, idempotent reuse and dead
// letters. See JobStore.h for the contracts.

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rendition {

using namespace detail;

namespace {

QJsonObject attemptToJson(const StageAttempt &a)
{
    return {{QStringLiteral("attempt"), a.attempt},
            {QStringLiteral("stage"), a.stage},
            {QStringLiteral("started_at"), toIso(a.startedAt)},
            {QStringLiteral("ended_at"), toIso(a.endedAt)},
            {QStringLiteral("worker"), a.worker},
            {QStringLiteral("error_code"), a.errorCode},
            {QStringLiteral("error_message"), a.errorMessage},
            {QStringLiteral("log_tail"), a.logTail}};
}

} // namespace

Result<qint64> JobStore::recordAttempt(const StageAttempt &a)
{
    StoreTransaction tx(*this, Durability::Bookkeeping);
    if (Status s = tx.begin(); !s) return s.error();
    if (Result<JobState> state = stateOf(a.jobId); !state) return state.error();
    const QDateTime started = a.startedAt.isValid() ? a.startedAt : QDateTime::currentDateTimeUtc();
    Result<QSqlQuery> insert =
        run(QStringLiteral("INSERT INTO stage_attempts (job_id, attempt, stage, started_at, ended_at, worker,"
                           " error_code, error_message, log_tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {a.jobId, a.attempt, a.stage, toIso(started), a.endedAt.isValid() ? QVariant(toIso(a.endedAt)) : QVariant(),
             a.worker, a.errorCode, a.errorMessage, a.logTail});
    if (!insert) return insert.error();
    const qint64 id = insert->lastInsertId().toLongLong();
    Result<QSqlQuery> bump = run(QStringLiteral("UPDATE jobs SET attempts = MAX(attempts, ?), updated_at = ?"
                                                " WHERE id = ?"),
                                 {a.attempt, nowIso(), a.jobId});
    if (!bump) return bump.error();
    if (Status s = tx.commit(); !s) return s.error();
    return id;
}

Status JobStore::finishAttempt(qint64 attemptId, const QDateTime &endedAt, const Error *error, const QString &logTail)
{
    Result<QSqlQuery> q =
        run(QStringLiteral("UPDATE stage_attempts SET ended_at = ?, error_code = ?,"
                           " error_message = ?, log_tail = CASE WHEN ? = '' THEN log_tail ELSE ? END"
                           " WHERE id = ?"),
            {toIso(endedAt.isValid() ? endedAt : QDateTime::currentDateTimeUtc()), error ? error->code : QString(),
             error ? error->toString() : QString(), logTail, logTail, attemptId});
    if (!q) return q.error();
    if (q->numRowsAffected() == 0) {
        return storeError(QStringLiteral("store.no_such_attempt"),
                          QStringLiteral("There is no stage attempt %1 in this store.").arg(attemptId));
    }
    return {};
}

Result<QList<StageAttempt>> JobStore::attempts(const QString &jobId)
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT %1 FROM stage_attempts WHERE job_id = ? ORDER BY id")
                                  .arg(QLatin1String(kAttemptColumns)),
                              {jobId});
    if (!q) return q.error();
    QList<StageAttempt> list;
    while (q->next())
        list.append(attemptFromQuery(*q));
    return list;
}

Status JobStore::recordPublished(const QString &jobId, JobState finalState, const QString &versionDir,
                                 const QList<RenditionRecord> &renditions)
{
    if (finalState != JobState::Succeeded && finalState != JobState::QcFailed
        && finalState != JobState::AwaitingApproval) {
        return storeError(QStringLiteral("store.bad_transition"),
                          QStringLiteral("A published job ends succeeded, qc_failed or awaiting_approval, not %1.")
                              .arg(jobStateName(finalState)));
    }
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    if (Status s = checkTransition(jobId, finalState); !s) return s;
    Result<QSqlQuery> update =
        run(QStringLiteral("UPDATE jobs SET state = ?, published_dir = ?, last_stage = 'publish', updated_at = ?,"
                           " resume_state = '' WHERE id = ?"),
            {jobStateName(finalState), versionDir, nowIso(), jobId});
    if (!update) return update.error();
    Result<QSqlQuery> clear = run(QStringLiteral("DELETE FROM renditions WHERE job_id = ?"), {jobId});
    if (!clear) return clear.error();
    for (const RenditionRecord &r : renditions) {
        Result<QSqlQuery> insert =
            run(QStringLiteral("INSERT INTO renditions (job_id, name, dir, bytes) VALUES (?, ?, ?, ?)"),
                {jobId, r.name, r.dir, r.bytes});
        if (!insert) return insert.error();
    }
    return tx.commit();
}

Result<QList<RenditionRecord>> JobStore::renditions(const QString &jobId)
{
    Result<QSqlQuery> q =
        run(QStringLiteral("SELECT name, dir, bytes FROM renditions WHERE job_id = ? ORDER BY name"), {jobId});
    if (!q) return q.error();
    QList<RenditionRecord> list;
    while (q->next())
        list.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toLongLong()});
    return list;
}

Result<std::optional<QString>> JobStore::findPublished(const QString &idempotencyKey)
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT published_dir FROM jobs WHERE idempotency_key = ?"
                                             " AND state = 'succeeded' AND published_dir <> ''"
                                             " ORDER BY updated_at DESC LIMIT 1"),
                              {idempotencyKey});
    if (!q) return q.error();
    if (!q->next()) return std::optional<QString>();
    return std::optional<QString>(q->value(0).toString());
}

Status JobStore::moveToDeadLetters(const QString &jobId, const QString &reason, const QJsonObject &context)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    if (Status s = checkTransition(jobId, JobState::Dead); !s) return s;
    Result<std::optional<JobRecord>> record = job(jobId);
    if (!record) return record.error();
    Result<QList<StageAttempt>> history = attempts(jobId);
    if (!history) return history.error();
    QJsonArray attemptsJson;
    for (const StageAttempt &a : std::as_const(history.value()))
        attemptsJson.append(attemptToJson(a));
    const QJsonObject letter{{QStringLiteral("context"), context},
                             {QStringLiteral("spec"), QJsonDocument::fromJson(record->value().specJson).object()},
                             {QStringLiteral("attempts"), attemptsJson}};
    const QString now = nowIso();
    Result<QSqlQuery> insert =
        run(QStringLiteral("INSERT OR REPLACE INTO dead_letters (job_id, reason, context_json,"
                           " created_at) VALUES (?, ?, ?, ?)"),
            {jobId, reason, QString::fromUtf8(QJsonDocument(letter).toJson(QJsonDocument::Compact)), now});
    if (!insert) return insert.error();
    Result<QSqlQuery> update =
        run(QStringLiteral("UPDATE jobs SET state = 'dead', resume_state = '', updated_at = ? WHERE id = ?"),
            {now, jobId});
    if (!update) return update.error();
    return tx.commit();
}

Result<QList<DeadLetter>> JobStore::deadLetters()
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT job_id, reason, context_json, created_at FROM dead_letters"
                                             " ORDER BY created_at, job_id"));
    if (!q) return q.error();
    QList<DeadLetter> list;
    while (q->next()) {
        list.append({q->value(0).toString(), q->value(1).toString(),
                     QJsonDocument::fromJson(q->value(2).toString().toUtf8()).object(), fromIso(q->value(3))});
    }
    return list;
}

Result<bool> JobStore::isWatchedFileQueued(const QString &path, qint64 size, qint64 mtimeMs, const QString &sha256)
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT 1 FROM watched_files WHERE path = ? AND size = ? AND mtime = ? AND sha256 = ?"),
                              {path, size, mtimeMs, sha256});
    if (!q) return q.error();
    return q->next();
}

Status JobStore::recordWatchedFile(const QString &path, qint64 size, qint64 mtimeMs, const QString &sha256, const QString &jobId)
{
    Result<QSqlQuery> q = run(QStringLiteral("INSERT OR IGNORE INTO watched_files (path, size, mtime, sha256, queued_job_id)"
                                             " VALUES (?, ?, ?, ?, ?)"),
                              {path, size, mtimeMs, sha256, jobId.isEmpty() ? QVariant() : QVariant(jobId)});
    if (!q) return q.error();
    return {};
}

} // namespace rendition
