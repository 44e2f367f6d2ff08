#pragma once
// Intake: the ONE place that turns files into jobs. `rendition-cli batch`, `watch`, the GUI
// (ingest panel, watch folders) and the remote submitter all go through it; they only print
// or emit what it decided.
//
// Policy (decideIntake): for a usable source with a preset and an output root —
//   its idempotency key (source SHA-256, canonical preset, engine) already published and the
//     version folder still there                      → Reuse (nothing to encode);
//   a job with that key queued or running              → AlreadyQueued;
//   paused                                              → Held (an operator holds it back);
//   awaiting approval                                   → AwaitingApproval (a reviewer decides);
//   failed / dead / canceled / rejected                 → Requeue that job (fresh retry budget;
//                                                         its checkpoints make it resume);
//   nothing (or only succeeded/QC-failed jobs whose output is gone or failed QC) → Queue new.
// A file that cannot be processed is Rejected with ProbeResult::rejection() (the one
// rejection sentence); a spec that cannot be made (no checksum, invalid preset) likewise.
// Non-media found while walking folders is Ignored, never an error.
//
// Atomicity and threads: every decision of one call is made and applied in ONE store
// transaction (JobStore::admit), so two front ends admitting the same file at once make one
// job. The functions are blocking (probing hashes every file): run them off the GUI thread;
// submitToStore() opens its own store connection, so it runs on any thread.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/model/Preset.h"
#include "core/queue/JobStore.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rendition {

enum class IntakeVerdict { Invalid = 0, Queue, Requeue, AlreadyQueued, Held, AwaitingApproval, Reuse, Reject, Ignore };
// "queued" | "requeued" | "already_queued" | "held" | "awaiting_approval" | "reused" | "rejected" | "ignored"
QString intakeVerdictName(IntakeVerdict v);

// What the store knows about a spec's idempotency key (gathered inside the transaction).
struct IntakeFacts {
    std::optional<JobRecord> sameKey; // the newest job with this key, if any
    QString publishedDir;             // a succeeded job's version folder with this key, if any
    bool publishedDirExists = false;
};
IntakeVerdict decideIntake(const IntakeFacts &facts);

// One input's outcome.
struct IntakeItem {
    QString path;
    IntakeVerdict verdict = IntakeVerdict::Invalid;
    QString jobId;      // Queue, Requeue, AlreadyQueued, Held, AwaitingApproval
    QString versionDir; // Reuse
    Error error;        // Reject: code, the one sentence, the file as context

    // One line for people: "queued", "already published in /srv/…/v2", the rejection, …
    QString describe() const;
};

struct IntakeReport {
    QString batchId; // the batch the new and requeued jobs belong to; empty when none was made
    QList<IntakeItem> items;

    int count(IntakeVerdict v) const;
    // Jobs this intake will see run: queued, requeued, already queued (not held / awaiting).
    QStringList runnableJobIds() const;
};

struct IntakeRequest {
    QStringList inputs;   // files and folders (folders recursively; media found by probing)
    QString preset;       // built-in name or preset file
    QString outputRoot;
    bool newBatch = true; // record a batch (batch, GUI); watch folders queue without one
};

class Intake {
public:
    // Decides and applies for probes already made (with SHA-256); `rejected` and `ignored`
    // are reported as such. Makes the batch only when something is queued or requeued.
    static Result<IntakeReport> admit(JobStore &store, const QList<ProbeResult> &usable, const Preset &preset,
                                      const QString &outputRoot, bool newBatch,
                                      const QList<ProbeResult> &rejected = {}, const QStringList &ignored = {});

    // Expands and probes the inputs (Scanner), then admit(). Errors: the preset's
    // (preset.*), an empty output root (intake.no_output_root), the store's.
    static Result<IntakeReport> submit(JobStore &store, const IntakeRequest &request, const ProgressSink &progress,
                                       const CancelToken &cancel);
    // submit() on a connection of its own to the store file: safe on any thread.
    static Result<IntakeReport> submitToStore(const QString &storePath, const IntakeRequest &request,
                                              const ProgressSink &progress, const CancelToken &cancel);

    // A watch folder's settled file: queued once per (path, size, mtime, SHA-256), across
    // restarts. nullopt when an earlier run already took it. Rejections are remembered too
    // (the file is not probed again until it changes).
    static Result<std::optional<IntakeItem>> admitWatched(JobStore &store, const QString &path, qint64 sizeBytes,
                                                          qint64 mtimeMs, const Preset &preset,
                                                          const QString &outputRoot, const CancelToken &cancel);
};

} // namespace rendition
