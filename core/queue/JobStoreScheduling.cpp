// JobStore's scheduling queries: work classes, runnable jobs per class (claims: JobStoreLeases.cpp).
// See JobStore.h.

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

namespace rendition {

using namespace detail;

QString workClassFor(const JobSpec &spec)
{
    if (spec.preset.ladder.isEmpty()) return QStringLiteral("light");
    for (const Rung &r : spec.preset.ladder)
        if (r.encoder != u"software") return QStringLiteral("hardware");
    return QStringLiteral("cpu");
}

Result<QList<JobRecord>> JobStore::queuedOfWork(const QStringList &workClasses, int limit)
{
    // Jobs stored before work classes existed: classify them once.
    Result<QSqlQuery> unknown =
        run(QStringLiteral("SELECT id, spec_json FROM jobs WHERE state = 'queued' AND work = ''"));
    if (!unknown) return unknown.error();
    QList<std::pair<QString, QString>> classified;
    while (unknown->next()) {
        Result<JobSpec> spec = JobSpec::fromJson(unknown->value(1).toString().toUtf8());
        // An unreadable spec is "cpu": the pool then finds it and turns it into a dead letter.
        classified.append({unknown->value(0).toString(), spec ? workClassFor(*spec) : QStringLiteral("cpu")});
    }
    for (const auto &[id, work] : classified) {
        Result<QSqlQuery> set = run(QStringLiteral("UPDATE jobs SET work = ? WHERE id = ?"), {work, id});
        if (!set) return set.error();
    }
    if (workClasses.isEmpty() || limit == 0) return QList<JobRecord>();
    QStringList marks;
    QVariantList binds;
    for (const QString &w : workClasses) {
        marks.append(QStringLiteral("?"));
        binds.append(w);
    }
    binds.append(QDateTime::currentMSecsSinceEpoch()); // jobs waiting for their retry time are not runnable yet
    return jobsWhere(QStringLiteral("state = 'queued' AND work IN (%1) AND not_before <= ?").arg(marks.join(u',')), binds,
                     limit);
}

} // namespace rendition
