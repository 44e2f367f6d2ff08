// Remote mode end to end on loopback: s3rver (S3) + ElasticMQ (SQS) started by
// scripts/test-services.sh, real `rendition-cli submit` / `worker` / `remote fetch` processes.
//   - 2 jobs → 2 workers → the published packages are byte-identical to a local exec-job of
//     the same JobSpec (manifest.json compared without its run-specific fields); status events
//     arrive (`submit --wait`); a second submit is "reused";
//   - kill -9 of a worker mid-job → redelivered after the (5 s) visibility timeout → published
//     exactly once (one version, one marker), by a delivery with receive count 2;
//   - a poison job (a truncated source) → failed 3 times → the dead-letter queue with its error;
//   - SIGTERM with no grace → the message is released (visible again at once), then another
//     worker publishes it; its /metrics count it;
//   - bad input: an incomplete `--remote env` profile and a queue that does not exist.
// Skips (QSKIP) only when node_modules (s3rver, elasticmq) or java are missing.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/remote/RemoteJobMessage.h"
#include "core/remote/RemoteOutputs.h"
#include "core/remote/RemoteStatus.h"
#include "core/remote/S3Client.h"
#include "core/remote/SqsClient.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QDeadlineTimer>
#include <QThread>
#include <QDir>
#include <QtTest>

#include <csignal>

using namespace rendition;

namespace {

const QString kCliPath = QStringLiteral(RENDITION_CLI);
const QString kRoot = QStringLiteral(RENDITION_SOURCE_DIR);
const QString kSport = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4");   // 640x360, 6 s
const QString kVideoOnly = QStringLiteral(RENDITION_FIXTURES "/good/video_only.mp4");
const QString kBars = QStringLiteral(RENDITION_FIXTURES "/good/bars_1080p25.mp4"); // 1080p, 12 s: a longer job
const QString kTruncated = QStringLiteral(RENDITION_FIXTURES "/bad/truncated_moov_at_end.mp4");
constexpr int kJobTimeoutMs = 240000;

QByteArray presetJson(const QString &name)
{
    return QStringLiteral(R"({"schema": "rendition.preset/1", "name": "%1",
      "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "ultrafast",
                  "rate_control": {"mode": "crf", "crf": 30}}],
      "audio": [{"name": "aac", "codec": "aac", "bitrate_kbps": 64, "channels": 2}],
      "packaging": {"segment_duration_s": 2, "hls": true, "dash": true},
      "loudness": {"enabled": false}, "thumbnails": {"enabled": false}, "qc": {"enabled": false}})")
        .arg(name)
        .toUtf8();
}

QString runScript(const QStringList &args, const QString &servicesDir, QString *error)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RENDITION_SERVICES_DIR"), servicesDir);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), QStringList{kRoot + QStringLiteral("/scripts/test-services.sh")} + args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// Relative path → SHA-256 of every file below `dir`.
QMap<QString, QByteArray> hashes(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) continue;
        out.insert(QDir(dir).relativeFilePath(path), QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    }
    return out;
}

// manifest.json without what differs between any two runs (times, the source's local path, the version number).
QJsonObject comparableManifest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
    for (const char *k : {"created_at", "elapsed_s", "version"}) m.remove(QLatin1String(k));
    QJsonObject source = m.value(QStringLiteral("source")).toObject();
    source.remove(QStringLiteral("path"));
    m.insert(QStringLiteral("source"), source);
    return m;
}

} // namespace

class TestRemote : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void twoWorkersPublishWhatALocalRunMakes();
    void killedWorkerIsRedeliveredAndPublishedOnce();
    void poisonJobGoesToTheDeadLetterQueue();
    void sigtermReleasesTheJob();
    void badProfileAndMissingQueue();
    void fullManyJobsSlotsAndAKill();
    void fullSigtermFinishesWithinGrace();

