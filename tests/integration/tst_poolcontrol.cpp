// WorkerPool control end to end: real `rendition-cli exec-job` children on real media and a
// real JobStore, driven by the event loop.
//   - pause of a running job: the child's process group is stopped (state T in /proc), the
//     store says paused, the watchdog (1 s stall limit) does not count the pause, resume
//     finishes it in ONE attempt;
//   - cancel of a paused running job: SIGCONT before SIGTERM, canceled politely (long grace);
//   - a pause / resume of a running job and of the queue made through ANOTHER connection
//     (what `rendition-cli queue pause|resume` does from another process) is picked up by the
//     pool's store poll; a paused queue starts nothing and is not "idle";
//   - the approval gate: a gated preset ends awaiting_approval with a version but no
//     `current`; Approval::approve moves `current` to it;
//   - bad input: unknown ids, resume of a job that is not paused.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/queue/Approval.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;

namespace {

const QString kCliPath = QStringLiteral(RENDITION_CLI);
const QString kSport = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 640x360 59.94, 6 s

Preset tinyPreset(bool requireApproval = false)
{
    return parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "pool-control",
      "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "ultrafast",
                  "rate_control": {"mode": "crf", "crf": 30}}],
      "audio": [],
      "packaging": {"segment_duration_s": 2, "hls": true, "dash": false},
      "loudness": {"enabled": false}, "thumbnails": {"enabled": false},
      "qc": {"enabled": false, "require_approval": )")
                       + (requireApproval ? "true" : "false") + "}}")
        .value();
}

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

// The scheduler state letter of a process ('T' = stopped), '?' when unreadable.
char procState(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly)) return '?';
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && close + 2 < stat.size() ? stat.at(close + 2) : '?';
}

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

} // namespace

class TestPoolControl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void pauseAndResumeARunningJob();
    void cancelAPausedRunningJob();
    void pauseAndResumeFromAnotherProcess();
    void pausedQueueStartsNothing();
    void approvalGateKeepsCurrentUntilApproved();

private:
    QString enqueue(bool requireApproval = false);
    WorkerPoolOptions options();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<JobStore> m_store;
    QString m_out;
    int m_sources = 0;
};

void TestPoolControl::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_out = m_tmp->filePath(QStringLiteral("out"));
    m_store = JobStore::open(m_tmp->filePath(QStringLiteral("data/jobs.sqlite"))).value();
}

void TestPoolControl::cleanup()
{
    m_store.reset();
    m_tmp.reset();
}

QString TestPoolControl::enqueue(bool requireApproval)
{
    const QString path = m_tmp->filePath(QStringLiteral("src%1.mp4").arg(++m_sources));
    if (!QFile::copy(kSport, path)) qFatal("cannot copy the fixture");
    Result<JobSpec> spec = makeJobSpec(probe(path), tinyPreset(requireApproval), m_out);
    if (!spec) qFatal("makeJobSpec: %s", qPrintable(spec.error().toString()));
    return m_store->enqueue(*spec, QString()).value().id;
}

WorkerPoolOptions TestPoolControl::options()
{
    WorkerPoolOptions o;
    o.program = kCliPath;
    o.cpuSlots = 1;
    o.hardwareSlots = 0;
    o.lightSlots = 1;
    o.graceMs = 30000; // a cancel must be polite: SIGKILL would come far too late for the test
    o.pollMs = 100;
    o.storePollMs = 100;
    return o;
}

void TestPoolControl::pauseAndResumeARunningJob()
{
    const QString id = enqueue();
    WorkerPoolOptions o = options();
    o.stallSeconds = 1; // a pause of 3 s would be a stall if the watchdog counted it
    WorkerPool pool(*m_store, o, RetryPolicy(RetryConfig{100, 400, 1}));
    QSignalSpy progress(&pool, &WorkerPool::jobProgress);
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QSignalSpy paused(&pool, &WorkerPool::jobPaused);
    QSignalSpy resumed(&pool, &WorkerPool::jobResumed);
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(progress, 1, 60000));
    const qint64 pid = pool.processId(id);
    QVERIFY(pid > 0);

    QVERIFY(pool.pauseJob(id).ok());
    QCOMPARE(paused.count(), 1);
    QVERIFY(pool.isPaused(id));
    QCOMPARE(m_store->job(id).value()->state, JobState::Paused);
    spin(3000);
    QCOMPARE(procState(pid), 'T');
    QVERIFY(pool.isRunning(id));
    QCOMPARE(finished.count(), 0);
    // Bad input while it is paused: pausing again, an unknown id.
    QCOMPARE(pool.pauseJob(id).error().code, QStringLiteral("store.bad_transition"));
    QCOMPARE(pool.pauseJob(QStringLiteral("nope")).error().code, QStringLiteral("store.no_such_job"));

    QVERIFY(pool.resumeJob(id).ok());
    QCOMPARE(resumed.count(), 1);
    QVERIFY(!pool.isPaused(id));
    QCOMPARE(m_store->job(id).value()->state, JobState::Running);
    QCOMPARE(pool.resumeJob(id).error().code, QStringLiteral("store.bad_transition")); // not paused any more
    QVERIFY(waitFor(finished, 1, 120000));
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Succeeded);
    const JobRecord r = m_store->job(id).value().value();
    QCOMPARE(r.state, JobState::Succeeded);
    QCOMPARE(r.attempts, 1);
}

