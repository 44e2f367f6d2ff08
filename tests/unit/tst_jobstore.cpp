// JobStore on real SQLite files in a QTemporaryDir: migrations (fresh, re-open, too new),
// WAL mode, queue order (priority, then position), state transitions, recovery after a
// real kill -9 of a process that was running a job, idempotent reuse of published jobs,
// dead letters, bad files (corrupt, unopenable) and two threads with their own connections.

#include "core/model/JobSpec.h"
#include "core/model/ProbeResult.h"
#include "core/queue/JobStore.h"
#include "tests/unit/StoreFixtures.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace rendition;
using namespace rendition::testing;

namespace {

constexpr auto kCrashEnv = "TST_JOBSTORE_CRASH_DB"; // child mode: claim a job, then SIGKILL itself




QString claimedId(JobStore &store)
{
    Result<std::optional<JobRecord>> r = store.claimNext();
    return r && r->has_value() ? r->value().id : QString();
}

JobState stateOf(JobStore &store, const QString &id)
{
    return store.job(id).value().value().state;
}

// Runs `sql` on its own raw connection (for tampering and looking behind the API).
QVariant rawScalar(const QString &db, const QString &sql)
{
    QVariant result;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        c.setDatabaseName(db);
        c.open();
        QSqlQuery q(c);
        q.exec(sql);
        if (q.next()) result = q.value(0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return result;
}

} // namespace

class TestJobStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void migratesFreshFileAndReopens()
    {
        const QString path = dbPath("data/nested/jobs.db"); // folders are created
        QString id;
        {
            auto store = openStore(path);
            QCOMPARE(store->schemaVersion().value(), JobStore::kSchemaVersion);
            id = enqueued(*store, 1);
        }
        for (const char *table :
             {"assets", "batches", "jobs", "stage_attempts", "renditions", "dead_letters", "watched_files",
              "queue_settings"}) {
            QCOMPARE(rawScalar(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                                    "name = '%1'")
                                         .arg(QLatin1String(table)))
                         .toInt(),
                     1);
        }
        auto again = openStore(path);
        QCOMPARE(again->schemaVersion().value(), JobStore::kSchemaVersion);
        QCOMPARE(rawScalar(path, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                 JobStore::kSchemaVersion); // one row per migration, not re-run
        QCOMPARE(again->job(id).value().value().state, JobState::Queued);
        QCOMPARE(again->job(id)->value().spec()->idempotencyKey, spec(1).idempotencyKey);
    }

