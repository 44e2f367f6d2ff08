// The GUI side of remote mode (ui/remote): the "Remote profiles" settings section stores
// profiles through QSettings (a test-scoped ini file) and refuses incomplete ones naming the
// missing field; the Cluster tab's jobs model follows recorded status events; "Run on cluster"
// against an unreachable endpoint reports a clear error in the queue panel's status label
// while the GUI thread keeps running, and a submission can be canceled.
// No S3/SQS emulator is started here (the integration tests cover the real transfers).

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/model/Preset.h"
#include "core/queue/JobStore.h"
#include "ui/queue/QueuePanel.h"
#include "ui/remote/ClusterPanel.h"
#include "ui/remote/RemoteJobsModel.h"
#include "ui/remote/RemoteProfileEditor.h"
#include "core/remote/RemoteStatus.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition;
using namespace rendition::ui;

namespace {

const QString kSport = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4");
constexpr int kRunTimeoutMs = 120'000; // retries with backoff against a refused port, on a loaded machine

RemoteProfile completeProfile(const QString &name, const QString &endpoint)
{
    RemoteProfile p;
    p.name = name;
    p.s3Endpoint = endpoint;
    p.region = QStringLiteral("eu-west-1");
    p.bucket = QStringLiteral("media-bucket");
    p.pathStyle = false;
    p.jobsQueueUrl = endpoint + QStringLiteral("/000000000000/jobs");
    p.statusQueueUrl = endpoint + QStringLiteral("/000000000000/status");
    p.dlqUrl = endpoint + QStringLiteral("/000000000000/dead");
    p.awsProfile = QStringLiteral("render-farm");
    return p;
}

QByteArray statusBody(const QString &jobId, const QString &kind, const QString &at, const QString &extra = {})
{
    return QStringLiteral(R"({"schema":"rendition.remote-status/1","job_id":"%1","kind":"%2","worker":"node-7:4242","at":"%3"%4})")
        .arg(jobId, kind, at, extra)
        .toUtf8();
}

Preset anyPreset()
{
    Result<Preset> p = loadPreset(builtinPresetNames().value(0));
    if (!p) qFatal("no built-in preset: %s", qPrintable(p.error().toString()));
    return *p;
}

} // namespace

class TestRemoteGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void profileRoundTripsThroughSettings();
    void incompleteProfileIsRefused();
    void jobsModelFollowsStatusEvents();
    void badStatusBodyIsRejected();
    void runOnClusterUnreachableShowsError();
    void submissionCanBeCanceled();
    void undefinedCredentialsAreReported();
    void followingUnreachableStatusQueueReportsErrors();

private:
    QString ini() const { return m_tmp->filePath(QStringLiteral("settings.ini")); }
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestRemoteGui::initTestCase()
{
    av_log_set_level(AV_LOG_QUIET);
    QStandardPaths::setTestModeEnabled(true);
    // Credentials for the unreachable profile (nothing is ever sent anywhere real).
    qputenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    qputenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    qunsetenv("AWS_PROFILE");
}

void TestRemoteGui::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestRemoteGui::cleanup() { m_tmp.reset(); }

void TestRemoteGui::profileRoundTripsThroughSettings()
{
    const RemoteProfile original = completeProfile(QStringLiteral("farm"), QStringLiteral("http://127.0.0.1:4568"));
    {
        RemoteProfileEditor editor;
        editor.setSettingsFile(ini());
        editor.setEditing(original);
        QVERIFY2(editor.saveProfile(), qPrintable(editor.message()->text()));
        QCOMPARE(editor.profileNames(), QStringList{QStringLiteral("farm")});
    }
    // A fresh editor (a restart) reads it back field by field.
    RemoteProfileEditor editor;
    editor.setSettingsFile(ini());
    QCOMPARE(editor.profileNames(), QStringList{QStringLiteral("farm")});
    QVERIFY(editor.loadProfile(QStringLiteral("farm")));
    const RemoteProfile back = editor.edited();
    QCOMPARE(back.s3Endpoint, original.s3Endpoint);
    QCOMPARE(back.region, original.region);
    QCOMPARE(back.bucket, original.bucket);
    QCOMPARE(back.pathStyle, original.pathStyle);
    QCOMPARE(back.jobsQueueUrl, original.jobsQueueUrl);
    QCOMPARE(back.statusQueueUrl, original.statusQueueUrl);
    QCOMPARE(back.dlqUrl, original.dlqUrl);
    QCOMPARE(back.awsProfile, original.awsProfile);
    {
        QSettings settings(ini(), QSettings::IniFormat); // what the CLI's --remote farm reads
        Result<RemoteProfile> loaded = RemoteProfile::load(settings, QStringLiteral("farm"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->bucket, original.bucket);
        // No secret ever lands in the settings file.
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("EXAMPLEKEY")), qPrintable(key));
    }
    QVERIFY(editor.removeProfile(QStringLiteral("farm")));
    QVERIFY(editor.profileNames().isEmpty());
    QVERIFY(!editor.removeProfile(QStringLiteral("farm")));
}