void TestPoolControl::cancelAPausedRunningJob()
{
    const QString id = enqueue();
    WorkerPool pool(*m_store, options());
    QSignalSpy progress(&pool, &WorkerPool::jobProgress);
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(progress, 1, 60000));
    QVERIFY(pool.pauseJob(id).ok());
    QElapsedTimer t;
    t.start();
    QVERIFY(pool.cancel(id));
    QVERIFY(waitFor(finished, 1, 25000)); // well inside the 30 s grace: SIGTERM was handled
    QVERIFY2(t.elapsed() < 25000, "the paused child only ended by SIGKILL");
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Canceled);
    QCOMPARE(m_store->job(id).value()->state, JobState::Canceled);
    QCOMPARE(m_store->attempts(id).value().first().errorCode, QStringLiteral("canceled"));
    // Nothing published, no staging left behind.
    const QDir out(m_out);
    for (const QString &asset : out.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QVERIFY2(QDir(out.filePath(asset)).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty(),
                 qPrintable(asset));
}

void TestPoolControl::pauseAndResumeFromAnotherProcess()
{
    const QString id = enqueue();
    auto other = JobStore::open(m_store->path()).value(); // another connection, as another process has
    WorkerPool pool(*m_store, options());
    QSignalSpy progress(&pool, &WorkerPool::jobProgress);
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QSignalSpy paused(&pool, &WorkerPool::jobPaused);
    QSignalSpy resumed(&pool, &WorkerPool::jobResumed);
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(progress, 1, 60000));
    const qint64 pid = pool.processId(id);
    QVERIFY(other->pauseJob(id).ok());
    QVERIFY(waitFor(paused, 1, 10000));
    QVERIFY(pool.isPaused(id));
    spin(300);
    QCOMPARE(procState(pid), 'T');
    QCOMPARE(other->resumeJob(id).value(), JobState::Running);
    QVERIFY(waitFor(resumed, 1, 10000));
    QVERIFY(waitFor(finished, 1, 120000));
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Succeeded);
}

void TestPoolControl::pausedQueueStartsNothing()
{
    QVERIFY(m_store->setQueuePaused(true).ok());
    const QString first = enqueue();
    const QString second = enqueue();
    WorkerPool pool(*m_store, options());
    QSignalSpy started(&pool, &WorkerPool::jobStarted);
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QSignalSpy idle(&pool, &WorkerPool::idle);
    QSignalSpy pausedChanged(&pool, &WorkerPool::queuePausedChanged);
    QVERIFY(pool.start().ok());
    QVERIFY(pool.isQueuePaused());
    spin(1500);
    QCOMPARE(started.count(), 0);
    QCOMPARE(idle.count(), 0); // waiting, not done
    QCOMPARE(m_store->job(first).value()->state, JobState::Queued);

    // Resumed by another process: the poll notices, the first job starts.
    auto other = JobStore::open(m_store->path()).value();
    QVERIFY(other->setQueuePaused(false).ok());
    QVERIFY(waitFor(pausedChanged, 1, 10000));
    QCOMPARE(pausedChanged.first().at(0).toBool(), false);
    QVERIFY(waitFor(started, 1, 30000));
    // Paused again (through the pool) while the first runs: it finishes, the second waits.
    QVERIFY(pool.setQueuePaused(true).ok());
    QVERIFY(other->isQueuePaused().value());
    QVERIFY(waitFor(finished, 1, 120000));
    spin(800);
    QCOMPARE(started.count(), 1);
    QCOMPARE(m_store->job(second).value()->state, JobState::Queued);
    QVERIFY(pool.setQueuePaused(false).ok());
    QVERIFY(waitFor(finished, 2, 120000));
    QVERIFY(waitFor(idle, 1, 10000));
    QCOMPARE(m_store->job(second).value()->state, JobState::Succeeded);
}

void TestPoolControl::approvalGateKeepsCurrentUntilApproved()
{
    const QString id = enqueue(true);
    WorkerPool pool(*m_store, options());
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QVERIFY(pool.start().ok());
    QVERIFY(waitFor(finished, 1, 120000));
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::AwaitingApproval);
    const JobRecord r = m_store->job(id).value().value();
    QCOMPARE(r.state, JobState::AwaitingApproval);
    QVERIFY(QFileInfo::exists(QDir(r.publishedDir).filePath(QStringLiteral("manifest.json"))));
    const QString current = QFileInfo(r.publishedDir).dir().filePath(QStringLiteral("current"));
    QVERIFY(!QFileInfo(current).exists() && !QFileInfo(current).isSymLink());
    QVERIFY(!m_store->renditions(id).value().isEmpty());

    Approval approval(*m_store);
    QCOMPARE(approval.reject(QStringLiteral("nope"), QStringLiteral("x")).error().code, QStringLiteral("store.no_such_job"));
    QVERIFY(approval.approve(id).ok());
    QCOMPARE(QFileInfo(current).symLinkTarget(), QFileInfo(r.publishedDir).absoluteFilePath());
    QCOMPARE(m_store->job(id).value()->state, JobState::Succeeded);
    QCOMPARE(approval.approve(id).error().code, QStringLiteral("store.not_awaiting_approval"));
}

QTEST_GUILESS_MAIN(TestPoolControl)
#include "tst_poolcontrol.moc"
