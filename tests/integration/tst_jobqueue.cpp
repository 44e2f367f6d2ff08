// The persistent queue through the CLI: `batch` runs jobs on isolated workers and is resumable
// and idempotent (a second run reuses what was published; a run killed with SIGKILL is picked
// up by the next one), `watch --once` queues each settled media file exactly once across
// restarts and runs it on the worker pool, `queue list` shows the store. Queue control through
// the CLI: a paused queue holds a running `batch` until `queue resume` (seen by its pool's store
// poll), a preset with qc.require_approval ends awaiting approval until `queue approve` moves
// `current`, `queue move|rerun|reject` with their bad inputs.

#include "tests/integration/IntegrationHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace itest;

class TestJobQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void batchPublishesThenReuses();
    void killedBatchResumes();
    void watchQueuesEachFileOnce();
    void controlThroughTheCli();

private:
    QStringList dataDirArgs(const QString &name) const { return {QStringLiteral("--data-dir"), m_tmp.filePath(name)}; }
    QJsonArray queueList(const QString &dataName);

    QTemporaryDir m_tmp;
    QString m_preset;
    QString m_inputs; // two small sources
};

void TestJobQueue::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    PresetSpec spec{QStringLiteral("queue-test"), {{QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
    spec.segmentSeconds = 2;
    QJsonObject preset = presetJson(spec);
    const QJsonObject off{{QStringLiteral("enabled"), false}};
    preset.insert(QStringLiteral("qc"), off);
    m_preset = writePreset(m_tmp.path(), preset);
    m_inputs = m_tmp.filePath(QStringLiteral("inputs"));
    QDir().mkpath(m_inputs);
    QVERIFY(QFile::copy(good(QStringLiteral("sport_5994.mp4")), m_inputs + QStringLiteral("/one.mp4")));
    QVERIFY(QFile::copy(good(QStringLiteral("video_only.mp4")), m_inputs + QStringLiteral("/two.mp4")));
}

QJsonArray TestJobQueue::queueList(const QString &dataName)
{
    const ProcessResult r = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("list"), QStringLiteral("--json")} + dataDirArgs(dataName));
    return r.exitCode == 0 ? QJsonDocument::fromJson(r.out).array() : QJsonArray();
}

void TestJobQueue::batchPublishesThenReuses()
{
    const QString out = m_tmp.filePath(QStringLiteral("out-batch"));
    const QStringList args = QStringList{QStringLiteral("batch"), QStringLiteral("--preset"), m_preset, QStringLiteral("--out"), out,
                                         QStringLiteral("--slots"), QStringLiteral("2"), QStringLiteral("--json-events"), m_inputs}
                             + dataDirArgs(QStringLiteral("data-batch"));
    const ProcessResult first = runCli(args);
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QCOMPARE(first.eventsOfType(QStringLiteral("succeeded")).size(), 2);
    QVERIFY(!first.eventsOfType(QStringLiteral("progress")).isEmpty());
    QCOMPARE(versionDirs(out + QStringLiteral("/one")), QStringList{QStringLiteral("v1")});
    QCOMPARE(versionDirs(out + QStringLiteral("/two")), QStringList{QStringLiteral("v1")});
    const QJsonArray jobs = queueList(QStringLiteral("data-batch"));
    QCOMPARE(jobs.size(), 2);
    for (const QJsonValue &j : jobs) QCOMPARE(j.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));

    // Same sources, same preset, same engine: nothing is encoded again.
    const ProcessResult second = runCli(args);
    QVERIFY2(second.finished && second.exitCode == 0, qPrintable(second.describe()));
    QCOMPARE(second.eventsOfType(QStringLiteral("reused")).size(), 2);
    QVERIFY(second.eventsOfType(QStringLiteral("succeeded")).isEmpty());
    QCOMPARE(versionDirs(out + QStringLiteral("/one")), QStringList{QStringLiteral("v1")});
}

