// The queue panel (ui/queue) against a real JobStore in a temporary folder and, where jobs
// must run, a real WorkerPool starting `rendition-cli exec-job` children on fixture media:
//   - a batch of 2 jobs finishes and the view shows both done, with the encoder from the
//     manifest and the batch filter finding them;
//   - cancel: a queued job (before the pool starts) and a running one (inside the pipeline);
//   - a permanently failing source → dead letter: the dead-letter filter shows exactly it,
//     the detail dialog shows the error, the attempt, its log tail and the spec; retry queues it;
//   - reorder by drag and drop (a drop before a row, a drop past the end) and priority up
//     change the store's run order; running / finished jobs cannot be dragged;
//   - pause/resume the queue (persisted: a new panel shows it) and a queued job;
//   - approve / reject of jobs waiting for approval ("Waiting for approval");
//   - bad input: acting on a job that changed behind the panel's back, opening an output
//     folder that does not exist → the status label shows the error, errors() keeps it;
//   - restart: a new panel on a reopened store shows the same rows and states;
//   - the snapshot reader agrees with JobStore::list();
//   - responsiveness with 2,000 jobs: figures printed, not asserted (bench/gui has 10,000).

#include "bench/gui/QueueResponsiveness.h"

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "ui/queue/JobDetailDialog.h"
#include "core/queue/JobSnapshotReader.h"
#include "core/queue/JobStore.h"
#include "ui/queue/QueueController.h"
#include "ui/queue/QueueFeed.h"
#include "ui/queue/QueuePanel.h"
#include "core/queue/WorkerPool.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;
using namespace rendition::ui;

namespace {

const QString kCliPath = QStringLiteral(RENDITION_CLI);
const QString kSport = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 640x360 59.94, 6 s
const QString kBadSource = QStringLiteral(RENDITION_FIXTURES "/bad/truncated_moov_at_end.mp4");
constexpr int kJobTimeoutMs = 120000; // a loaded 2-core machine runs other tests' encodes too
constexpr int kLoadTimeoutMs = 30000;

Preset tinyPreset()
{
    static const Preset preset = parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "queue-tiny",
      "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "ultrafast",
                  "rate_control": {"mode": "crf", "crf": 30}}],
      "audio": [],
      "packaging": {"segment_duration_s": 2, "hls": true, "dash": false},
      "loudness": {"enabled": false}, "thumbnails": {"enabled": false}, "qc": {"enabled": false}})"))
                                     .value();
    return preset;
}

} // namespace

class TestQueuePanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void batchOfTwoFinishesAndShowsDone();
    void cancelQueuedAndRunningJobs();
    void deadLetterFilterAndDetail();
    void reorderByDragAndPriority();
    void pauseQueueAndJob();
    void approveAndRejectWaitingJobs();
    void errorsReachTheStatusLabel();
    void restartShowsTheSameRows();
    void snapshotReaderAgreesWithStore();
    void responsivenessWith2000Jobs();

private:
    QString copyOfSport(const QString &name);
    JobSpec specFor(const QString &source, bool clearProblems = false);
    QString enqueue(const JobSpec &spec, const QString &batchId = {});
    WorkerPoolOptions poolOptions(int cpuSlots);
    std::unique_ptr<QueuePanel> makePanel(WorkerPool *pool);
    static QString shownState(const QueuePanel &panel, const QString &jobId);
    static QStringList shownOrder(const QueuePanel &panel);
    QStringList storeOrder();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<JobStore> m_store;
    QString m_out;
};

void TestQueuePanel::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_out = m_tmp->filePath(QStringLiteral("out"));
    Result<std::unique_ptr<JobStore>> store = JobStore::open(m_tmp->filePath(QStringLiteral("data/jobs.sqlite")));
    QVERIFY2(store.ok(), store ? "" : qPrintable(store.error().toString()));
    m_store = std::move(store).value();
}

void TestQueuePanel::cleanup()
{
    m_store.reset();
    m_tmp.reset();
}

QString TestQueuePanel::copyOfSport(const QString &name)
{
    const QString path = m_tmp->filePath(name);
    return QFile::copy(kSport, path) ? path : QString();
}

