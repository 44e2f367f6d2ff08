#pragma once
// The parent/child job protocol, in one place: what `rendition-cli exec-job SPEC.json`
// prints and how it exits, and how a runner (the local WorkerPool, the cluster's
// RemoteJobRunner) reads it back.
//
// stdout: one compact JSON object per line, flushed at once:
//   {"event":"progress","stage":..,"percent":..,"fps":..,"eta_s":..,"message":..,"resumed":true}
//   {"event":"published"|"qc_failed"|"awaiting_approval","asset":..,"version":..,"version_dir":..,
//    "renditions":[{name,dir,bytes}]}
//   {"event":"failed","code":..,"message":..,"context":..,"transient":bool}
//   {"event":"canceled"}
// Any other line (a library's stray print) is not an event: runners keep it in the log tail.
//
// Exit codes: kExitPublished (also awaiting approval: the run succeeded, `current` not moved),
// kExitQcFailed (version kept for review), kExitFailed (permanent), kExitTransient (worth
// retrying), kExitUsage, kExitCanceled (SIGTERM/SIGINT, staging cleaned up by the child).
// Keys never appear in events: only codes, messages, paths and sizes.

#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace rendition::child {

inline constexpr int kExitPublished = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitQcFailed = 3;
inline constexpr int kExitTransient = 4;
inline constexpr int kExitCanceled = 130;

enum class EventKind { Invalid = 0, NotAnEvent, Progress, Published, QcFailed, AwaitingApproval, Failed, Canceled };
QString eventName(EventKind kind); // "progress" | "published" | … ; empty for Invalid / NotAnEvent

// One line of a child's stdout, parsed.
struct Event {
    EventKind kind = EventKind::Invalid;
    ProgressEvent progress; // Progress
    Error error;            // Failed
    QJsonObject object;     // the whole line (outcome events: asset, version, version_dir, renditions)

    bool isOutcome() const
    {
        return kind == EventKind::Published || kind == EventKind::QcFailed || kind == EventKind::AwaitingApproval;
    }
};

// NotAnEvent for a line that is not a JSON object with a known "event".
Event parseLine(const QByteArray &line);

// The lines a child writes (without the newline).
QJsonObject progressLine(const ProgressEvent &e);
QJsonObject failedLine(const Error &e); // "transient" from RetryPolicy::isTransient
QJsonObject canceledLine();
// exitCode for a failed run: kExitTransient or kExitFailed.
int exitCodeFor(const Error &e);

} // namespace rendition::child
