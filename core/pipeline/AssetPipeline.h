#pragma once
// Runs ONE asset through the engine in-process:
//   probe → validate → plan → (loudness analysis ∥ thumbnails) → transcode (+ package,
//   normalize) → re-measure loudness → playlists → QC → manifest → publish.
// Thumbnails keep running alongside the transcode. Progress goes to the sink as stage
// events (the sink is serialised here, so it may be a plain function); cancel is honoured
// between and inside stages. On any failure or cancel the staging folder is removed and
// nothing is published. A QC failure publishes the version for review without moving
// `current` and returns status QcFailed.
//
// Job runs (options.jobId and idempotencyKey set, as exec-job does) are resumable: they
// build in OUT/<asset>/.staging-job-<id>, and after each completed stage (thumbnails,
// loudness analysis, transcode + package, loudness re-measure, QC, encrypt) a checkpoint
// (StageCheckpoint) records its result and output files. A later run of the same job skips
// every stage whose checkpoint still matches the files on disk, with a stage event marked
// `resumed` (percent 100), and runs the rest after deleting their partial outputs. A job whose
// key is already published in OUT/<asset> (a run that died after publishing) is not run
// again: that version is returned (its `current` link and key file finished if needed).
// The manifest of a job run records "job": {"id", "idempotency_key"}.
//
// Test hook: RENDITION_TEST_KILL_AFTER_STAGE=<stage> (one of the checkpoint names above:
// thumbnails, loudness, transcode, remeasure, qc, encrypt) makes the process SIGKILL itself
// right after that stage's checkpoint is written, like a machine dying at that point.
// RENDITION_TEST_FAIL_AFTER_STAGE=<stage>[:<marker file>] makes the run fail there with a
// transient error (io.read) instead — once, when the marker file does not exist yet (it is
// created) — to prove that a retried job keeps its checkpoints and resumes.

#include "core/media/Probe.h"
#include "core/model/Preset.h"
#include "core/util/Progress.h"

#include <QJsonObject>
#include <QString>

namespace rendition {

struct AssetRunOptions {
    QString outRoot;          // OUT: the asset lands in OUT/<asset>/<version>/
    QString assetName;        // empty: assetNameFor(source, preset)
    ProbeOptions probe;
    QString jobId;            // a queued job's id: the run is resumable (see above); empty: plain run
    QString idempotencyKey;   // the job's key (JobSpec); checkpoints are only reused for the same key
    // A KID:KEY file that replaces the preset's key source for this run only (a cluster worker
    // passes the key it fetched from the key store, so the package uses the key the workstation
    // made or read at submit). The preset, and so the manifest, is unchanged. Empty: the preset's.
    QString drmKeyFileOverride;
};

// Checkpoint names, in pipeline order (also the `stage` of `resumed` events).
namespace checkpointstage {
inline const QString kThumbnails = QStringLiteral("thumbnails");
inline const QString kLoudness = QStringLiteral("loudness");
inline const QString kTranscode = QStringLiteral("transcode");
inline const QString kRemeasure = QStringLiteral("remeasure");
inline const QString kQc = QStringLiteral("qc");
inline const QString kEncrypt = QStringLiteral("encrypt");
} // namespace checkpointstage

struct PublishedAsset {
    // AwaitingApproval: QC passed but the preset requires approval (qc.require_approval):
    // published like QcFailed, without moving `current` (see core/queue/Approval.h).
    enum class Status { Invalid = 0, Published, QcFailed, AwaitingApproval };
    Status status = Status::Invalid;
    QString assetName;
    QString assetDir;     // OUT/<asset>
    QString version;      // "v1"
    QString versionDir;   // OUT/<asset>/v1
    QJsonObject manifest; // as written
};

// `probed` may carry a probe already made for this source (the scanner's); else it probes.
Result<PublishedAsset> runAsset(const QString &source, const Preset &preset, const AssetRunOptions &options,
                                const ProgressSink &progress, const CancelToken &cancel,
                                const ProbeResult *probed = nullptr);

// The asset folder name for a source under a preset's naming template.
QString assetNameFor(const QString &source, const Preset &preset);

// Asset names for a batch, one per probe. Different sources that would share a name
// (clip.mp4 in two folders) get "-<first 8 hex of their SHA-256>" appended, so one never
// publishes over the other; the same content under two paths keeps one name.
QStringList assetNamesFor(const QList<ProbeResult> &sources, const Preset &preset);

} // namespace rendition