JobSpec TestQueuePanel::specFor(const QString &source, bool clearProblems)
{
    ProbeResult probed = probe(source);
    if (clearProblems) probed.problems.clear(); // the spec of a file the engine will still reject
    Result<JobSpec> spec = makeJobSpec(probed, tinyPreset(), m_out);
    if (!spec) qFatal("makeJobSpec: %s", qPrintable(spec.error().toString()));
    return *spec;
}

QString TestQueuePanel::enqueue(const JobSpec &spec, const QString &batchId)
{
    Result<JobRecord> r = m_store->enqueue(spec, batchId);
    if (!r) qFatal("enqueue: %s", qPrintable(r.error().toString()));
    return r->id;
}

WorkerPoolOptions TestQueuePanel::poolOptions(int cpuSlots)
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

std::unique_ptr<QueuePanel> TestQueuePanel::makePanel(WorkerPool *pool)
{
    auto panel = std::make_unique<QueuePanel>(*m_store, pool);
    panel->resize(1200, 600);
    panel->show();
    QSignalSpy loaded(panel->feed(), &QueueFeed::loaded);
    if (!panel->feed()->isLoaded() && !loaded.wait(kLoadTimeoutMs)) qWarning("the queue panel did not load in time");
    return panel;
}

QString TestQueuePanel::shownState(const QueuePanel &panel, const QString &jobId)
{
    const int row = panel.model()->rowOfJob(jobId);
    return row < 0 ? QString() : panel.model()->index(row, QueueModel::State).data().toString();
}

// Job ids as the view shows them, top to bottom.
QStringList TestQueuePanel::shownOrder(const QueuePanel &panel)
{
    QStringList ids;
    for (int r = 0; r < panel.proxy()->rowCount(); ++r) ids << panel.proxy()->index(r, 0).data(QueueModel::JobIdRole).toString();
    return ids;
}

QStringList TestQueuePanel::storeOrder()
{
    QStringList ids;
    const QList<JobRecord> records = m_store->list().value();
    for (const JobRecord &r : records) ids << r.id;
    return ids;
}

void TestQueuePanel::batchOfTwoFinishesAndShowsDone()
{
    const BatchInfo batch = m_store->addBatch(tinyPreset().name, m_out).value();
    const QString a = enqueue(specFor(copyOfSport(QStringLiteral("alpha.mp4"))), batch.id);
    const QString b = enqueue(specFor(copyOfSport(QStringLiteral("beta.mp4"))), batch.id);
    WorkerPool pool(*m_store, poolOptions(2), RetryPolicy(RetryConfig{100, 400, 2}));
    auto panel = makePanel(&pool);
    QCOMPARE(panel->model()->rowCount(), 2);
    QCOMPARE(shownState(*panel, a), QStringLiteral("Queued"));
    QCOMPARE(panel->model()->index(panel->model()->rowOfJob(a), QueueModel::Source).data().toString(), QStringLiteral("alpha.mp4"));
    QCOMPARE(panel->model()->index(panel->model()->rowOfJob(a), QueueModel::Preset).data().toString(), tinyPreset().name);

    QSet<QString> progressed;
    connect(&pool, &WorkerPool::jobProgress, this, [&](const QString &id, const ProgressEvent &e) {
        if (e.stage == u"transcode") progressed.insert(id);
    });
    QVERIFY(pool.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, a), QStringLiteral("Done"), kJobTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, b), QStringLiteral("Done"), kJobTimeoutMs);
    QCOMPARE(progressed, (QSet<QString>{a, b}));
    QCOMPARE(m_store->job(a).value()->state, JobState::Succeeded);

    const QModelIndex progressA = panel->model()->index(panel->model()->rowOfJob(a), QueueModel::Progress);
    QVERIFY(progressA.data(QueueModel::ProgressRole).value<ProgressView>().complete);
    // The encoder actually used comes from the published manifest.
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->index(panel->model()->rowOfJob(a), QueueModel::Encoder).data().toString(),
                              QStringLiteral("libx264"), 10000);
    QCOMPARE(panel->model()->index(panel->model()->rowOfJob(b), QueueModel::Attempts).data().toInt(), 1);

    // The batch filter lists the batch and shows its two jobs; the Done filter both.
    auto *batches = panel->findChild<QComboBox *>(QStringLiteral("batchFilter"));
    QVERIFY(batches);
    QTRY_COMPARE(batches->count(), 2);
    batches->setCurrentIndex(1);
    QCOMPARE(panel->proxy()->rowCount(), 2);
    panel->setStateFilter(StateFilter::Done);
    QCOMPARE(panel->proxy()->rowCount(), 2);
    panel->setStateFilter(StateFilter::Active);
    QCOMPARE(panel->proxy()->rowCount(), 0);
    panel->setStateFilter(StateFilter::All);
    panel->setTextFilter(QStringLiteral("BETA"));
    QCOMPARE(shownOrder(*panel), QStringList{b});
    QVERIFY(panel->errors().isEmpty());
}