private:
    QProcessEnvironment env() const;
    QProcess *startWorker(const QStringList &extra, const QString &name);
    bool waitForStderr(QProcess &p, const QByteArray &needle, int timeoutMs, QByteArray *seen);
    QList<QJsonObject> submit(const QStringList &inputs, const QString &preset, const QStringList &extra = {}, int *exit = nullptr);
    QString copyAs(const QString &from, const QString &name);
    QString writePreset(const QString &name);
    AwsCredentials credentials() const;
    S3Client s3() const { return S3Client(s3Config(), credentials()); }
    S3Config s3Config() const;
    int visibleMessages(const QString &queueUrl, const QString &attribute);

    QString m_servicesDir;
    std::unique_ptr<QTemporaryDir> m_services;
    QString m_s3Endpoint, m_sqsEndpoint;
    QString m_jobsUrl, m_statusUrl, m_dlqUrl;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::vector<std::unique_ptr<QProcess>> m_workers;
    int m_queueSerial = 0;
};

void TestRemote::initTestCase()
{
    if (!QFileInfo::exists(kRoot + QStringLiteral("/tests/remote/node_modules/s3rver")) ||
        !QFileInfo::exists(kRoot + QStringLiteral("/tests/remote/node_modules/elasticmq/elasticmq-server-0.7.1.jar")))
        QSKIP("tests/remote/node_modules (s3rver, elasticmq) is missing; run scripts/install-deps.sh");
    if (QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty())
        QSKIP("java is missing; install openjdk-17-jre-headless (scripts/install-deps.sh)");
    m_services = std::make_unique<QTemporaryDir>();
    QVERIFY(m_services->isValid());
    m_servicesDir = m_services->path();
    QString error;
    const QString s3Port = runScript({QStringLiteral("start_s3rver")}, m_servicesDir, &error);
    QVERIFY2(!s3Port.isEmpty(), qPrintable(error));
    const QString sqsPort = runScript({QStringLiteral("start_elasticmq")}, m_servicesDir, &error);
    QVERIFY2(!sqsPort.isEmpty(), qPrintable(error));
    m_s3Endpoint = QStringLiteral("http://127.0.0.1:%1").arg(s3Port);
    m_sqsEndpoint = QStringLiteral("http://127.0.0.1:%1/").arg(sqsPort);
}

void TestRemote::cleanupTestCase()
{
    m_workers.clear();
    if (m_servicesDir.isEmpty()) return;
    QString error;
    runScript({QStringLiteral("stop_elasticmq")}, m_servicesDir, &error);
    runScript({QStringLiteral("stop_s3rver")}, m_servicesDir, &error);
}

void TestRemote::init()
{
    for (auto &w : m_workers)
        if (w->state() != QProcess::NotRunning) { w->kill(); w->waitForFinished(10000); }
    m_workers.clear();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    // Fresh queues per test: nothing left over from another test can be received.
    SqsClientConfig config;
    config.credentials = credentials();
    SqsClient sqs(config);
    const QString n = QString::number(++m_queueSerial);
    Result<QString> jobs = sqs.createQueue(m_sqsEndpoint, QStringLiteral("jobs-") + n, {{QStringLiteral("VisibilityTimeout"), QStringLiteral("5")}});
    Result<QString> status = sqs.createQueue(m_sqsEndpoint, QStringLiteral("status-") + n);
    Result<QString> dlq = sqs.createQueue(m_sqsEndpoint, QStringLiteral("dlq-") + n);
    QVERIFY2(jobs && status && dlq, jobs ? "status/dlq" : qPrintable(jobs.error().toString()));
    m_jobsUrl = *jobs, m_statusUrl = *status, m_dlqUrl = *dlq;
}

AwsCredentials TestRemote::credentials() const
{
    AwsCredentials c;
    c.accessKeyId = QStringLiteral("S3RVER");
    c.secretAccessKey = QStringLiteral("S3RVER");
    return c;
}

S3Config TestRemote::s3Config() const
{
    S3Config c;
    c.endpoint = m_s3Endpoint;
    c.bucket = QStringLiteral("rendition");
    return c;
}

QProcessEnvironment TestRemote::env() const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("RENDITION_S3_ENDPOINT"), m_s3Endpoint);
    e.insert(QStringLiteral("RENDITION_S3_BUCKET"), QStringLiteral("rendition"));
    e.insert(QStringLiteral("RENDITION_SQS_JOBS_URL"), m_jobsUrl);
    e.insert(QStringLiteral("RENDITION_SQS_STATUS_URL"), m_statusUrl);
    e.insert(QStringLiteral("RENDITION_SQS_DLQ_URL"), m_dlqUrl);
    e.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("S3RVER"));
    e.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("S3RVER"));
    e.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
    return e;
}

