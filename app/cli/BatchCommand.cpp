// rendition-cli batch --preset P --out DIR [--data-dir D] [--slots N] [--json-events] INPUT...
// Queues every media file among the inputs (folders recursively, media found by probing) in the
// persistent job store and runs the queue on the isolated worker pool (one child process per
// job) with live progress for the whole batch. Running the same command again after a crash
// resumes the unfinished jobs (same idempotency key: the queued job is reused) and reuses the
// published versions instead of encoding again.
// A job whose preset requires approval ends "awaiting approval" (counted apart, not a failure;
// `queue approve|reject ID` decides). While the queue is paused (`queue pause`) nothing new
// starts and batch waits. Exit codes: 0 everything published, reused or awaiting approval,
// 1 some input rejected, failed or QC-failed,
// 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/model/JobSpec.h"
#include "core/pipeline/Scanner.h"
#include "core/queue/DataDir.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>

namespace rendition::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onBatchSignal(int) { g_interrupted.store(true); }

struct BatchState {
    QHash<QString, QString> assetOfJob; // job id → source file name, for messages
    int published = 0, reused = 0, failed = 0, awaiting = 0; // awaiting: approval gate (queue approve ID)
};

// The job for `spec`: an earlier unfinished one with the same idempotency key (resume),
// else a new one. Published keys are handled before this.
Result<QString> jobFor(JobStore &store, const JobSpec &spec, const QString &batchId, const QList<JobRecord> &existing)
{
    for (const JobRecord &j : existing) {
        if (j.idempotencyKey != spec.idempotencyKey) continue;
        if (j.state == JobState::Queued || j.state == JobState::Running) return j.id;
        if (j.state == JobState::Failed || j.state == JobState::Paused) { // try again
            if (Status s = store.setState(j.id, JobState::Queued); !s) return s.error();
            return j.id;
        }
    }
    Result<JobRecord> job = store.enqueue(spec, batchId);
    if (!job) return job.error();
    return job->id;
}

void emitJson(QTextStream &out, const QJsonObject &o)
{
    out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
}

} // namespace

int batchCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Queue inputs with a preset and run them on the isolated worker pool; resumable."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("preset"), QStringLiteral("Built-in preset name or preset JSON file."), QStringLiteral("NAME|FILE")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output root."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("Folder of the job store."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("slots"), QStringLiteral("Concurrent CPU jobs (default 1)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("json-events"), QStringLiteral("Print JSON-lines events instead of human progress.")});
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("Files or folders."), QStringLiteral("INPUT..."));
    QTextStream out(stdout), err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    if (!parser.isSet(QStringLiteral("preset")) || !parser.isSet(QStringLiteral("out")) || parser.positionalArguments().isEmpty()) {
        err << "batch: --preset, --out and at least one INPUT are required\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }
    Result<Preset> preset = loadPreset(parser.value(QStringLiteral("preset")));
    if (!preset) { err << "batch: " << preset.error().toString() << '\n'; return kExitUsage; }
    const QString outRoot = QDir(parser.value(QStringLiteral("out"))).absolutePath();
    const QString dataDir = resolveDataDir(parser.value(QStringLiteral("data-dir")));
    QDir().mkpath(dataDir);
    auto store = JobStore::open(jobStorePath(dataDir));
    if (!store) { err << "batch: " << store.error().toString() << '\n'; return kExitFailed; }
    const bool json = parser.isSet(QStringLiteral("json-events"));

    BatchState state;
    const ScanResult scan = scanInputs(parser.positionalArguments(), ProbeOptions{}, {}, CancelToken());
    for (const ProbeResult &r : scan.rejected) {
        ++state.failed;
        QString why;
        for (const ProbeProblem &p : r.problems)
            if (p.severity == Severity::Fatal) why += (why.isEmpty() ? QString() : QStringLiteral("; ")) + p.message;
        if (json) emitJson(out, {{QStringLiteral("event"), QStringLiteral("failed")}, {QStringLiteral("input"), r.path}, {QStringLiteral("message"), why}});
        else err << "REJECTED " << r.path << ": " << why << '\n';
    }
    Result<BatchInfo> batch = (*store)->addBatch(preset->name, outRoot);
    if (!batch) { err << "batch: " << batch.error().toString() << '\n'; return kExitFailed; }
    Result<QList<JobRecord>> existing = (*store)->list();
    if (!existing) { err << "batch: " << existing.error().toString() << '\n'; return kExitFailed; }

    QSet<QString> mine;
    for (const ProbeResult &probe : scan.media) {
        Result<JobSpec> spec = makeJobSpec(probe, *preset, outRoot);
        if (!spec) { ++state.failed; err << "FAILED " << probe.path << ": " << spec.error().message << '\n'; continue; }
        Result<std::optional<QString>> published = (*store)->findPublished(spec->idempotencyKey);
        if (published && published->has_value()) { // same source, preset and engine: reuse, do not encode again
            ++state.reused;
            if (json) emitJson(out, {{QStringLiteral("event"), QStringLiteral("reused")}, {QStringLiteral("input"), probe.path}, {QStringLiteral("dir"), **published}});
            else out << "reused " << probe.path << " -> " << **published << '\n';
            continue;
        }
        const auto waiting = std::find_if(existing->cbegin(), existing->cend(), [&](const JobRecord &j) {
            return j.idempotencyKey == spec->idempotencyKey && j.state == JobState::AwaitingApproval;
        });
        if (waiting != existing->cend()) { // published already, waiting for a reviewer: nothing to encode
            ++state.awaiting;
            if (json) emitJson(out, {{QStringLiteral("event"), QStringLiteral("awaiting_approval")}, {QStringLiteral("input"), probe.path}, {QStringLiteral("job"), waiting->id}});
            else out << "awaiting approval " << probe.path << " (job " << waiting->id << "; rendition-cli queue approve|reject ID)\n";
            continue;
        }
        Result<QString> job = jobFor(**store, *spec, batch->id, *existing);
        if (!job) { ++state.failed; err << "FAILED " << probe.path << ": " << job.error().message << '\n'; continue; }
        mine.insert(*job);
        state.assetOfJob.insert(*job, QFileInfo(probe.path).fileName());
    }

    WorkerPoolOptions options;
    options.program = QCoreApplication::applicationFilePath();
    options.cpuSlots = std::max(1, parser.value(QStringLiteral("slots")).toInt());
    options.hardwareSlots = 0; // hardware rungs fall back inside the job; no separate pool from the CLI
    WorkerPool pool(**store, options);
    QObject::connect(&pool, &WorkerPool::jobProgress, [&](const QString &id, const ProgressEvent &e) {
        if (json) {
            QJsonObject o = e.toJson();
            o.insert(QStringLiteral("event"), QStringLiteral("progress"));
            o.insert(QStringLiteral("job"), id);
            emitJson(out, o);
        } else {
            err << state.assetOfJob.value(id, id) << ": " << e.stage << ' ' << QString::number(e.percent, 'f', 0) << "%\n" << Qt::flush;
        }
    });
    QObject::connect(&pool, &WorkerPool::attemptFailed, [&](const QString &id, int attempt, const Error &e, qint64 retryInMs) {
        err << state.assetOfJob.value(id, id) << ": attempt " << attempt << " failed (" << e.message << "), retrying in "
            << retryInMs / 1000.0 << " s\n" << Qt::flush;
    });
    QObject::connect(&pool, &WorkerPool::jobFinished, [&](const QString &id, JobOutcome outcome, const Error &e) {
        if (outcome == JobOutcome::Succeeded) ++state.published;
        else if (outcome == JobOutcome::AwaitingApproval) ++state.awaiting;
        else ++state.failed;
        if (json) emitJson(out, {{QStringLiteral("event"), jobOutcomeName(outcome)}, {QStringLiteral("job"), id}, {QStringLiteral("error"), e.toJson()}});
        else out << jobOutcomeName(outcome) << ' ' << state.assetOfJob.value(id, id)
                 << (e.message.isEmpty() ? QString() : QStringLiteral(": ") + e.message) << '\n' << Qt::flush;
    });
    QObject::connect(&pool, &WorkerPool::storeError, [&](const Error &e) { err << "batch: " << e.toString() << '\n'; });
    QObject::connect(&pool, &WorkerPool::idle, [] { QCoreApplication::quit(); });
    auto sayPaused = [&](bool paused) {
        if (json) emitJson(out, {{QStringLiteral("event"), paused ? QStringLiteral("queue_paused") : QStringLiteral("queue_resumed")}});
        else err << (paused ? "the queue is paused: waiting (rendition-cli queue resume)\n" : "the queue was resumed\n") << Qt::flush;
    };
    QObject::connect(&pool, &WorkerPool::queuePausedChanged, sayPaused);

    std::signal(SIGINT, onBatchSignal);
    std::signal(SIGTERM, onBatchSignal);
    QTimer interrupt; // polite cancel of everything on Ctrl-C / SIGTERM
    QObject::connect(&interrupt, &QTimer::timeout, [&] {
        if (!g_interrupted.exchange(false)) return;
        for (const QString &id : std::as_const(mine)) pool.cancel(id);
    });
    interrupt.start(200);
    if (Status s = pool.start(); !s) { err << "batch: " << s.error().toString() << '\n'; return kExitFailed; }
    if (pool.isQueuePaused()) sayPaused(true);
    QCoreApplication::exec();

    if (json) emitJson(out, {{QStringLiteral("event"), QStringLiteral("summary")}, {QStringLiteral("published"), state.published},
                             {QStringLiteral("reused"), state.reused}, {QStringLiteral("awaiting_approval"), state.awaiting},
                             {QStringLiteral("failed"), state.failed}});
    else out << state.published << " published, " << state.reused << " reused, " << state.awaiting << " awaiting approval, "
             << state.failed << " failed\n";
    return state.failed == 0 ? kExitOk : kExitFailed;
}

} // namespace rendition::cli
