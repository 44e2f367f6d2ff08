// JobStore leases and stored retry times (schema v4): two runners on one store file never
// take each other's live jobs; an expired lease, or one whose owner process is gone (a real
// child process that claimed a job and was SIGKILLed), is taken back; heartbeats extend
// leases; a retry waits in the store (claims refuse it until its time) and survives a
// reopen; an operator's requeue gives a fresh retry budget; releasing on a clean stop.

#include "core/model/JobSpec.h"
#include "core/queue/JobStore.h"
#include "tests/unit/StoreFixtures.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <cstdio>

using namespace rendition;
using namespace rendition::testing;

namespace {

constexpr auto kClaimEnv = "TST_LEASES_CLAIM_DB"; // child mode: claim a job, report, then wait to be killed



JobRecord record(JobStore &store, const QString &id) { return store.job(id).value().value(); }

} // namespace

class TestLeases : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void ownerNamesThisProcess()
    {
        const QStringList parts = JobStore::processLeaseOwner().split(u'/');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(1).toLongLong(), QCoreApplication::applicationPid());
        QVERIFY(!parts.at(2).isEmpty());
        QVERIFY(!JobStore::isLeaseOwnerGone(JobStore::processLeaseOwner()));
        QVERIFY(!JobStore::isLeaseOwnerGone(QStringLiteral("another-host.example/1/1"))); // not ours to judge
        QVERIFY(JobStore::isLeaseOwnerGone(parts.at(0) + QStringLiteral("/%1/123").arg(QCoreApplication::applicationPid())));
    }

    void liveLeaseIsNotTakenByAnotherRunner()
    {
        auto a = openStore(path("live.db"));
        auto b = openStore(path("live.db")); // a second front end on the same file
        b->setLeaseOwner(QStringLiteral("other-host/42/42"));
        const QString id = enqueued(*a, 1);
        QVERIFY(a->claim(id).value());
        QCOMPARE(record(*a, id).leaseOwner, JobStore::processLeaseOwner());
        QVERIFY(record(*a, id).leaseUntilMs > QDateTime::currentMSecsSinceEpoch());
        QVERIFY(b->recoverInterrupted().value().isEmpty()); // a's lease is alive
        QCOMPARE(record(*b, id).state, JobState::Running);
        QVERIFY(!b->claim(id).value());
    }

    void expiredLeaseIsTakenBack_andHeartbeatsPreventIt()
    {
        auto a = openStore(path("expire.db"));
        auto b = openStore(path("expire.db"));
        a->setLeaseOwner(QStringLiteral("other-host/1/1")); // elsewhere: only expiry can free it
        a->setLeaseDurationMs(300);
        const QString kept = enqueued(*a, 1), lost = enqueued(*a, 2);
        QVERIFY(a->claim(kept).value());
        QVERIFY(a->claim(lost).value());
        QTest::qWait(200);
        QVERIFY(a->renewLeases({kept})); // the heartbeat of the job still running
        QTest::qWait(200);
        const QList<JobRecord> recovered = b->recoverInterrupted().value();
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.first().id, lost);
        QCOMPARE(record(*b, lost).state, JobState::Queued);
        QVERIFY(record(*b, lost).leaseOwner.isEmpty());
        QCOMPARE(record(*b, kept).state, JobState::Running);
    }

    void ownerGoneIsTakenBackAtOnce()
    {
        if (qEnvironmentVariableIsSet(kClaimEnv)) return; // (child mode is handled in main)
        const QString db = path("gone.db");
        auto store = openStore(db);
        const QString id = enqueued(*store, 1);
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kClaimEnv), db);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForReadyRead(30000));
        QCOMPARE(child.readLine().trimmed(), QByteArray("claimed"));
        QVERIFY(store->recoverInterrupted().value().isEmpty()); // its owner lives: hands off
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(30000));
        const JobRecord held = record(*store, id);
        QVERIFY(held.leaseUntilMs > QDateTime::currentMSecsSinceEpoch()); // the lease has not expired…
        const QList<JobRecord> recovered = store->recoverInterrupted().value();
        QCOMPARE(recovered.size(), 1); // …but its owner is gone
        QCOMPARE(recovered.first().id, id);
        QCOMPARE(store->attempts(id).value().first().errorCode, QStringLiteral("worker.interrupted"));
    }

    void retryWaitsInTheStore()
    {
        const QString db = path("retry.db");
        QString id;
        {
            auto store = openStore(db);
            id = enqueued(*store, 1);
            QVERIFY(store->claim(id).value());
            const QDateTime when = QDateTime::currentDateTimeUtc().addMSecs(600);
            QVERIFY(store->retryAt(id, when));
            QCOMPARE(record(*store, id).state, JobState::Queued);
            QVERIFY(!store->claim(id).value()); // not before its time
            QVERIFY(!store->claimNext().value().has_value());
            QVERIFY(store->queuedOfWork({QStringLiteral("cpu")}, 10).value().isEmpty());
            QCOMPARE(store->nextRunnable().value()->id, id); // still waiting: the queue is not idle
            QCOMPARE(store->nextRetryTime().value()->toMSecsSinceEpoch(), when.toMSecsSinceEpoch());
        }
        auto reopened = openStore(db); // a restart keeps the backoff
        QVERIFY(reopened->nextRetryTime().value().has_value());
        QTest::qWait(700);
        QVERIFY(!reopened->nextRetryTime().value().has_value());
        QCOMPARE(reopened->queuedOfWork({QStringLiteral("cpu")}, 10).value().size(), 1);
        QVERIFY(reopened->claim(id).value());
        QVERIFY(!record(*reopened, id).notBefore.isValid());
    }

    void requeueGivesAFreshRetryBudget()
    {
        auto store = openStore(path("requeue.db"));
        const QString id = enqueued(*store, 1);
        QVERIFY(store->claim(id).value());
        QVERIFY(store->recordAttempt({0, id, 2, QStringLiteral("job"), QDateTime::currentDateTimeUtc(), {},
                                      QStringLiteral("pid 1"), {}, {}, {}}));
        QCOMPARE(store->requeue(id).error().code, QStringLiteral("store.bad_transition")); // running
        QVERIFY(store->moveToDeadLetters(id, QStringLiteral("attempts_exhausted"), {}));
        QVERIFY(store->requeue(id));
        const JobRecord r = record(*store, id);
        QCOMPARE(r.state, JobState::Queued);
        QCOMPARE(r.retryBase, 2);
        QVERIFY(store->requeue(id)); // already queued: nothing to do
        QCOMPARE(store->requeue(QStringLiteral("nope")).error().code, QStringLiteral("store.no_such_job"));
    }

    void releaseOnACleanStop()
    {
        auto store = openStore(path("release.db"));
        auto other = openStore(path("release.db"));
        other->setLeaseOwner(QStringLiteral("other-host/7/7"));
        const QString mine = enqueued(*store, 1), theirs = enqueued(*store, 2);
        QVERIFY(store->claim(mine).value());
        QVERIFY(other->claim(theirs).value());
        QVERIFY(store->releaseLeases({mine, theirs})); // only what this owner holds
        QCOMPARE(record(*store, mine).state, JobState::Queued);
        QCOMPARE(record(*store, theirs).state, JobState::Running);
    }

    void migratesAV3StoreWithRunningJobs()
    {
        // A v3 file with a job left running (no lease column yet) is recovered after migration.
        const QString db = path("v3.db");
        {
            auto store = openStore(db);
            const QString id = enqueued(*store, 1);
            QVERIFY(store->claim(id).value());
        }
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            c.setDatabaseName(db);
            QVERIFY(c.open());
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("UPDATE jobs SET lease_owner = '', lease_until = 0"))); // as v3 left it
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        auto store = openStore(db);
        QCOMPARE(store->schemaVersion().value(), JobStore::kSchemaVersion);
        QCOMPARE(store->recoverInterrupted().value().size(), 1);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kClaimEnv)) { // child: claim, say so, wait for SIGKILL
        QCoreApplication app(argc, argv);
        auto store = openStore(qEnvironmentVariable(kClaimEnv));
        Result<std::optional<JobRecord>> claimed = store->claimNext();
        if (!claimed || !claimed->has_value()) return 3;
        if (!store->recordAttempt({0, (*claimed)->id, 1, QStringLiteral("job"), QDateTime::currentDateTimeUtc(), {},
                                   QStringLiteral("child"), {}, {}, {}}))
            return 4;
        std::printf("claimed\n");
        std::fflush(stdout);
        QThread::sleep(60);
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestLeases t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_leases.moc"
