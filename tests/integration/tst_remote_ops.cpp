// Operating cluster workers, on loopback s3rver + ElasticMQ (RemoteTestBed.h), real processes:
//   - the metrics server binds the --metrics-address given (0.0.0.0 here) and answers /metrics,
//     /healthz and /readyz; /readyz is 503 with the reason while the jobs queue cannot be read;
//   - --log-format json: every stderr line is a JSON object; a failing job's line carries its job
//     id, stage, error code and error class;
//   - --one-job: one message handled and published, the worker exits, the next message stays
//     queued; on an empty queue it exits at once;
//   - bad options (an address that is not an IP, an unknown log format, --one-job with --slots)
//     are usage errors naming the option.
// Skips (QSKIP) only when node_modules (s3rver, elasticmq) or java are missing.

#include "RemoteTestBed.h"

#include "core/media/Probe.h"

#include <QDeadlineTimer>
#include <QTcpServer>
#include <QTcpSocket>

class TestRemoteOps : public QObject, public RemoteTestBed {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = unavailableReason(); !why.isEmpty()) QSKIP(qPrintable(why));
        QString error;
        QVERIFY2(startServices(&error), qPrintable(error));
    }
    void cleanupTestCase() { stopServices(); }
    void init()
    {
        QString error;
        QVERIFY2(newQueues(&error), qPrintable(error));
    }
    void metricsHealthReadinessAndJsonLogs();
    void readinessFailsWhileTheQueueIsUnreachable();
    void oneJobHandlesOneMessageAndExits();
    void badOptionsAreUsageErrors();
};

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// GET path from 127.0.0.1:port → the whole response ("" when nothing answers).
QByteArray httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000)) return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray response;
    while (socket.waitForReadyRead(3000)) response += socket.readAll();
    return response;
}

QByteArray waitForResponse(quint16 port, const QByteArray &path, const QByteArray &prefix, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QByteArray last;
    while (!deadline.hasExpired()) {
        last = httpGet(port, path);
        if (last.startsWith(prefix)) return last;
        QThread::msleep(200);
    }
    return last;
}

} // namespace

void TestRemoteOps::metricsHealthReadinessAndJsonLogs()
{
    // A job whose source was never uploaded: dead-lettered in the download stage.
    const QString source = uniqueSource(QStringLiteral("ghost.mp4"));
    QFile pf(writePreset(QStringLiteral("ops"), {}));
    QVERIFY(pf.open(QIODevice::ReadOnly));
    Result<Preset> preset = parsePreset(pf.readAll());
    QVERIFY(preset.ok());
    Result<JobSpec> spec = makeJobSpec(probe(source), *preset, QStringLiteral("/"));
    QVERIFY(spec.ok());
    spec->source.uri = remotekeys::s3Uri(QStringLiteral("rendition"), remotekeys::source(spec->source.sha256));
    RemoteJobMessage message{spec->id, spec->idempotencyKey, remotekeys::spec(spec->id), QStringLiteral("ghost.mp4"), spec->toJsonBytes()};
    SqsClient q = sqs();

    const quint16 port = freePort();
    QProcess worker;
    worker.setProcessEnvironment(env());
    worker.start(kCliPath, {QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--work-dir"),
                            m_tmp->filePath(QStringLiteral("work")), QStringLiteral("--wait"), QStringLiteral("1"),
                            QStringLiteral("--metrics-port"), QString::number(port), QStringLiteral("--metrics-address"),
                            QStringLiteral("0.0.0.0"), QStringLiteral("--log-format"), QStringLiteral("json")});
    QVERIFY(worker.waitForStarted(10000));
    QVERIFY2(waitForResponse(port, "/healthz", "HTTP/1.1 200 OK", 20000).endsWith("ok\n"), "no /healthz");
    const QByteArray ready = waitForResponse(port, "/readyz", "HTTP/1.1 200 OK", 20000);
    QVERIFY2(ready.endsWith("ready\n"), ready.constData());
    const QByteArray metrics = httpGet(port, "/metrics");
    QVERIFY2(metrics.startsWith("HTTP/1.1 200 OK") && metrics.contains("rendition_worker_jobs_running 0"), metrics.constData());
    QVERIFY(httpGet(port, "/nope").startsWith("HTTP/1.1 404"));

    QVERIFY(q.sendMessage(m_jobsUrl, message.toBody()).ok());
    QVERIFY(q.sendMessage(m_jobsUrl, "not a job").ok());
    QByteArray log;
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && log.count("moved to the dead-letter queue") < 2) {
        worker.waitForReadyRead(500);
        log += worker.readAllStandardError();
    }
    worker.terminate();
    QVERIFY(worker.waitForFinished(30000));
    log += worker.readAllStandardError();
    bool sawJobLine = false, sawEnvelopeLine = false, sawBind = false;
    for (const QByteArray &line : log.split('\n')) {
        if (line.trimmed().isEmpty()) continue;
        QJsonParseError pe{};
        const QJsonObject o = QJsonDocument::fromJson(line, &pe).object();
        QVERIFY2(pe.error == QJsonParseError::NoError && !o.isEmpty(), line.constData()); // every line is JSON
        QVERIFY(!o.value(QStringLiteral("ts")).toString().isEmpty() && !o.value(QStringLiteral("worker")).toString().isEmpty());
        const QString msg = o.value(QStringLiteral("msg")).toString();
        sawBind |= msg.contains(QStringLiteral("metrics on 0.0.0.0:%1/metrics").arg(port));
        if (!msg.contains(QStringLiteral("moved to the dead-letter queue"))) continue;
        QCOMPARE(o.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        QCOMPARE(o.value(QStringLiteral("error_class")).toString(), QStringLiteral("permanent"));
        if (o.value(QStringLiteral("job_id")).toString() == spec->id) {
            sawJobLine = true;
            QCOMPARE(o.value(QStringLiteral("stage")).toString(), QStringLiteral("download"));
            QCOMPARE(o.value(QStringLiteral("error_code")).toString(), QStringLiteral("remote.source_missing"));
        } else {
            sawEnvelopeLine = o.value(QStringLiteral("error_code")).toString() == u"remote.bad_message";
        }
    }
    QVERIFY2(sawJobLine && sawEnvelopeLine && sawBind, log.constData());
}

