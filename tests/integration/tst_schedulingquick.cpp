// The quick version of bench/scheduling (see bench/scheduling/SchedulingRun.h): 20 tiny
// audio-only jobs through a real WorkerPool. PRINTS the per-job scheduling overhead; asserts
// only that every job succeeded, every job was measured, and nothing absurd (a mean over 1 s).
// RENDITION_TEST_FULL runs the full 200 jobs.

#include "bench/scheduling/SchedulingRun.h"

#include <QTemporaryDir>
#include <QtTest>

class TestSchedulingQuick : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tinyJobsOverhead()
    {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        rendition::bench::SchedulingConfig config;
        config.cli = QStringLiteral(RENDITION_CLI);
        config.source = QStringLiteral(RENDITION_FIXTURES "/good/audio_only.m4a");
        config.workDir = work.path();
        config.jobs = qEnvironmentVariableIsSet("RENDITION_TEST_FULL") ? 200 : 20;
        config.slots = 2;
        const rendition::bench::SchedulingFigures f = rendition::bench::runScheduling(config);
        QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
        QTextStream out(stdout);
        rendition::bench::printFigures(out, config, f);
        QCOMPARE(f.succeeded, config.jobs);
        QCOMPARE(f.failed, 0);
        QCOMPARE(f.claimToStart.count, config.jobs);
        QCOMPARE(f.exitToStore.count, config.jobs);
        QCOMPARE(f.slotGap.count, config.jobs - config.slots);
        QVERIFY(f.claimToStart.meanMs > 0);
        QVERIFY2(f.claimToStart.meanMs < 1000 && f.exitToStore.meanMs < 1000, "scheduling overhead is absurd (> 1 s)");
    }
};

QTEST_GUILESS_MAIN(TestSchedulingQuick)
#include "tst_schedulingquick.moc"