    void walModeIsOn()
    {
        auto store = openStore(dbPath("wal.db"));
        QCOMPARE(store->journalMode().value(), QStringLiteral("wal"));
        enqueued(*store, 1);
        QVERIFY(QFile::exists(dbPath("wal.db-wal")));
        QCOMPARE(rawScalar(dbPath("wal.db"), QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("code");
        QTest::newRow("corrupt") << "corrupt"
                                 << "store.corrupt";
        QTest::newRow("newer schema") << "newer"
                                      << "store.too_new";
        QTest::newRow("path is a folder") << "folder"
                                          << "store.open";
    }
    void badFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QString, code);
        const QString path = m_dir.filePath(kind + QStringLiteral(".db"));
        if (kind == QLatin1String("corrupt")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("this is not an sqlite database, just words. ").repeated(200));
        } else if (kind == QLatin1String("newer")) {
            openStore(path).reset();
            rawScalar(path, QStringLiteral("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00.000Z')"));
        } else {
            QVERIFY(QDir().mkpath(path));
        }
        Result<std::unique_ptr<JobStore>> store = JobStore::open(path);
        QVERIFY(!store);
        QCOMPARE(store.error().code, code);
        QCOMPARE(store.error().context, path);
        QVERIFY(store.error().toString().startsWith(path + QStringLiteral(": ")));
    }

    void ordersByPriorityThenPosition()
    {
        auto store = openStore(dbPath("order.db"));
        const QString a = enqueued(*store, 1);
        const QString b = enqueued(*store, 2);
        const QString c = enqueued(*store, 3, 5);
        const QString d = enqueued(*store, 4);
        QCOMPARE(store->nextRunnable().value().value().id, c);
        QCOMPARE(store->nextRunnable().value().value().id, c); // nextRunnable does not take it
        QVERIFY(store->setPriority(d, 1));
        QCOMPARE(claimedId(*store), c);
        QCOMPARE(claimedId(*store), d);
        QCOMPARE(claimedId(*store), a);
        QCOMPARE(stateOf(*store, a), JobState::Running);
        QCOMPARE(claimedId(*store), b);
        QCOMPARE(claimedId(*store), QString());
        QVERIFY(!store->nextRunnable().value().has_value());
        QCOMPARE(store->list({{JobState::Running}}).value().size(), 4);

        Result<JobRecord> dup = store->enqueue(store->job(a)->value().spec().value(), QString());
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, QStringLiteral("store.duplicate_job"));
    }

    void batchesAndFilters()
    {
        auto store = openStore(dbPath("batches.db"));
        const BatchInfo batch = store->addBatch(QStringLiteral("tiny"), QStringLiteral("/srv/out")).value();
        QVERIFY(store->enqueue(spec(1), batch.id));
        QVERIFY(store->enqueue(spec(2), batch.id));
        enqueued(*store, 3);
        QCOMPARE(store->list({{}, batch.id}).value().size(), 2);
        QCOMPARE(store->list().value().size(), 3);
        QCOMPARE(store->list({{JobState::Queued}, {}, 1}).value().size(), 1);
        QVERIFY(!store->enqueue(spec(4), QStringLiteral("no-such-batch"))); // foreign key
    }

    void stateTransitions()
    {
        auto store = openStore(dbPath("states.db"));
        const QString id = enqueued(*store, 1);
        auto expectRejected = [&](JobState to) {
            Status s = store->setState(id, to);
            QVERIFY2(!s, qPrintable(jobStateName(to)));
            QCOMPARE(s.error().code, QStringLiteral("store.bad_transition"));
        };
        QVERIFY(store->setState(id, JobState::Paused));
        expectRejected(JobState::Succeeded); // a paused job is resumed (queued / running), not finished
        QVERIFY(store->setState(id, JobState::Queued));
        QVERIFY(store->setState(id, JobState::Running, QStringLiteral("validate")));
        QVERIFY(store->setState(id, JobState::Running, QStringLiteral("transcode")));
        QVERIFY(store->setState(id, JobState::Running)); // no stage: the last one is kept
        QCOMPARE(store->job(id)->value().lastStage, QStringLiteral("transcode"));
        QVERIFY(store->setState(id, JobState::Failed));
        expectRejected(JobState::Succeeded);
        QVERIFY(store->setState(id, JobState::Queued)); // retry
        QVERIFY(store->setState(id, JobState::Running));
        QVERIFY(store->recordPublished(id, JobState::Succeeded, QStringLiteral("/srv/out/clip1/v1"), {}));
        expectRejected(JobState::Queued); // succeeded is final
        expectRejected(JobState::Running);
        QVERIFY(!isAllowedTransition(JobState::Succeeded, JobState::Succeeded));
        QCOMPARE(jobStateFromName(jobStateName(JobState::QcFailed)), JobState::QcFailed);
        QCOMPARE(jobStateFromName(QStringLiteral("bogus")), JobState::Invalid);

        Status missing = store->setState(QStringLiteral("nope"), JobState::Running);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, QStringLiteral("store.no_such_job"));
        QCOMPARE(missing.error().context, dbPath("states.db"));
    }

    void recoversJobsOfAKilledProcess()
    {
        const QString path = dbPath("crash.db");
        QString queuedId, runningId;
        {
            auto store = openStore(path);
            runningId = enqueued(*store, 1, 1);
            queuedId = enqueued(*store, 2);
        }
        QProcess child; // claims job 1, reaches "transcode", then dies by SIGKILL
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kCrashEnv), path);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto store = openStore(path);
        QCOMPARE(stateOf(*store, runningId), JobState::Running);
        const QList<JobRecord> recovered = store->recoverInterrupted().value();
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.first().id, runningId);
        QCOMPARE(recovered.first().state, JobState::Queued);
        QCOMPARE(recovered.first().lastStage, QStringLiteral("transcode")); // resumes from here
        QCOMPARE(stateOf(*store, runningId), JobState::Queued);
        QCOMPARE(stateOf(*store, queuedId), JobState::Queued);
        const QList<StageAttempt> attempts = store->attempts(runningId).value();
        QCOMPARE(attempts.size(), 2);
        QVERIFY(attempts.at(0).errorCode.isEmpty()); // validate had finished
        QCOMPARE(attempts.at(1).errorCode, QStringLiteral("worker.interrupted"));
        QVERIFY(attempts.at(1).endedAt.isValid());
        QVERIFY(store->recoverInterrupted().value().isEmpty()); // nothing left to recover
        QCOMPARE(claimedId(*store), runningId);                 // and it runs again first
    }

    void reusesPublishedJobs()
    {
        auto store = openStore(dbPath("publish.db"));
        const QString id = enqueued(*store, 1);
        const QString key = store->job(id)->value().idempotencyKey;
        QVERIFY(!store->findPublished(key).value().has_value());
        QCOMPARE(claimedId(*store), id);
        QVERIFY(store->recordPublished(id, JobState::Succeeded, QStringLiteral("/srv/out/clip1/v1"),
                                       {{QStringLiteral("720p"), QStringLiteral("/srv/out/clip1/v1/720p"), 4096},
                                        {QStringLiteral("360p"), QStringLiteral("/srv/out/clip1/v1/360p"), 1024}}));
        QCOMPARE(store->findPublished(key).value().value(), QStringLiteral("/srv/out/clip1/v1"));
        const QList<RenditionRecord> renditions = store->renditions(id).value();
        QCOMPARE(renditions.size(), 2);
        QCOMPARE(renditions.first().name, QStringLiteral("360p"));
        QCOMPARE(renditions.first().bytes, 1024);

        // A job that failed QC is published for review but never reused.
        const QString qcId = enqueued(*store, 2);
        QCOMPARE(claimedId(*store), qcId);
        QVERIFY(store->recordPublished(qcId, JobState::QcFailed, QStringLiteral("/srv/out/clip2/v1"), {}));
        QVERIFY(!store->findPublished(store->job(qcId)->value().idempotencyKey).value().has_value());
        QVERIFY(!store->recordPublished(qcId, JobState::Failed, QStringLiteral("/x"), {}));
    }

    void deadLetters()
    {
        auto store = openStore(dbPath("dead.db"));
        const QString id = enqueued(*store, 1);
        QCOMPARE(claimedId(*store), id);
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        for (int attempt = 1; attempt <= 2; ++attempt) {
            StageAttempt a{0, id, attempt, QStringLiteral("transcode"), t0, {}, QStringLiteral("pid 42")};
            const qint64 attemptId = store->recordAttempt(a).value();
            const Error error = makeError(QStringLiteral("encoder.oom"), QStringLiteral("Out of memory."));
            QVERIFY(store->finishAttempt(attemptId, t0.addSecs(1), &error, QStringLiteral("last log line")));
        }
        QCOMPARE(store->job(id)->value().attempts, 2);
        QVERIFY(store->setState(id, JobState::Failed));
        QVERIFY(
            store->moveToDeadLetters(id, QStringLiteral("retries exhausted"), {{QStringLiteral("max_attempts"), 2}}));
        QCOMPARE(stateOf(*store, id), JobState::Dead);
        const QList<DeadLetter> letters = store->deadLetters().value();
        QCOMPARE(letters.size(), 1);
        QCOMPARE(letters.first().reason, QStringLiteral("retries exhausted"));
        const QJsonObject context = letters.first().context;
        QCOMPARE(context[QStringLiteral("context")][QStringLiteral("max_attempts")].toInt(), 2);
        QCOMPARE(context[QStringLiteral("spec")][QStringLiteral("id")].toString(), id);
        QCOMPARE(context[QStringLiteral("attempts")].toArray().size(), 2);
        QCOMPARE(context[QStringLiteral("attempts")][1][QStringLiteral("error_code")].toString(),
                 QStringLiteral("encoder.oom"));
        QCOMPARE(context[QStringLiteral("attempts")][1][QStringLiteral("log_tail")].toString(),
                 QStringLiteral("last log line"));
        QVERIFY(store->setState(id, JobState::Queued)); // retry from the dead letters
        QCOMPARE(store->finishAttempt(9999, {}).error().code, QStringLiteral("store.no_such_attempt"));
    }

    void twoThreadsEachWithItsOwnConnection()
    {
        const QString path = dbPath("threads.db"); // created by whichever thread gets there first
        constexpr int kPerThread = 40;
        QStringList claimed[2];
        QString failures[2];
        auto work = [&](int t) {
            Result<std::unique_ptr<JobStore>> store = JobStore::open(path);
            if (!store) {
                failures[t] = store.error().toString();
                return;
            }
            for (int i = 0; i < kPerThread; ++i) {
                if (Result<JobRecord> r = (*store)->enqueue(spec(t * 1000 + i), QString()); !r)
                    failures[t] = r.error().toString();
            }
            for (;;) {
                Result<std::optional<JobRecord>> next = (*store)->claimNext();
                if (!next) {
                    failures[t] = next.error().toString();
                    return;
                }
                if (!next->has_value()) return;
                claimed[t].append(next->value().id);
            }
        };
        std::unique_ptr<QThread> threads[2] = {std::unique_ptr<QThread>(QThread::create(work, 0)),
                                               std::unique_ptr<QThread>(QThread::create(work, 1))};
        for (auto &t : threads)
            t->start();
        for (auto &t : threads)
            QVERIFY(t->wait(60000));
        QVERIFY2(failures[0].isEmpty() && failures[1].isEmpty(), qPrintable(failures[0] + failures[1]));
        auto mainStore = openStore(path);
        QStringList all = claimed[0] + claimed[1];
        QCOMPARE(all.size(), 2 * kPerThread);
        all.removeDuplicates();
        QCOMPARE(all.size(), 2 * kPerThread); // no job was claimed twice
        QCOMPARE(mainStore->list({{JobState::Running}}).value().size(), 2 * kPerThread);

        // A store used from a thread that did not open it refuses, with a clear error.
        QString wrongThread;
        std::unique_ptr<QThread> other(QThread::create([&] { wrongThread = mainStore->nextRunnable().error().code; }));
        other->start();
        QVERIFY(other->wait(10000));
        QCOMPARE(wrongThread, QStringLiteral("store.wrong_thread"));
    }
};

// Child mode for recoversJobsOfAKilledProcess: one finished stage, one running, then kill -9.
static int crashWhileRunning(const QString &path)
{
    auto store = openStore(path);
    const QString id = claimedId(*store);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    store->recordAttempt({0, id, 1, QStringLiteral("validate"), now, now, QStringLiteral("child")}).value();
    if (!store->setState(id, JobState::Running, QStringLiteral("transcode"))) return 2;
    store->recordAttempt({0, id, 1, QStringLiteral("transcode"), now, {}, QStringLiteral("child")}).value();
    ::kill(::getpid(), SIGKILL);
    return 1; // not reached
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(kCrashEnv)) return crashWhileRunning(qEnvironmentVariable(kCrashEnv));
    TestJobStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_jobstore.moc"
