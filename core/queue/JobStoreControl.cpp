// JobStore: queue control (schema v2) — queue-wide pause, pause/resume of one job,
// reordering, re-runs with another preset and the approval decision. See JobStore.h.

#include "core/queue/JobStore.h"

#include "core/queue/JobRerun.h"
#include "core/queue/JobStorePrivate.h"

namespace rendition {

using namespace detail;

namespace {

constexpr auto kPausedKey = "paused";

} // namespace

// ---- queue-wide pause ----------------------------------------------------------------------

Status JobStore::setQueuePaused(bool paused)
{
    Result<QSqlQuery> q = run(QStringLiteral("INSERT INTO queue_settings (key, value) VALUES (?, ?)"
                                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                              {QString::fromLatin1(kPausedKey), paused ? QStringLiteral("1") : QStringLiteral("0")});
    if (!q) return q.error();
    return {};
}

Result<bool> JobStore::isQueuePaused()
{
    Result<QSqlQuery> q =
        run(QStringLiteral("SELECT value FROM queue_settings WHERE key = ?"), {QString::fromLatin1(kPausedKey)});
    if (!q) return q.error();
    return q->next() && q->value(0).toString() == u"1";
}

Result<qint64> JobStore::dataVersion()
{
    Result<QSqlQuery> q = run(QStringLiteral("PRAGMA data_version"));
    if (!q) return q.error();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

// ---- pause / resume one job ----------------------------------------------------------------

Status JobStore::setStage(const QString &jobId, const QString &stage)
{
    Result<QSqlQuery> q =
        run(QStringLiteral("UPDATE jobs SET last_stage = ?, updated_at = ? WHERE id = ?"), {stage, nowIso(), jobId});
    if (!q) return q.error();
    if (q->numRowsAffected() == 0) {
        return storeError(QStringLiteral("store.no_such_job"),
                          QStringLiteral("There is no job %1 in this store; list jobs with "
                                         "'rendition-cli queue list'.")
                              .arg(jobId));
    }
    return {};
}

Result<JobRecord> JobStore::requireJob(const QString &jobId)
{
    Result<std::optional<JobRecord>> record = job(jobId);
    if (!record) return record.error();
    if (!record->has_value()) {
        return storeError(QStringLiteral("store.no_such_job"),
                          QStringLiteral("There is no job %1 in this store; list jobs with "
                                         "'rendition-cli queue list'.")
                              .arg(jobId));
    }
    return std::move(record).value().value();
}

Status JobStore::pauseJob(const QString &jobId)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    Result<JobState> from = stateOf(jobId);
    if (!from) return from.error();
    if (*from != JobState::Queued && *from != JobState::Running) {
        return storeError(QStringLiteral("store.bad_transition"),
                          QStringLiteral("Job %1 is %2; only a queued or running job can be paused.")
                              .arg(jobId, jobStateName(*from)));
    }
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = 'paused', resume_state = ?, updated_at = ?"
                                             " WHERE id = ?"),
                              {jobStateName(*from), nowIso(), jobId});
    if (!q) return q.error();
    return tx.commit();
}

Result<JobState> JobStore::resumeJob(const QString &jobId)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s.error();
    Result<JobRecord> record = requireJob(jobId);
    if (!record) return record.error();
    if (record->state != JobState::Paused) {
        return storeError(QStringLiteral("store.bad_transition"),
                          QStringLiteral("Job %1 is %2, not paused; there is nothing to resume.")
                              .arg(jobId, jobStateName(record->state)));
    }
    const JobState to = record->resumeState == JobState::Running ? JobState::Running : JobState::Queued;
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = ?, resume_state = '', updated_at = ?"
                                             " WHERE id = ?"),
                              {jobStateName(to), nowIso(), jobId});
    if (!q) return q.error();
    if (Status s = tx.commit(); !s) return s.error();
    return to;
}

// ---- reorder -------------------------------------------------------------------------------

