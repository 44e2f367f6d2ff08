#include "core/queue/Intake.h"

#include "core/pipeline/Scanner.h"

#include <QDir>
#include <QFileInfo>

namespace rendition {

QString intakeVerdictName(IntakeVerdict v)
{
    switch (v) {
    case IntakeVerdict::Queue: return QStringLiteral("queued");
    case IntakeVerdict::Requeue: return QStringLiteral("requeued");
    case IntakeVerdict::AlreadyQueued: return QStringLiteral("already_queued");
    case IntakeVerdict::Held: return QStringLiteral("held");
    case IntakeVerdict::AwaitingApproval: return QStringLiteral("awaiting_approval");
    case IntakeVerdict::Reuse: return QStringLiteral("reused");
    case IntakeVerdict::Reject: return QStringLiteral("rejected");
    case IntakeVerdict::Ignore: return QStringLiteral("ignored");
    case IntakeVerdict::Invalid: break;
    }
    return QStringLiteral("invalid");
}

IntakeVerdict decideIntake(const IntakeFacts &facts)
{
    if (!facts.publishedDir.isEmpty() && facts.publishedDirExists) return IntakeVerdict::Reuse;
    if (!facts.sameKey) return IntakeVerdict::Queue;
    switch (facts.sameKey->state) {
    case JobState::Queued:
    case JobState::Running: return IntakeVerdict::AlreadyQueued;
    case JobState::Paused: return IntakeVerdict::Held;
    case JobState::AwaitingApproval: return IntakeVerdict::AwaitingApproval;
    case JobState::Failed:
    case JobState::Dead:
    case JobState::Canceled:
    case JobState::Rejected: return IntakeVerdict::Requeue;
    case JobState::Succeeded: // its version folder is gone: make it again
    case JobState::QcFailed:  // kept for review; a new run makes a new version
    case JobState::Invalid: break;
    }
    return IntakeVerdict::Queue;
}

QString IntakeItem::describe() const
{
    switch (verdict) {
    case IntakeVerdict::Queue: return QStringLiteral("queued as job %1").arg(jobId);
    case IntakeVerdict::Requeue: return QStringLiteral("queued again (job %1 resumes where it stopped)").arg(jobId);
    case IntakeVerdict::AlreadyQueued: return QStringLiteral("already in the queue (job %1)").arg(jobId);
    case IntakeVerdict::Held: return QStringLiteral("paused in the queue (job %1); resume it to run it").arg(jobId);
    case IntakeVerdict::AwaitingApproval:
        return QStringLiteral("published and awaiting approval (job %1); approve or reject it").arg(jobId);
    case IntakeVerdict::Reuse: return QStringLiteral("already published in %1").arg(versionDir);
    case IntakeVerdict::Reject: return error.message;
    case IntakeVerdict::Ignore: return QStringLiteral("not a media file; ignored");
    case IntakeVerdict::Invalid: break;
    }
    return {};
}

int IntakeReport::count(IntakeVerdict v) const
{
    return int(std::count_if(items.cbegin(), items.cend(), [v](const IntakeItem &i) { return i.verdict == v; }));
}

QStringList IntakeReport::runnableJobIds() const
{
    QStringList ids;
    for (const IntakeItem &i : items)
        if ((i.verdict == IntakeVerdict::Queue || i.verdict == IntakeVerdict::Requeue || i.verdict == IntakeVerdict::AlreadyQueued)
            && !ids.contains(i.jobId))
            ids << i.jobId;
    return ids;
}

Result<IntakeReport> Intake::admit(JobStore &store, const QList<ProbeResult> &usable, const Preset &preset,
                                   const QString &outputRoot, bool newBatch, const QList<ProbeResult> &rejected,
                                   const QStringList &ignored)
{
    IntakeReport report;
    QList<JobSpec> specs;
    QList<int> itemOfSpec; // specs[i] ↔ report.items[itemOfSpec[i]]
    for (const ProbeResult &probe : usable) {
        IntakeItem item;
        item.path = probe.path;
        if (probe.hasFatal()) {
            item.verdict = IntakeVerdict::Reject;
            item.error = probe.rejection();
            report.items << item;
            continue;
        }
        Result<JobSpec> spec = makeJobSpec(probe, preset, outputRoot);
        if (!spec) {
            item.verdict = IntakeVerdict::Reject;
            item.error = spec.error();
            report.items << item;
            continue;
        }
        itemOfSpec << int(report.items.size());
        report.items << item;
        specs << *spec;
    }
    for (const ProbeResult &probe : rejected) report.items << IntakeItem{probe.path, IntakeVerdict::Reject, {}, {}, probe.rejection()};
    for (const QString &path : ignored) report.items << IntakeItem{path, IntakeVerdict::Ignore, {}, {}, {}};

    QList<IntakeVerdict> verdicts;
    QStringList publishedDirs;
    auto decide = [&](const JobSpec &, const JobStore::AdmitFacts &f) {
        const IntakeVerdict v = decideIntake({f.sameKey, f.publishedDir, !f.publishedDir.isEmpty() && QFileInfo(f.publishedDir).isDir()});
        verdicts << v;
        publishedDirs << f.publishedDir;
        if (v == IntakeVerdict::Queue) return JobStore::AdmitAction::Enqueue;
        if (v == IntakeVerdict::Requeue) return JobStore::AdmitAction::Requeue;
        return JobStore::AdmitAction::Leave;
    };
    BatchInfo batch;
    if (newBatch) batch.presetName = preset.name, batch.outputRoot = outputRoot;
    Result<JobStore::AdmitResult> applied = store.admit(specs, decide, batch);
    if (!applied) return applied.error();
    report.batchId = applied->batchId;
    for (int i = 0; i < specs.size(); ++i) {
        IntakeItem &item = report.items[itemOfSpec.at(i)];
        item.verdict = verdicts.at(i);
        item.jobId = applied->jobs.at(i).second;
        if (item.verdict == IntakeVerdict::Reuse) item.versionDir = publishedDirs.at(i);
    }
    return report;
}

Result<IntakeReport> Intake::submit(JobStore &store, const IntakeRequest &request, const ProgressSink &progress,
                                    const CancelToken &cancel)
{
    Result<Preset> preset = loadPreset(request.preset);
    if (!preset) return preset.error();
    if (request.outputRoot.trimmed().isEmpty())
        return makeError(QStringLiteral("intake.no_output_root"),
                         QStringLiteral("No output folder was given; choose where the packages should go."));
    const QString outputRoot = QDir(request.outputRoot).absolutePath();
    const ScanResult scan = scanInputs(request.inputs, ProbeOptions{}, progress, cancel);
    if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("queuing was canceled"));
    return admit(store, scan.media, *preset, outputRoot, request.newBatch, scan.rejected, scan.ignored);
}