void TestRemoteGui::incompleteProfileIsRefused()
{
    RemoteProfileEditor editor;
    editor.setSettingsFile(ini());
    RemoteProfile p = completeProfile(QStringLiteral("half"), QStringLiteral("http://127.0.0.1:4568"));
    p.bucket.clear();
    editor.setEditing(p);
    QVERIFY(!editor.saveProfile());
    QVERIFY2(editor.message()->text().contains(QStringLiteral("bucket")), qPrintable(editor.message()->text()));

    p = completeProfile(QStringLiteral("half"), QStringLiteral("http://127.0.0.1:4568"));
    p.jobsQueueUrl.clear();
    editor.setEditing(p);
    QVERIFY(!editor.saveProfile());
    QVERIFY2(editor.message()->text().contains(QStringLiteral("jobs queue URL")), qPrintable(editor.message()->text()));

    p = completeProfile(QString(), QStringLiteral("http://127.0.0.1:4568"));
    editor.setEditing(p);
    QVERIFY(!editor.saveProfile());
    QVERIFY2(editor.message()->text().contains(QStringLiteral("name")), qPrintable(editor.message()->text()));

    p = completeProfile(QStringLiteral("env"), QStringLiteral("http://127.0.0.1:4568"));
    editor.setEditing(p);
    QVERIFY(!editor.saveProfile()); // reserved for --remote env
    QVERIFY(editor.profileNames().isEmpty());
}

void TestRemoteGui::jobsModelFollowsStatusEvents()
{
    RemoteJobsModel model;
    model.addSubmitted(QStringLiteral("job-a"), QStringLiteral("/media/a.mov"), QStringLiteral("key-a"));
    const QList<QByteArray> recorded{
        statusBody(QStringLiteral("job-a"), QStringLiteral("received"), QStringLiteral("2026-11-20T10:00:00.000Z"),
                   QStringLiteral(R"(,"attempt":1)")),
        statusBody(QStringLiteral("job-a"), QStringLiteral("progress"), QStringLiteral("2026-11-20T10:00:05.000Z"),
                   QStringLiteral(R"(,"stage":"transcode","percent":42.4)")),
        // Late delivery of an older event: ignored.
        statusBody(QStringLiteral("job-a"), QStringLiteral("progress"), QStringLiteral("2026-11-20T10:00:02.000Z"),
                   QStringLiteral(R"(,"stage":"probe","percent":10)")),
        statusBody(QStringLiteral("job-b"), QStringLiteral("dead"), QStringLiteral("2026-11-20T10:00:06.000Z"),
                   QStringLiteral(R"(,"error":{"code":"exec.failed","message":"b.mov: decoder error","context":"b.mov"})")),
    };
    for (const QByteArray &body : recorded) {
        Result<RemoteStatusEvent> e = RemoteStatusEvent::fromBody(body);
        QVERIFY2(e.ok(), e ? "" : qPrintable(e.error().toString()));
        model.update(*e);
    }
    const auto cell = [&](const QString &job, int column, int role = Qt::DisplayRole) {
        return model.index(model.rowOf(job), column).data(role).toString();
    };
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::Source), QStringLiteral("a.mov"));
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::State), RemoteJobsModel::stateText(RemoteEventKind::Progress));
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::Stage), QStringLiteral("transcode"));
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::Progress), QStringLiteral("42%"));
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::Worker), QStringLiteral("node-7:4242"));
    QCOMPARE(cell(QStringLiteral("job-b"), RemoteJobsModel::State), RemoteJobsModel::stateText(RemoteEventKind::Dead));
    QCOMPARE(cell(QStringLiteral("job-b"), RemoteJobsModel::State, Qt::ToolTipRole), QStringLiteral("b.mov: decoder error"));

    Result<RemoteStatusEvent> published = RemoteStatusEvent::fromBody(
        statusBody(QStringLiteral("job-a"), QStringLiteral("published"), QStringLiteral("2026-11-20T10:01:00.000Z"),
                   QStringLiteral(R"(,"published":{"asset":"a","version":"v1","prefix":"outputs/a/v1/"})")));
    QVERIFY(published.ok());
    model.update(*published);
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::State), RemoteJobsModel::stateText(RemoteEventKind::Published));
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::Progress), QStringLiteral("100%"));
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::Output), QStringLiteral("outputs/a/v1/"));
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("job-a")))->idempotencyKey, QStringLiteral("key-a"));
    // A final state sticks: a redelivered, later "failed" does not undo the publication.
    Result<RemoteStatusEvent> failed = RemoteStatusEvent::fromBody(
        statusBody(QStringLiteral("job-a"), QStringLiteral("failed"), QStringLiteral("2026-11-20T10:02:00.000Z")));
    QVERIFY(failed.ok());
    model.update(*failed);
    QCOMPARE(cell(QStringLiteral("job-a"), RemoteJobsModel::State), RemoteJobsModel::stateText(RemoteEventKind::Published));
}

