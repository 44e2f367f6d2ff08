#include "core/queue/JobSnapshotReader.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QSet>
#include <QSqlQuery>
#include <QThread>

namespace rendition {

namespace {

// The small columns a poll reads for every job, in this order.
constexpr auto kSmallColumns = "id, batch_id, state, priority, position, attempts, last_stage, published_dir, updated_at";
// Spec-derived columns (SQLite's JSON1 functions; built into SQLite ≥ 3.38).
constexpr auto kSpecColumns =
    "json_extract(spec_json, '$.source.uri'), json_extract(spec_json, '$.preset.name'),"
    " json_extract(spec_json, '$.output_root'),"
    " (SELECT group_concat(DISTINCT COALESCE(json_extract(l.value, '$.encoder'), 'software'))"
    "  FROM json_each(spec_json, '$.preset.ladder') AS l)";
constexpr auto kRunOrder = " ORDER BY priority DESC, position ASC";
constexpr int kIdsPerQuery = 500;

QDateTime parseIso(const QVariant &v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
}

// Fills the small fields from columns 0..8 (kSmallColumns); returns the change signature.
QString readSmall(const QSqlQuery &q, JobSnapshot &s)
{
    s.id = q.value(0).toString();
    s.batchId = q.value(1).toString();
    const QString state = q.value(2).toString();
    s.state = jobStateFromName(state);
    s.priority = q.value(3).toInt();
    s.position = q.value(4).toLongLong();
    s.attempts = q.value(5).toInt();
    s.lastStage = q.value(6).toString();
    s.publishedDir = q.value(7).toString();
    const QString updated = q.value(8).toString();
    s.updatedAt = parseIso(updated);
    return s.batchId + u'|' + state + u'|' + QString::number(s.priority) + u'|' + QString::number(s.position) + u'|'
           + QString::number(s.attempts) + u'|' + s.lastStage + u'|' + s.publishedDir + u'|' + updated;
}

QString sourcePathOf(const QString &uri)
{
    JobSource source;
    source.uri = uri;
    const QString local = source.localPath();
    return local.isEmpty() ? uri : local;
}

} // namespace

JobSnapshotReader::JobSnapshotReader(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName)), m_thread(QThread::currentThread())
{
}

JobSnapshotReader::~JobSnapshotReader()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<JobSnapshotReader>> JobSnapshotReader::open(const QString &storePath)
{
    const QString absolute = QFileInfo(storePath).absoluteFilePath();
    if (!QFileInfo(absolute).isFile())
        return makeError(QStringLiteral("store.open"),
                         QStringLiteral("The job database does not exist yet; open it with the job store first."), absolute);
    static QAtomicInteger<int> counter;
    const QString connection = QStringLiteral("rendition.snapshot.%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<JobSnapshotReader> reader(new JobSnapshotReader(absolute, connection));
    reader->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    reader->m_db.setDatabaseName(absolute);
    reader->m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(JobStore::kBusyTimeoutMs));
    if (!reader->m_db.open())
        return makeError(QStringLiteral("store.open"),
                         QStringLiteral("Cannot open the job database for reading (%1).").arg(reader->m_db.lastError().text()),
                         absolute);
    return reader;
}

Status JobSnapshotReader::checkThread() const
{
    if (QThread::currentThread() == m_thread) return {};
    return makeError(QStringLiteral("store.wrong_thread"),
                     QStringLiteral("A job snapshot reader was used from a thread that did not open it (a programming error)."),
                     m_path);
}

Error JobSnapshotReader::queryError(const QString &what, const QString &detail) const
{
    return makeError(QStringLiteral("store.query"), QStringLiteral("Reading %1 from the job database failed (%2).").arg(what, detail),
                     m_path);
}

