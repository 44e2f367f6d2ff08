// Intake (core/queue/Intake): the one queueing decision every front end uses. The policy
// table (decideIntake) for every job state; admit() on a real SQLite store: new jobs, the same
// source again, two identical sources in one call, reuse of a published version (and not
// when its folder is gone), requeue of failed/dead jobs with a fresh retry budget, held and
// awaiting-approval jobs left alone, rejections with the one sentence, the batch made only
// when something is queued; submit() on real generated media and a file that is not media.

#include "core/queue/Intake.h"
#include "tests/unit/StoreFixtures.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;
using namespace rendition::testing;

namespace {



JobRecord recordIn(JobState s)
{
    JobRecord r;
    r.id = QStringLiteral("job-1");
    r.state = s;
    return r;
}

} // namespace

class TestIntake : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<JobStore> openStore(const QString &name)
    {
        Result<std::unique_ptr<JobStore>> store = JobStore::open(m_dir.filePath(name));
        if (!store) qFatal("open failed: %s", qPrintable(store.error().toString()));
        return std::move(store).value();
    }

    IntakeReport admitted(JobStore &store, const QList<ProbeResult> &probes, bool newBatch = true)
    {
        Result<IntakeReport> r = Intake::admit(store, probes, tinyPreset(), QStringLiteral("/srv/out"), newBatch);
        if (!r) qFatal("admit failed: %s", qPrintable(r.error().toString()));
        return *r;
    }