void TestRemoteGui::badStatusBodyIsRejected()
{
    // What the panel would be fed if something else wrote to the status queue.
    QVERIFY(!RemoteStatusEvent::fromBody(QByteArray("{\"schema\":\"other/1\",\"job_id\":\"x\",\"kind\":\"progress\"}")).ok());
    QVERIFY(!RemoteStatusEvent::fromBody(QByteArray("not json")).ok());
}

void TestRemoteGui::runOnClusterUnreachableShowsError()
{
    {
        QSettings settings(ini(), QSettings::IniFormat);
        RemoteProfile p = completeProfile(QStringLiteral("nowhere"), QStringLiteral("http://127.0.0.1:1"));
        p.awsProfile.clear(); // the standard chain: the AWS_* variables set in initTestCase
        p.pathStyle = true;   // really connect to 127.0.0.1:1 (virtual-host would fail on DNS)
        p.save(settings);
    }
    Result<std::unique_ptr<JobStore>> store = JobStore::open(m_tmp->filePath(QStringLiteral("data/jobs.sqlite")));
    QVERIFY(store.ok());
    const ProbeResult probed = probe(kSport);
    Result<JobSpec> spec = makeJobSpec(probed, anyPreset(), m_tmp->filePath(QStringLiteral("out")));
    QVERIFY2(spec.ok(), spec ? "" : qPrintable(spec.error().toString()));
    Result<JobRecord> record = (*store)->enqueue(*spec, {});
    QVERIFY(record.ok());

    QueuePanel panel(**store, nullptr);
    panel.resize(1000, 600);
    panel.show();
    panel.cluster()->setSettingsFile(ini());
    QVERIFY(panel.cluster()->setCurrentProfile(QStringLiteral("nowhere")));
    QTRY_COMPARE_WITH_TIMEOUT(panel.selectJobs({record->id}), 1, 30'000);
    QVERIFY(panel.action(QueuePanel::Action::RunOnCluster)->isEnabled());

    QVERIFY(panel.runSelectedOnCluster());
    auto *status = panel.findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY(status);
    // The call returned before the transfer ended: the result only arrives through the event loop.
    QVERIFY2(status->text().contains(QStringLiteral("Submitting")), qPrintable(status->text()));
    QCOMPARE(panel.findChild<QTabWidget *>(QStringLiteral("queueTabs"))->currentWidget(), panel.cluster());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.cluster()->isBusy(), kRunTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("was not submitted")), qPrintable(status->text()), 5'000);
    qInfo().noquote() << "status label:" << status->text();
    QVERIFY2(status->text().contains(QStringLiteral("sport_5994.mp4")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("nowhere")), qPrintable(status->text()));
    QCOMPARE(panel.cluster()->model()->rowCount(), 0);
    // The local job is left alone when nothing was submitted.
    Result<std::optional<JobRecord>> after = (*store)->job(record->id);
    QVERIFY(after.ok() && after->has_value());
    QCOMPARE((**after).state, JobState::Queued);
    // Once the cluster took a queued job, the local copy is canceled so it does not run twice.
    Q_EMIT panel.cluster()->submittedLocalJobs({record->id});
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        Result<std::optional<JobRecord>> r = (*store)->job(record->id);
        return r.ok() && r->has_value() && (**r).state == JobState::Canceled;
    }(), 30'000);
}

