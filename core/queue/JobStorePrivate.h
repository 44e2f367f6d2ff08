#pragma once
// Internal to JobStore*.cpp: the schema migrations, the write transaction guard and row
// conversions. Not part of the core API.

#include "queue/JobStore.h"

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
class StoreTransaction {
public:
    explicit StoreTransaction(JobStore &store) : m_store(store) {}
    ~StoreTransaction();
    StoreTransaction(const StoreTransaction &) = delete;
    StoreTransaction &operator=(const StoreTransaction &) = delete;

    Status begin();
    Status commit();

private:
    JobStore &m_store;
    bool m_open = false;
};

} // namespace rendition