private Q_SLOTS:
    void policy_data()
    {
        QTest::addColumn<int>("state"); // JobState, Invalid = no job with the key
        QTest::addColumn<bool>("published");
        QTest::addColumn<bool>("folderExists");
        QTest::addColumn<int>("verdict");
        using S = JobState;
        using V = IntakeVerdict;
        QTest::newRow("nothing") << int(S::Invalid) << false << false << int(V::Queue);
        QTest::newRow("queued") << int(S::Queued) << false << false << int(V::AlreadyQueued);
        QTest::newRow("running") << int(S::Running) << false << false << int(V::AlreadyQueued);
        QTest::newRow("paused") << int(S::Paused) << false << false << int(V::Held);
        QTest::newRow("awaiting approval") << int(S::AwaitingApproval) << false << false << int(V::AwaitingApproval);
        QTest::newRow("failed") << int(S::Failed) << false << false << int(V::Requeue);
        QTest::newRow("dead") << int(S::Dead) << false << false << int(V::Requeue);
        QTest::newRow("canceled") << int(S::Canceled) << false << false << int(V::Requeue);
        QTest::newRow("rejected by reviewer") << int(S::Rejected) << false << false << int(V::Requeue);
        QTest::newRow("qc failed") << int(S::QcFailed) << false << false << int(V::Queue);
        QTest::newRow("succeeded, folder there") << int(S::Succeeded) << true << true << int(V::Reuse);
        QTest::newRow("succeeded, folder gone") << int(S::Succeeded) << true << false << int(V::Queue);
        QTest::newRow("published, newer job queued") << int(S::Queued) << true << true << int(V::Reuse);
    }

    void policy()
    {
        QFETCH(int, state);
        QFETCH(bool, published);
        QFETCH(bool, folderExists);
        QFETCH(int, verdict);
        IntakeFacts facts;
        if (JobState(state) != JobState::Invalid) facts.sameKey = recordIn(JobState(state));
        if (published) facts.publishedDir = QStringLiteral("/srv/out/clip/v1");
        facts.publishedDirExists = folderExists;
        QCOMPARE(intakeVerdictName(decideIntake(facts)), intakeVerdictName(IntakeVerdict(verdict)));
    }

    void newSourcesAreQueuedInOneBatch_andNotTwice()
    {
        auto store = openStore(QStringLiteral("new.db"));
        const IntakeReport first = admitted(*store, {probeOf(1), probeOf(2)});
        QCOMPARE(first.count(IntakeVerdict::Queue), 2);
        QVERIFY(!first.batchId.isEmpty());
        QCOMPARE(store->list(JobFilter{{}, first.batchId, -1}).value().size(), 2);
        QCOMPARE(first.runnableJobIds().size(), 2);

        const IntakeReport again = admitted(*store, {probeOf(1), probeOf(2)});
        QCOMPARE(again.count(IntakeVerdict::AlreadyQueued), 2);
        QVERIFY(again.batchId.isEmpty()); // nothing new: no batch recorded
        QCOMPARE(again.items.at(0).jobId, first.items.at(0).jobId);
        QVERIFY(again.items.at(0).describe().contains(first.items.at(0).jobId));
        QCOMPARE(store->list().value().size(), 2);
    }

    void sameContentTwiceInOneCall_makesOneJob()
    {
        auto store = openStore(QStringLiteral("twice.db"));
        ProbeResult copy = probeOf(7);
        copy.path = QStringLiteral("/media/other/copy-of-clip7.mov"); // same bytes, another name
        const IntakeReport r = admitted(*store, {probeOf(7), copy});
        QCOMPARE(r.items.at(0).verdict, IntakeVerdict::Queue);
        QCOMPARE(r.items.at(1).verdict, IntakeVerdict::AlreadyQueued);
        QCOMPARE(r.items.at(1).jobId, r.items.at(0).jobId);
        QCOMPARE(store->list().value().size(), 1);
    }

    void publishedVersionIsReused_unlessItsFolderIsGone()
    {
        auto store = openStore(QStringLiteral("reuse.db"));
        const QString id = admitted(*store, {probeOf(3)}).items.at(0).jobId;
        const QString version = m_dir.filePath(QStringLiteral("out/clip3/v1"));
        QVERIFY(QDir().mkpath(version));
        QVERIFY(store->claim(id).value());
        QVERIFY(store->recordPublished(id, JobState::Succeeded, version, {}));

        const IntakeReport reused = admitted(*store, {probeOf(3)});
        QCOMPARE(reused.items.at(0).verdict, IntakeVerdict::Reuse);
        QCOMPARE(reused.items.at(0).versionDir, version);
        QVERIFY(reused.runnableJobIds().isEmpty());

        QVERIFY(QDir(version).removeRecursively()); // deleted by hand: make it again
        const IntakeReport remade = admitted(*store, {probeOf(3)});
        QCOMPARE(remade.items.at(0).verdict, IntakeVerdict::Queue);
        QVERIFY(remade.items.at(0).jobId != id);
    }

    void deadJobIsRequeued_withAFreshRetryBudget()
    {
        auto store = openStore(QStringLiteral("dead.db"));
        const QString id = admitted(*store, {probeOf(4)}).items.at(0).jobId;
        for (int attempt = 1; attempt <= 3; ++attempt)
            QVERIFY(store->recordAttempt({0, id, attempt, QStringLiteral("job"), QDateTime::currentDateTimeUtc(),
                                          QDateTime::currentDateTimeUtc(), QStringLiteral("pid 1"), QStringLiteral("io.read"),
                                          QStringLiteral("gone"), {}}));
        QVERIFY(store->moveToDeadLetters(id, QStringLiteral("attempts_exhausted: io.read"), {}));

        const IntakeReport r = admitted(*store, {probeOf(4)});
        QCOMPARE(r.items.at(0).verdict, IntakeVerdict::Requeue);
        QCOMPARE(r.items.at(0).jobId, id); // the same job: its checkpoints make it resume
        const JobRecord job = store->job(id).value().value();
        QCOMPARE(job.state, JobState::Queued);
        QCOMPARE(job.retryBase, 3);
        QCOMPARE(job.batchId, r.batchId); // it belongs to the batch that queued it again
    }

    void heldAndAwaitingJobsAreLeftAlone()
    {
        auto store = openStore(QStringLiteral("held.db"));
        const IntakeReport first = admitted(*store, {probeOf(5), probeOf(6)});
        const QString held = first.items.at(0).jobId, awaiting = first.items.at(1).jobId;
        QVERIFY(store->pauseJob(held));
        QVERIFY(store->claim(awaiting).value());
        QVERIFY(store->recordPublished(awaiting, JobState::AwaitingApproval, m_dir.filePath(QStringLiteral("v1")), {}));

        const IntakeReport r = admitted(*store, {probeOf(5), probeOf(6)});
        QCOMPARE(r.items.at(0).verdict, IntakeVerdict::Held);
        QCOMPARE(r.items.at(1).verdict, IntakeVerdict::AwaitingApproval);
        QCOMPARE(store->job(held).value().value().state, JobState::Paused);
        QCOMPARE(store->job(awaiting).value().value().state, JobState::AwaitingApproval);
        QVERIFY(r.runnableJobIds().isEmpty());
    }

    void rejectionsNameTheFileAndTheProblem()
    {
        auto store = openStore(QStringLiteral("reject.db"));
        ProbeResult broken = probeOf(8);
        broken.problems.append({QString::fromLatin1(problem::Truncated), QStringLiteral("The file ends early."), Severity::Fatal, -1});
        broken.problems.append({QStringLiteral("odd"), QStringLiteral("A warning."), Severity::Warning, -1});
        ProbeResult unhashed = probeOf(9);
        unhashed.sha256.clear(); // no checksum: a job could not be verified by its worker
        const IntakeReport r = admitted(*store, {broken, unhashed});
        QCOMPARE(r.items.at(0).verdict, IntakeVerdict::Reject);
        QCOMPARE(r.items.at(0).error.code, QStringLiteral("ingest.truncated"));
        QCOMPARE(r.items.at(0).error.message, QStringLiteral("The file ends early."));
        QCOMPARE(r.items.at(0).error.context, broken.path);
        QCOMPARE(r.items.at(1).verdict, IntakeVerdict::Reject);
        QCOMPARE(r.items.at(1).error.code, QStringLiteral("job.no_checksum"));
        QVERIFY(r.batchId.isEmpty());
        QCOMPARE(store->list().value().size(), 0);
    }

    void submitProbesRealMedia_andRejectsWhatIsNotMedia()
    {
        const QString in = m_dir.filePath(QStringLiteral("in"));
        QVERIFY(QDir().mkpath(in + QStringLiteral("/sub")));
        QVERIFY(QFile::copy(QStringLiteral(RENDITION_FIXTURES "/good/audio_only.m4a"), in + QStringLiteral("/sub/a.m4a")));
        QFile text(in + QStringLiteral("/notes.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not media at all\n");
        text.close();
        const QString explicitText = m_dir.filePath(QStringLiteral("readme.txt"));
        QVERIFY(QFile::copy(text.fileName(), explicitText));

        auto store = openStore(QStringLiteral("submit.db"));
        IntakeRequest request{{in, explicitText, m_dir.filePath(QStringLiteral("missing.mov"))}, QStringLiteral("proxy-edit"),
                              m_dir.filePath(QStringLiteral("out"))};
        Result<IntakeReport> r = Intake::submit(*store, request, {}, CancelToken());
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(r->count(IntakeVerdict::Queue), 1);
        QCOMPARE(r->count(IntakeVerdict::Ignore), 1); // notes.txt inside a folder
        QCOMPARE(r->count(IntakeVerdict::Reject), 2); // named explicitly: reported
        for (const IntakeItem &i : r->items) {
            if (i.verdict != IntakeVerdict::Reject) continue;
            QCOMPARE(i.error.context, i.path);
            QVERIFY(i.error.code.startsWith(u"ingest."));
            QVERIFY(!i.describe().isEmpty());
        }
        const JobSpec spec = store->list().value().first().spec().value();
        QCOMPARE(spec.source.sha256.size(), 64);
        QCOMPARE(spec.outputRoot, m_dir.filePath(QStringLiteral("out")));

        request.preset = QStringLiteral("no-such-preset");
        QVERIFY(!Intake::submit(*store, request, {}, CancelToken()));
        request.preset = QStringLiteral("proxy-edit");
        request.outputRoot.clear();
        QCOMPARE(Intake::submit(*store, request, {}, CancelToken()).error().code, QStringLiteral("intake.no_output_root"));
    }

    void watchedFileIsTakenOnce()
    {
        const QString file = m_dir.filePath(QStringLiteral("watched.m4a"));
        QVERIFY(QFile::copy(QStringLiteral(RENDITION_FIXTURES "/good/audio_only.m4a"), file));
        const QFileInfo info(file);
        auto store = openStore(QStringLiteral("watch.db"));
        const Preset preset = loadPreset(QStringLiteral("proxy-edit")).value();
        const QString out = m_dir.filePath(QStringLiteral("out"));
        const qint64 mtime = info.lastModified().toMSecsSinceEpoch();
        Result<std::optional<IntakeItem>> first = Intake::admitWatched(*store, file, info.size(), mtime, preset, out, {});
        QVERIFY(first && first->has_value());
        QCOMPARE((*first)->verdict, IntakeVerdict::Queue);
        Result<std::optional<IntakeItem>> second = Intake::admitWatched(*store, file, info.size(), mtime, preset, out, {});
        QVERIFY(second && !second->has_value()); // taken by the earlier call
        QCOMPARE(store->list().value().size(), 1);
        QVERIFY(!Intake::admitWatched(*store, m_dir.filePath(QStringLiteral("gone.m4a")), 1, 1, preset, out, {}));
    }
};

QTEST_GUILESS_MAIN(TestIntake)
#include "tst_intake.moc"
