// Queuing from the GUI never blocks its thread (issue #14): 200 distinct files queued through
// Workspace::enqueueFiles into a store that already holds 2,000 jobs. Asserts the outcome
// (every file queued as its own job, in one batch, none twice when queued again) and PRINTS
// the GUI thread's largest event-loop gap; `make bench` (queue_bench) measures 1,000 files
// into 10,000 jobs. Timing is never asserted here: the machines are shared.

#include "bench/gui/EnqueueStall.h"
#include "core/media/Probe.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;

class TestEnqueueStall : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void queuingLeavesTheGuiThreadFree()
    {
        QTemporaryDir tmp;
        const QString data = tmp.filePath(QStringLiteral("data"));
        {
            auto store = JobStore::open(data + QStringLiteral("/jobs.sqlite")).value();
            const QString fixture = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4");
            const JobSpec base = makeJobSpec(probe(fixture), loadPreset(QStringLiteral("proxy-edit")).value(),
                                             tmp.filePath(QStringLiteral("out"))).value();
            QVERIFY(store->enqueueMany(bench::cloneSpecs(base, 2000, {fixture}), QString()));
        }
        const QStringList files = bench::makeDistinctWavs(tmp.filePath(QStringLiteral("takes")), 200);
        QCOMPARE(files.size(), 200);
        ui::AppSettings settings;
        settings.outputRoot = tmp.filePath(QStringLiteral("out"));
        auto ws = ui::Workspace::open(data, QStringLiteral(RENDITION_CLI), settings).value();

        const bench::EnqueueStall first = bench::measureEnqueueStall(*ws, files, QStringLiteral("proxy-edit"), 300000);
        QVERIFY2(first.failure.isEmpty(), qPrintable(first.failure));
        QCOMPARE(first.queued, 200);
        QCOMPARE(first.notQueued, 0);
        qInfo("GUI thread while queuing 200 files into 2,000 jobs: max gap %.1f ms, p99 %.1f ms, %d ticks, %.0f ms in all",
              first.gaps.maxMs, first.gaps.p99Ms, first.gaps.ticks, first.wallMs);
        QCOMPARE(ws->store().list().value().size(), 2200);

        const bench::EnqueueStall again = bench::measureEnqueueStall(*ws, files, QStringLiteral("proxy-edit"), 300000);
        QCOMPARE(again.queued, 0);
        QCOMPARE(again.notQueued, 200); // already in the queue
        QCOMPARE(ws->store().list().value().size(), 2200);
    }
};

QTEST_MAIN(TestEnqueueStall)
#include "tst_enqueuestall.moc"
