// Remote-mode value types and helpers without services: RemoteProfile (environment, settings
// round trip, validation), the jobs-queue message / dead letter / publish marker / status
// event formats (round trips and rejected bodies), the bucket key layout, the Prometheus
// text rendering and the loopback metrics server (200 on /metrics, 404 elsewhere).

#include "core/model/JobSpec.h"
#include "core/remote/Metrics.h"
#include "core/remote/RemoteJobMessage.h"
#include "core/remote/RemoteProfile.h"
#include "core/remote/RemoteStatus.h"

#include <QSettings>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace rendition;

namespace {

AwsEnvironment fullEnvironment()
{
    return {{QStringLiteral("RENDITION_S3_ENDPOINT"), QStringLiteral("http://127.0.0.1:4568")},
            {QStringLiteral("RENDITION_S3_BUCKET"), QStringLiteral("media")},
            {QStringLiteral("RENDITION_SQS_JOBS_URL"), QStringLiteral("http://127.0.0.1:9324/queue/jobs")},
            {QStringLiteral("RENDITION_SQS_STATUS_URL"), QStringLiteral("http://127.0.0.1:9324/queue/status")},
            {QStringLiteral("RENDITION_SQS_DLQ_URL"), QStringLiteral("http://127.0.0.1:9324/queue/dlq")},
            {QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1")},
            {QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE")},
            {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret")}};
}

// GET `path` from 127.0.0.1:port, returning the whole response (the server closes after it).
QByteArray httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000)) response += socket.readAll();
    return response + socket.readAll();
}

} // namespace

class TestSqsRemote : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void profileFromEnvironment();
    void profileFromEnvironmentNamesWhatIsMissing_data();
    void profileFromEnvironmentNamesWhatIsMissing();
    void profileSettingsRoundTrip();
    void profileMissingInSettings();
    void jobMessageRoundTrip();
    void jobMessageRejectsForeignBodies_data();
    void jobMessageRejectsForeignBodies();
    void deadLetterAndMarkerRoundTrip();
    void statusEventRoundTrip();
    void statusEventRejectsForeignBodies();
    void keyLayout();
    void jobSpecAcceptsS3Uris_data();
    void jobSpecAcceptsS3Uris();
    void metricsRendering();
    void metricsServer();
    void metricsServerPortTaken();
};

void TestSqsRemote::profileFromEnvironment()
{
    Result<RemoteProfile> p = RemoteProfile::fromEnvironment(fullEnvironment());
    QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().toString()));
    QCOMPARE(p->name, QStringLiteral("env"));
    QCOMPARE(p->bucket, QStringLiteral("media"));
    QCOMPARE(p->region, QStringLiteral("eu-west-1"));
    QVERIFY(p->pathStyle); // custom endpoint → path style by default
    QCOMPARE(p->dlqUrl, QStringLiteral("http://127.0.0.1:9324/queue/dlq"));
    Result<AwsCredentials> c = p->credentials(fullEnvironment());
    QVERIFY(c.ok());
    QCOMPARE(c->accessKeyId, QStringLiteral("AKIDEXAMPLE"));
    QCOMPARE(p->s3Config().bucket, QStringLiteral("media"));
    QCOMPARE(p->s3Config().endpoint, QStringLiteral("http://127.0.0.1:4568"));
    QCOMPARE(p->sqsConfig(*c).region, QStringLiteral("eu-west-1"));

    AwsEnvironment aws = fullEnvironment();
    aws.remove(QStringLiteral("RENDITION_S3_ENDPOINT"));
    aws.insert(QStringLiteral("RENDITION_SQS_JOBS_URL"), QStringLiteral("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"));
    Result<RemoteProfile> onAws = RemoteProfile::fromEnvironment(aws);
    QVERIFY(onAws.ok());
    QVERIFY(!onAws->pathStyle); // AWS itself: virtual-host addressing
    QCOMPARE(onAws->s3Config().addressing, S3Addressing::VirtualHost);
}