void TestRemoteOps::readinessFailsWhileTheQueueIsUnreachable()
{
    const quint16 port = freePort();
    const quint16 dead = freePort(); // nothing listens there
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("RENDITION_SQS_JOBS_URL"), QStringLiteral("http://127.0.0.1:%1/queue/jobs").arg(dead));
    QProcess worker;
    worker.setProcessEnvironment(e);
    worker.start(kCliPath, {QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--work-dir"),
                            m_tmp->filePath(QStringLiteral("work")), QStringLiteral("--wait"), QStringLiteral("1"),
                            QStringLiteral("--metrics-port"), QString::number(port)});
    QVERIFY(worker.waitForStarted(10000));
    QVERIFY(waitForResponse(port, "/healthz", "HTTP/1.1 200 OK", 20000).endsWith("ok\n")); // alive
    const QByteArray notReady = waitForResponse(port, "/readyz", "HTTP/1.1 503", 60000);
    QVERIFY2(notReady.startsWith("HTTP/1.1 503") && notReady.contains("receiving from the jobs queue fails"), notReady.constData());
    worker.terminate();
    QVERIFY(worker.waitForFinished(30000));
}

void TestRemoteOps::oneJobHandlesOneMessageAndExits()
{
    const QString preset = writePreset(QStringLiteral("onejob"), {});
    for (const QString &name : {QStringLiteral("one.mp4"), QStringLiteral("two.mp4")}) {
        const Run sent = cli({QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--preset"),
                              preset, uniqueSource(name)});
        QVERIFY2(sent.exit == 0, sent.err);
    }
    auto oneJobWorker = [&](const QString &name) {
        return cli({QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--work-dir"),
                    m_tmp->filePath(QStringLiteral("work-") + name), QStringLiteral("--one-job"), QStringLiteral("--wait"),
                    QStringLiteral("2"), QStringLiteral("--visibility"), QStringLiteral("5"), QStringLiteral("--heartbeat"), QStringLiteral("1")});
    };
    const Run first = oneJobWorker(QStringLiteral("a"));
    QVERIFY2(first.exit == 0, first.err);
    QCOMPARE(first.err.count("published as s3://"), 1);
    QVERIFY2(first.err.contains("--one-job: handled one message (published); exiting"), first.err);
    SqsClient q = sqs();
    Result<QMap<QString, QString>> left = q.queueAttributes(m_jobsUrl, {QStringLiteral("ApproximateNumberOfMessages")});
    QVERIFY(left.ok());
    QCOMPARE(left->value(QStringLiteral("ApproximateNumberOfMessages")), QStringLiteral("1")); // the other job waits
    const Run second = oneJobWorker(QStringLiteral("b"));
    QVERIFY2(second.exit == 0 && second.err.count("published as s3://") == 1, second.err);
    // Nothing left: a one-job pod started late exits without work.
    const Run idle = oneJobWorker(QStringLiteral("c"));
    QVERIFY2(idle.exit == 0 && idle.err.contains("the queue is empty") && idle.err.contains("0 published"), idle.err);
}

void TestRemoteOps::badOptionsAreUsageErrors()
{
    const QStringList base{QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--work-dir"),
                           m_tmp->filePath(QStringLiteral("work"))};
    Run r = cli(base + QStringList{QStringLiteral("--metrics-port"), QStringLiteral("9"), QStringLiteral("--metrics-address"),
                                   QStringLiteral("everywhere")});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("--metrics-address \"everywhere\" is not an IP address"), r.err);
    r = cli(base + QStringList{QStringLiteral("--log-format"), QStringLiteral("xml")});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("--log-format must be text or json"), r.err);
    r = cli(base + QStringList{QStringLiteral("--one-job"), QStringLiteral("--slots"), QStringLiteral("2")});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("--one-job runs one slot"), r.err);
}

QTEST_GUILESS_MAIN(TestRemoteOps)
#include "tst_remote_ops.moc"
