#pragma once
// The cluster worker's log lines on stderr, as text (default) or JSON lines (`worker
// --log-format json`, for log collectors: one object per line).
//
// Text: "worker <worker>: <message>" (unchanged for people and tests).
// JSON: {"ts": ISO-8601 UTC, "level": "info"|"error", "worker", "msg", "job_id"?, "stage"?,
//        "error_code"?, "error_class"?} where error_class is "permanent" (dead-lettered at once),
//        "transient" (worth retrying), "released" (shutdown) or "failed".
// Never key material: messages are built from Errors and KIDs only (see RemoteKeyStore.h).
// Thread-safe (one mutex around the write); the format is process-wide, set once at start.

#include "core/util/Result.h"

#include <QString>

namespace rendition {

enum class WorkerLogFormat { Text, Json };
void setWorkerLogFormat(WorkerLogFormat format);
WorkerLogFormat workerLogFormat();

struct WorkerLogFields {
    QString worker;
    QString jobId;
    QString stage;
    Error error;        // code empty: an info line
    QString errorClass; // set with error
};

void workerLog(const QString &message, const WorkerLogFields &fields = {});

} // namespace rendition