namespace {

bool movable(JobState s)
{
    return s != JobState::Running && s != JobState::Succeeded && s != JobState::Dead && s != JobState::Invalid;
}

} // namespace

Status JobStore::moveJob(const QString &jobId, const QString &beforeJobId)
{
    if (jobId == beforeJobId) {
        return storeError(QStringLiteral("store.bad_move"),
                          QStringLiteral("Job %1 cannot be moved before itself; name another job.").arg(jobId));
    }
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    Result<JobRecord> moving = requireJob(jobId);
    if (!moving) return moving.error();
    Result<JobRecord> anchor = requireJob(beforeJobId);
    if (!anchor) return anchor.error();
    if (!movable(moving->state)) {
        return storeError(QStringLiteral("store.bad_move"),
                          QStringLiteral("Job %1 is %2 and cannot be reordered; only jobs that have not started move.")
                              .arg(jobId, jobStateName(moving->state)));
    }
    // Only one side shifts by one place, whichever has fewer jobs: the jobs between the old
    // and the new place, or the jobs beyond the anchor on the far side (before it when moving
    // up, from it on when moving down). A drag across a few rows, or from the bottom to the
    // top, of a 10,000-job queue touches a few rows. The job takes the anchor's priority too,
    // so the run order is the list order.
    const QString now = nowIso();
    const bool up = moving->position > anchor->position;
    auto count = [this](const QString &where, const QVariantList &binds) -> Result<qint64> {
        Result<QSqlQuery> q = run(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE ") + where, binds);
        if (!q) return q.error();
        return q->next() ? q->value(0).toLongLong() : 0;
    };
    Result<qint64> between = up ? count(QStringLiteral("position >= ? AND position < ?"), {anchor->position, moving->position})
                                : count(QStringLiteral("position > ? AND position < ?"), {moving->position, anchor->position});
    if (!between) return between.error();
    Result<qint64> beyond = up ? count(QStringLiteral("position < ?"), {anchor->position})
                               : count(QStringLiteral("position >= ?"), {anchor->position});
    if (!beyond) return beyond.error();
    const bool shiftBetween = *between <= *beyond;
    QString shiftSql;
    QVariantList shiftBinds;
    qint64 target = 0;
    if (up && shiftBetween) { // [anchor, moving) one place down; the job takes the anchor's place
        shiftSql = QStringLiteral("position = position + 1 WHERE position >= ? AND position < ?");
        shiftBinds = {anchor->position, moving->position};
        target = anchor->position;
    } else if (up) { // everything before the anchor one place up; the job goes just before it
        shiftSql = QStringLiteral("position = position - 1 WHERE position < ?");
        shiftBinds = {anchor->position};
        target = anchor->position - 1;
    } else if (shiftBetween) { // (moving, anchor) one place up; the job goes just before the anchor
        shiftSql = QStringLiteral("position = position - 1 WHERE position > ? AND position < ?");
        shiftBinds = {moving->position, anchor->position};
        target = anchor->position - 1;
    } else { // the anchor and everything after it one place down; the job takes its place
        shiftSql = QStringLiteral("position = position + 1 WHERE position >= ?");
        shiftBinds = {anchor->position};
        target = anchor->position;
    }
    shiftBinds.append(jobId);
    Result<QSqlQuery> shift = run(QStringLiteral("UPDATE jobs SET ") + shiftSql + QStringLiteral(" AND id <> ?"), shiftBinds);
    if (!shift) return shift.error();
    Result<QSqlQuery> place = run(QStringLiteral("UPDATE jobs SET position = ?, priority = ?, updated_at = ?"
                                                 " WHERE id = ?"),
                                  {target, anchor->priority, now, jobId});
    if (!place) return place.error();
    return tx.commit();
}

Status JobStore::moveJobTo(const QString &jobId, QueueEnd end)
{
    if (end != QueueEnd::Top && end != QueueEnd::Bottom) {
        return storeError(QStringLiteral("store.bad_move"),
                          QStringLiteral("Moving job %1 needs a queue end (top or bottom).").arg(jobId));
    }
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    Result<JobRecord> moving = requireJob(jobId);
    if (!moving) return moving.error();
    if (!movable(moving->state)) {
        return storeError(QStringLiteral("store.bad_move"),
                          QStringLiteral("Job %1 is %2 and cannot be reordered; only jobs that have not started move.")
                              .arg(jobId, jobStateName(moving->state)));
    }
    const bool top = end == QueueEnd::Top;
    Result<QSqlQuery> bounds =
        run(top ? QStringLiteral("SELECT COALESCE(MAX(priority), 0), COALESCE(MIN(position), 0) FROM jobs WHERE id <> ?")
                : QStringLiteral("SELECT COALESCE(MIN(priority), 0), COALESCE(MAX(position), 0) FROM jobs WHERE id <> ?"),
            {jobId});
    if (!bounds) return bounds.error();
    if (!bounds->next()) return storeError(QStringLiteral("store.query"), QStringLiteral("No queue bounds were returned."));
    const int priority = bounds->value(0).toInt();
    const qint64 position = bounds->value(1).toLongLong() + (top ? -1 : 1);
    Result<QSqlQuery> place = run(QStringLiteral("UPDATE jobs SET position = ?, priority = ?, updated_at = ?"
                                                 " WHERE id = ?"),
                                  {position, priority, nowIso(), jobId});
    if (!place) return place.error();
    return tx.commit();
}

// ---- re-run with another preset ------------------------------------------------------------

Result<JobRecord> JobStore::rerun(const QString &jobId, const Preset &preset, int priority)
{
    Result<JobRecord> old = requireJob(jobId);
    if (!old) return old.error();
    if (old->state == JobState::Queued || old->state == JobState::Running || old->state == JobState::Paused) {
        return storeError(QStringLiteral("store.bad_transition"),
                          QStringLiteral("Job %1 is still %2; cancel it or let it finish before re-running it.")
                              .arg(jobId, jobStateName(old->state)));
    }
    Result<JobSpec> spec = old->spec();
    if (!spec) return spec.error();
    const JobSpec next = makeRerunSpec(*spec, preset);
    Result<JobRecord> added = enqueue(next, old->batchId, priority);
    if (!added) return added.error();
    Result<QSqlQuery> link = run(QStringLiteral("UPDATE jobs SET rerun_of = ? WHERE id = ?"), {jobId, added->id});
    if (!link) return link.error();
    added->rerunOf = jobId;
    return added;
}

// ---- approval ------------------------------------------------------------------------------

Status JobStore::review(const QString &jobId, JobState to, const QString &note)
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    Result<JobState> from = stateOf(jobId);
    if (!from) return from.error();
    if (*from != JobState::AwaitingApproval) {
        return storeError(QStringLiteral("store.not_awaiting_approval"),
                          QStringLiteral("Job %1 is %2, not awaiting approval; only a job whose preset requires "
                                         "approval and that published a version can be approved or rejected.")
                              .arg(jobId, jobStateName(*from)));
    }
    const QString now = nowIso();
    Result<QSqlQuery> q = run(QStringLiteral("UPDATE jobs SET state = ?, review_note = ?, reviewed_at = ?,"
                                             " updated_at = ? WHERE id = ?"),
                              {jobStateName(to), note, now, now, jobId});
    if (!q) return q.error();
    return tx.commit();
}

Status JobStore::approveJob(const QString &jobId, const QString &note)
{
    return review(jobId, JobState::Succeeded, note);
}

Status JobStore::rejectJob(const QString &jobId, const QString &reason)
{
    if (reason.trimmed().isEmpty()) {
        return storeError(QStringLiteral("store.bad_transition"),
                          QStringLiteral("Rejecting job %1 needs a reason; say what is wrong with the version.")
                              .arg(jobId));
    }
    return review(jobId, JobState::Rejected, reason.trimmed());
}

} // namespace rendition