void TestJobQueue::killedBatchResumes()
{
    const QString out = m_tmp.filePath(QStringLiteral("out-kill"));
    const QStringList args = QStringList{QStringLiteral("batch"), QStringLiteral("--preset"), m_preset, QStringLiteral("--out"), out,
                                         QStringLiteral("--json-events"), good(QStringLiteral("bars_1080p25.mp4"))}
                             + dataDirArgs(QStringLiteral("data-kill"));
    QProcess p;
    p.start(kCli, args);
    QVERIFY(p.waitForStarted());
    QByteArray seen;
    const bool started = waitForEvent(p, [](const QJsonObject &e) {
        return e.value(QStringLiteral("event")).toString() == u"progress" && e.value(QStringLiteral("stage")).toString() == u"transcode";
    }, &seen);
    QVERIFY2(started, seen.constData());
    // Kill the batch and its worker child at once, as a power cut would.
    runProcess(QStringLiteral("pkill"), {QStringLiteral("-KILL"), QStringLiteral("-P"), QString::number(p.processId())});
    p.kill();
    QVERIFY(p.waitForFinished(30000));
    QTest::qWait(500);
    QVERIFY(versionDirs(out + QStringLiteral("/bars_1080p25")).isEmpty());

    const ProcessResult again = runCli(args);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(versionDirs(out + QStringLiteral("/bars_1080p25")), QStringList{QStringLiteral("v1")});
    const QJsonArray jobs = queueList(QStringLiteral("data-kill"));
    QCOMPARE(jobs.size(), 1); // the interrupted job was resumed, not queued twice
    QCOMPARE(jobs.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
}

void TestJobQueue::watchQueuesEachFileOnce()
{
    const QString watched = m_tmp.filePath(QStringLiteral("watched"));
    QDir().mkpath(watched);
    QVERIFY(QFile::copy(good(QStringLiteral("sport_5994.mp4")), watched + QStringLiteral("/a.mp4")));
    QVERIFY(QFile::copy(good(QStringLiteral("audio_only.m4a")), watched + QStringLiteral("/b.m4a")));
    {
        QFile notes(watched + QStringLiteral("/notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not media\n");
    }
    const QStringList args = QStringList{QStringLiteral("watch"), watched, QStringLiteral("--preset"), m_preset, QStringLiteral("--out"),
                                         m_tmp.filePath(QStringLiteral("out-watch")), QStringLiteral("--settle"), QStringLiteral("0.3"),
                                         QStringLiteral("--once")}
                             + dataDirArgs(QStringLiteral("data-watch"));
    const ProcessResult first = runCli(args);
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.out.contains("2 queued, 1 skipped, 2 succeeded, 0 failed"), qPrintable(first.describe()));
    const QJsonArray jobs = queueList(QStringLiteral("data-watch"));
    QCOMPARE(jobs.size(), 2);
    for (const QJsonValue &j : jobs) QCOMPARE(j.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(versionDirs(m_tmp.filePath(QStringLiteral("out-watch/a"))), QStringList{QStringLiteral("v1")});
    QCOMPARE(versionDirs(m_tmp.filePath(QStringLiteral("out-watch/b"))), QStringList{QStringLiteral("v1")});

    // A restart sees the same files: nothing is queued again.
    const ProcessResult second = runCli(args);
    QVERIFY2(second.finished && second.exitCode == 0, qPrintable(second.describe()));
    QVERIFY2(second.out.contains("0 queued, 0 skipped, 0 succeeded, 0 failed"), qPrintable(second.describe()));
    QCOMPARE(queueList(QStringLiteral("data-watch")).size(), 2);
}

void TestJobQueue::controlThroughTheCli()
{
    const QStringList data = dataDirArgs(QStringLiteral("data-control"));
    const QString out = m_tmp.filePath(QStringLiteral("out-control"));
    const QString inputs = m_tmp.filePath(QStringLiteral("inputs-control"));
    QDir().mkpath(inputs);
    QVERIFY(QFile::copy(good(QStringLiteral("sport_5994.mp4")), inputs + QStringLiteral("/gated.mp4")));
    QJsonObject preset = QJsonDocument::fromJson(readAll(m_preset)).object();
    preset.insert(QStringLiteral("name"), QStringLiteral("queue-gated"));
    preset.insert(QStringLiteral("qc"), QJsonObject{{QStringLiteral("enabled"), false}, {QStringLiteral("require_approval"), true}});
    const QString gated = writePreset(m_tmp.path(), preset);

    // A paused queue: the batch waits (nothing starts) until another process resumes it.
    ProcessResult paused = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("pause")} + data);
    QVERIFY2(paused.exitCode == 0 && paused.out.contains("queue paused"), qPrintable(paused.describe()));
    QProcess batch;
    batch.start(kCli, QStringList{QStringLiteral("batch"), QStringLiteral("--preset"), gated, QStringLiteral("--out"), out,
                                  QStringLiteral("--json-events"), inputs} + data);
    QByteArray seen;
    QVERIFY2(waitForEvent(batch, [](const QJsonObject &e) { return e.value(QStringLiteral("event")).toString() == u"queue_paused"; }, &seen, 60000),
             seen.constData());
    QTest::qWait(1500);
    QCOMPARE(batch.state(), QProcess::Running);
    QJsonArray jobs = queueList(QStringLiteral("data-control"));
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QVERIFY(runCli(QStringList{QStringLiteral("queue"), QStringLiteral("resume")} + data).exitCode == 0);
    QVERIFY(batch.waitForFinished(240000));
    seen += batch.readAllStandardOutput();
    QVERIFY2(batch.exitCode() == 0, seen.constData());
    QVERIFY2(seen.contains("\"awaiting_approval\":1"), seen.constData());

    // Awaiting approval: a version, no `current`; approve moves it.
    jobs = queueList(QStringLiteral("data-control"));
    const QString id = jobs.at(0).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(jobs.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("awaiting_approval"));
    QCOMPARE(versionDirs(out + QStringLiteral("/gated")), QStringList{QStringLiteral("v1")});
    QVERIFY(!QFileInfo(out + QStringLiteral("/gated/current")).isSymLink());
    ProcessResult approve = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("approve"), id} + data);
    QVERIFY2(approve.exitCode == 0, qPrintable(approve.describe()));
    QCOMPARE(QFileInfo(out + QStringLiteral("/gated/current")).symLinkTarget(), QFileInfo(out + QStringLiteral("/gated/v1")).absoluteFilePath());
    approve = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("approve"), id} + data);
    QVERIFY2(approve.exitCode == 1 && approve.err.contains("not awaiting approval"), qPrintable(approve.describe()));

    // Re-run with another preset: a second job, the first untouched; bad moves and rejects.
    ProcessResult rerun = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("rerun"), id, QStringLiteral("--preset"), m_preset} + data);
    QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.describe()));
    jobs = queueList(QStringLiteral("data-control"));
    QCOMPARE(jobs.size(), 2);
    QString fresh;
    for (const QJsonValue &j : jobs)
        if (j.toObject().value(QStringLiteral("rerun_of")).toString() == id) fresh = j.toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!fresh.isEmpty());
    QVERIFY(runCli(QStringList{QStringLiteral("queue"), QStringLiteral("move"), fresh, QStringLiteral("--top")} + data).exitCode == 0);
    ProcessResult bad = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("move"), fresh, QStringLiteral("--before"), fresh} + data);
    QVERIFY2(bad.exitCode == 1 && bad.err.contains("before itself"), qPrintable(bad.describe()));
    bad = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("move"), QStringLiteral("nope"), QStringLiteral("--bottom")} + data);
    QVERIFY2(bad.exitCode == 1 && bad.err.contains("no job nope"), qPrintable(bad.describe()));
    bad = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("move"), fresh} + data);
    QCOMPARE(bad.exitCode, 2);
    bad = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("reject"), fresh, QStringLiteral("--reason"), QStringLiteral("x")} + data);
    QVERIFY2(bad.exitCode == 1 && bad.err.contains("not awaiting approval"), qPrintable(bad.describe()));
    bad = runCli(QStringList{QStringLiteral("queue"), QStringLiteral("rerun"), fresh} + data);
    QCOMPARE(bad.exitCode, 2); // --preset missing
}

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