void TestQueuePanel::cancelQueuedAndRunningJobs()
{
    const QString running = enqueue(specFor(copyOfSport(QStringLiteral("first.mp4"))));
    const QString queued = enqueue(specFor(copyOfSport(QStringLiteral("second.mp4"))));
    WorkerPool pool(*m_store, poolOptions(1), RetryPolicy(RetryConfig{100, 400, 2}));
    auto panel = makePanel(&pool);
    QAction *cancel = panel->action(QueuePanel::Action::Cancel);

    // A queued job, before the pool starts: canceled at once.
    QCOMPARE(panel->selectJobs({queued}), 1);
    QVERIFY(cancel->isEnabled());
    cancel->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, queued), QStringLiteral("Canceled"), 10000);
    QCOMPARE(m_store->job(queued).value()->state, JobState::Canceled);

    // A running job, once it is inside the pipeline: through the panel's action.
    bool asked = false;
    connect(&pool, &WorkerPool::jobProgress, this, [&](const QString &id, const ProgressEvent &e) {
        if (asked || id != running || e.stage == u"verify") return;
        asked = true;
        QTimer::singleShot(0, this, [&] {
            panel->selectJobs({running});
            cancel->trigger();
        });
    });
    QSignalSpy finished(&pool, &WorkerPool::jobFinished);
    QVERIFY(pool.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, running), QStringLiteral("Canceled"), kJobTimeoutMs);
    QVERIFY(asked);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(1).value<JobOutcome>(), JobOutcome::Canceled);
    QCOMPARE(m_store->job(running).value()->state, JobState::Canceled);
    // Nothing left to cancel: the action is off for canceled jobs; Retry is on.
    panel->selectJobs({running, queued});
    QVERIFY(!cancel->isEnabled());
    QVERIFY(panel->action(QueuePanel::Action::Retry)->isEnabled());
    QVERIFY(panel->errors().isEmpty());
}

void TestQueuePanel::deadLetterFilterAndDetail()
{
    const QString good = enqueue(specFor(copyOfSport(QStringLiteral("fine.mp4"))));
    const QString bad = enqueue(specFor(kBadSource, true));
    WorkerPool pool(*m_store, poolOptions(2), RetryPolicy(RetryConfig{100, 400, 3}));
    auto panel = makePanel(&pool);
    QVERIFY(pool.start().ok());
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, bad), QStringLiteral("Dead letter"), kJobTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, good), QStringLiteral("Done"), kJobTimeoutMs);

    auto *states = panel->findChild<QComboBox *>(QStringLiteral("stateFilter"));
    QVERIFY(states);
    states->setCurrentIndex(states->findData(int(StateFilter::DeadLetters)));
    QCOMPARE(shownOrder(*panel), QStringList{bad});

    QCOMPARE(panel->selectJobs({bad}), 1);
    QSignalSpy opened(panel.get(), &QueuePanel::detailsOpened);
    panel->action(QueuePanel::Action::Details)->trigger();
    QCOMPARE(opened.count(), 1);
    auto *dialog = qobject_cast<JobDetailDialog *>(opened.first().at(0).value<QWidget *>());
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
    QVERIFY2(dialog->summaryText().contains(QStringLiteral("truncated_moov_at_end.mp4")), qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->summaryText().contains(QStringLiteral("permanent")), qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->errorText().startsWith(QStringLiteral("Error ")), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->attemptCount(), 1); // permanent: no second attempt
    QVERIFY(!dialog->logTailText().trimmed().isEmpty());
    QVERIFY(dialog->specText().contains(QStringLiteral("\"schema\": \"rendition.job/1\"")));
    dialog->close();

    // Retry puts it back in the queue (it will die again: the file is still bad).
    QVERIFY(panel->action(QueuePanel::Action::Retry)->isEnabled());
    QVERIFY(!panel->action(QueuePanel::Action::Cancel)->isEnabled());
    QSignalSpy started(&pool, &WorkerPool::jobStarted);
    panel->action(QueuePanel::Action::Retry)->trigger();
    QVERIFY(m_store->job(bad).value()->state != JobState::Dead);
    QVERIFY(started.wait(30000));
    QCOMPARE(started.first().at(0).toString(), bad);
    QTRY_COMPARE_WITH_TIMEOUT(shownState(*panel, bad), QStringLiteral("Dead letter"), kJobTimeoutMs);
    QTRY_COMPARE(panel->model()->index(panel->model()->rowOfJob(bad), QueueModel::Attempts).data().toInt(), 2);
    QVERIFY(panel->errors().isEmpty());
}