void TestRemoteGui::submissionCanBeCanceled()
{
    {
        QSettings settings(ini(), QSettings::IniFormat);
        RemoteProfile p = completeProfile(QStringLiteral("nowhere"), QStringLiteral("http://127.0.0.1:1"));
        p.awsProfile.clear(); // the standard chain: the AWS_* variables set in initTestCase
        p.pathStyle = true;   // really connect to 127.0.0.1:1 (virtual-host would fail on DNS)
        p.save(settings);
    }
    ClusterPanel panel;
    panel.setSettingsFile(ini());
    QVERIFY(panel.setCurrentProfile(QStringLiteral("nowhere")));
    QVERIFY(!panel.submit({})); // nothing to send
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("select")));

    const Preset preset = anyPreset();
    QVERIFY(panel.submit({{kSport, preset, {}}, {kSport, preset, {}}}));
    QVERIFY(!panel.submit({{kSport, preset, {}}})); // one run at a time
    panel.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), kRunTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(panel.statusLabel()->text().contains(QStringLiteral("canceled")),
                              qPrintable(panel.statusLabel()->text()), 5'000);
    QCOMPARE(panel.model()->rowCount(), 0);
    // Nothing published is selected: no download starts.
    QVERIFY(!panel.downloadSelected(m_tmp->path()));
    QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("select a published job")),
             qPrintable(panel.statusLabel()->text()));
}

void TestRemoteGui::undefinedCredentialsAreReported()
{
    {
        QSettings settings(ini(), QSettings::IniFormat);
        completeProfile(QStringLiteral("farm"), QStringLiteral("http://127.0.0.1:1")).save(settings); // AWS profile "render-farm"
    }
    qputenv("AWS_CONFIG_FILE", m_tmp->filePath(QStringLiteral("no-config")).toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", m_tmp->filePath(QStringLiteral("no-credentials")).toUtf8());
    ClusterPanel panel;
    panel.setSettingsFile(ini());
    QVERIFY(panel.setCurrentProfile(QStringLiteral("farm")));
    QVERIFY(panel.submit({{kSport, anyPreset(), {}}}));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), kRunTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(panel.statusLabel()->text().contains(QStringLiteral("render-farm")),
                              qPrintable(panel.statusLabel()->text()), 5'000);
    // Following the status queue needs the same credentials: refused with the same reason.
    QVERIFY(!panel.startFollowing());
    QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("render-farm")), qPrintable(panel.statusLabel()->text()));
    qunsetenv("AWS_CONFIG_FILE");
    qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
}

void TestRemoteGui::followingUnreachableStatusQueueReportsErrors()
{
    {
        QSettings settings(ini(), QSettings::IniFormat);
        RemoteProfile p = completeProfile(QStringLiteral("nowhere"), QStringLiteral("http://127.0.0.1:1"));
        p.awsProfile.clear();
        p.save(settings);
        p.name = QStringLiteral("silent");
        p.statusQueueUrl.clear(); // no status back
        p.save(settings);
    }
    ClusterPanel panel;
    panel.setSettingsFile(ini());
    QVERIFY(panel.setCurrentProfile(QStringLiteral("silent")));
    QVERIFY(!panel.startFollowing());
    QVERIFY2(panel.statusLabel()->text().contains(QStringLiteral("Cannot follow")), qPrintable(panel.statusLabel()->text()));

    QVERIFY(panel.setCurrentProfile(QStringLiteral("nowhere")));
    QVERIFY(panel.startFollowing());
    // The reads fail on the worker thread; the GUI thread only gets the error.
    QTRY_VERIFY2_WITH_TIMEOUT(panel.statusLabel()->text().contains(QStringLiteral("Reading the cluster status failed")),
                              qPrintable(panel.statusLabel()->text()), kRunTimeoutMs);
    panel.stopFollowing();
    QCOMPARE(panel.model()->rowCount(), 0);
}

QTEST_MAIN(TestRemoteGui)
#include "tst_remotegui.moc"