Result<QList<JobSnapshot>> JobSnapshotReader::readFull(const QStringList &ids)
{
    QList<JobSnapshot> rows;
    const QString base = QStringLiteral("SELECT %1, created_at, %2 FROM jobs").arg(QLatin1String(kSmallColumns), QLatin1String(kSpecColumns));
    auto runOne = [&](const QString &sql, const QStringList &binds) -> Status {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) return queryError(QStringLiteral("jobs"), q.lastError().text());
        for (const QString &b : binds) q.addBindValue(b);
        if (!q.exec()) return queryError(QStringLiteral("jobs"), q.lastError().text());
        while (q.next()) {
            JobSnapshot s;
            const QString signature = readSmall(q, s);
            s.createdAt = parseIso(q.value(9));
            s.sourcePath = sourcePathOf(q.value(10).toString());
            s.presetName = q.value(11).toString();
            s.outputRoot = q.value(12).toString();
            s.requestedEncoders = q.value(13).toString();
            m_signature.insert(s.id, signature);
            m_seen.insert(s.id, s);
            rows.append(std::move(s));
        }
        return {};
    };
    if (ids.isEmpty()) {
        if (Status s = runOne(base + QLatin1String(kRunOrder), {}); !s) return s.error();
        return rows;
    }
    for (qsizetype i = 0; i < ids.size(); i += kIdsPerQuery) {
        const QStringList chunk = ids.mid(i, kIdsPerQuery);
        QStringList marks(chunk.size(), QStringLiteral("?"));
        const QString sql = base + QStringLiteral(" WHERE id IN (%1)").arg(marks.join(u','));
        if (Status s = runOne(sql, chunk); !s) return s.error();
    }
    return rows;
}

Result<QList<JobSnapshot>> JobSnapshotReader::readAll()
{
    if (Status s = checkThread(); !s) return s.error();
    if (Result<bool> changed = hasChanged(); !changed) return changed.error(); // baseline of data_version
    m_seen.clear();
    m_signature.clear();
    return readFull({});
}

Result<bool> JobSnapshotReader::hasChanged()
{
    if (Status s = checkThread(); !s) return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return queryError(QStringLiteral("the data version"), q.lastError().text());
    const qint64 version = q.value(0).toLongLong();
    const bool changed = version != m_dataVersion;
    m_dataVersion = version;
    return changed;
}

Result<JobSnapshotDelta> JobSnapshotReader::readChanges()
{
    if (Status s = checkThread(); !s) return s.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM jobs").arg(QLatin1String(kSmallColumns))))
        return queryError(QStringLiteral("jobs"), q.lastError().text());
    JobSnapshotDelta delta;
    QStringList fresh;
    QSet<QString> present;
    present.reserve(m_seen.size() + 16);
    while (q.next()) {
        JobSnapshot small;
        const QString signature = readSmall(q, small);
        present.insert(small.id);
        auto seen = m_seen.find(small.id);
        if (seen == m_seen.end()) {
            fresh.append(small.id);
            continue;
        }
        QString &known = m_signature[small.id];
        if (known == signature) continue;
        known = signature;
        JobSnapshot &s = *seen;
        s.batchId = small.batchId;
        s.state = small.state;
        s.priority = small.priority;
        s.position = small.position;
        s.attempts = small.attempts;
        s.lastStage = small.lastStage;
        s.publishedDir = small.publishedDir;
        s.updatedAt = small.updatedAt;
        delta.changed.append(s);
    }
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        if (present.contains(it.key())) {
            ++it;
            continue;
        }
        delta.removed.append(it.key());
        m_signature.remove(it.key());
        it = m_seen.erase(it);
    }
    if (!fresh.isEmpty()) {
        Result<QList<JobSnapshot>> added = readFull(fresh);
        if (!added) return added.error();
        delta.changed.append(*added);
    }
    return delta;
}

Result<QList<BatchInfo>> JobSnapshotReader::batches()
{
    if (Status s = checkThread(); !s) return s.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, created_at, preset_name, output_root FROM batches ORDER BY created_at")))
        return queryError(QStringLiteral("batches"), q.lastError().text());
    QList<BatchInfo> list;
    while (q.next())
        list.append(BatchInfo{q.value(0).toString(), parseIso(q.value(1)), q.value(2).toString(), q.value(3).toString()});
    return list;
}

} // namespace rendition