void TestQueuePanel::reorderByDragAndPriority()
{
    const QString a = enqueue(specFor(copyOfSport(QStringLiteral("a.mp4"))));
    const QString b = enqueue(specFor(copyOfSport(QStringLiteral("b.mp4"))));
    const QString c = enqueue(specFor(copyOfSport(QStringLiteral("c.mp4"))));
    const QString done = enqueue(specFor(copyOfSport(QStringLiteral("d.mp4"))));
    QVERIFY(m_store->setState(done, JobState::Running).ok());
    auto panel = makePanel(nullptr); // monitor mode: the store alone
    QCOMPARE(shownOrder(*panel), (QStringList{a, b, c, done}));
    QVERIFY(panel->view()->dragEnabled()); // run order

    // Drag c onto a's row: c runs before a.
    QueueModel *model = panel->model();
    std::unique_ptr<QMimeData> dragC(model->mimeData({model->index(model->rowOfJob(c), 0)}));
    QVERIFY(dragC);
    const int rowOfA = shownOrder(*panel).indexOf(a);
    QVERIFY(panel->proxy()->dropMimeData(dragC.get(), Qt::MoveAction, rowOfA, 0, {}));
    QCOMPARE(storeOrder().mid(0, 3), (QStringList{c, a, b}));
    QTRY_COMPARE(shownOrder(*panel).mid(0, 3), (QStringList{c, a, b}));

    // Drag a past the last row: to the end of the queue.
    std::unique_ptr<QMimeData> dragA(model->mimeData({model->index(model->rowOfJob(a), 0)}));
    QVERIFY(panel->proxy()->dropMimeData(dragA.get(), Qt::MoveAction, panel->proxy()->rowCount(), 0, {}));
    QCOMPARE(storeOrder().last(), a);
    QTRY_COMPARE(shownOrder(*panel).last(), a);

    // A running job does not drag.
    QVERIFY(!(model->flags(model->index(model->rowOfJob(done), 0)) & Qt::ItemIsDragEnabled));
    QVERIFY(!model->mimeData({model->index(model->rowOfJob(done), 0)}));

    // Priority up: b runs first.
    panel->selectJobs({b});
    QVERIFY(panel->action(QueuePanel::Action::PriorityUp)->isEnabled());
    panel->action(QueuePanel::Action::PriorityUp)->trigger();
    QCOMPARE(m_store->job(b).value()->priority, 1);
    QCOMPARE(storeOrder().first(), b);
    QTRY_COMPARE(shownOrder(*panel).first(), b);
    QTRY_COMPARE(model->index(model->rowOfJob(b), QueueModel::Priority).data().toInt(), 1);

    // Sorted by anything else, dropping would not mean "run before": dragging is off.
    panel->view()->sortByColumn(QueueModel::Source, Qt::AscendingOrder);
    QVERIFY(!panel->view()->dragEnabled());
    QVERIFY(panel->errors().isEmpty());
}

