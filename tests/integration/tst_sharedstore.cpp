// One store for every front end (issue #14 item 3), end to end with real processes:
//   - a `rendition-cli batch` process and a WorkerPool in this process (as the GUI runs it)
//     work on ONE store file at the same time: each runs its own job, neither takes the
//     other's (leases), both publish, every job has exactly one attempt;
//   - `batch` killed with SIGKILL mid-job: its worker dies with it, and the pool here takes
//     the job back at once (its owner is gone; no waiting for the 30 s lease) and finishes it;
//   - a transient failure keeps the job's verified checkpoints: the retry resumes after the
//     last completed stage instead of starting over;
//   - `rendition-cli queue` sees the same store as the pool by default (RENDITION_DATA_DIR
//     unset, a temporary XDG data home): one data folder for every front end.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/queue/DataDir.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace rendition;

namespace {

const QString kCli = QStringLiteral(RENDITION_CLI);
const QString kSport = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 640x360 59.94, 6 s
const QString kOther = QStringLiteral(RENDITION_FIXTURES "/good/video_only.mp4");

// Small but real: one 180p rung, loudness analysis and thumbnails on (two checkpoints before
// the transcode), no QC.
const char *kPresetJson = R"({"schema": "rendition.preset/1", "name": "shared-tiny",
  "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "ultrafast",
              "rate_control": {"mode": "crf", "crf": 30}}],
  "packaging": {"segment_duration_s": 2, "hls": true, "dash": false},
  "thumbnails": {"enabled": true, "interval_s": 2}, "qc": {"enabled": false}})";

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) return false;
        QTest::qWait(50);
    }
    return true;
}

} // namespace

