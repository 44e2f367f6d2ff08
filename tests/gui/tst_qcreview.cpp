// QcReviewPanel on a real published version: QC events, loudness curve, bitrate per segment
// (checked against the files on disk and the JSON read independently), sprite strip; a click
// on a QC event moves the player there; rendition A/B shows both renditions at the same
// timestamp; approve/reject signals (and the Approval backend's error when no job waits);
// broken version folders give an error naming the broken file, without crashing.

#include "tests/gui/ReviewTestSupport.h"

#include "core/model/JobSpec.h"
#include "core/model/Preset.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/preview/ReaderPlayback.h"
#include "core/queue/Approval.h"
#include "core/queue/JobStore.h"
#include "ui/review/AbCompare.h"
#include "ui/review/BitrateChart.h"
#include "ui/review/FrameView.h"
#include "ui/review/LoudnessChart.h"
#include "ui/review/QcReviewPanel.h"
#include "ui/review/SpriteStrip.h"

#include <QComboBox>
#include <QDirIterator>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace rendition;
using namespace rendition::ui;

namespace {
constexpr int kWaitMs = 60000;

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(file));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target)) return false;
    }
    return true;
}

QTreeWidgetItem *eventItem(QTreeWidget *list, const QString &check)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(1) == check) return list->topLevelItem(i);
    return nullptr;
}
} // namespace

class TestQcReview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void loadsEventsAndCharts();
    void bitrateBarsMatchFiles();
    void clickEventSeeksPlayer();
    void abSameTimestamp();
    void approveAndReject();
    void badVersionFolder_data();
    void badVersionFolder();

private:
    QTemporaryDir m_tmp;
    QString m_version;
};

void TestQcReview::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QString error;
    const QString source = reviewtest::makeEventSource(m_tmp.path(), &error);
    QVERIFY2(!source.isEmpty(), qPrintable(error));
    m_version = reviewtest::publish(m_tmp.path(), reviewtest::presetJson(QStringLiteral("gui-review")), source, &error);
    QVERIFY2(!m_version.isEmpty(), qPrintable(error));
}

