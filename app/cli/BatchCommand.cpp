// rendition-cli batch --preset P --out DIR [--data-dir D] [--slots N] [--json-events] INPUT...
// Queues every media file among the inputs (folders recursively, media found by probing) in the
// persistent job store and runs the queue on the isolated worker pool (one child process per
// job) with live progress for the whole batch. Running the same command again after a crash
// resumes the unfinished jobs (same idempotency key: the queued job is reused) and reuses the
// published versions instead of encoding again — the intake's decisions (core/queue/Intake).
// The store is shared with the GUI and other commands: batch runs the queue until it is idle
// and waits for its own jobs even when another process runs them.
// A job whose preset requires approval ends "awaiting approval" (counted apart, not a failure;
// `queue approve|reject ID` decides). While the queue is paused (`queue pause`) nothing new
// starts and batch waits. Exit codes: 0 everything published, reused or awaiting approval,
// 1 some input rejected, failed or QC-failed,
// 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/queue/DataDir.h"
#include "core/queue/Intake.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace rendition::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onBatchSignal(int) { g_interrupted.store(true); }

struct BatchState {
    QHash<QString, QString> assetOfJob; // job id → source file name, for messages
    int published = 0, reused = 0, failed = 0, awaiting = 0; // awaiting: approval gate (queue approve ID)
    int held = 0;                                          // paused in the queue by an operator
};

// How a job in a final state ended, as the pool reports it; nullopt while it can still run.
std::optional<JobOutcome> finalOutcome(JobState s)
{
    switch (s) {
    case JobState::Succeeded: return JobOutcome::Succeeded;
    case JobState::QcFailed: return JobOutcome::QcFailed;
    case JobState::AwaitingApproval: return JobOutcome::AwaitingApproval;
    case JobState::Canceled: return JobOutcome::Canceled;
    case JobState::Dead:
    case JobState::Rejected: return JobOutcome::Dead;
    default: return std::nullopt;
    }
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
    if (Result<Preset> preset = loadPreset(parser.value(QStringLiteral("preset"))); !preset) {
        err << "batch: " << preset.error().toString() << '\n';
        return kExitUsage;
    }
    const QString dataDir = resolveDataDir(parser.value(QStringLiteral("data-dir")));
    QDir().mkpath(dataDir);
    auto store = JobStore::open(jobStorePath(dataDir));
    if (!store) { err << "batch: " << store.error().toString() << '\n'; return kExitFailed; }
    const bool json = parser.isSet(QStringLiteral("json-events"));

    // What to queue, requeue, reuse or reject is the intake's decision (core/queue/Intake).
    IntakeRequest request{parser.positionalArguments(), parser.value(QStringLiteral("preset")), parser.value(QStringLiteral("out"))};
    Result<IntakeReport> intake = Intake::submit(**store, request, {}, CancelToken());
    if (!intake) { err << "batch: " << intake.error().toString() << '\n'; return kExitFailed; }
    BatchState state;
    for (const IntakeItem &item : intake->items) {
        QString verdict = intakeVerdictName(item.verdict);
        switch (item.verdict) {
        case IntakeVerdict::Ignore: continue;
        case IntakeVerdict::Reject: ++state.failed; break;
        case IntakeVerdict::Reuse: ++state.reused; break;
        case IntakeVerdict::AwaitingApproval: ++state.awaiting; break;
        case IntakeVerdict::Held: ++state.held; break;
        default: state.assetOfJob.insert(item.jobId, QFileInfo(item.path).fileName());
        }
        if (json) {
            QJsonObject o{{QStringLiteral("event"), item.verdict == IntakeVerdict::Reject ? QStringLiteral("failed") : verdict},
                          {QStringLiteral("input"), item.path}};
            if (!item.jobId.isEmpty()) o.insert(QStringLiteral("job"), item.jobId);
            if (!item.versionDir.isEmpty()) o.insert(QStringLiteral("dir"), item.versionDir);
            if (item.verdict == IntakeVerdict::Reject) o.insert(QStringLiteral("message"), item.error.message);
            emitJson(out, o);
        } else if (item.verdict == IntakeVerdict::Reject) {
            err << "REJECTED " << item.path << ": " << item.describe() << '\n';
        } else {
            out << verdict.replace(u'_', u' ') << ' ' << item.path << ": " << item.describe() << '\n';
        }
    }
    const QStringList runnable = intake->runnableJobIds();
    const QSet<QString> mine(runnable.cbegin(), runnable.cend());

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
    // This batch's jobs are counted once each, whoever ran them: this pool, or another
    // process on the same store (a GUI, another batch) — then the store says how it ended.
    QSet<QString> remaining = mine;
    auto settle = [&](const QString &id, JobOutcome outcome, const Error &e) {
        if (!remaining.remove(id)) return;
        if (outcome == JobOutcome::Succeeded) ++state.published;
        else if (outcome == JobOutcome::AwaitingApproval) ++state.awaiting;
        else ++state.failed;
        if (json) emitJson(out, {{QStringLiteral("event"), jobOutcomeName(outcome)}, {QStringLiteral("job"), id}, {QStringLiteral("error"), e.toJson()}});
        else out << jobOutcomeName(outcome) << ' ' << state.assetOfJob.value(id, id)
                 << (e.message.isEmpty() ? QString() : QStringLiteral(": ") + e.message) << '\n' << Qt::flush;
    };
    QTimer elsewhere; // while jobs of this batch run in another process
    auto settleFromStore = [&] {
        for (const QString &id : QStringList(remaining.cbegin(), remaining.cend())) {
            Result<std::optional<JobRecord>> r = (*store)->job(id);
            if (!r || !r->has_value()) continue;
            const std::optional<JobOutcome> outcome = finalOutcome((*r)->state);
            if (outcome) settle(id, *outcome, {});
            else if ((*r)->state == JobState::Paused) { remaining.remove(id); ++state.held; }
        }
        if (remaining.isEmpty()) QCoreApplication::quit();
        else elsewhere.start(1000);
    };
    QObject::connect(&elsewhere, &QTimer::timeout, settleFromStore);
    QObject::connect(&pool, &WorkerPool::jobFinished, settle);
    QObject::connect(&pool, &WorkerPool::storeError, [&](const Error &e) { err << "batch: " << e.toString() << '\n'; });
    QObject::connect(&pool, &WorkerPool::idle, settleFromStore);
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
             << state.failed << " failed" << (state.held ? QStringLiteral(", %1 held").arg(state.held) : QString()) << '\n';
    return state.failed == 0 ? kExitOk : kExitFailed;
}

} // namespace rendition::cli