void TestSqsRemote::profileFromEnvironmentNamesWhatIsMissing_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("no bucket") << "RENDITION_S3_BUCKET" << QString() << "bucket";
    QTest::newRow("no jobs queue") << "RENDITION_SQS_JOBS_URL" << QString() << "jobs queue URL is not set";
    QTest::newRow("jobs not a url") << "RENDITION_SQS_JOBS_URL" << "jobs" << "\"jobs\" is not an http(s) URL";
    QTest::newRow("bad endpoint") << "RENDITION_S3_ENDPOINT" << "ftp://x" << "S3 endpoint";
    QTest::newRow("bad dlq") << "RENDITION_SQS_DLQ_URL" << "queue/dlq" << "dead-letter queue";
}

void TestSqsRemote::profileFromEnvironmentNamesWhatIsMissing()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, mustContain);
    AwsEnvironment env = fullEnvironment();
    if (value.isEmpty()) env.remove(variable);
    else env.insert(variable, value);
    Result<RemoteProfile> p = RemoteProfile::fromEnvironment(env);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, QStringLiteral("remote.profile_invalid"));
    QVERIFY2(p.error().message.contains(mustContain), qPrintable(p.error().message));
    QVERIFY(p.error().message.contains(u"RENDITION_S3_BUCKET and RENDITION_SQS_JOBS_URL"));
}

void TestSqsRemote::profileSettingsRoundTrip()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    RemoteProfile p = RemoteProfile::fromEnvironment(fullEnvironment()).value();
    p.name = QStringLiteral("studio cluster");
    p.awsProfile = QStringLiteral("prod");
    p.pathStyle = false;
    p.save(settings);
    RemoteProfile other = p;
    other.name = QStringLiteral("lab");
    other.save(settings);
    QCOMPARE(RemoteProfile::names(settings), (QStringList{QStringLiteral("lab"), QStringLiteral("studio cluster")}));
    Result<RemoteProfile> back = RemoteProfile::resolve(QStringLiteral("studio cluster"), settings, {});
    QVERIFY2(back.ok(), back ? "" : qPrintable(back.error().toString()));
    QCOMPARE(back->bucket, p.bucket);
    QCOMPARE(back->jobsQueueUrl, p.jobsQueueUrl);
    QCOMPARE(back->statusQueueUrl, p.statusQueueUrl);
    QCOMPARE(back->dlqUrl, p.dlqUrl);
    QCOMPARE(back->region, p.region);
    QCOMPARE(back->awsProfile, QStringLiteral("prod"));
    QCOMPARE(back->pathStyle, false);
    // No secret is ever stored.
    settings.sync();
    QFile ini(dir.filePath(QStringLiteral("s.ini")));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("secret"));
    RemoteProfile::remove(settings, QStringLiteral("lab"));
    QCOMPARE(RemoteProfile::names(settings), QStringList{QStringLiteral("studio cluster")});
}

void TestSqsRemote::profileMissingInSettings()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    Result<RemoteProfile> p = RemoteProfile::resolve(QStringLiteral("nope"), settings, fullEnvironment());
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, QStringLiteral("remote.profile_missing"));
    QVERIFY(p.error().message.contains(u"\"nope\""));
    // "env" is always the environment, whatever the settings hold.
    QVERIFY(RemoteProfile::resolve(QStringLiteral("env"), settings, fullEnvironment()).ok());
}

void TestSqsRemote::jobMessageRoundTrip()
{
    RemoteJobMessage m{QStringLiteral("0f8e1c2a-5b7d-4e2f-9a61-3c4d5e6f7a8b"), QString(64, u'a'),
                       QStringLiteral("jobs/0f8e1c2a-5b7d-4e2f-9a61-3c4d5e6f7a8b.json"), QStringLiteral("Zürich café.mov"),
                       QByteArray(R"({"schema":"rendition.job/1","id":"x"})")};
    Result<RemoteJobMessage> back = RemoteJobMessage::fromBody(m.toBody());
    QVERIFY2(back.ok(), back ? "" : qPrintable(back.error().toString()));
    QCOMPARE(back->jobId, m.jobId);
    QCOMPARE(back->idempotencyKey, m.idempotencyKey);
    QCOMPARE(back->specKey, m.specKey);
    QCOMPARE(back->sourceName, m.sourceName);
    QCOMPARE(QJsonDocument::fromJson(back->inlineSpec), QJsonDocument::fromJson(m.inlineSpec));
    QCOMPARE(m.attributes().value(QStringLiteral("job_id")).stringValue, m.jobId);
    QCOMPARE(m.attributes().value(QStringLiteral("idempotency_key")).stringValue, m.idempotencyKey);
    m.inlineSpec.clear(); // large specs travel by key only
    back = RemoteJobMessage::fromBody(m.toBody());
    QVERIFY(back.ok());
    QVERIFY(back->inlineSpec.isEmpty());
}

