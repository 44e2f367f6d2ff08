// rendition-cli queue list|dead-letters|pause [ID]|resume [ID]|cancel ID|retry ID|priority ID N|
//                     move ID --before ID2|--top|--bottom|rerun ID --preset P|approve ID|reject ID
//                                                                   — the persistent job store
// rendition-cli watch DIR --preset P --out OUT [--once]             — queue files as they settle
// The store is <data dir>/jobs.sqlite (--data-dir, RENDITION_DATA_DIR or the user's data folder).
// Exit codes: 0 done, 1 the store or a job refused (reason printed), 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/model/JobSpec.h"
#include "core/queue/Approval.h"
#include "core/queue/DataDir.h"
#include "core/queue/Intake.h"
#include "core/queue/JobStore.h"
#include "core/queue/WatchFolder.h"
#include "core/queue/WorkerPool.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace rendition::cli {

namespace {

QCommandLineOption dataDirOption()
{
    return {QStringLiteral("data-dir"), QStringLiteral("Folder of the job store (default: RENDITION_DATA_DIR or the user's data folder)."),
            QStringLiteral("DIR")};
}

Result<std::unique_ptr<JobStore>> openStore(const QCommandLineParser &parser)
{
    const QString dir = resolveDataDir(parser.value(QStringLiteral("data-dir")));
    QDir().mkpath(dir);
    return JobStore::open(jobStorePath(dir));
}

QJsonObject jobJson(const JobRecord &j)
{
    return {{QStringLiteral("id"), j.id}, {QStringLiteral("state"), jobStateName(j.state)}, {QStringLiteral("priority"), j.priority},
            {QStringLiteral("attempts"), j.attempts}, {QStringLiteral("last_stage"), j.lastStage},
            {QStringLiteral("published_dir"), j.publishedDir}, {QStringLiteral("batch"), j.batchId},
            {QStringLiteral("position"), j.position}, {QStringLiteral("review_note"), j.reviewNote},
            {QStringLiteral("rerun_of"), j.rerunOf}};
}

int listJobs(JobStore &store, bool json, QTextStream &out, QTextStream &err)
{
    Result<QList<JobRecord>> jobs = store.list();
    if (!jobs) { err << "queue: " << jobs.error().toString() << '\n'; return kExitFailed; }
    const Result<bool> paused = store.isQueuePaused();
    if (!paused) { err << "queue: " << paused.error().toString() << '\n'; return kExitFailed; }
    if (json) {
        QJsonArray a;
        for (const JobRecord &j : *jobs) a.append(jobJson(j));
        out << QJsonDocument(a).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    for (const JobRecord &j : *jobs) {
        const Result<JobSpec> spec = j.spec();
        const QString source = spec ? spec->source.localPath() : QString();
        out << j.id << "  " << jobStateName(j.state).leftJustified(10) << " prio " << j.priority << "  attempts " << j.attempts
            << "  " << (j.lastStage.isEmpty() ? QStringLiteral("-") : j.lastStage) << "  " << source << '\n';
    }
    out << jobs->size() << " job(s)" << (*paused ? "; the queue is PAUSED (rendition-cli queue resume)" : "") << '\n';
    return kExitOk;
}

int deadLetters(JobStore &store, bool json, QTextStream &out, QTextStream &err)
{
    Result<QList<DeadLetter>> letters = store.deadLetters();
    if (!letters) { err << "queue: " << letters.error().toString() << '\n'; return kExitFailed; }
    QJsonArray a;
    for (const DeadLetter &d : *letters) {
        a.append(QJsonObject{{QStringLiteral("job"), d.jobId}, {QStringLiteral("reason"), d.reason}, {QStringLiteral("context"), d.context}});
        if (!json) out << d.jobId << "  " << d.reason << '\n';
    }
    if (json) out << QJsonDocument(a).toJson(QJsonDocument::Indented);
    else out << letters->size() << " dead letter(s)\n";
    return kExitOk;
}

// pause ID: queued|running → paused; resume ID: back to what it was; retry: failed/dead/
// canceled/qc_failed/rejected → queued with a fresh retry budget; cancel → canceled. A running job's worker belongs to
// the process running the pool, which sees the change in the store within a moment.
int changeState(JobStore &store, const QString &verb, const QString &id, QTextStream &out, QTextStream &err)
{
    Status s;
    JobState to = JobState::Invalid;
    if (verb == u"pause") {
        s = store.pauseJob(id);
        to = JobState::Paused;
    } else if (verb == u"resume") {
        Result<JobState> resumed = store.resumeJob(id);
        if (resumed) to = *resumed;
        else s = resumed.error();
    } else if (verb == u"retry") {
        s = store.requeue(id);
        to = JobState::Queued;
    } else {
        to = JobState::Canceled;
        s = store.setState(id, to);
    }
    if (!s) { err << "queue " << verb << ": " << s.error().toString() << '\n'; return kExitFailed; }
    out << id << " -> " << jobStateName(to) << '\n';
    return kExitOk;
}

int pauseQueue(JobStore &store, bool paused, QTextStream &out, QTextStream &err)
{
    if (Status s = store.setQueuePaused(paused); !s) {
        err << "queue " << (paused ? "pause" : "resume") << ": " << s.error().toString() << '\n';
        return kExitFailed;
    }
    out << (paused ? "queue paused: no new job starts; running jobs go on\n" : "queue resumed\n");
    return kExitOk;
}

int moveJob(JobStore &store, const QCommandLineParser &parser, const QString &id, QTextStream &out, QTextStream &err)
{
    const bool before = parser.isSet(QStringLiteral("before")), top = parser.isSet(QStringLiteral("top")),
               bottom = parser.isSet(QStringLiteral("bottom"));
    if (int(before) + int(top) + int(bottom) != 1) {
        err << "queue move: give exactly one of --before ID, --top or --bottom\n";
        return kExitUsage;
    }
    const Status s = before ? store.moveJob(id, parser.value(QStringLiteral("before")))
                            : store.moveJobTo(id, top ? QueueEnd::Top : QueueEnd::Bottom);
    if (!s) { err << "queue move: " << s.error().toString() << '\n'; return kExitFailed; }
    out << id << " moved " << (before ? QStringLiteral("before ") + parser.value(QStringLiteral("before")) : top ? QStringLiteral("to the top") : QStringLiteral("to the bottom")) << '\n';
    return kExitOk;
}

int rerunJob(JobStore &store, const QCommandLineParser &parser, const QString &id, QTextStream &out, QTextStream &err)
{
    if (!parser.isSet(QStringLiteral("preset"))) { err << "queue rerun: --preset NAME|FILE is required\n"; return kExitUsage; }
    Result<Preset> preset = loadPreset(parser.value(QStringLiteral("preset")));
    if (!preset) { err << "queue rerun: " << preset.error().toString() << '\n'; return kExitUsage; }
    Result<JobRecord> job = store.rerun(id, *preset);
    if (!job) { err << "queue rerun: " << job.error().toString() << '\n'; return kExitFailed; }
    out << "queued " << job->id << " (re-run of " << id << " with preset " << preset->name << " v" << preset->version
        << "); run it with rendition-cli batch or a running pool\n";
    return kExitOk;
}

int review(JobStore &store, const QCommandLineParser &parser, const QString &verb, const QString &id, QTextStream &out,
           QTextStream &err)
{
    Approval approval(store);
    const QString note = parser.value(QStringLiteral("reason"));
    const Status s = verb == u"approve"
                         ? approval.approve(id, note)
                         : approval.reject(id, note.isEmpty() ? QStringLiteral("rejected by the reviewer (no reason given)") : note);
    if (!s) { err << "queue " << verb << ": " << s.error().toString() << '\n'; return kExitFailed; }
    out << id << " -> " << (verb == u"approve" ? "succeeded (current now points at its version)" : "rejected") << '\n';
    return kExitOk;
}

} // namespace

int queueCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Inspect and control the persistent job queue."));
    parser.addHelpOption();
    parser.addOption(dataDirOption());
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    parser.addOption({QStringLiteral("before"), QStringLiteral("move: put the job before this one."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("top"), QStringLiteral("move: the job runs next.")});
    parser.addOption({QStringLiteral("bottom"), QStringLiteral("move: the job runs last.")});
    parser.addOption({QStringLiteral("preset"), QStringLiteral("rerun: built-in preset name or preset JSON file."), QStringLiteral("NAME|FILE")});
    parser.addOption({QStringLiteral("reason"), QStringLiteral("approve: a note; reject: why (recorded with the job)."), QStringLiteral("TEXT")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("list | dead-letters | pause [ID] | resume [ID] | cancel ID | retry ID | priority ID N | "
                                                "move ID --before ID2|--top|--bottom | rerun ID --preset P | approve ID | "
                                                "reject ID [--reason TEXT]   (pause/resume without ID: the whole queue)"));
    QTextStream out(stdout), err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    const QStringList pos = parser.positionalArguments();
    static const QStringList kWithId{QStringLiteral("pause"), QStringLiteral("resume"), QStringLiteral("cancel"), QStringLiteral("retry"),
                                     QStringLiteral("move"), QStringLiteral("rerun"), QStringLiteral("approve"), QStringLiteral("reject")};
    static const QStringList kAlone{QStringLiteral("list"), QStringLiteral("dead-letters"), QStringLiteral("pause"), QStringLiteral("resume")};
    bool priorityOk = false;
    const int priority = pos.size() == 3 ? pos[2].toInt(&priorityOk) : 0;
    const bool ok = (pos.size() == 1 && kAlone.contains(pos[0])) || (pos.size() == 2 && kWithId.contains(pos[0]))
                    || (pos.size() == 3 && pos[0] == u"priority" && priorityOk);
    if (!ok) {
        err << "queue: expected list, dead-letters, pause|resume [ID], cancel|retry|move|rerun|approve|reject ID, or priority ID N\n\n"
            << usageText(parser, args.value(0));
        return kExitUsage;
    }
    auto store = openStore(parser);
    if (!store) { err << "queue: " << store.error().toString() << '\n'; return kExitFailed; }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (pos[0] == u"list") return listJobs(**store, json, out, err);
    if (pos[0] == u"dead-letters") return deadLetters(**store, json, out, err);
    if (pos.size() == 1) return pauseQueue(**store, pos[0] == u"pause", out, err); // pause / resume the queue
    if (pos[0] == u"priority") { // higher runs first
        if (Status st = (*store)->setPriority(pos[1], priority); !st) { err << "queue priority: " << st.error().toString() << '\n'; return kExitFailed; }
        out << pos[1] << " priority " << priority << '\n';
        return kExitOk;
    }
    if (pos[0] == u"move") return moveJob(**store, parser, pos[1], out, err);
    if (pos[0] == u"rerun") return rerunJob(**store, parser, pos[1], out, err);
    if (pos[0] == u"approve" || pos[0] == u"reject") return review(**store, parser, pos[0], pos[1], out, err);
    return changeState(**store, pos[0], pos[1], out, err);
}

int watchCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Queue every media file that settles in DIR (stops growing) with a preset; each file once, across restarts."));
    parser.addHelpOption();
    parser.addOption(dataDirOption());
    parser.addOption({QStringLiteral("preset"), QStringLiteral("Built-in preset name or preset JSON file."), QStringLiteral("NAME|FILE")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output root for the queued jobs."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("settle"), QStringLiteral("Seconds a file must stay unchanged (default 5)."), QStringLiteral("S"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("once"), QStringLiteral("Queue (and run) what has settled, then exit.")});
    parser.addOption({QStringLiteral("no-run"), QStringLiteral("Only queue; leave running to `batch` or another watcher.")});
    parser.addOption({QStringLiteral("slots"), QStringLiteral("Concurrent CPU jobs (default 1)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Folder to watch (recursively)."));
    QTextStream out(stdout), err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("preset")) || !parser.isSet(QStringLiteral("out"))) {
        err << "watch: DIR, --preset and --out are required\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }
    const QString dir = parser.positionalArguments().first();
    if (!QFileInfo(dir).isDir()) { err << "watch: " << dir << " is not a folder\n"; return kExitUsage; }
    Result<Preset> preset = loadPreset(parser.value(QStringLiteral("preset")));
    if (!preset) { err << "watch: " << preset.error().toString() << '\n'; return kExitUsage; }
    auto store = openStore(parser);
    if (!store) { err << "watch: " << store.error().toString() << '\n'; return kExitFailed; }
    const QString outRoot = QDir(parser.value(QStringLiteral("out"))).absolutePath();
    const int settleMs = int(parser.value(QStringLiteral("settle")).toDouble() * 1000);

    // The queued jobs run on the isolated worker pool unless --no-run.
    const bool runJobs = !parser.isSet(QStringLiteral("no-run"));
    WorkerPoolOptions poolOptions;
    poolOptions.program = QCoreApplication::applicationFilePath();
    poolOptions.cpuSlots = std::max(1, parser.value(QStringLiteral("slots")).toInt());
    poolOptions.hardwareSlots = 0;
    WorkerPool pool(**store, poolOptions);
    int succeeded = 0, failed = 0;
    QObject::connect(&pool, &WorkerPool::jobFinished, [&](const QString &id, JobOutcome outcome, const Error &e) {
        (outcome == JobOutcome::Succeeded ? succeeded : failed)++;
        out << jobOutcomeName(outcome) << ' ' << id << (e.message.isEmpty() ? QString() : QStringLiteral(": ") + e.message) << '\n' << Qt::flush;
    });
    QObject::connect(&pool, &WorkerPool::storeError, [&](const Error &e) { err << "watch: " << e.toString() << '\n'; });
    if (runJobs) {
        if (Status s = pool.start(); !s) { err << "watch: " << s.error().toString() << '\n'; return kExitFailed; }
    }

    int queued = 0, rejected = 0;
    WatchFolder watcher(dir, settleMs, 500, nullptr);
    QObject::connect(&watcher, &WatchFolder::fileSettled, [&](const QString &path, qint64 size, qint64 mtime) {
        // Once per path+size+mtime+content, across restarts: the intake's decision (core/queue/Intake).
        Result<std::optional<IntakeItem>> item = Intake::admitWatched(**store, path, size, mtime, *preset, outRoot, CancelToken());
        if (!item) { err << "watch: " << item.error().toString() << '\n' << Qt::flush; return; }
        if (!item->has_value()) return; // taken by an earlier run
        const IntakeItem &i = **item;
        if (i.verdict == IntakeVerdict::Reject) {
            ++rejected;
            err << "watch: skipped " << path << ": " << i.describe() << '\n' << Qt::flush;
            return;
        }
        if (i.verdict == IntakeVerdict::Queue || i.verdict == IntakeVerdict::Requeue) ++queued;
        out << intakeVerdictName(i.verdict).replace(u'_', u' ') << ' ' << path << ": " << i.describe() << '\n' << Qt::flush;
        if (runJobs) pool.poke();
    });
    if (parser.isSet(QStringLiteral("once"))) {
        // Scan until nothing is left growing (two scans a settle period apart), then let the
        // pool finish what was queued.
        watcher.scanOnce();
        bool scanned = false;
        QTimer::singleShot(settleMs + 100, [&] {
            watcher.scanOnce();
            scanned = true;
            if (!runJobs) QCoreApplication::quit();
            else pool.poke(); // ends in idle() once everything queued has run
        });
        QObject::connect(&pool, &WorkerPool::idle, [&] { if (scanned) QCoreApplication::quit(); });
        QCoreApplication::exec();
        out << queued << " queued, " << rejected << " skipped";
        if (runJobs) out << ", " << succeeded << " succeeded, " << failed << " failed";
        out << '\n';
        return failed == 0 ? kExitOk : kExitFailed;
    }
    watcher.start();
    return QCoreApplication::exec();
}

} // namespace rendition::cli