Result<IntakeReport> Intake::submitToStore(const QString &storePath, const IntakeRequest &request,
                                           const ProgressSink &progress, const CancelToken &cancel)
{
    Result<std::unique_ptr<JobStore>> store = JobStore::open(storePath);
    if (!store) return store.error();
    return submit(**store, request, progress, cancel);
}

Result<std::optional<IntakeItem>> Intake::admitWatched(JobStore &store, const QString &path, qint64 sizeBytes,
                                                       qint64 mtimeMs, const Preset &preset, const QString &outputRoot,
                                                       const CancelToken &cancel)
{
    ProbeResult probe = rendition::probe(path, ProbeOptions{}, cancel); // with the content hash
    if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("queuing was canceled"), path);
    if (probe.sha256.isEmpty()) { // a probe that stopped early (not media, …): the file is still remembered by content
        Result<QString> sha = sha256File(path, cancel);
        if (!sha) return sha.error(); // unreadable: not remembered, a later change may fix it
        probe.sha256 = *sha;
    }
    Result<bool> seen = store.isWatchedFileQueued(path, sizeBytes, mtimeMs, probe.sha256);
    if (!seen) return seen.error();
    if (*seen) return std::optional<IntakeItem>(); // taken by an earlier run
    Result<IntakeReport> report = admit(store, {probe}, preset, outputRoot, false);
    if (!report) return report.error();
    const IntakeItem item = report->items.value(0);
    if (Status s = store.recordWatchedFile(path, sizeBytes, mtimeMs, probe.sha256, item.jobId); !s) return s.error();
    return std::optional<IntakeItem>(item);
}

} // namespace rendition
