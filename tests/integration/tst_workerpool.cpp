// WorkerPool end to end: real `rendition-cli exec-job` children on real media, a real
// JobStore in a QTemporaryDir, driven only by the event loop (QSignalSpy::wait).
//   - 3 jobs on 2 CPU slots: never more than 2 children, progress signals, all succeeded,
//     published version folders with a manifest, renditions recorded;
//   - a bad source: dead letter after exactly 1 attempt (permanent), error in dead_letters;
//   - a hang (the child is SIGSTOPped after its first progress event): the watchdog ends
//     it (worker.stalled, transient), the retry succeeds;
//   - the same hang with 1 attempt allowed: dead letter "attempts_exhausted";
//   - memory over the limit: worker.memory;
//   - cancel: canceled, no version published, no staging left.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace rendition;

namespace {

const QString kCliPath = QStringLiteral(RENDITION_CLI);
const QString kSport = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 640x360 59.94, 6 s
const QString kBadSource = QStringLiteral(RENDITION_FIXTURES "/bad/truncated_moov_at_end.mp4");

Preset tinyPreset()
{
    static const Preset preset = parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "pool-tiny",
      "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "ultrafast",
                  "rate_control": {"mode": "crf", "crf": 30}}],
      "audio": [],
      "packaging": {"segment_duration_s": 2, "hls": true, "dash": false},
      "loudness": {"enabled": false}, "thumbnails": {"enabled": false}, "qc": {"enabled": false}})"))
                                     .value();
    return preset;
}

// Waits (event loop) until `spy` holds at least `count` signals or the time is up.
bool waitFor(QSignalSpy &spy, int count, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (spy.count() < count) {
        const qint64 left = timeoutMs - t.elapsed();
        if (left <= 0 || !spy.wait(int(left))) return spy.count() >= count;
    }
    return true;
}

} // namespace

class TestWorkerPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void threeJobsOnTwoSlots();
    void badSourceIsDeadLetteredAtOnce();
    void hangIsStoppedAndRetried();
    void hangWithoutAttemptsLeftIsDeadLettered();
    void memoryLimitStopsTheWorker();
    void cancelLeavesNothingPublished();

private:
    QString copyOfSport(const QString &name);
    JobSpec specFor(const QString &source, bool clearProblems = false);
    QString enqueue(const JobSpec &spec);
    WorkerPoolOptions options(int cpuSlots = 2);
    static RetryPolicy fastRetry(int maxAttempts);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<JobStore> m_store;
    QString m_out;
};

void TestWorkerPool::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_out = m_tmp->filePath(QStringLiteral("out"));
    Result<std::unique_ptr<JobStore>> store = JobStore::open(m_tmp->filePath(QStringLiteral("data/jobs.sqlite")));
    QVERIFY2(store.ok(), store ? "" : qPrintable(store.error().toString()));
    m_store = std::move(store).value();
}

void TestWorkerPool::cleanup()
{
    m_store.reset();
    m_tmp.reset();
}

QString TestWorkerPool::copyOfSport(const QString &name)
{
    const QString path = m_tmp->filePath(name);
    return QFile::copy(kSport, path) ? path : QString();
}

JobSpec TestWorkerPool::specFor(const QString &source, bool clearProblems)
{
    ProbeResult probed = probe(source);
    if (clearProblems) probed.problems.clear(); // the spec of a file the engine will still reject
    Result<JobSpec> spec = makeJobSpec(probed, tinyPreset(), m_out);
    if (!spec) qFatal("makeJobSpec: %s", qPrintable(spec.error().toString()));
    return *spec;
}

QString TestWorkerPool::enqueue(const JobSpec &spec)
{
    Result<JobRecord> r = m_store->enqueue(spec, QString());
    if (!r) qFatal("enqueue: %s", qPrintable(r.error().toString()));
    return r->id;
}

WorkerPoolOptions TestWorkerPool::options(int cpuSlots)
{
    WorkerPoolOptions o;
    o.program = kCliPath;
    o.cpuSlots = cpuSlots;
    o.hardwareSlots = 0;
    o.lightSlots = 1;
    o.graceMs = 2000;
    o.pollMs = 200;
    return o;
}

RetryPolicy TestWorkerPool::fastRetry(int maxAttempts)
{
    return RetryPolicy(RetryConfig{100, 400, maxAttempts});
}

