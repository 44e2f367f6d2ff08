// Ingest panel: drops of folders/files become assets with their problems in plain words,
// thumbnails and loudness arrive lazily off the GUI thread, cancel stops a scan, bad drops
// are refused, and 1,000 files scan without stalling the event loop (max gap printed).

#include "ui/common/Workspace.h"
#include "ui/ingest/AssetTableModel.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/ingest/IngestScanner.h"
#include "ui/ingest/ProblemText.h"
#include "ui/mainwindow/MainWindow.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition;
using namespace rendition::ui;

namespace {

const QString kGood = QStringLiteral(RENDITION_FIXTURES "/good/");
const QString kBad = QStringLiteral(RENDITION_FIXTURES "/bad/");
constexpr int kScanTimeoutMs = 180000; // a loaded 2-core machine

QMimeData *urlMime(const QStringList &paths)
{
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString &p : paths) urls << (p.contains(u"://") ? QUrl(p) : QUrl::fromLocalFile(p));
    mime->setUrls(urls);
    return mime;
}

// Delivers a drag-enter + drop of `mime` at the centre of `target`; returns whether the drop was accepted.
bool simulateDrop(QWidget *target, QMimeData *mime)
{
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted()) return false;
    QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

int rowNamed(const AssetTableModel *model, const QString &fileName)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, AssetTableModel::Name).data().toString() == fileName) return r;
    return -1;
}

} // namespace

class TestIngest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_data;
    std::unique_ptr<Workspace> m_workspace;