void TestSqsRemote::jobMessageRejectsForeignBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("text") << QByteArray("hello") << "not a JSON object";
    QTest::newRow("other schema") << QByteArray(R"({"schema":"s3:event"})") << "schema";
    QTest::newRow("missing fields") << QByteArray(R"({"schema":"rendition.remote-job/1","job_id":"x"})") << "idempotency_key";
    QTest::newRow("path in name")
        << QByteArray(R"({"schema":"rendition.remote-job/1","job_id":"x","idempotency_key":"k","spec_key":"jobs/x.json","source_name":"../../etc/passwd"})")
        << "not a plain file name";
}

void TestSqsRemote::jobMessageRejectsForeignBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mustContain);
    Result<RemoteJobMessage> m = RemoteJobMessage::fromBody(body);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, QStringLiteral("remote.bad_message"));
    QVERIFY2(m.error().message.contains(mustContain), qPrintable(m.error().message));
}

void TestSqsRemote::deadLetterAndMarkerRoundTrip()
{
    const QDateTime at = QDateTime::fromString(QStringLiteral("2026-01-31T12:00:00.123Z"), Qt::ISODateWithMs);
    RemoteDeadLetter d{QStringLiteral("job-1"), 3, makeError(QStringLiteral("ingest.truncated"), QStringLiteral("the file is cut short"), QStringLiteral("a.mov")),
                       QStringLiteral("host:1"), at, QByteArray(R"({"schema":"rendition.remote-job/1"})")};
    Result<RemoteDeadLetter> back = RemoteDeadLetter::fromBody(d.toBody());
    QVERIFY(back.ok());
    QCOMPARE(back->receiveCount, 3);
    QCOMPARE(back->error.code, QStringLiteral("ingest.truncated"));
    QCOMPARE(back->error.context, QStringLiteral("a.mov"));
    QCOMPARE(back->originalBody, d.originalBody);
    QCOMPARE(back->at, at);

    RemotePublished p;
    p.jobId = QStringLiteral("job-1");
    p.idempotencyKey = QStringLiteral("k");
    p.asset = QStringLiteral("clip");
    p.version = QStringLiteral("v2");
    p.prefix = remotekeys::versionPrefix(p.asset, p.version);
    p.files = {QStringLiteral("180p/init.mp4"), QStringLiteral("manifest.json")};
    p.bytes = 12345;
    p.at = at;
    Result<RemotePublished> pb = RemotePublished::fromJson(p.toJson());
    QVERIFY(pb.ok());
    QCOMPARE(pb->prefix, QStringLiteral("outputs/clip/v2/"));
    QCOMPARE(pb->files, p.files);
    QCOMPARE(pb->bytes, Q_INT64_C(12345));
    QVERIFY(!RemotePublished::fromJson("{}").ok());
}

