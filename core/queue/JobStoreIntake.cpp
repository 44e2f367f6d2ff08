// JobStore::admit(): intake decisions applied in one transaction. The policy itself lives
// in core/queue/Intake.cpp. See JobStore.h.

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

#include <QUuid>

namespace rendition {

using namespace detail;

Result<JobStore::AdmitResult> JobStore::admit(const QList<JobSpec> &specs, const AdmitDecider &decide,
                                              const BatchInfo &batch)
{
    if (Status s = checkThread(); !s) return s.error();
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s.error();

    AdmitResult result;
    QList<AdmitAction> actions;
    QList<JobSpec> toInsert;
    QStringList toRequeue;
    for (const JobSpec &spec : specs) {
        AdmitFacts facts;
        // The newest job with this key — specs admitted earlier in this call included: a
        // source listed twice (or two identical files) makes one job.
        const auto pending = std::find_if(toInsert.crbegin(), toInsert.crend(),
                                          [&](const JobSpec &s) { return s.idempotencyKey == spec.idempotencyKey; });
        if (pending != toInsert.crend()) {
            JobRecord r;
            r.id = pending->id;
            r.idempotencyKey = pending->idempotencyKey;
            r.state = JobState::Queued;
            facts.sameKey = r;
        } else {
            Result<QList<JobRecord>> same =
                jobsWhere(QStringLiteral("id = (SELECT id FROM jobs WHERE idempotency_key = ? ORDER BY rowid DESC LIMIT 1)"),
                          {spec.idempotencyKey}, 1);
            if (!same) return same.error();
            if (!same->isEmpty()) facts.sameKey = same->first();
            if (facts.sameKey && toRequeue.contains(facts.sameKey->id)) facts.sameKey->state = JobState::Queued;
        }
        Result<std::optional<QString>> published = findPublished(spec.idempotencyKey);
        if (!published) return published.error();
        facts.publishedDir = published->value_or(QString());

        const AdmitAction action = decide(spec, facts);
        actions << action;
        QString jobId;
        if (action == AdmitAction::Enqueue) {
            toInsert << spec;
            jobId = spec.id;
        } else if (facts.sameKey) {
            jobId = facts.sameKey->id;
            if (action == AdmitAction::Requeue && !toRequeue.contains(jobId)) toRequeue << jobId;
        }
        result.jobs.append({action, jobId});
    }

    QString batchId;
    if ((!toInsert.isEmpty() || !toRequeue.isEmpty()) && !batch.presetName.isEmpty()) {
        batchId = batch.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : batch.id;
        const QDateTime created = batch.createdAt.isValid() ? batch.createdAt : QDateTime::currentDateTimeUtc();
        Result<QSqlQuery> q =
            run(QStringLiteral("INSERT INTO batches (id, created_at, preset_name, output_root) VALUES (?, ?, ?, ?)"),
                {batchId, toIso(created), batch.presetName, batch.outputRoot});
        if (!q) return q.error();
        result.batchId = batchId;
    }
    if (Result<QStringList> ids = insertJobs(toInsert, batchId, 0); !ids) return ids.error();
    for (const QString &id : std::as_const(toRequeue)) // an operator's "run it again", into this batch
        if (Status s = markRequeued(id, batchId); !s) return s.error();
    if (Status s = tx.commit(); !s) return s.error();
    return result;
}

} // namespace rendition
