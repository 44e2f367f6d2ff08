// queue_bench: responsiveness of the GUI's queue panel with a large store (issue #6 item 9).
//   queue_bench [--jobs N] [--seconds S] [--cli PATH] [--fixture FILE] [--no-real]
// Builds a store with N jobs (default 10,000; one enqueueMany transaction), shows the queue
// panel offscreen and prints:
//   - the store insert time, the off-thread load time and the GUI thread's event-loop gaps
//     while the panel loads;
//   - the max gap of a 10 ms timer over S seconds (default 10) with 2 jobs reporting
//     progress at 10 events/s each (simulated: events into the model, stages into the store);
//   - sorting by every column and filtering by text and state (each until repainted);
//   - a reorder (JobStore::moveJob of the last job before the first one);
//   - the gaps over S seconds with 2 REAL children (WorkerPool running rendition-cli on the
//     fixture with the built-in proxy-edit preset), unless --no-real, and — timed alone — the
//     store query the pool's pump() makes on the GUI thread each time a job starts or ends.
// Goals: gaps ≤ 50 ms, sort/filter < 100 ms. Figures are printed, never turned into an exit
// code (exit 1 only when the bench itself cannot run).

#include "bench/gui/EnqueueStall.h"
#include "bench/gui/QueueResponsiveness.h"

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "ui/queue/QueueController.h"
#include "core/queue/WorkerPool.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

using namespace rendition;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int fail(const QString &why)
{
    QTextStream(stderr) << "queue_bench: " << why << '\n';
    return 1;
}