void TestQcReview::loadsEventsAndCharts()
{
    QcReviewPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(panel.openVersion(m_version).ok());
    QVERIFY2(panel.statusText().isEmpty(), qPrintable(panel.statusText()));

    // Events: as in qc.json, and the black section found where we put it.
    const QJsonArray events =
        readJson(QDir(m_version).filePath(QStringLiteral("qc.json"))).value(QStringLiteral("events")).toArray();
    QVERIFY(!events.isEmpty());
    QCOMPARE(panel.eventList()->topLevelItemCount(), int(events.size()));
    QTreeWidgetItem *black = eventItem(panel.eventList(), QStringLiteral("black"));
    QVERIFY(black);
    QVERIFY(qAbs(black->text(2).toDouble() - reviewtest::kBlackStartSeconds) < 0.1);
    QVERIFY(qAbs(black->text(3).toDouble() - (reviewtest::kBlackEndSeconds - reviewtest::kBlackStartSeconds)) < 0.2);
    QCOMPARE(black->text(0), QStringLiteral("warn"));
    QVERIFY(eventItem(panel.eventList(), QStringLiteral("silence")));

    // Loudness: the encoded rendition's curve, every point of loudness.json, target band ±1 LU.
    const QJsonObject loudness = readJson(QDir(m_version).filePath(QStringLiteral("loudness.json")));
    const QJsonArray times = loudness.value(QStringLiteral("renditions"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("loudness"))
                                 .toObject()
                                 .value(QStringLiteral("curve"))
                                 .toObject()
                                 .value(QStringLiteral("time_s"))
                                 .toArray();
    QVERIFY(times.size() > 40);
    LoudnessChart *chart = panel.loudnessChart();
    QCOMPARE(chart->pointCount(), int(times.size()));
    QCOMPARE(chart->curve().label, QStringLiteral("aac-128k"));
    QCOMPARE(chart->targetLufs(), -23.0);
    QCOMPARE(chart->toleranceLu(), 1.0);
    QVERIFY(chart->mapToWidget(0, -22).y() < chart->mapToWidget(0, -24).y());
    QVERIFY(chart->mapToWidget(1, -23).x() < chart->mapToWidget(5, -23).x());
    QCOMPARE(panel.loudnessCurveChoice()->count(), 2); // source + aac-128k
    panel.loudnessCurveChoice()->setCurrentIndex(0);
    QCOMPARE(chart->curve().label, QStringLiteral("source"));

    // Sprite strip: one tile per cue of the VTT, loaded off-thread, laid out left to right.
    SpriteStrip *strip = panel.spriteStrip();
    QVERIFY(strip->tileCount() >= 6);
    QTRY_VERIFY_WITH_TIMEOUT(strip->tilesReady(), kWaitMs);
    QCOMPARE(int(strip->tiles().size()), strip->tileCount());
    QVERIFY(!strip->tiles().first().isNull());
    QVERIFY(strip->tileRect(0).left() < strip->tileRect(1).left());
    QVERIFY(!panel.grab().isNull()); // paints every chart
}

void TestQcReview::bitrateBarsMatchFiles()
{
    QcReviewPanel panel;
    panel.resize(1200, 800);
    QVERIFY(panel.openVersion(m_version).ok());
    const QJsonArray renditions = readJson(QDir(m_version).filePath(QStringLiteral("manifest.json")))
                                      .value(QStringLiteral("renditions"))
                                      .toArray();
    const QList<BitrateChart::Series> &series = panel.bitrateChart()->series();
    QCOMPARE(series.size(), renditions.size()); // 180p, 360p, aac-128k
    for (int s = 0; s < renditions.size(); ++s) {
        const QJsonObject r = renditions.at(s).toObject();
        QCOMPARE(series.at(s).rendition, r.value(QStringLiteral("name")).toString());
        const QJsonArray segments = r.value(QStringLiteral("segments")).toArray();
        QVERIFY(segments.size() >= 3); // 6 s in 2 s segments
        QCOMPARE(series.at(s).bitrateBps.size(), segments.size());
        for (int i = 0; i < segments.size(); ++i) {
            const QJsonObject seg = segments.at(i).toObject();
            const qint64 bytes =
                QFileInfo(QDir(m_version).filePath(seg.value(QStringLiteral("file")).toString())).size();
            QVERIFY(bytes > 0);
            const double expected = bytes * 8.0 / seg.value(QStringLiteral("duration_s")).toDouble();
            QVERIFY2(qAbs(series.at(s).bitrateBps.at(i) - expected) < 1.0,
                     qPrintable(QStringLiteral("%1 segment %2").arg(series.at(s).rendition).arg(i)));
            QVERIFY(panel.bitrateChart()->barRect(s, i).height() > 0);
        }
    }
    QCOMPARE(series.at(0).targetBps, 300000.0);
    // A bigger rendition's bar is taller than the smaller one's for the same segment.
    QVERIFY(panel.bitrateChart()->barRect(1, 0).height() > panel.bitrateChart()->barRect(0, 0).height());
}

void TestQcReview::clickEventSeeksPlayer()
{
    QcReviewPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.openVersion(m_version).ok());
    QTRY_VERIFY_WITH_TIMEOUT(panel.preview()->reader()->picturesShown() > 0, kWaitMs);
    QSignalSpy seeks(&panel, &QcReviewPanel::seekRequested);
    QTreeWidgetItem *black = eventItem(panel.eventList(), QStringLiteral("black"));
    QVERIFY(black);
    const qint64 eventMs = qint64(black->text(2).toDouble() * 1000);
    const QRect r = panel.eventList()->visualItemRect(black);
    QTest::mouseClick(panel.eventList()->viewport(), Qt::LeftButton, {},
                      QPoint(r.left() + 10, r.center().y())); // the severity cell
    QCOMPARE(seeks.count(), 1);
    QVERIFY(qAbs(seeks.first().first().toLongLong() - eventMs) <= 10);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.preview()->positionMs() - eventMs) <= 20, kWaitMs);
    // The A/B readers follow the same seek.
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.abCompare()->reader(AbCompare::Side::A)->positionMs() - eventMs) <= 20 &&
                                 qAbs(panel.abCompare()->reader(AbCompare::Side::B)->positionMs() - eventMs) <= 20,
                             kWaitMs);
}

void TestQcReview::abSameTimestamp()
{
    QcReviewPanel panel;
    QVERIFY(panel.openVersion(m_version).ok());
    AbCompare *ab = panel.abCompare();
    QCOMPARE(ab->rendition(AbCompare::Side::A), QStringLiteral("180p"));
    QCOMPARE(ab->rendition(AbCompare::Side::B), QStringLiteral("360p"));
    ab->seek(4250);
    ReaderPlayback *a = ab->reader(AbCompare::Side::A), *b = ab->reader(AbCompare::Side::B);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(a->positionMs() - 4250) <= 20 && qAbs(b->positionMs() - 4250) <= 20, kWaitMs);
    QCOMPARE(a->positionMs(), b->positionMs()); // same frame on both sides (aligned keyframes and timestamps)
    QCOMPARE(ab->view(AbCompare::Side::A)->image().size(), QSize(320, 180));
    QCOMPARE(ab->view(AbCompare::Side::B)->image().size(), QSize(640, 360));
    const qint64 before = a->positionMs();
    ab->step(1);
    QTRY_VERIFY_WITH_TIMEOUT(a->positionMs() > before && b->positionMs() > before, kWaitMs);
    QCOMPARE(a->positionMs(), b->positionMs());
    QVERIFY(!ab->setRenditions(QStringLiteral("180p"), QStringLiteral("4k")).ok());
}