void TestWorkerPool::threeJobsOnTwoSlots()
{
    QStringList ids;
    for (const QString &name : {QStringLiteral("a.mp4"), QStringLiteral("b.mp4"), QStringLiteral("c.mp4")}) {
        const QString src = copyOfSport(name);
        QVERIFY(!src.isEmpty());
        ids << enqueue(specFor(src));
    }
    WorkerPool pool(*m_store, options(2), fastRetry(4));
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QSignalSpy progress(&pool, &WorkerPool::jobProgress);
    QSignalSpy started(&pool, &WorkerPool::jobStarted);
    int maxRunning = 0;
    connect(&pool, &WorkerPool::jobStarted, this, [&] { maxRunning = std::max(maxRunning, pool.runningTotal()); });
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 3, 50000));

    QCOMPARE(started.count(), 3);
    QCOMPARE(maxRunning, 2);
    QVERIFY(progress.count() >= 3);
    QSet<QString> progressed;
    for (const QList<QVariant> &args : progress) {
        progressed.insert(args.at(0).toString());
        const ProgressEvent e = args.at(1).value<ProgressEvent>();
        QVERIFY(!e.stage.isEmpty());
        QVERIFY(e.percent >= 0 && e.percent <= 100);
    }
    QCOMPARE(progressed, QSet<QString>(ids.begin(), ids.end()));
    for (const QList<QVariant> &args : finished)
        QCOMPARE(args.at(1).value<JobOutcome>(), JobOutcome::Succeeded);
    for (const QString &id : ids) {
        const JobRecord r = m_store->job(id).value().value();
        QCOMPARE(r.state, JobState::Succeeded);
        QCOMPARE(r.attempts, 1);
        QVERIFY2(QFileInfo::exists(QDir(r.publishedDir).filePath(QStringLiteral("manifest.json"))), qPrintable(r.publishedDir));
        const QList<RenditionRecord> renditions = m_store->renditions(id).value();
        QCOMPARE(renditions.size(), 1);
        QCOMPARE(renditions.first().name, QStringLiteral("180p"));
        QVERIFY(renditions.first().bytes > 0);
        const QList<StageAttempt> attempts = m_store->attempts(id).value();
        QCOMPARE(attempts.size(), 1);
        QVERIFY(attempts.first().errorCode.isEmpty());
        QVERIFY(attempts.first().endedAt.isValid());
        QVERIFY(attempts.first().worker.startsWith(QStringLiteral("pid ")));
    }
    // Three different assets, each published once.
    QCOMPARE(QDir(m_out).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 3);
}

void TestWorkerPool::badSourceIsDeadLetteredAtOnce()
{
    const QString id = enqueue(specFor(kBadSource, true));
    WorkerPool pool(*m_store, options(1), fastRetry(4));
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QSignalSpy retried(&pool, &WorkerPool::attemptFailed);
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 1, 20000));
    QCOMPARE(retried.count(), 0);
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Dead);
    const Error e = finished.first().at(2).value<Error>();
    QVERIFY2(e.code.startsWith(QStringLiteral("ingest.")), qPrintable(e.code));

    const JobRecord r = m_store->job(id).value().value();
    QCOMPARE(r.state, JobState::Dead);
    QCOMPARE(r.attempts, 1);
    const QList<DeadLetter> letters = m_store->deadLetters().value();
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters.first().jobId, id);
    QVERIFY(letters.first().reason.startsWith(QStringLiteral("permanent")));
    const QJsonObject ctx = letters.first().context;
    QVERIFY2(QJsonDocument(ctx).toJson().contains(e.code.toUtf8()), QJsonDocument(ctx).toJson().constData());
    const QJsonArray attempts = ctx.value(QStringLiteral("attempts")).toArray();
    QCOMPARE(attempts.size(), 1);
    QVERIFY(!QJsonDocument(attempts.first().toObject()).toJson().isEmpty());
    QVERIFY(!m_store->attempts(id).value().first().logTail.isEmpty());
}

void TestWorkerPool::hangIsStoppedAndRetried()
{
    const QString src = copyOfSport(QStringLiteral("hang.mp4"));
    const QString id = enqueue(specFor(src));
    WorkerPoolOptions o = options(1);
    o.stallSeconds = 2;
    WorkerPool pool(*m_store, o, fastRetry(3));
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QSignalSpy retried(&pool, &WorkerPool::attemptFailed);
    bool stopped = false;
    // A real hang: the first attempt's child is frozen right after its first progress event.
    connect(&pool, &WorkerPool::jobProgress, this, [&](const QString &jobId) {
        const qint64 pid = pool.processId(jobId);
        if (stopped || pid <= 0) return; // never kill(0, ...): that is our own process group
        stopped = true;
        ::kill(pid_t(pid), SIGSTOP);
    });
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 1, 45000));
    QCOMPARE(retried.count(), 1);
    QCOMPARE(retried.first().at(2).value<Error>().code, QStringLiteral("worker.stalled"));
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Succeeded);
    const JobRecord r = m_store->job(id).value().value();
    QCOMPARE(r.state, JobState::Succeeded);
    QCOMPARE(r.attempts, 2);
    const QList<StageAttempt> attempts = m_store->attempts(id).value();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0).errorCode, QStringLiteral("worker.stalled"));
    QVERIFY(attempts.at(1).errorCode.isEmpty());
    QVERIFY(QFileInfo::exists(QDir(r.publishedDir).filePath(QStringLiteral("manifest.json"))));
}

