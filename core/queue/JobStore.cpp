// JobStore: opening, configuration (WAL, busy timeout), migrations, errors, transactions
// and row conversions. Queue operations are in JobStoreJobs.cpp, attempts / publishing /
// recovery / dead letters in JobStoreHistory.cpp. See JobStore.h for the contracts.

#include "core/queue/JobStore.h"

#include "core/queue/JobStorePrivate.h"

#include <QAtomicInteger>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QThread>

namespace rendition {

Q_LOGGING_CATEGORY(lcStore, "rendition.queue.store")

namespace {

// SQLite primary result codes (sqlite3.h), as QSqlError::nativeErrorCode() reports them.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADb = 26;

int nativeCode(const QSqlError &e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1; // extended codes carry the primary code in the low byte
}

const struct {
    JobState state;
    const char *name;
} kStateNames[] = {
    {JobState::Queued, "queued"},       {JobState::Running, "running"},    {JobState::Paused, "paused"},
    {JobState::Succeeded, "succeeded"}, {JobState::QcFailed, "qc_failed"}, {JobState::Failed, "failed"},
    {JobState::Canceled, "canceled"},   {JobState::Dead, "dead"},      {JobState::AwaitingApproval, "awaiting_approval"},
    {JobState::Rejected, "rejected"},
};

} // namespace

QString jobStateName(JobState s)
{
    for (const auto &entry : kStateNames) {
        if (entry.state == s) return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("invalid");
}

JobState jobStateFromName(const QString &s)
{
    for (const auto &entry : kStateNames) {
        if (s == QLatin1String(entry.name)) return entry.state;
    }
    return JobState::Invalid;
}

bool isAllowedTransition(JobState from, JobState to)
{
    using S = JobState;
    if (from == S::Invalid || to == S::Invalid) return false;
    if (from == to) return from != S::Succeeded && from != S::Dead; // a stage update; final states stay put
    switch (from) {
    case S::Queued:
        return to == S::Running || to == S::Paused || to == S::Canceled || to == S::Dead;
    case S::Running:
        return true; // back to queued (retry, recovery), paused, any outcome
    case S::Paused:
        return to == S::Queued || to == S::Running || to == S::Canceled; // resume (not started / stopped worker)
    case S::Failed:
        return to == S::Queued || to == S::Dead;
    case S::AwaitingApproval:
        return to == S::Succeeded || to == S::Rejected;
    case S::QcFailed:
    case S::Canceled:
    case S::Dead:
    case S::Rejected:
        return to == S::Queued; // retry
    case S::Succeeded:
    case S::Invalid:
        return false;
    }
    return false;
}

// ---- row conversions -----------------------------------------------------------------------

namespace detail {

const char *const kJobColumns = "id, batch_id, asset_id, spec_json, idempotency_key, state, priority, "
                                "position, attempts, last_stage, published_dir, created_at, updated_at, "
                                "resume_state, review_note, reviewed_at, rerun_of, lease_owner, lease_until, "
                                "not_before, retry_base";
const char *const kAttemptColumns = "id, job_id, attempt, stage, started_at, ended_at, worker, error_code, "
                                    "error_message, log_tail";

QString toIso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QVariant &v)
{
    if (v.isNull() || v.toString().isEmpty()) return {};
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

QString nowIso()
{
    return toIso(QDateTime::currentDateTimeUtc());
}

JobRecord jobFromQuery(const QSqlQuery &q)
{
    JobRecord r;
    r.id = q.value(0).toString();
    r.batchId = q.value(1).toString();
    r.assetId = q.value(2).toLongLong();
    r.specJson = q.value(3).toString().toUtf8();
    r.idempotencyKey = q.value(4).toString();
    r.state = jobStateFromName(q.value(5).toString());
    r.priority = q.value(6).toInt();
    r.position = q.value(7).toLongLong();
    r.attempts = q.value(8).toInt();
    r.lastStage = q.value(9).toString();
    r.publishedDir = q.value(10).toString();
    r.createdAt = fromIso(q.value(11));
    r.updatedAt = fromIso(q.value(12));
    r.resumeState = jobStateFromName(q.value(13).toString());
    r.reviewNote = q.value(14).toString();
    r.reviewedAt = fromIso(q.value(15));
    r.rerunOf = q.value(16).toString();
    r.leaseOwner = q.value(17).toString();
    r.leaseUntilMs = q.value(18).toLongLong();
    const qint64 notBefore = q.value(19).toLongLong();
    if (notBefore > 0) r.notBefore = QDateTime::fromMSecsSinceEpoch(notBefore, Qt::UTC);
    r.retryBase = q.value(20).toInt();
    return r;
}

StageAttempt attemptFromQuery(const QSqlQuery &q)
{
    StageAttempt a;
    a.id = q.value(0).toLongLong();
    a.jobId = q.value(1).toString();
    a.attempt = q.value(2).toInt();
    a.stage = q.value(3).toString();
    a.startedAt = fromIso(q.value(4));
    a.endedAt = fromIso(q.value(5));
    a.worker = q.value(6).toString();
    a.errorCode = q.value(7).toString();
    a.errorMessage = q.value(8).toString();
    a.logTail = q.value(9).toString();
    return a;
}

} // namespace detail

// ---- transactions --------------------------------------------------------------------------

Status StoreTransaction::begin()
{
    // The pragma cannot change inside a transaction, so it brackets it.
    if (m_durability == Durability::Durable) {
        if (Result<QSqlQuery> q = m_store.run(QStringLiteral("PRAGMA synchronous = FULL")); !q) return q.error();
    }
    Result<QSqlQuery> q = m_store.run(QStringLiteral("BEGIN IMMEDIATE"));
    if (!q) {
        restoreSynchronous();
        return q.error();
    }
    m_open = true;
    return {};
}

Status StoreTransaction::commit()
{
    Result<QSqlQuery> q = m_store.run(QStringLiteral("COMMIT"));
    if (!q) return q.error(); // still open: the destructor rolls back
    m_open = false;
    restoreSynchronous();
    return {};
}

void StoreTransaction::restoreSynchronous()
{
    if (m_durability != Durability::Durable) return;
    QSqlQuery q(m_store.m_db);
    if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        qCWarning(lcStore) << "cannot restore synchronous = NORMAL:" << m_store.m_path << q.lastError().text();
}

StoreTransaction::~StoreTransaction()
{
    if (m_open) {
        QSqlQuery q(m_store.m_db);
        if (!q.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcStore) << "rollback failed:" << m_store.m_path << q.lastError().text();
        restoreSynchronous();
    }
}

// ---- opening -------------------------------------------------------------------------------

JobStore::JobStore(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName)), m_thread(QThread::currentThread())
{
}

JobStore::~JobStore()
{
    if (m_db.isOpen()) m_db.close();
    m_db = QSqlDatabase(); // drop our handle before removing the connection
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<JobStore>> JobStore::open(const QString &path)
{
    static QAtomicInteger<quint64> counter;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString connection = QStringLiteral("rendition.jobstore.%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<JobStore> store(new JobStore(absolute, connection));

    if (!QDir().mkpath(QFileInfo(absolute).absolutePath())) {
        return store->storeError(QStringLiteral("store.open"),
                                 QStringLiteral("Cannot create the folder of the job database; check the data "
                                                "folder's permissions or choose another with --data-dir."));
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        return store->storeError(QStringLiteral("store.open"),
                                 QStringLiteral("Qt's SQLite driver is missing; install libqt6sql6-sqlite."));
    }
    store->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    store->m_db.setDatabaseName(absolute);
    if (!store->m_db.open()) return store->sqlError(store->m_db.lastError());
    if (Status s = store->configure(); !s) return s.error();
    if (Status s = store->migrate(); !s) return s.error();
    return store;
}

Status JobStore::configure()
{
    for (const QString &pragma :
         {QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs), QStringLiteral("PRAGMA foreign_keys = ON")}) {
        if (Result<QSqlQuery> q = run(pragma); !q) return q.error();
    }
    // Switching to WAL needs a moment alone with the file; another connection opening at
    // the same time makes it report busy (the busy handler does not cover it), so retry.
    QDeadlineTimer deadline(kBusyTimeoutMs);
    for (;;) {
        Result<QString> mode = journalMode();
        if (mode && *mode != QLatin1String("wal")) {
            Result<QSqlQuery> q = run(QStringLiteral("PRAGMA journal_mode = WAL"));
            mode = q ? (q->next() ? q->value(0).toString() : QString()) : Result<QString>(q.error());
        }
        if (mode && *mode == QLatin1String("wal")) break;
        if (!mode && mode.error().code != QLatin1String("store.busy")) return mode.error();
        if (deadline.hasExpired()) {
            return storeError(QStringLiteral("store.busy"),
                              QStringLiteral("Cannot switch the job database to WAL mode (another program "
                                             "holds it); close it and retry."));
        }
        QThread::msleep(20);
    }
    // NORMAL by default; durable transactions switch to FULL for their commit (see
    // Durability in JobStorePrivate.h).
    if (Result<QSqlQuery> q = run(QStringLiteral("PRAGMA synchronous = NORMAL")); !q) return q.error();
    return {};
}

Status JobStore::migrate()
{
    // Migrations may rebuild tables (SQLite cannot alter a CHECK constraint); with foreign
    // keys on, dropping the old table would cascade into its children. The pragma is a no-op
    // inside a transaction, so it brackets it; foreign_key_check verifies the result.
    if (Result<QSqlQuery> q = run(QStringLiteral("PRAGMA foreign_keys = OFF")); !q) return q.error();
    Status status = migrateInTransaction();
    if (Result<QSqlQuery> q = run(QStringLiteral("PRAGMA foreign_keys = ON")); !q && status.ok()) return q.error();
    return status;
}

Status JobStore::migrateInTransaction()
{
    StoreTransaction tx(*this);
    if (Status s = tx.begin(); !s) return s;
    if (Result<QSqlQuery> q = run(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                                 " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
        !q) {
        return q.error();
    }
    Result<int> current = schemaVersion();
    if (!current) return current.error();
    if (*current > kSchemaVersion) {
        return storeError(QStringLiteral("store.too_new"),
                          QStringLiteral("The job database was written by a newer Rendition (schema %1, this "
                                         "build knows %2); update Rendition or use another --data-dir.")
                              .arg(*current)
                              .arg(kSchemaVersion));
    }
    for (const detail::StoreMigration &m : detail::jobStoreMigrations()) {
        if (m.version <= *current) continue;
        for (const QString &sql : m.statements) {
            if (Result<QSqlQuery> q = run(sql); !q) {
                Error e = q.error();
                e.code = QStringLiteral("store.migrate");
                e.message = QStringLiteral("Migration to schema %1 failed (%2).").arg(m.version).arg(e.message);
                return e;
            }
        }
        if (Result<QSqlQuery> q = run(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                                      {m.version, detail::nowIso()});
            !q) {
            return q.error();
        }
        qCDebug(lcStore) << "migrated" << m_path << "to schema" << m.version;
    }
    Result<QSqlQuery> check = run(QStringLiteral("PRAGMA foreign_key_check"));
    if (!check) return check.error();
    if (check->next()) {
        return storeError(QStringLiteral("store.migrate"),
                          QStringLiteral("The job database has rows pointing at missing rows (table %1); restore "
                                         "a backup or move the file aside to start an empty queue.")
                              .arg(check->value(0).toString()));
    }
    return tx.commit();
}

Result<int> JobStore::schemaVersion()
{
    Result<QSqlQuery> q = run(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    if (!q) return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<QString> JobStore::journalMode()
{
    Result<QSqlQuery> q = run(QStringLiteral("PRAGMA journal_mode"));
    if (!q) return q.error();
    return q->next() ? q->value(0).toString().toLower() : QString();
}

// ---- plumbing ------------------------------------------------------------------------------

Status JobStore::checkThread() const
{
    if (QThread::currentThread() == m_thread) return {};
    return storeError(QStringLiteral("store.wrong_thread"),
                      QStringLiteral("A JobStore was used from a thread that did not open it; open one store "
                                     "per thread (a programming error)."));
}

Result<QSqlQuery> JobStore::run(const QString &sql, const QVariantList &binds)
{
    if (Status s = checkThread(); !s) return s.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) return sqlError(q.lastError());
    for (const QVariant &v : binds) {
        // A null QString would bind as SQL NULL; NULL is only ever meant as QVariant().
        const bool nullString = v.typeId() == QMetaType::QString && v.toString().isNull();
        q.addBindValue(nullString ? QVariant(QStringLiteral("")) : v);
    }
    if (!q.exec()) return sqlError(q.lastError());
    return q;
}

Error JobStore::storeError(const QString &code, const QString &message) const
{
    return makeError(code, message, m_path);
}

Error JobStore::sqlError(const QSqlError &e) const
{
    const int code = nativeCode(e);
    const QString detail = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    if (code == kSqliteNotADb || code == kSqliteCorrupt) {
        return storeError(QStringLiteral("store.corrupt"),
                          QStringLiteral("The job database is damaged or is not a Rendition database (%1); move "
                                         "the file aside to start an empty queue, or restore a backup.")
                              .arg(detail));
    }
    if (code == kSqliteBusy || code == kSqliteLocked) {
        return storeError(QStringLiteral("store.busy"),
                          QStringLiteral("The job database stayed locked by another connection (%1); retry, "
                                         "or close the other Rendition process.")
                              .arg(detail));
    }
    if (e.type() == QSqlError::ConnectionError) {
        return storeError(QStringLiteral("store.open"),
                          QStringLiteral("Cannot open the job database (%1); check that the path is a writable "
                                         "file location.")
                              .arg(detail));
    }
    return storeError(QStringLiteral("store.query"),
                      QStringLiteral("A job database statement failed (%1).").arg(detail));
}

} // namespace rendition