// Waits in the event loop until `done` or `timeoutMs`; returns done().
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Queue panel responsiveness with a large job store."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Jobs in the store."), QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds per gap measurement."), QStringLiteral("S"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("cli"), QStringLiteral("rendition-cli for the real children."), QStringLiteral("PATH"), QStringLiteral(RENDITION_CLI)});
    parser.addOption({QStringLiteral("fixture"), QStringLiteral("Source media file."), QStringLiteral("FILE"),
                      QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4")});
    parser.addOption({QStringLiteral("no-real"), QStringLiteral("Skip the phase with real worker children.")});
    parser.addOption({QStringLiteral("enqueue"), QStringLiteral("Files queued through the GUI's workspace (0 = skip)."),
                      QStringLiteral("N"), QStringLiteral("1000")});
    parser.process(app);
    const int jobCount = std::max(10, parser.value(QStringLiteral("jobs")).toInt());
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    QTemporaryDir tmp;
    if (!tmp.isValid()) return fail(QStringLiteral("no temporary folder"));
    Result<std::unique_ptr<JobStore>> opened = JobStore::open(tmp.filePath(QStringLiteral("data/jobs.sqlite")));
    if (!opened) return fail(opened.error().toString());
    JobStore &store = **opened;

    // Sources: a few copies of the fixture, so the jobs that really run publish to different assets.
    QStringList sources;
    for (int i = 0; i < 8; ++i) {
        const QString path = tmp.filePath(QStringLiteral("src/clip-%1.mp4").arg(i, 2, 10, QLatin1Char('0')));
        QDir().mkpath(QFileInfo(path).path());
        if (!QFile::copy(parser.value(QStringLiteral("fixture")), path)) return fail(QStringLiteral("cannot copy the fixture to ") + path);
        sources << path;
    }
    Result<Preset> preset = loadPreset(QStringLiteral("proxy-edit"));
    if (!preset) return fail(preset.error().toString());
    Result<JobSpec> base = makeJobSpec(probe(sources.first()), *preset, tmp.filePath(QStringLiteral("out")));
    if (!base) return fail(base.error().toString());
    Result<BatchInfo> batch = store.addBatch(preset->name, tmp.filePath(QStringLiteral("out")));
    if (!batch) return fail(batch.error().toString());

    out() << "queue_bench: " << jobCount << " jobs, " << seconds << " s per gap measurement\n";
    QElapsedTimer t;
    t.start();
    Result<QStringList> ids = store.enqueueMany(bench::cloneSpecs(*base, jobCount, sources), batch->id);
    if (!ids) return fail(ids.error().toString());
    out() << QStringLiteral("  store: %1 jobs enqueued in one transaction in %2 ms\n").arg(ids->size()).arg(t.elapsed());
    // A few jobs in other states, so the state filters have something to find.
    for (int i = 0; i < 20; ++i) (void)store.moveToDeadLetters(ids->at(jobCount - 1 - i), QStringLiteral("permanent: bench"), {});

    WorkerPoolOptions options;
    options.program = parser.value(QStringLiteral("cli"));
    options.cpuSlots = 2;
    options.hardwareSlots = 0;
    WorkerPool pool(store, options);

    // Load: the panel reads the store on its feed's thread; measure the GUI thread meanwhile.
    std::unique_ptr<ui::QueuePanel> panel;
    QElapsedTimer loadClock;
    bench::GapStats loadGaps;
    QTimer::singleShot(0, [&] {
        loadClock.start();
        panel = std::make_unique<ui::QueuePanel>(store, &pool);
        panel->resize(1400, 900);
        panel->show();
    });
    loadGaps = bench::measureEventLoopGaps(3000);
    if (!panel || !waitUntil([&] { return panel->feed()->isLoaded(); }, 60000)) return fail(QStringLiteral("the panel did not load"));
    out() << QStringLiteral("  load: %1 rows read off-thread in %2 ms, applied on the GUI thread in %3 ms\n")
                 .arg(panel->model()->rowCount())
                 .arg(panel->feed()->lastReadMs())
                 .arg(panel->feed()->loadApplyMs(), 0, 'f', 1);
    out() << bench::formatGaps(QStringLiteral("while loading"), loadGaps, 50);

    // Two jobs "running" with simulated progress.
    bench::SimulatedRunners runners(store, *panel->model(), {ids->at(0), ids->at(1)});
    runners.start();
    const bench::GapStats simulated = bench::measureEventLoopGaps(seconds * 1000);
    out() << bench::formatGaps(QStringLiteral("2 simulated running jobs (%1 progress events)").arg(runners.events()), simulated, 50);
    out() << QStringLiteral("    GUI thread: largest stage write to the store %1 ms (the pool does the same), largest change set applied %2 ms\n")
                 .arg(runners.maxStoreWriteMs(), 0, 'f', 1)
                 .arg(panel->feed()->maxChangeApplyMs(), 0, 'f', 1);

    out() << "  sorting (until repainted):\n" << bench::formatSteps(bench::measureSorts(*panel), 100);
    out() << "  filtering (until repainted):\n" << bench::formatSteps(bench::measureFilters(*panel, QStringLiteral("clip-03")), 100);

    // Reorder: the last queued job to the top, before the first: every job's position shifts.
    const QString last = ids->at(jobCount - 21), first = ids->at(2);
    QElapsedTimer moveClock;
    qint64 shownMs = -1;
    double moveStoreMs = 0;
    QObject::connect(panel->model(), &QAbstractItemModel::dataChanged, panel.get(), [&] {
        if (shownMs < 0 && panel->model()->rowOfJob(last) >= 0
            && panel->model()->jobAt(panel->model()->rowOfJob(last))->snapshot.position
                   < panel->model()->jobAt(panel->model()->rowOfJob(first))->snapshot.position)
            shownMs = moveClock.elapsed();
    });
    QTimer::singleShot(200, [&] {
        moveClock.start();
        const QList<Error> errors = panel->controller()->moveBefore({last}, first);
        moveStoreMs = moveClock.nsecsElapsed() / 1e6;
        if (!errors.isEmpty()) QTextStream(stderr) << "move: " << errors.first().toString() << '\n';
    });
    const bench::GapStats reorder = bench::measureEventLoopGaps(3000);
    out() << QStringLiteral("  reorder: moveJob(last → before first) took %1 ms in the store (GUI thread), shown after %2 ms;"
                            " largest change set applied %3 ms\n")
                 .arg(moveStoreMs, 0, 'f', 1)
                 .arg(shownMs)
                 .arg(panel->feed()->maxChangeApplyMs(), 0, 'f', 1);
    out() << bench::formatGaps(QStringLiteral("during the reorder"), reorder, 50);
    runners.stop();
    for (const Error &e : runners.errors()) QTextStream(stderr) << "simulated runner: " << e.toString() << '\n';

    // Queuing files from the GUI: the intake runs off the GUI thread on its own connection.
    if (const int files = parser.value(QStringLiteral("enqueue")).toInt(); files > 0) {
        const QStringList wavs = bench::makeDistinctWavs(tmp.filePath(QStringLiteral("takes")), files);
        ui::AppSettings settings;
        settings.outputRoot = tmp.filePath(QStringLiteral("out"));
        Result<std::unique_ptr<ui::Workspace>> ws = ui::Workspace::open(tmp.filePath(QStringLiteral("data")), options.program, settings);
        if (!ws) return fail(ws.error().toString());
        const bench::EnqueueStall e = bench::measureEnqueueStall(**ws, wavs, QStringLiteral("proxy-edit"), 600000);
        if (!e.failure.isEmpty()) return fail(QStringLiteral("enqueue: ") + e.failure);
        out() << QStringLiteral("  enqueue: %1 files through the workspace into a %2-job store: %3 queued, %4 not, in %5 ms\n")
                     .arg(files).arg(jobCount).arg(e.queued).arg(e.notQueued).arg(e.wallMs, 0, 'f', 0);
        out() << bench::formatGaps(QStringLiteral("GUI thread while queuing"), e.gaps, 50);
    }

    if (!parser.isSet(QStringLiteral("no-real"))) {
        (void)store.setState(ids->at(0), JobState::Queued);
        (void)store.setState(ids->at(1), JobState::Queued);
        int progress = 0, finished = 0;
        QObject::connect(&pool, &WorkerPool::jobProgress, [&progress] { ++progress; });
        QObject::connect(&pool, &WorkerPool::jobFinished, [&finished] { ++finished; });
        // What WorkerPool::pump() asks the store on the GUI thread at every start / job end
        // (per pool with free slots: that many queued jobs of its work classes), timed alone.
        QElapsedTimer diag;
        diag.start();
        const int picked = int(store.queuedOfWork({QStringLiteral("cpu"), QStringLiteral("hardware")}, 2).value().size());
        out() << QStringLiteral("  WorkerPool::pump's store query, timed alone: %1 of %2 queued jobs picked in %3 ms\n")
                     .arg(picked)
                     .arg(ids->size())
                     .arg(diag.nsecsElapsed() / 1e6, 0, 'f', 1);
        if (Status s = pool.start(); !s) return fail(s.error().toString());
        const bench::GapStats real = bench::measureEventLoopGaps(seconds * 1000);
        out() << bench::formatGaps(QStringLiteral("2 real children (%1 progress events, %2 jobs finished)").arg(progress).arg(finished),
                                   real, 50);
        (void)pool.setQueuePaused(true);
    }
    out().flush();
    panel.reset();
    return 0;
}