void TestSqsRemote::statusEventRoundTrip()
{
    RemoteStatusEvent e{QStringLiteral("job-1"), RemoteEventKind::Published, QStringLiteral("host:1"),
                        QDateTime::currentDateTimeUtc(), QStringLiteral("upload"), 100, 2};
    e.asset = QStringLiteral("clip"), e.version = QStringLiteral("v1"), e.prefix = QStringLiteral("outputs/clip/v1/");
    Result<RemoteStatusEvent> back = RemoteStatusEvent::fromBody(e.toBody());
    QVERIFY(back.ok());
    QCOMPARE(back->kind, RemoteEventKind::Published);
    QCOMPARE(back->attempt, 2);
    QCOMPARE(back->prefix, e.prefix);
    QCOMPARE(back->percent, 100.0);
    QVERIFY(isFinalRemoteEvent(back->kind));
    QVERIFY(!isFinalRemoteEvent(RemoteEventKind::Failed)); // SQS redelivers a failed attempt
    for (RemoteEventKind k : {RemoteEventKind::Received, RemoteEventKind::Progress, RemoteEventKind::QcFailed,
                              RemoteEventKind::Reused, RemoteEventKind::Released, RemoteEventKind::Dead})
        QCOMPARE(remoteEventKindFromName(remoteEventKindName(k)), k);
}

void TestSqsRemote::statusEventRejectsForeignBodies()
{
    QCOMPARE(RemoteStatusEvent::fromBody("nope").error().code, QStringLiteral("remote.bad_status"));
    QVERIFY(!RemoteStatusEvent::fromBody(R"({"schema":"rendition.remote-status/1","job_id":"x","kind":"exploded"})").ok());
    QVERIFY(!RemoteStatusEvent::fromBody(R"({"schema":"rendition.remote-job/1","job_id":"x","kind":"progress"})").ok());
}

void TestSqsRemote::keyLayout()
{
    QCOMPARE(remotekeys::source(QStringLiteral("ab")), QStringLiteral("sources/ab"));
    QCOMPARE(remotekeys::spec(QStringLiteral("id")), QStringLiteral("jobs/id.json"));
    QCOMPARE(remotekeys::published(QStringLiteral("k")), QStringLiteral("outputs/by-key/k.json"));
    QCOMPARE(remotekeys::s3Uri(QStringLiteral("b"), QStringLiteral("sources/x")), QStringLiteral("s3://b/sources/x"));
    QCOMPARE(remotekeys::keyOfUri(QStringLiteral("b"), QStringLiteral("s3://b/sources/x")), QStringLiteral("sources/x"));
    QCOMPARE(remotekeys::keyOfUri(QStringLiteral("b"), QStringLiteral("s3://other/sources/x")), QString());
}

void TestSqsRemote::jobSpecAcceptsS3Uris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<bool>("valid");
    QTest::newRow("s3 key") << "s3://rendition/sources/abc" << true;
    QTest::newRow("s3 bucket only") << "s3://rendition" << true;
    QTest::newRow("http") << "http://rendition/sources/abc" << false;
    QTest::newRow("upper-case bucket") << "s3://Rendition/x" << false;
    QTest::newRow("relative") << "sources/abc" << false;
}

void TestSqsRemote::jobSpecAcceptsS3Uris()
{
    QFETCH(QString, uri);
    QFETCH(bool, valid);
    QCOMPARE(isS3Uri(uri), valid);
    const QByteArray preset = R"({"schema": "rendition.preset/1", "name": "p",
      "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "ultrafast",
                  "rate_control": {"mode": "crf", "crf": 30}}],
      "audio": [], "packaging": {"segment_duration_s": 2, "hls": true, "dash": false},
      "loudness": {"enabled": false}, "thumbnails": {"enabled": false}, "qc": {"enabled": false}})";
    Result<Preset> parsed = parsePreset(preset);
    QVERIFY2(parsed.ok(), parsed ? "" : qPrintable(parsed.error().message));
    const QString key = computeIdempotencyKey(QString(64, u'a'), *parsed, QStringLiteral("0.1.0"));
    const QByteArray json = QStringLiteral(R"({"schema": "rendition.job/1", "id": "0f8e1c2a-5b7d-4e2f-9a61-3c4d5e6f7a8b",
      "source": {"uri": "%1", "sha256": "%2", "size_bytes": 1}, "preset": %3, "output_root": "%1",
      "engine_version": "0.1.0", "created_at": "2026-01-31T12:00:00.000Z", "idempotency_key": "%4"})")
                                .arg(uri, QString(64, u'a'), QString::fromUtf8(preset), key)
                                .toUtf8();
    Result<JobSpec> spec = JobSpec::fromJson(json);
    QVERIFY2(spec.ok() == valid, spec ? "parsed" : qPrintable(spec.error().message));
    if (valid) QVERIFY(spec->source.localPath().isEmpty()); // not runnable locally: a worker downloads it
    else QVERIFY(spec.error().message.contains(u"s3://bucket"));
}