void TestWorkerPool::hangWithoutAttemptsLeftIsDeadLettered()
{
    const QString id = enqueue(specFor(copyOfSport(QStringLiteral("hang1.mp4"))));
    WorkerPoolOptions o = options(1);
    o.stallSeconds = 1;
    o.graceMs = 500;
    WorkerPool pool(*m_store, o, fastRetry(1));
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    connect(&pool, &WorkerPool::jobStarted, this, [&](const QString &, int, qint64 pid) { ::kill(pid_t(pid), SIGSTOP); });
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 1, 20000));
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Dead);
    QCOMPARE(m_store->job(id).value().value().state, JobState::Dead);
    const QList<DeadLetter> letters = m_store->deadLetters().value();
    QCOMPARE(letters.size(), 1);
    QCOMPARE(letters.first().reason, QStringLiteral("attempts_exhausted: worker.stalled"));
}

void TestWorkerPool::memoryLimitStopsTheWorker()
{
    const QString id = enqueue(specFor(copyOfSport(QStringLiteral("mem.mp4"))));
    WorkerPoolOptions o = options(1);
    o.maxRssBytes = 1 << 20; // 1 MiB: any real process is over it
    WorkerPool pool(*m_store, o, fastRetry(1));
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    // Frozen at its first progress event (fully loaded, so well over 1 MiB; stopping it right
    // after exec could catch the dynamic loader below the limit) so that the tiny job cannot
    // finish before the next RSS reading.
    bool frozen = false;
    connect(&pool, &WorkerPool::jobProgress, this, [&](const QString &jobId, const ProgressEvent &) {
        if (frozen) return;
        const qint64 pid = pool.processId(jobId);
        if (pid <= 0) return; // already gone: never kill(0, ...) — that would be our own group
        frozen = true;
        ::kill(pid_t(pid), SIGSTOP);
    });
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 1, 20000));
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Dead);
    QCOMPARE(finished.first().at(2).value<Error>().code, QStringLiteral("worker.memory"));
    const StageAttempt a = m_store->attempts(id).value().first();
    QCOMPARE(a.errorCode, QStringLiteral("worker.memory"));
    QVERIFY2(a.logTail.contains(QStringLiteral("VmRSS")), qPrintable(a.logTail));
}

void TestWorkerPool::cancelLeavesNothingPublished()
{
    const QString src = copyOfSport(QStringLiteral("cancel.mp4"));
    const QString id = enqueue(specFor(src));
    WorkerPool pool(*m_store, options(1), fastRetry(4));
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    bool asked = false;
    connect(&pool, &WorkerPool::jobProgress, this, [&](const QString &jobId, const ProgressEvent &e) {
        if (asked || e.stage == u"verify") return; // cancel inside the pipeline
        asked = true;
        QVERIFY(pool.cancel(jobId));
    });
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 1, 30000));
    QVERIFY(asked);
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Canceled);
    const JobRecord r = m_store->job(id).value().value();
    QCOMPARE(r.state, JobState::Canceled);
    QVERIFY(r.publishedDir.isEmpty());
    const StageAttempt attempt = m_store->attempts(id).value().first();
    QCOMPARE(attempt.errorCode, QStringLiteral("canceled"));
    // The child canceled politely (its own event, exit 130), not through SIGKILL.
    QVERIFY2(attempt.logTail.contains(QStringLiteral("\"event\":\"canceled\"")), qPrintable(attempt.logTail));
    // No version and no staging left behind.
    const QDir asset(QDir(m_out).filePath(QStringLiteral("cancel")));
    const QStringList left = asset.exists() ? asset.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden) : QStringList();
    for (const QString &entry : left)
        QVERIFY2(!entry.startsWith(u'v') && !entry.startsWith(QStringLiteral(".staging")), qPrintable(left.join(u' ')));
    // Canceling a job that is not running is refused.
    QVERIFY(!pool.cancel(id));
}

QTEST_GUILESS_MAIN(TestWorkerPool)
#include "tst_workerpool.moc"