void TestQcReview::approveAndReject()
{
    QcReviewPanel panel;
    QVERIFY(panel.openVersion(m_version).ok());
    QSignalSpy approved(&panel, &QcReviewPanel::approveRequested);
    QSignalSpy rejected(&panel, &QcReviewPanel::rejectRequested);
    panel.approve();
    QCOMPARE(approved.count(), 1);
    QCOMPARE(approved.first().first().toString(), QFileInfo(m_version).canonicalFilePath());
    panel.reject(QStringLiteral("  "));
    QCOMPARE(rejected.count(), 0);
    QVERIFY(panel.statusText().contains(QStringLiteral("reason")));
    panel.reject(QStringLiteral("picture too dark at 2 s"));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.first().at(1).toString(), QStringLiteral("picture too dark at 2 s"));

    // With the store behind it: this version was made by `run`, not by a queued job, so no job
    // waits for its approval and the panel says so.
    Result<std::unique_ptr<JobStore>> store = JobStore::open(m_tmp.filePath(QStringLiteral("jobs.sqlite")));
    QVERIFY2(store.ok(), qPrintable(store ? QString() : store.error().toString()));
    Approval approval(**store);
    panel.setApproval(&approval);
    panel.approve();
    QCOMPARE(approved.count(), 2);
    QVERIFY2(panel.statusText().contains(QStringLiteral("no job is waiting")), qPrintable(panel.statusText()));

    // Two jobs that published this version and wait for a decision: approve one, reject the other.
    const Preset preset = parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "tiny",
      "ladder": [{"name": "180p", "codec": "h264", "height": 180, "rate_control": {"mode": "crf", "crf": 23}}]})"))
                              .value();
    QStringList ids;
    for (int n = 0; n < 2; ++n) {
        ProbeResult probe;
        probe.path = m_tmp.filePath(QStringLiteral("clip.mp4"));
        probe.sha256 = QString(64, QLatin1Char(n ? 'b' : 'a'));
        probe.sizeBytes = 1000 + n;
        Result<JobRecord> job =
            (*store)->enqueue(makeJobSpec(probe, preset, m_tmp.filePath(QStringLiteral("out"))).value(), {});
        QVERIFY(job.ok());
        QVERIFY((*store)->claimNext().ok());
        QVERIFY((*store)->recordPublished(job->id, JobState::AwaitingApproval, m_version, {}).ok());
        ids << job->id;
    }
    panel.approve();
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Approved")), qPrintable(panel.statusText()));
    QCOMPARE((*store)->job(ids.at(0))->value().state, JobState::Succeeded);
    QCOMPARE(QFileInfo(QDir(m_version).filePath(QStringLiteral("../current"))).canonicalFilePath(),
             QFileInfo(m_version).canonicalFilePath());
    panel.reject(QStringLiteral("audio drops at 2 s"));
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Rejected")), qPrintable(panel.statusText()));
    const JobRecord rejectedJob = (*store)->job(ids.at(1))->value();
    QCOMPARE(rejectedJob.state, JobState::Rejected);
    QCOMPARE(rejectedJob.reviewNote, QStringLiteral("audio drops at 2 s"));
    panel.setApproval(nullptr);
}

void TestQcReview::badVersionFolder_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content"); // empty: delete the file
    QTest::addColumn<QString>("words");
    QTest::newRow("missing qc.json") << "qc.json" << QByteArray() << "missing";
    QTest::newRow("corrupt qc.json") << "qc.json" << QByteArray("{\"schema\": \"rendition.qc/1\", \"events\": [")
                                     << "not valid JSON";
    QTest::newRow("qc.json of another kind")
        << "qc.json" << QByteArray("{\"schema\": \"other/1\"}") << "not a QC report";
    QTest::newRow("corrupt manifest.json") << "manifest.json" << QByteArray("garbage") << "not valid JSON";
    QTest::newRow("missing manifest.json") << "manifest.json" << QByteArray() << "missing";
    QTest::newRow("corrupt loudness.json") << "loudness.json" << QByteArray("[1,2") << "not valid JSON";
    QTest::newRow("corrupt thumbnails.vtt") << "thumbnails/thumbnails.vtt" << QByteArray("no header") << "WEBVTT";
}

void TestQcReview::badVersionFolder()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, words);
    QTemporaryDir dir;
    const QString copy = QDir(dir.path()).filePath(QStringLiteral("v1"));
    QVERIFY(copyTree(m_version, copy));
    const QString broken = QDir(copy).filePath(file);
    if (content.isEmpty())
        QVERIFY(QFile::remove(broken));
    else
        QVERIFY(reviewtest::writeFile(broken, content));

    QcReviewPanel panel;
    QSignalSpy errors(&panel, &QcReviewPanel::errorOccurred);
    const Status s = panel.openVersion(copy);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().context.startsWith(QDir(copy).filePath(file)), qPrintable(s.error().toString()));
    QVERIFY2(s.error().message.contains(words), qPrintable(s.error().message));
    QVERIFY(panel.statusText().contains(QFileInfo(file).fileName()));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(panel.eventList()->topLevelItemCount(), 0);
    QVERIFY(!panel.package().has_value());
    // A good version opens afterwards in the same panel.
    QVERIFY(panel.openVersion(m_version).ok());
    QVERIFY(panel.eventList()->topLevelItemCount() > 0);

    QVERIFY(!panel.openVersion(dir.filePath(QStringLiteral("nothing-here"))).ok());
    QVERIFY(panel.statusText().contains(QStringLiteral("nothing-here")));
}

QTEST_MAIN(TestQcReview)
#include "tst_qcreview.moc"