QString TestRemote::copyAs(const QString &from, const QString &name)
{
    const QString path = m_tmp->filePath(name);
    return QFile::copy(from, path) ? path : QString();
}

QString TestRemote::writePreset(const QString &name)
{
    const QString path = m_tmp->filePath(name + QStringLiteral(".json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(presetJson(name + u'-' + QString::number(QDateTime::currentMSecsSinceEpoch()))); // a fresh idempotency key per run
    return path;
}

QProcess *TestRemote::startWorker(const QStringList &extra, const QString &name)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(env());
    p->start(kCliPath, QStringList{QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"),
                                   QStringLiteral("--work-dir"), m_tmp->filePath(QStringLiteral("work-") + name)} + extra);
    p->waitForStarted(10000);
    m_workers.push_back(std::move(p));
    return m_workers.back().get();
}

// Whether `pid` has a child process (any of its threads may have forked it), polled every 5 ms.
static bool waitForChildProcess(pid_t pid, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
        for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile children(tasks.filePath(task + QStringLiteral("/children")));
            if (children.open(QIODevice::ReadOnly) && !children.readAll().trimmed().isEmpty()) return true;
        }
        QThread::msleep(5);
    }
    return false;
}

bool TestRemote::waitForStderr(QProcess &p, const QByteArray &needle, int timeoutMs, QByteArray *seen)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        seen->append(p.readAllStandardError());
        if (seen->contains(needle)) return true;
        if (p.state() == QProcess::NotRunning) return false;
        p.waitForReadyRead(200);
    }
    return false;
}

QList<QJsonObject> TestRemote::submit(const QStringList &inputs, const QString &preset, const QStringList &extra, int *exit)
{
    QProcess p;
    p.setProcessEnvironment(env());
    p.start(kCliPath, QStringList{QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"),
                                  QStringLiteral("--preset"), preset, QStringLiteral("--json-events")} + extra + inputs);
    p.waitForFinished(kJobTimeoutMs);
    if (exit) *exit = p.exitCode();
    QList<QJsonObject> events;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n'))
        if (const QJsonDocument d = QJsonDocument::fromJson(line); d.isObject()) events << d.object();
    if (events.isEmpty()) qWarning("submit printed nothing: %s", p.readAllStandardError().constData());
    return events;
}

int TestRemote::visibleMessages(const QString &queueUrl, const QString &attribute)
{
    SqsClientConfig config;
    config.credentials = credentials();
    SqsClient sqs(config);
    Result<QMap<QString, QString>> a = sqs.queueAttributes(queueUrl, {attribute});
    return a ? a->value(attribute).toInt() : -1;
}