class TestSharedStore : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_data, m_out, m_presetFile;

    QString copyOfSport(const QString &name)
    {
        const QString path = m_tmp->filePath(name);
        return QFile::copy(kSport, path) ? path : QString();
    }

    std::unique_ptr<JobStore> openStore()
    {
        Result<std::unique_ptr<JobStore>> s = JobStore::open(jobStorePath(m_data));
        if (!s) qFatal("open: %s", qPrintable(s.error().toString()));
        return std::move(s).value();
    }

    QString enqueue(JobStore &store, const QString &source)
    {
        const Preset preset = loadPreset(m_presetFile).value();
        const JobSpec spec = makeJobSpec(probe(source), preset, m_out).value();
        return store.enqueue(spec, QString()).value().id;
    }

    WorkerPoolOptions poolOptions() const
    {
        WorkerPoolOptions o;
        o.program = kCli;
        o.cpuSlots = 1;
        o.hardwareSlots = 0;
        o.lightSlots = 0;
        o.graceMs = 2000;
        o.pollMs = 200;
        o.storePollMs = 100;
        o.heartbeatMs = 200;
        return o;
    }

    void startBatch(QProcess &batch, const QString &input)
    {
        batch.setProcessChannelMode(QProcess::MergedChannels);
        batch.start(kCli, {QStringLiteral("batch"), QStringLiteral("--data-dir"), m_data, QStringLiteral("--preset"), m_presetFile,
                           QStringLiteral("--out"), m_out, input});
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_data = m_tmp->filePath(QStringLiteral("data"));
        m_out = m_tmp->filePath(QStringLiteral("out"));
        m_presetFile = m_tmp->filePath(QStringLiteral("preset.json"));
        QDir().mkpath(m_data);
        QFile f(m_presetFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kPresetJson);
    }

    void cleanup()
    {
        qunsetenv("RENDITION_TEST_FAIL_AFTER_STAGE");
        m_tmp.reset();
    }

    void batchAndPoolShareOneStore()
    {
        const QString a = copyOfSport(QStringLiteral("a.mp4")), b = m_tmp->filePath(QStringLiteral("b.mp4"));
        QVERIFY(QFile::copy(kOther, b)); // other content, so another idempotency key
        auto store = openStore();
        QProcess batch;
        startBatch(batch, a);
        QVERIFY(waitUntil([&] { // the batch has claimed its job
            const QList<JobRecord> jobs = store->list().value();
            return !jobs.isEmpty() && jobs.first().state == JobState::Running;
        }, 60000));
        const QString batchJob = store->list().value().first().id;
        QVERIFY(!store->list().value().first().leaseOwner.contains(QStringLiteral("/%1/").arg(QCoreApplication::applicationPid())));

        WorkerPool pool(*store, poolOptions());
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QVERIFY(pool.start()); // takes back only abandoned jobs: the batch's is alive
        const QString poolJob = enqueue(*store, b);
        pool.poke();
        QVERIFY(waitUntil([&] { return finished.count() >= 1; }, 240000));
        QVERIFY(batch.waitForFinished(240000));
        QCOMPARE(batch.exitCode(), 0);
        for (const QList<QVariant> &s : started) QCOMPARE(s.at(0).toString(), poolJob); // never the batch's job
        QCOMPARE(store->job(batchJob).value()->state, JobState::Succeeded);
        QCOMPARE(store->job(poolJob).value()->state, JobState::Succeeded);
        QCOMPARE(store->attempts(batchJob).value().size(), 1);
        QCOMPARE(store->attempts(poolJob).value().size(), 1);
    }

    void killedBatchIsTakenOverAtOnce()
    {
        const QString a = copyOfSport(QStringLiteral("killed.mp4"));
        auto store = openStore();
        QProcess batch;
        startBatch(batch, a);
        QVERIFY(waitUntil([&] {
            const QList<JobRecord> jobs = store->list().value();
            return !jobs.isEmpty() && jobs.first().state == JobState::Running;
        }, 60000));
        const QString id = store->list().value().first().id;
        WorkerPool pool(*store, poolOptions());
        QSignalSpy started(&pool, &WorkerPool::jobStarted);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QVERIFY(pool.start());
        ::kill(pid_t(batch.processId()), SIGKILL);
        QVERIFY(batch.waitForFinished(30000));
        QElapsedTimer sinceKill;
        sinceKill.start();
        QVERIFY(waitUntil([&] { return started.count() >= 1; }, 20000)); // far less than the 30 s lease
        qInfo("taken over %lld ms after the kill", sinceKill.elapsed());
        QCOMPARE(started.first().at(0).toString(), id);
        QVERIFY(waitUntil([&] { return finished.count() >= 1; }, 240000));
        QCOMPARE(store->job(id).value()->state, JobState::Succeeded);
        const QList<StageAttempt> attempts = store->attempts(id).value();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.first().errorCode, QStringLiteral("worker.interrupted"));
    }

    void transientFailureResumesFromItsCheckpoints()
    {
        const QString a = copyOfSport(QStringLiteral("flaky.mp4"));
        qputenv("RENDITION_TEST_FAIL_AFTER_STAGE", ("transcode:" + m_tmp->filePath(QStringLiteral("failed-once"))).toUtf8());
        auto store = openStore();
        const QString id = enqueue(*store, a);
        WorkerPool pool(*store, poolOptions(), RetryPolicy(RetryConfig{100, 400, 3}));
        QSignalSpy failed(&pool, &WorkerPool::attemptFailed);
        QSignalSpy finished(&pool, &WorkerPool::jobFinished);
        QStringList resumed;
        int attemptOfEvent = 1;
        connect(&pool, &WorkerPool::attemptFailed, this, [&] { attemptOfEvent = 2; });
        connect(&pool, &WorkerPool::jobProgress, this, [&](const QString &, const ProgressEvent &e) {
            if (e.resumed && attemptOfEvent == 2 && !resumed.contains(e.stage)) resumed << e.stage;
        });
        QVERIFY(pool.start());
        QVERIFY(waitUntil([&] { return finished.count() >= 1; }, 240000));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(2).value<Error>().code, QStringLiteral("io.read"));
        QCOMPARE(store->job(id).value()->state, JobState::Succeeded);
        // The retry skipped what the first attempt finished and verified.
        QVERIFY2(resumed.contains(QStringLiteral("transcode")), qPrintable(resumed.join(u',')));
        QVERIFY2(resumed.contains(QStringLiteral("thumbnails")), qPrintable(resumed.join(u',')));
    }

    void cliAndPoolUseOneDataFolderByDefault()
    {
        qunsetenv("RENDITION_DATA_DIR");
        const QByteArray oldHome = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", m_tmp->filePath(QStringLiteral("xdg")).toUtf8());
        const QString dir = resolveDataDir(QString());
        QCOMPARE(dir, m_tmp->filePath(QStringLiteral("xdg/Rendition/rendition")));
        QVERIFY(QDir().mkpath(dir));
        {
            auto store = JobStore::open(jobStorePath(dir)).value();
            Result<JobRecord> job = store->enqueue(makeJobSpec(probe(kSport), loadPreset(m_presetFile).value(), m_out).value(), {});
            QVERIFY(job);
            QProcess cli; // no --data-dir: the same default folder
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("RENDITION_DATA_DIR"));
            cli.setProcessEnvironment(env);
            cli.start(kCli, {QStringLiteral("queue"), QStringLiteral("pause"), job->id});
            QVERIFY(cli.waitForFinished(30000));
            QCOMPARE(cli.exitCode(), 0);
            QCOMPARE(store->job(job->id).value()->state, JobState::Paused);
        }
        qputenv("XDG_DATA_HOME", oldHome);
    }
};

QTEST_GUILESS_MAIN(TestSharedStore)
#include "tst_sharedstore.moc"