void TestQueuePanel::pauseQueueAndJob()
{
    const QString a = enqueue(specFor(copyOfSport(QStringLiteral("p.mp4"))));
    {
        WorkerPool pool(*m_store, poolOptions(1));
        auto panel = makePanel(&pool);
        QAction *pauseQueue = panel->action(QueuePanel::Action::PauseQueue);
        QVERIFY(!pauseQueue->isChecked());
        pauseQueue->trigger();
        QVERIFY(pauseQueue->isChecked());
        QCOMPARE(m_store->isQueuePaused().value(), true);

        panel->selectJobs({a});
        QVERIFY(panel->action(QueuePanel::Action::PauseJob)->isEnabled());
        QVERIFY(!panel->action(QueuePanel::Action::ResumeJob)->isEnabled());
        panel->action(QueuePanel::Action::PauseJob)->trigger();
        QTRY_COMPARE(shownState(*panel, a), QStringLiteral("Paused"));
        QCOMPARE(m_store->job(a).value()->state, JobState::Paused);
        QTRY_VERIFY(panel->action(QueuePanel::Action::ResumeJob)->isEnabled());
        panel->action(QueuePanel::Action::ResumeJob)->trigger();
        QTRY_COMPARE(shownState(*panel, a), QStringLiteral("Queued"));
        QVERIFY(panel->errors().isEmpty());
    }
    // Persisted: a new panel (as after a restart) shows the queue paused.
    auto again = makePanel(nullptr);
    QVERIFY(again->action(QueuePanel::Action::PauseQueue)->isChecked());
    again->action(QueuePanel::Action::PauseQueue)->trigger();
    QCOMPARE(m_store->isQueuePaused().value(), false);
}

void TestQueuePanel::approveAndRejectWaitingJobs()
{
    // Two jobs that published a version for review (as a preset with require_approval does).
    QStringList waiting;
    for (const QString &name : {QStringLiteral("keep"), QStringLiteral("drop")}) {
        const QString id = enqueue(specFor(copyOfSport(name + QStringLiteral(".mp4"))));
        const QString version = QDir(m_out).filePath(name + QStringLiteral("/v1"));
        QVERIFY(QDir().mkpath(version));
        QFile manifest(QDir(version).filePath(QStringLiteral("manifest.json"))); // a complete version ends with it
        QVERIFY(manifest.open(QIODevice::WriteOnly) && manifest.write("{\"renditions\": []}") > 0);
        manifest.close();
        QVERIFY(m_store->setState(id, JobState::Running).ok());
        QVERIFY(m_store->recordPublished(id, JobState::AwaitingApproval, version, {}).ok());
        waiting << id;
    }
    auto panel = makePanel(nullptr);
    QCOMPARE(shownState(*panel, waiting[0]), QStringLiteral("Waiting for approval"));
    panel->setStateFilter(StateFilter::WaitingForApproval);
    QCOMPARE(panel->proxy()->rowCount(), 2);

    panel->selectJobs({waiting[0]});
    QVERIFY(panel->action(QueuePanel::Action::Approve)->isEnabled());
    QVERIFY(!panel->action(QueuePanel::Action::Cancel)->isEnabled());
    panel->action(QueuePanel::Action::Approve)->trigger();
    QCOMPARE(m_store->job(waiting[0]).value()->state, JobState::Succeeded);
    QCOMPARE(QFileInfo(QDir(m_out).filePath(QStringLiteral("keep/current"))).symLinkTarget(),
             QFileInfo(QDir(m_out).filePath(QStringLiteral("keep/v1"))).absoluteFilePath());
    QTRY_COMPARE(shownState(*panel, waiting[0]), QStringLiteral("Done"));

    panel->selectJobs({waiting[1]});
    panel->rejectSelected(QStringLiteral("too dark"));
    QCOMPARE(m_store->job(waiting[1]).value()->state, JobState::Rejected);
    QCOMPARE(m_store->job(waiting[1]).value()->reviewNote, QStringLiteral("too dark"));
    QTRY_COMPARE(shownState(*panel, waiting[1]), QStringLiteral("Rejected"));
    QTRY_COMPARE(panel->proxy()->rowCount(), 0);
    QVERIFY(panel->errors().isEmpty());
}