void TestRemote::twoWorkersPublishWhatALocalRunMakes()
{
    const QString preset = writePreset(QStringLiteral("remote-match"));
    const QStringList inputs{copyAs(kSport, QStringLiteral("sport.mp4")), copyAs(kVideoOnly, QStringLiteral("silent.mp4"))};
    // Two workers first, then the submit with --wait: status events flow back while they work.
    // ElasticMQ 0.7.1 counts a deleted message as "not visible" until its visibility timeout
    // ends, so --once (which waits for in-flight messages) needs a short one to end soon.
    const QStringList drain{QStringLiteral("--once"), QStringLiteral("--wait"), QStringLiteral("10"), QStringLiteral("--visibility"),
                            QStringLiteral("10"), QStringLiteral("--heartbeat"), QStringLiteral("2")};
    QProcess *w1 = startWorker(drain, QStringLiteral("a"));
    QProcess *w2 = startWorker(drain, QStringLiteral("b"));
    int exit = -1;
    const QList<QJsonObject> events = submit(inputs, preset, {QStringLiteral("--wait"), QStringLiteral("--timeout"), QStringLiteral("200")}, &exit);
    QCOMPARE(exit, 0);
    QStringList jobs;
    int statusEvents = 0;
    for (const QJsonObject &e : events) {
        const QString kind = e.value(QStringLiteral("event")).toString();
        if (kind == u"submitted") jobs << e.value(QStringLiteral("job")).toString();
        if (kind == u"remote_status") ++statusEvents;
    }
    QCOMPARE(jobs.size(), 2);
    QVERIFY(statusEvents >= 4); // at least received + published per job
    QVERIFY(w1->waitForFinished(kJobTimeoutMs) && w2->waitForFinished(kJobTimeoutMs));
    const QByteArray logs = w1->readAllStandardError() + w2->readAllStandardError();

    S3Client client = s3();
    for (const QString &jobId : std::as_const(jobs)) {
        Result<QByteArray> specJson = client.getBytes(remotekeys::spec(jobId));
        QVERIFY(specJson.ok());
        Result<JobSpec> spec = JobSpec::fromJson(*specJson);
        QVERIFY2(spec.ok(), spec ? "" : qPrintable(spec.error().toString()));
        QVERIFY(spec->source.uri.startsWith(u"s3://rendition/sources/"));
        // Fetch what the cluster published.
        const QString fetched = m_tmp->filePath(QStringLiteral("fetched"));
        QProcess fetch;
        fetch.setProcessEnvironment(env());
        fetch.start(kCliPath, {QStringLiteral("remote"), QStringLiteral("fetch"), QStringLiteral("--remote"), QStringLiteral("env"),
                               QStringLiteral("--key"), spec->idempotencyKey, QStringLiteral("--out"), fetched});
        QVERIFY(fetch.waitForFinished(60000));
        QCOMPARE(fetch.exitCode(), 0);
        const QString remoteDir = QString::fromUtf8(fetch.readAllStandardOutput()).trimmed();
        // The same JobSpec run locally.
        JobSpec local = *spec;
        const QString name = QFileInfo(remoteDir).dir().dirName() == u"sport" ? QStringLiteral("sport.mp4") : QStringLiteral("silent.mp4");
        local.source.uri = QUrl::fromLocalFile(m_tmp->filePath(name)).toString(QUrl::FullyEncoded);
        local.outputRoot = m_tmp->filePath(QStringLiteral("local-") + jobId);
        const QString specPath = m_tmp->filePath(jobId + QStringLiteral(".json"));
        QFile f(specPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(local.toJsonBytes());
        f.close();
        QProcess exec;
        exec.start(kCliPath, {QStringLiteral("exec-job"), specPath});
        QVERIFY(exec.waitForFinished(kJobTimeoutMs));
        QCOMPARE(exec.exitCode(), 0);
        const QString localDir = local.outputRoot + u'/' + QFileInfo(remoteDir).dir().dirName() + QStringLiteral("/v1");
        QMap<QString, QByteArray> a = hashes(remoteDir), b = hashes(localDir);
        QVERIFY(a.size() > 4);
        a.remove(QStringLiteral("manifest.json"));
        b.remove(QStringLiteral("manifest.json"));
        QCOMPARE(a.keys(), b.keys());
        for (auto it = a.cbegin(); it != a.cend(); ++it) QVERIFY2(it.value() == b.value(it.key()), qPrintable(it.key()));
        QCOMPARE(comparableManifest(remoteDir + QStringLiteral("/manifest.json")), comparableManifest(localDir + QStringLiteral("/manifest.json")));
    }
    QCOMPARE(logs.count("published as s3://"), 2);
    // The same inputs again: published already, nothing is sent.
    const QList<QJsonObject> again = submit(inputs, preset);
    QCOMPARE(again.size(), 2);
    for (const QJsonObject &e : again) QCOMPARE(e.value(QStringLiteral("event")).toString(), QStringLiteral("reused"));
}

void TestRemote::killedWorkerIsRedeliveredAndPublishedOnce()
{
    const QString preset = writePreset(QStringLiteral("remote-kill"));
    const QList<QJsonObject> sent = submit({copyAs(kBars, QStringLiteral("killme.mp4"))}, preset);
    QCOMPARE(sent.size(), 1);
    QProcess *victim = startWorker({QStringLiteral("--visibility"), QStringLiteral("5"), QStringLiteral("--heartbeat"), QStringLiteral("1")},
                                   QStringLiteral("victim"));
    QByteArray seen;
    QVERIFY2(waitForStderr(*victim, "received (receive 1)", 60000, &seen), seen.constData());
    // Mid-job: kill the worker as soon as its exec-job child runs (a fixed delay raced a
    // short job on a fast machine: the victim had published and deleted the message).
    QVERIFY2(waitForChildProcess(pid_t(victim->processId()), 60000), "the worker never started its exec-job child");
    ::kill(pid_t(victim->processId()), SIGKILL);
    QVERIFY(victim->waitForFinished(10000));
    QVERIFY(!seen.contains("published"));

    QProcess *rescuer = startWorker({QStringLiteral("--once"), QStringLiteral("--wait"), QStringLiteral("2"),
                                     QStringLiteral("--visibility"), QStringLiteral("5"), QStringLiteral("--heartbeat"), QStringLiteral("1")},
                                    QStringLiteral("rescuer"));
    QVERIFY(rescuer->waitForFinished(kJobTimeoutMs));
    const QByteArray log = rescuer->readAllStandardError();
    QVERIFY2(log.contains("received (receive 2)"), log.constData());
    QCOMPARE(log.count("published as s3://"), 1);
    S3Client client = s3();
    Result<QList<S3ObjectInfo>> objects = client.listAll(remotekeys::assetPrefix(QStringLiteral("killme")));
    QVERIFY(objects.ok());
    int manifests = 0;
    for (const S3ObjectInfo &o : std::as_const(*objects)) manifests += o.key.endsWith(u"/manifest.json");
    QCOMPARE(manifests, 1);
    Result<std::optional<RemotePublished>> marker = findRemotePublished(client, sent.first().value(QStringLiteral("idempotency_key")).toString());
    QVERIFY(marker.ok() && marker->has_value());
    QCOMPARE((*marker)->version, QStringLiteral("v1"));
    QCOMPARE(visibleMessages(m_jobsUrl, QStringLiteral("ApproximateNumberOfMessages")), 0);
}

void TestRemote::poisonJobGoesToTheDeadLetterQueue()
{
    // A source the engine rejects (samples missing past EOF), sent the way `submit` would.
    const QString bad = copyAs(kTruncated, QStringLiteral("poison.mov"));
    ProbeResult probed = probe(bad);
    probed.problems.clear(); // submit would refuse it; a spec made elsewhere need not
    Result<Preset> preset = parsePreset(presetJson(QStringLiteral("remote-poison")));
    QVERIFY(preset.ok());
    Result<JobSpec> spec = makeJobSpec(probed, *preset, QStringLiteral("/"));
    QVERIFY(spec.ok());
    spec->source.uri = remotekeys::s3Uri(QStringLiteral("rendition"), remotekeys::source(spec->source.sha256));
    S3Client client = s3();
    QVERIFY(client.putFile(remotekeys::source(spec->source.sha256), bad).ok());
    RemoteJobMessage message{spec->id, spec->idempotencyKey, remotekeys::spec(spec->id), QStringLiteral("poison.mov"), spec->toJsonBytes()};
    SqsClientConfig config;
    config.credentials = credentials();
    SqsClient sqs(config);
    QVERIFY(sqs.sendMessage(m_jobsUrl, message.toBody(), message.attributes()).ok());

    QProcess *worker = startWorker({QStringLiteral("--once"), QStringLiteral("--wait"), QStringLiteral("2"), QStringLiteral("--retry-delay"),
                                    QStringLiteral("1"), QStringLiteral("--max-receives"), QStringLiteral("3"),
                                    QStringLiteral("--visibility"), QStringLiteral("10"), QStringLiteral("--heartbeat"), QStringLiteral("2")},
                                   QStringLiteral("poison"));
    QVERIFY(worker->waitForFinished(kJobTimeoutMs));
    const QByteArray log = worker->readAllStandardError();
    QCOMPARE(log.count("failed (receive"), 3);
    QVERIFY2(log.contains("moved to the dead-letter queue"), log.constData());

    SqsReceiveOptions o;
    o.waitSeconds = 2;
    Result<QList<SqsMessage>> dead = sqs.receive(m_dlqUrl, o);
    QVERIFY(dead.ok());
    QCOMPARE(dead->size(), 1);
    Result<RemoteDeadLetter> letter = RemoteDeadLetter::fromBody(dead->first().body);
    QVERIFY2(letter.ok(), letter ? "" : qPrintable(letter.error().toString()));
    QCOMPARE(letter->jobId, spec->id);
    QCOMPARE(letter->receiveCount, 3);
    QVERIFY(!letter->error.code.isEmpty());
    QVERIFY(!letter->error.message.isEmpty());
    QCOMPARE(letter->originalBody, message.toBody());
    QCOMPARE(visibleMessages(m_jobsUrl, QStringLiteral("ApproximateNumberOfMessages")), 0);
    QCOMPARE(visibleMessages(m_jobsUrl, QStringLiteral("ApproximateNumberOfMessagesNotVisible")), 0);
    Result<std::optional<RemotePublished>> marker = findRemotePublished(client, spec->idempotencyKey);
    QVERIFY(marker.ok() && !marker->has_value());
}

void TestRemote::sigtermReleasesTheJob()
{
    const QString preset = writePreset(QStringLiteral("remote-term"));
    QCOMPARE(submit({copyAs(kBars, QStringLiteral("termed.mp4"))}, preset).size(), 1);
    QProcess *first = startWorker({QStringLiteral("--visibility"), QStringLiteral("120"), QStringLiteral("--grace"), QStringLiteral("0")},
                                  QStringLiteral("first"));
    QByteArray seen;
    QVERIFY2(waitForStderr(*first, "received (receive 1)", 60000, &seen), seen.constData());
    QVERIFY2(waitForChildProcess(pid_t(first->processId()), 60000), "the worker never started its exec-job child");
    ::kill(pid_t(first->processId()), SIGTERM);
    QVERIFY(first->waitForFinished(60000));
    seen += first->readAllStandardError();
    QCOMPARE(first->exitCode(), 0);
    QVERIFY2(seen.contains("0 published, 0 reused, 0 failed, 0 dead-lettered, 1 released"), seen.constData());
    // Released: visible again now, long before its 120 s visibility timeout.
    QCOMPARE(visibleMessages(m_jobsUrl, QStringLiteral("ApproximateNumberOfMessages")), 1);

    QTcpServer probePort; // a free port for the metrics
    QVERIFY(probePort.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probePort.serverPort();
    probePort.close();
    QProcess *second = startWorker({QStringLiteral("--wait"), QStringLiteral("2"), QStringLiteral("--metrics-port"), QString::number(port)},
                                   QStringLiteral("second"));
    QByteArray log;
    QVERIFY2(waitForStderr(*second, "published as s3://", kJobTimeoutMs, &log), log.constData());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray metrics;
    while (socket.waitForReadyRead(5000)) metrics += socket.readAll();
    QVERIFY2(metrics.startsWith("HTTP/1.1 200 OK"), metrics.constData());
    QVERIFY2(metrics.contains("rendition_worker_jobs_total{outcome=\"published\"} 1\n"), metrics.constData());
    QVERIFY(metrics.contains("rendition_worker_bytes_total{direction=\"download\"}"));
    QVERIFY(metrics.contains("rendition_worker_stage_seconds_count{stage=\"transcode\"}"));
    QVERIFY(metrics.contains("rendition_worker_queue_lag_seconds_count 1"));
    ::kill(pid_t(second->processId()), SIGTERM);
    QVERIFY(second->waitForFinished(60000));
    QCOMPARE(second->exitCode(), 0);

    // The GUI's view of it: the status reader (event-loop driven) sees the whole story.
    RemoteProfile profile;
    profile.name = QStringLiteral("test");
    profile.bucket = QStringLiteral("rendition");
    profile.jobsQueueUrl = m_jobsUrl;
    profile.statusQueueUrl = m_statusUrl;
    RemoteStatusReader reader(profile, credentials());
    QSignalSpy updates(&reader, &RemoteStatusReader::jobUpdated);
    QVERIFY(reader.start(100).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!reader.latest().isEmpty() && isFinalRemoteEvent(reader.latest().cbegin()->kind), 30000);
    reader.stop();
    QSet<QString> kinds;
    for (const QList<QVariant> &args : std::as_const(updates))
        kinds.insert(remoteEventKindName(args.at(0).value<RemoteStatusEvent>().kind));
    for (const char *k : {"received", "released", "progress", "published"}) QVERIFY2(kinds.contains(QLatin1String(k)), k);
    const RemoteStatusEvent last = *reader.latest().cbegin();
    QCOMPARE(last.kind, RemoteEventKind::Published);
    QCOMPARE(last.prefix, QStringLiteral("outputs/termed/v1/"));
    QCOMPARE(last.attempt, 2);
}

void TestRemote::badProfileAndMissingQueue()
{
    const QString preset = writePreset(QStringLiteral("remote-bad"));
    QProcess p;
    QProcessEnvironment e = env();
    e.remove(QStringLiteral("RENDITION_S3_BUCKET"));
    p.setProcessEnvironment(e);
    p.start(kCliPath, {QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--preset"), preset, kSport});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("RENDITION_S3_BUCKET"));

    e = env();
    const QString missing = m_sqsEndpoint + QStringLiteral("queue/no-such-queue");
    e.insert(QStringLiteral("RENDITION_SQS_JOBS_URL"), missing);
    p.setProcessEnvironment(e);
    p.start(kCliPath, {QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--preset"), preset,
                       copyAs(kSport, QStringLiteral("lost.mp4"))});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains(QStringLiteral("queue %1 does not exist").arg(missing).toUtf8()), err.constData());

    // A worker on a queue that does not exist stops with an error instead of polling forever.
    QProcess worker;
    worker.setProcessEnvironment(e);
    worker.start(kCliPath, {QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--wait"),
                            QStringLiteral("1"), QStringLiteral("--work-dir"), m_tmp->filePath(QStringLiteral("lost-work"))});
    QVERIFY(worker.waitForFinished(60000));
    QCOMPARE(worker.exitCode(), 1);
    QVERIFY(worker.readAllStandardError().contains(QStringLiteral("queue %1 does not exist").arg(missing).toUtf8()));
}

void TestRemote::fullManyJobsSlotsAndAKill()
{
    if (!qEnvironmentVariableIsSet("RENDITION_TEST_FULL")) QSKIP("long variant: set RENDITION_TEST_FULL");
    const QString preset = writePreset(QStringLiteral("remote-many"));
    QStringList inputs;
    for (int i = 0; i < 3; ++i) inputs << copyAs(kSport, QStringLiteral("many%1.mp4").arg(i));
    inputs << copyAs(kBars, QStringLiteral("manybars.mp4"));
    const QList<QJsonObject> sent = submit(inputs, preset);
    QCOMPARE(sent.size(), 4);
    const QStringList drain{QStringLiteral("--once"), QStringLiteral("--wait"), QStringLiteral("2"), QStringLiteral("--slots"), QStringLiteral("2"),
                            QStringLiteral("--visibility"), QStringLiteral("10"), QStringLiteral("--heartbeat"), QStringLiteral("2")};
    QProcess *victim = startWorker(drain, QStringLiteral("victim"));
    QByteArray seen;
    QVERIFY(waitForStderr(*victim, "received (receive 1)", 60000, &seen));
    QProcess *steady = startWorker(drain, QStringLiteral("steady"));
    QTest::qWait(2000);
    ::kill(pid_t(victim->processId()), SIGKILL);
    QVERIFY(victim->waitForFinished(10000));
    QVERIFY(steady->waitForFinished(kJobTimeoutMs * 2));
    S3Client client = s3();
    for (const QJsonObject &e : sent) {
        Result<std::optional<RemotePublished>> marker = findRemotePublished(client, e.value(QStringLiteral("idempotency_key")).toString());
        QVERIFY(marker.ok() && marker->has_value());
        QCOMPARE((*marker)->version, QStringLiteral("v1"));
    }
}

void TestRemote::fullSigtermFinishesWithinGrace()
{
    if (!qEnvironmentVariableIsSet("RENDITION_TEST_FULL")) QSKIP("long variant: set RENDITION_TEST_FULL");
    const QString preset = writePreset(QStringLiteral("remote-grace"));
    const QList<QJsonObject> sent = submit({copyAs(kSport, QStringLiteral("graceful.mp4"))}, preset);
    QCOMPARE(sent.size(), 1);
    QProcess *worker = startWorker({QStringLiteral("--grace"), QStringLiteral("200")}, QStringLiteral("graceful"));
    QByteArray seen;
    QVERIFY(waitForStderr(*worker, "received (receive 1)", 60000, &seen));
    ::kill(pid_t(worker->processId()), SIGTERM);
    QVERIFY(worker->waitForFinished(kJobTimeoutMs));
    seen += worker->readAllStandardError();
    QVERIFY2(seen.contains("1 published, 0 reused, 0 failed, 0 dead-lettered, 0 released"), seen.constData());
    QCOMPARE(worker->exitCode(), 0);
}

QTEST_MAIN(TestRemote)
#include "tst_remote.moc"
