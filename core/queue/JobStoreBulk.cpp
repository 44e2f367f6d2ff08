// JobStore::enqueueMany(): enqueue() for many jobs in one transaction. See JobStore.h.

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlError>

namespace rendition {

using namespace detail;

namespace {

// One prepared statement reused for every row (a fresh prepare per job would dominate).
struct Prepared {
    QSqlQuery query;
    bool ok = false;
    Prepared(const QSqlDatabase &db, const QString &sql) : query(db) { ok = query.prepare(sql); }
};

} // namespace

Result<QStringList> JobStore::enqueueMany(const QList<JobSpec> &specs, const QString &batchId, int priority)
{
    if (Status s = checkThread(); !s) return s.error();
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s.error();
    Result<QStringList> ids = insertJobs(specs, batchId, priority);
    if (!ids) return ids.error();
    if (Status s = tx.commit(); !s) return s.error();
    return ids;
}

Result<QStringList> JobStore::insertJobs(const QList<JobSpec> &specs, const QString &batchId, int priority)
{
    Result<QSqlQuery> last = run(QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM jobs"));
    if (!last) return last.error();
    qint64 position = last->next() ? last->value(0).toLongLong() : 0;

    Prepared exists(m_db, QStringLiteral("SELECT 1 FROM jobs WHERE id = ?"));
    Prepared findAsset(m_db, QStringLiteral("SELECT id FROM assets WHERE path = ? AND sha256 = ?"));
    Prepared updateAsset(m_db, QStringLiteral("UPDATE assets SET size = ?, mtime = ? WHERE id = ?"));
    Prepared insertAsset(m_db, QStringLiteral("INSERT INTO assets (path, sha256, size, mtime) VALUES (?, ?, ?, ?)"));
    Prepared insertJob(m_db, QStringLiteral("INSERT INTO jobs (id, batch_id, asset_id, spec_json, idempotency_key, state,"
                                            " priority, position, attempts, last_stage, published_dir, created_at, updated_at,"
                                            " work) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, 0, '', '', ?, ?, ?)"));
    for (Prepared *p : {&exists, &findAsset, &updateAsset, &insertAsset, &insertJob})
        if (!p->ok) return sqlError(p->query.lastError());
    auto exec = [this](Prepared &p, const QVariantList &binds) -> Status {
        for (int i = 0; i < binds.size(); ++i) { // a null QString would bind as SQL NULL, as in run()
            const QVariant &v = binds.at(i);
            const bool nullString = v.typeId() == QMetaType::QString && v.toString().isNull();
            p.query.bindValue(i, nullString ? QVariant(QStringLiteral("")) : v);
        }
        if (!p.query.exec()) return sqlError(p.query.lastError());
        return {};
    };

    const QString now = nowIso();
    const QVariant batch = batchId.isEmpty() ? QVariant() : QVariant(batchId);
    QHash<QString, qint64> assetOf; // "path\nsha" → id, for sources repeated within the call
    QStringList ids;
    ids.reserve(specs.size());
    for (const JobSpec &spec : specs) {
        if (Status s = exec(exists, {spec.id}); !s) return s.error();
        if (exists.query.next())
            return storeError(QStringLiteral("store.duplicate_job"),
                              QStringLiteral("Job %1 is already queued; make a new job spec to run it again.").arg(spec.id));
        exists.query.finish();

        const QString path = spec.source.localPath().isEmpty() ? spec.source.uri : spec.source.localPath();
        const QString assetKey = path + u'\n' + spec.source.sha256;
        qint64 assetId = assetOf.value(assetKey, 0);
        if (assetId == 0) {
            const QFileInfo file(path);
            const qint64 mtimeMs = file.exists() ? file.lastModified().toMSecsSinceEpoch() : 0;
            if (Status s = exec(findAsset, {path, spec.source.sha256}); !s) return s.error();
            if (findAsset.query.next()) {
                assetId = findAsset.query.value(0).toLongLong();
                findAsset.query.finish();
                if (Status s = exec(updateAsset, {spec.source.sizeBytes, mtimeMs, assetId}); !s) return s.error();
            } else {
                findAsset.query.finish();
                if (Status s = exec(insertAsset, {path, spec.source.sha256, spec.source.sizeBytes, mtimeMs}); !s) return s.error();
                assetId = insertAsset.query.lastInsertId().toLongLong();
            }
            assetOf.insert(assetKey, assetId);
        }
        if (Status s = exec(insertJob, {spec.id, batch, assetId, QString::fromUtf8(spec.toJsonBytes()), spec.idempotencyKey,
                                        priority, ++position, now, now, workClassFor(spec)});
            !s)
            return s.error();
        ids.append(spec.id);
    }
    return ids;
}

} // namespace rendition