void TestSqsRemote::metricsRendering()
{
    MetricsRegistry m;
    m.describe(QStringLiteral("jobs_total"), MetricType::Counter, QStringLiteral("Jobs."));
    m.describe(QStringLiteral("stage_seconds"), MetricType::Summary, QStringLiteral("Stages."));
    m.describe(QStringLiteral("running"), MetricType::Gauge, QStringLiteral("Running."));
    m.add(QStringLiteral("jobs_total"), 1, QStringLiteral("outcome"), QStringLiteral("published"));
    m.add(QStringLiteral("jobs_total"), 2, QStringLiteral("outcome"), QStringLiteral("published"));
    m.add(QStringLiteral("jobs_total"), 1, QStringLiteral("outcome"), QStringLiteral("dead"));
    m.observe(QStringLiteral("stage_seconds"), 1.5, QStringLiteral("stage"), QStringLiteral("transcode"));
    m.observe(QStringLiteral("stage_seconds"), 0.5, QStringLiteral("stage"), QStringLiteral("transcode"));
    m.set(QStringLiteral("running"), 2);
    m.add(QStringLiteral("undescribed"), 1); // ignored
    m.add(QStringLiteral("jobs_total"), 1, QStringLiteral("outcome"), QStringLiteral("a\"b"));
    QCOMPARE(m.value(QStringLiteral("jobs_total"), QStringLiteral("outcome"), QStringLiteral("published")), 3.0);
    const QByteArray text = m.render();
    QCOMPARE(text, QByteArray("# HELP jobs_total Jobs.\n# TYPE jobs_total counter\n"
                              "jobs_total{outcome=\"a\\\"b\"} 1\n"
                              "jobs_total{outcome=\"dead\"} 1\n"
                              "jobs_total{outcome=\"published\"} 3\n"
                              "# HELP running Running.\n# TYPE running gauge\nrunning 2\n"
                              "# HELP stage_seconds Stages.\n# TYPE stage_seconds summary\n"
                              "stage_seconds_sum{stage=\"transcode\"} 2\n"
                              "stage_seconds_count{stage=\"transcode\"} 2\n"));
}

void TestSqsRemote::metricsServer()
{
    MetricsRegistry m;
    m.describe(QStringLiteral("up"), MetricType::Gauge, QStringLiteral("Up."));
    m.set(QStringLiteral("up"), 1);
    MetricsServer server(m);
    QVERIFY(server.listen(0).ok());
    QVERIFY(server.port() > 0);
    const quint16 port = server.port();
    // The client blocks on its own thread; the server needs this thread's event loop.
    QFuture<QByteArray> ok = QtConcurrent::run([port] { return httpGet(port, "/metrics"); });
    QTRY_VERIFY_WITH_TIMEOUT(ok.isFinished(), 15000);
    QVERIFY2(ok.result().startsWith("HTTP/1.1 200 OK\r\n"), ok.result().constData());
    QVERIFY(ok.result().contains("Content-Type: text/plain; version=0.0.4"));
    QVERIFY(ok.result().endsWith("# HELP up Up.\n# TYPE up gauge\nup 1\n"));
    QFuture<QByteArray> missing = QtConcurrent::run([port] { return httpGet(port, "/"); });
    QTRY_VERIFY_WITH_TIMEOUT(missing.isFinished(), 15000);
    QVERIFY(missing.result().startsWith("HTTP/1.1 404 Not Found\r\n"));
}

void TestSqsRemote::metricsServerPortTaken()
{
    MetricsRegistry m;
    MetricsServer first(m), second(m);
    QVERIFY(first.listen(0).ok());
    Status s = second.listen(first.port());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("metrics.listen"));
    QVERIFY(s.error().message.contains(QString::number(first.port())));
}

QTEST_MAIN(TestSqsRemote)
#include "tst_sqsremote.moc"