void TestQueuePanel::errorsReachTheStatusLabel()
{
    const QString a = enqueue(specFor(copyOfSport(QStringLiteral("e.mp4"))));
    auto panel = makePanel(nullptr);
    QSignalSpy reported(panel.get(), &QueuePanel::errorReported);

    // The output folder does not exist before the job publishes.
    panel->selectJobs({a});
    bool opened = false;
    panel->setUrlOpener([&](const QUrl &) { return opened = true; });
    panel->action(QueuePanel::Action::OpenOutput)->trigger();
    QVERIFY(!opened);
    QCOMPARE(reported.count(), 1);
    QCOMPARE(reported.first().at(0).value<Error>().code, QStringLiteral("ui.no_output"));
    QVERIFY2(panel->statusText().contains(m_out), qPrintable(panel->statusText()));

    // Another process canceled the job meanwhile: the panel's "pause" is refused by the store.
    QVERIFY(m_store->setState(a, JobState::Canceled).ok());
    QVERIFY(panel->action(QueuePanel::Action::PauseJob)->isEnabled()); // the panel has not polled yet
    panel->action(QueuePanel::Action::PauseJob)->trigger();
    QCOMPARE(reported.count(), 2);
    QCOMPARE(reported.last().at(0).value<Error>().code, QStringLiteral("store.bad_transition"));
    QVERIFY2(panel->statusText().contains(a), qPrintable(panel->statusText()));
    QCOMPARE(panel->errors().size(), 2); // both kept
    QTRY_COMPARE(shownState(*panel, a), QStringLiteral("Canceled"));

    // Once the output root exists, Open output folder hands it to the desktop.
    QVERIFY(QDir().mkpath(m_out));
    panel->action(QueuePanel::Action::OpenOutput)->trigger();
    QVERIFY(opened);
    QCOMPARE(panel->errors().size(), 2);
}