private Q_SLOTS:
    void initTestCase()
    {
        av_log_set_level(AV_LOG_QUIET);
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_data.isValid());
        AppSettings settings = AppSettings::defaults();
        settings.hardwareSlots = 0;
        settings.outputRoot = m_data.filePath(QStringLiteral("out"));
        auto ws = Workspace::open(m_data.filePath(QStringLiteral("store")), QStringLiteral(RENDITION_CLI), settings);
        QVERIFY2(ws, ws ? "" : qPrintable(ws.error().toString()));
        m_workspace = std::move(*ws);
    }

    void dropFolders_assetsAppearWithProblems()
    {
        MainWindow window(*m_workspace);
        window.show();
        window.tabs()->setCurrentIndex(window.tabs()->count() - 1); // a drop on any tab goes to ingest
        IngestPanel *ingest = window.ingestPanel();
        QSignalSpy finished(ingest->scanner(), &IngestScanner::finished);
        std::unique_ptr<QMimeData> mime(urlMime({kGood, kBad}));
        QVERIFY(simulateDrop(&window, mime.get()));
        QCOMPARE(window.tabs()->currentWidget(), ingest);
        QVERIFY(finished.wait(kScanTimeoutMs));
        QCOMPARE(finished.at(0).at(2).toBool(), false); // not canceled

        const AssetTableModel *model = ingest->model();
        const int good = rowNamed(model, QStringLiteral("bars_1080p25.mp4"));
        QVERIFY(good >= 0);
        QCOMPARE(model->index(good, AssetTableModel::Status).data().toString(), ProblemText::tr("Ready"));
        QCOMPARE(model->index(good, AssetTableModel::Resolution).data().toString().left(9), QStringLiteral("1920×1080"));
        QCOMPARE(model->index(good, AssetTableModel::Duration).data().toString(), QStringLiteral("0:12"));
        QVERIFY(model->index(good, AssetTableModel::Codecs).data().toString().contains(u"h264"));
        QVERIFY(rowNamed(model, QStringLiteral("Zürich café — take 2.mp4")) >= 0);

        // Problems in plain words, per file.
        const int truncated = rowNamed(model, QStringLiteral("truncated_moov_at_end.mp4"));
        QVERIFY(truncated >= 0);
        QCOMPARE(model->index(truncated, AssetTableModel::Status).data().toString(), ProblemText::tr("Rejected"));
        QVERIFY(model->index(truncated, AssetTableModel::Problems).data(AssetTableModel::ProblemCodesRole).toStringList().contains(u"truncated"));
        QVERIFY(model->index(truncated, AssetTableModel::Problems).data().toString().contains(
            ProblemText::describe(ProbeProblem{QStringLiteral("truncated"), {}, Severity::Fatal})));
        const int odd = rowNamed(model, QStringLiteral("odd_641x359.mp4"));
        QVERIFY(odd >= 0);
        QCOMPARE(model->index(odd, AssetTableModel::Status).data().toString(), ProblemText::tr("Usable with warnings"));
        QVERIFY(model->index(odd, AssetTableModel::Problems).data(AssetTableModel::ProblemCodesRole).toStringList().contains(u"odd_dimensions"));
        // Non-media inside a dropped folder is counted, not listed.
        QCOMPARE(rowNamed(model, QStringLiteral("text_renamed.mp4")), -1);
        QVERIFY(finished.at(0).at(1).toInt() >= 4);

        // Thumbnail (16:9 into 96×54) and loudness arrive lazily, off the GUI thread.
        const QModelIndex thumb = model->index(good, AssetTableModel::Thumbnail);
        (void)thumb.data(Qt::DecorationRole); // what a view does when the row is visible
        QTRY_VERIFY_WITH_TIMEOUT(!thumb.data(Qt::DecorationRole).value<QImage>().isNull(), 60000);
        QCOMPARE(thumb.data(Qt::DecorationRole).value<QImage>().size(), QSize(96, 54));
        const QModelIndex loud = model->index(good, AssetTableModel::Loudness);
        (void)loud.data();
        QTRY_VERIFY_WITH_TIMEOUT(loud.data().toString().contains(u"LUFS"), 120000);
        const double lufs = loud.data(AssetTableModel::SortRole).toDouble();
        QVERIFY2(lufs > -40 && lufs < 0, qPrintable(QString::number(lufs)));
        qInfo("bars_1080p25.mp4 integrated loudness %.1f LUFS", lufs);
    }

    void explicitNonMediaFile_isListedAsRejected()
    {
        MainWindow window(*m_workspace);
        IngestPanel *ingest = window.ingestPanel();
        QSignalSpy finished(ingest->scanner(), &IngestScanner::finished);
        ingest->addInputs({kBad + QStringLiteral("text_renamed.mp4"), kBad + QStringLiteral("empty.mp4")});
        QVERIFY(finished.wait(kScanTimeoutMs));
        const int row = rowNamed(ingest->model(), QStringLiteral("text_renamed.mp4"));
        QVERIFY(row >= 0);
        QCOMPARE(ingest->model()->index(row, AssetTableModel::Problems).data().toString(),
                 ProblemText::describe(ProbeProblem{QStringLiteral("not_media"), {}, Severity::Fatal}));
        QVERIFY(rowNamed(ingest->model(), QStringLiteral("empty.mp4")) >= 0);
    }

    void badDrop_isRefused()
    {
        MainWindow window(*m_workspace);
        std::unique_ptr<QMimeData> remote(urlMime({QStringLiteral("https://example.invalid/clip.mov")}));
        QVERIFY(!simulateDrop(&window, remote.get()));
        auto text = std::make_unique<QMimeData>();
        text->setText(QStringLiteral("not a file"));
        QVERIFY(!simulateDrop(&window, text.get()));
        QVERIFY(!window.ingestPanel()->scanner()->isRunning());
        QCOMPARE(window.ingestPanel()->model()->rowCount(), 0);
    }

    void queueSelected_leavesRejectedOut()
    {
        MainWindow window(*m_workspace);
        IngestPanel *ingest = window.ingestPanel();
        QSignalSpy finished(ingest->scanner(), &IngestScanner::finished);
        ingest->addInputs({kGood + QStringLiteral("sport_5994.mp4"), kBad + QStringLiteral("truncated.mkv")});
        QVERIFY(finished.wait(kScanTimeoutMs));
        QSignalSpy requested(ingest, &IngestPanel::queueRequested);
        QVERIFY(!ingest->queueSelected(QStringLiteral("proxy-edit"))); // nothing selected
        ingest->view()->selectAll();
        QCOMPARE(ingest->selectedPaths().size(), 2);
        QVERIFY(ingest->queueSelected(QStringLiteral("proxy-edit")));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toStringList(), QStringList{QFileInfo(kGood + QStringLiteral("sport_5994.mp4")).absoluteFilePath()});
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("proxy-edit"));
    }

    void cancel_stopsTheScan()
    {
        constexpr int kFiles = 3000;
        QTemporaryDir many;
        for (int i = 0; i < kFiles; ++i) {
            QFile f(many.filePath(QStringLiteral("note-%1.txt").arg(i, 4, 10, QLatin1Char('0'))));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("plain text, not media\n");
        }
        IngestScanner scanner(nullptr);
        scanner.setMaxThreads(1);
        scanner.setFlushIntervalMs(5);
        QSignalSpy finished(&scanner, &IngestScanner::finished);
        QSignalSpy progress(&scanner, &IngestScanner::progress);
        // Cancel at the first report of a scan in progress (from inside the signal, like the button).
        connect(&scanner, &IngestScanner::progress, &scanner, [&](int done, int total) {
            if (done < total && scanner.isRunning()) scanner.cancel();
        });
        scanner.scan({many.path()});
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(2).toBool(), true);
        QVERIFY(finished.at(0).at(0).toInt() < kFiles);
        QVERIFY(!scanner.isRunning());
        const int progressAfterCancel = int(progress.size());
        QTest::qWait(300);
        QCOMPARE(progress.size(), progressAfterCancel); // nothing reported after the cancel
        QCOMPARE(finished.size(), 1);
        qInfo("canceled after %d of %d files", finished.at(0).at(0).toInt(), kFiles);
    }

    void thousandFiles_doNotFreezeTheUi()
    {
        const int total = qEnvironmentVariableIsSet("RENDITION_TEST_FULL") ? 5000 : 1000;
        QTemporaryDir many;
        QVERIFY(many.isValid());
        for (int i = 0; i < total; ++i) {
            const QString name = many.filePath(QStringLiteral("d%1/f%2").arg(i % 10).arg(i, 5, 10, QLatin1Char('0')));
            QDir().mkpath(QFileInfo(name).path());
            if (i % 10 == 0) { // one in ten is (tiny, rejected) media with a picture: rows and thumbnails too
                QVERIFY(QFile::copy(kBad + QStringLiteral("one_frame.mp4"), name + QStringLiteral(".mp4")));
            } else {
                QFile f(name + QStringLiteral(".txt"));
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write("tiny file that is not media\n");
            }
        }
        MainWindow window(*m_workspace);
        window.show();
        IngestPanel *ingest = window.ingestPanel();
        ingest->scanner()->setFlushIntervalMs(20); // batches often enough to see rows arrive while scanning
        ingest->scanner()->setMaxRowsPerFlush(25); // and never all rows in one tick, however fast the scan
        QSignalSpy finished(ingest->scanner(), &IngestScanner::finished);
        QSignalSpy found(ingest->scanner(), &IngestScanner::found);

        QElapsedTimer clock, sinceTick;
        qint64 maxGapMs = 0;
        QTimer ticker;
        ticker.setInterval(10);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            maxGapMs = std::max(maxGapMs, sinceTick.restart());
        });
        clock.start();
        sinceTick.start();
        ticker.start();
        std::unique_ptr<QMimeData> mime(urlMime({many.path()}));
        QVERIFY(simulateDrop(&window, mime.get()));
        QVERIFY(finished.wait(kScanTimeoutMs));
        ticker.stop();
        const qint64 elapsedMs = clock.elapsed();

        QCOMPARE(ingest->model()->rowCount(), total / 10);
        QCOMPARE(finished.at(0).at(1).toInt(), total - total / 10);
        QVERIFY2(found.size() > 1, "rows must arrive incrementally, not all at the end");
        qInfo("ingest of %d files: %lld ms, %d row batches, max event-loop gap %lld ms (10 ms timer), %d probe threads",
              total, elapsedMs, int(found.size()), maxGapMs, ingest->scanner()->maxThreads());
        QVERIFY2(maxGapMs < 1000, qPrintable(QStringLiteral("the GUI stalled for %1 ms").arg(maxGapMs)));
    }
};

QTEST_MAIN(TestIngest)
#include "tst_ingest.moc"
