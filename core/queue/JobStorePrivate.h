#pragma once
// Internal to JobStore*.cpp: the schema migrations, the write transaction guard and row
// conversions. Not part of the core API.

#include "core/queue/JobStore.h"

#include <QSqlQuery>
#include <QStringList>

namespace rendition::detail {

struct StoreMigration {
    int version = 0;        // the schema version this migration produces (1, 2, ...)
    QStringList statements; // run in order inside one transaction
};

// Every migration, oldest first; the last one's version is JobStore::kSchemaVersion.
const QList<StoreMigration> &jobStoreMigrations();

QString toIso(const QDateTime &t);    // UTC, milliseconds, "…Z"; empty for an invalid time
QDateTime fromIso(const QVariant &v); // invalid for NULL / empty
QString nowIso();

// Columns read by jobFromQuery(), in its order.
extern const char *const kJobColumns;
JobRecord jobFromQuery(const QSqlQuery &q);
StageAttempt attemptFromQuery(const QSqlQuery &q); // columns as in kAttemptColumns
extern const char *const kAttemptColumns;

} // namespace rendition::detail

namespace rendition {

// One write transaction, BEGIN IMMEDIATE (takes the write lock up front, waiting up to the
// busy timeout, so a read-then-write never fails half way with SQLITE_BUSY). Rolls back
// when destroyed uncommitted. Used on the store's own thread only.
// How hard a commit holds on. The connection runs with synchronous = NORMAL (in WAL mode a
// commit survives a crash of the process, and the database stays consistent after power
// loss, but the last commits may roll back then); a Durable transaction switches to FULL for
// its commit, which fsyncs the WAL — and with it every earlier NORMAL commit. Bookkeeping
// (claiming, attempt records, running/queued moves: redone harmlessly when lost) is
// NORMAL, so scheduling pays no fsync; what must never be forgotten (enqueued jobs,
// published versions, dead letters, approvals, cancels) is Durable.
enum class Durability { Invalid = 0, Bookkeeping, Durable };

class StoreTransaction {
public:
    explicit StoreTransaction(JobStore &store, Durability durability = Durability::Durable)
        : m_store(store), m_durability(durability) {}
    ~StoreTransaction();
    StoreTransaction(const StoreTransaction &) = delete;
    StoreTransaction &operator=(const StoreTransaction &) = delete;

    Status begin();
    Status commit();

private:
    void restoreSynchronous();

    JobStore &m_store;
    Durability m_durability;
    bool m_open = false;
};

} // namespace rendition