void TestQueuePanel::restartShowsTheSameRows()
{
    const BatchInfo batch = m_store->addBatch(tinyPreset().name, m_out).value();
    QStringList ids;
    for (const QString &name : {QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r3")})
        ids << enqueue(specFor(copyOfSport(name + QStringLiteral(".mp4"))), batch.id);
    QVERIFY(m_store->pauseJob(ids[1]).ok());
    QVERIFY(m_store->setState(ids[2], JobState::Canceled).ok());
    QVERIFY(m_store->setPriority(ids[2], 5).ok());

    auto rows = [](const QueuePanel &panel) {
        QStringList out;
        for (int r = 0; r < panel.proxy()->rowCount(); ++r) {
            QStringList cells;
            for (int c : {int(QueueModel::Source), int(QueueModel::Batch), int(QueueModel::State), int(QueueModel::Priority)})
                cells << panel.proxy()->index(r, c).data().toString();
            out << cells.join(u'|');
        }
        return out;
    };
    QStringList before;
    {
        auto panel = makePanel(nullptr);
        before = rows(*panel);
    }
    QCOMPARE(before.size(), 3);
    QVERIFY2(before.first().startsWith(QStringLiteral("r3.mp4|")), qPrintable(before.join(u'\n'))); // priority 5 first
    QVERIFY(before.join(u'\n').contains(QStringLiteral("Paused")));

    const QString path = m_store->path();
    m_store.reset(); // the app quits …
    m_store = std::move(JobStore::open(path)).value(); // … and starts again
    auto panel = makePanel(nullptr);
    QCOMPARE(rows(*panel), before);
}

void TestQueuePanel::snapshotReaderAgreesWithStore()
{
    const BatchInfo batch = m_store->addBatch(tinyPreset().name, m_out).value();
    const QString a = enqueue(specFor(copyOfSport(QStringLiteral("s1.mp4"))), batch.id);
    const QString b = enqueue(specFor(copyOfSport(QStringLiteral("s2.mp4"))));
    Result<std::unique_ptr<JobSnapshotReader>> reader = JobSnapshotReader::open(m_store->path());
    QVERIFY2(reader.ok(), reader ? "" : qPrintable(reader.error().toString()));
    const QList<JobSnapshot> all = (*reader)->readAll().value();
    const QList<JobRecord> records = m_store->list().value();
    QCOMPARE(all.size(), records.size());
    for (int i = 0; i < all.size(); ++i) {
        const JobRecord &r = records.at(i);
        const JobSnapshot &s = all.at(i);
        QCOMPARE(s.id, r.id);
        QCOMPARE(s.batchId, r.batchId);
        QCOMPARE(s.state, r.state);
        QCOMPARE(s.position, r.position);
        QCOMPARE(s.updatedAt, r.updatedAt);
        QCOMPARE(s.createdAt, r.createdAt);
        QCOMPARE(s.sourcePath, r.spec().value().source.localPath());
        QCOMPARE(s.presetName, tinyPreset().name);
        QCOMPARE(s.outputRoot, m_out);
        QCOMPARE(s.requestedEncoders, QStringLiteral("software"));
    }
    QCOMPARE((*reader)->batches().value().size(), 1);

    // Nothing changed: an empty delta. A change by another connection: exactly that row.
    QVERIFY((*reader)->readChanges().value().isEmpty());
    QVERIFY(!(*reader)->hasChanged().value());
    QVERIFY(m_store->setPriority(b, 3).ok());
    QVERIFY((*reader)->hasChanged().value());
    const JobSnapshotDelta delta = (*reader)->readChanges().value();
    QCOMPARE(delta.changed.size(), 1);
    QCOMPARE(delta.changed.first().id, b);
    QCOMPARE(delta.changed.first().priority, 3);
    QCOMPARE(delta.changed.first().sourcePath, m_tmp->filePath(QStringLiteral("s2.mp4"))); // kept from the first read
    Q_UNUSED(a);

    // Bad input: a store file that does not exist.
    Result<std::unique_ptr<JobSnapshotReader>> missing = JobSnapshotReader::open(m_tmp->filePath(QStringLiteral("nope.sqlite")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("store.open"));
}

void TestQueuePanel::responsivenessWith2000Jobs()
{
    const int count = qEnvironmentVariableIsSet("RENDITION_TEST_FULL") ? 10000 : 2000;
    const QString src = copyOfSport(QStringLiteral("clip-00.mp4"));
    const JobSpec base = specFor(src);
    QElapsedTimer t;
    t.start();
    Result<QStringList> ids = m_store->enqueueMany(bench::cloneSpecs(base, count, {src}), QString());
    QVERIFY2(ids.ok(), ids ? "" : qPrintable(ids.error().toString()));
    const qint64 insertMs = t.elapsed();
    QCOMPARE(m_store->list(JobFilter{{JobState::Queued}, {}, -1}).value().size(), count);
    // Bad input: a duplicate id rolls the whole call back.
    Result<QStringList> duplicate = m_store->enqueueMany({base, base}, QString());
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, QStringLiteral("store.duplicate_job"));
    QCOMPARE(m_store->list().value().size(), count);

    auto panel = makePanel(nullptr);
    QCOMPARE(panel->model()->rowCount(), count);
    bench::SimulatedRunners runners(*m_store, *panel->model(), {ids->at(0), ids->at(1)});
    runners.start();
    const bench::GapStats gaps = bench::measureEventLoopGaps(3000);
    QVERIFY(runners.events() > 0);
    const QString sorts = bench::formatSteps(bench::measureSorts(*panel), 100);
    const QString filters = bench::formatSteps(bench::measureFilters(*panel, QStringLiteral("clip-00")), 100);
    runners.stop();
    QVERIFY(runners.errors().isEmpty());
    QTRY_COMPARE(panel->model()->index(panel->model()->rowOfJob(ids->at(0)), QueueModel::State).data().toString(),
                 QStringLiteral("Running"));
    QVERIFY(!panel->model()->index(panel->model()->rowOfJob(ids->at(0)), QueueModel::Progress).data().toString().isEmpty());
    qInfo().noquote() << QStringLiteral("\nqueue panel with %1 jobs: inserted in %2 ms, read off-thread in %3 ms\n").arg(count).arg(insertMs).arg(panel->feed()->lastReadMs())
                             + bench::formatGaps(QStringLiteral("2 simulated running jobs"), gaps, 50) + QStringLiteral("sorting:\n") + sorts
                             + QStringLiteral("filtering:\n") + filters;
}

QTEST_MAIN(TestQueuePanel)
#include "tst_queuepanel.moc"
