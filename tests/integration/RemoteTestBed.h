#pragma once
// The loopback cluster for remote-mode integration tests: s3rver (S3) + ElasticMQ (SQS) started by
// scripts/test-services.sh, fresh jobs/status/dead-letter queues per test, and helpers that run
// real `rendition-cli` processes against them (`--remote env`). Test classes derive from it
// (class T : public QObject, public RemoteTestBed) and call startServices() in initTestCase,
// newQueues() in init, stopServices() in cleanupTestCase.

#include "core/model/JobSpec.h"
#include "core/remote/RemoteJobMessage.h"
#include "core/remote/S3Client.h"
#include "core/remote/SqsClient.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace rendition;

inline const QString kCliPath = QStringLiteral(RENDITION_CLI);
inline const QString kRoot = QStringLiteral(RENDITION_SOURCE_DIR);
inline const QString kVideoOnly = QStringLiteral(RENDITION_FIXTURES "/good/video_only.mp4");
inline constexpr int kTimeoutMs = 240000;
inline const QString kKid = QStringLiteral("0123456789abcdef0123456789abcdef");
inline const QString kKey = QStringLiteral("fedcba9876543210fedcba9876543210");

struct Run {
    int exit = -1;
    QByteArray out, err;
    QList<QJsonObject> events;
};

inline QString runServicesScript(const QStringList &args, const QString &dir, QString *error)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RENDITION_SERVICES_DIR"), dir);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), QStringList{kRoot + QStringLiteral("/scripts/test-services.sh")} + args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

class RemoteTestBed {
public:
    // Why the services cannot run here (node_modules or java missing); empty when they can.
    static QString unavailableReason();
    bool startServices(QString *error);
    void stopServices();
    bool newQueues(QString *error);

    QProcessEnvironment env() const;
    Run cli(const QStringList &args, int timeoutMs = kTimeoutMs);
    Run runWorkerOnce(const QString &name, const QStringList &extra = {});
    QString writePreset(const QString &name, const QJsonObject &extra);
    QString uniqueSource(const QString &name); // video_only.mp4 + a 'free' box: a SHA-256 of its own
    AwsCredentials credentials() const { return AwsCredentials{QStringLiteral("S3RVER"), QStringLiteral("S3RVER"), {}, {}}; }
    S3Config s3Config() const;
    SqsClient sqs() const;
    QStringList keysUnder(const QString &prefix);
    QList<RemoteDeadLetter> deadLetters(int expected);

protected:
    std::unique_ptr<QTemporaryDir> m_services, m_tmp;
    QString m_s3Endpoint, m_sqsEndpoint, m_jobsUrl, m_statusUrl, m_dlqUrl;
    int m_serial = 0;
};

inline QString RemoteTestBed::unavailableReason()
{
    if (!QFileInfo::exists(kRoot + QStringLiteral("/tests/remote/node_modules/s3rver")) ||
        !QFileInfo::exists(kRoot + QStringLiteral("/tests/remote/node_modules/elasticmq/elasticmq-server-0.7.1.jar")))
        return QStringLiteral("tests/remote/node_modules (s3rver, elasticmq) is missing; run scripts/install-deps.sh");
    if (QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty())
        return QStringLiteral("java is missing; install openjdk-17-jre-headless (scripts/install-deps.sh)");
    return {};
}

inline bool RemoteTestBed::startServices(QString *error)
{
    m_services = std::make_unique<QTemporaryDir>();
    const QString s3Port = runServicesScript({QStringLiteral("start_s3rver")}, m_services->path(), error);
    if (s3Port.isEmpty()) return false;
    const QString sqsPort = runServicesScript({QStringLiteral("start_elasticmq")}, m_services->path(), error);
    if (sqsPort.isEmpty()) return false;
    m_s3Endpoint = QStringLiteral("http://127.0.0.1:%1").arg(s3Port);
    m_sqsEndpoint = QStringLiteral("http://127.0.0.1:%1/").arg(sqsPort);
    return true;
}

inline void RemoteTestBed::stopServices()
{
    if (!m_services) return;
    QString error;
    runServicesScript({QStringLiteral("stop_elasticmq")}, m_services->path(), &error);
    runServicesScript({QStringLiteral("stop_s3rver")}, m_services->path(), &error);
}

inline bool RemoteTestBed::newQueues(QString *error)
{
    m_tmp = std::make_unique<QTemporaryDir>();
    const QString n = QUuid::createUuid().toString(QUuid::Id128).left(12);
    SqsClient q = sqs();
    Result<QString> jobs = q.createQueue(m_sqsEndpoint, QStringLiteral("cjobs-") + n, {{QStringLiteral("VisibilityTimeout"), QStringLiteral("5")}});
    Result<QString> status = q.createQueue(m_sqsEndpoint, QStringLiteral("cstatus-") + n);
    Result<QString> dlq = q.createQueue(m_sqsEndpoint, QStringLiteral("cdlq-") + n);
    if (!jobs || !status || !dlq) {
        *error = QStringLiteral("cannot create the test queues");
        return false;
    }
    m_jobsUrl = *jobs, m_statusUrl = *status, m_dlqUrl = *dlq;
    return true;
}

inline S3Config RemoteTestBed::s3Config() const
{
    S3Config c;
    c.endpoint = m_s3Endpoint;
    c.bucket = QStringLiteral("rendition");
    return c;
}

inline SqsClient RemoteTestBed::sqs() const
{
    SqsClientConfig config;
    config.credentials = credentials();
    return SqsClient(config);
}

inline QProcessEnvironment RemoteTestBed::env() const
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

inline Run RemoteTestBed::cli(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env());
    p.start(kCliPath, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) p.kill(), p.waitForFinished(5000);
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    for (const QByteArray &line : r.out.split('\n'))
        if (const QJsonDocument d = QJsonDocument::fromJson(line); d.isObject()) r.events << d.object();
    return r;
}

inline Run RemoteTestBed::runWorkerOnce(const QString &name, const QStringList &extra)
{
    // ElasticMQ 0.7.1 counts a deleted message as in flight until its visibility ends: keep it short.
    return cli(QStringList{QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--work-dir"),
                           m_tmp->filePath(QStringLiteral("work-") + name), QStringLiteral("--once"), QStringLiteral("--wait"),
                           QStringLiteral("2"), QStringLiteral("--visibility"), QStringLiteral("5"), QStringLiteral("--heartbeat"),
                           QStringLiteral("1")} + extra);
}

inline QString RemoteTestBed::writePreset(const QString &name, const QJsonObject &extra)
{
    QJsonObject p{{QStringLiteral("schema"), QStringLiteral("rendition.preset/1")},
                  {QStringLiteral("name"), name + u'-' + QString::number(QDateTime::currentMSecsSinceEpoch())},
                  {QStringLiteral("ladder"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("180p")},
                                                                    {QStringLiteral("codec"), QStringLiteral("h264")},
                                                                    {QStringLiteral("width"), 320}, {QStringLiteral("height"), 180},
                                                                    {QStringLiteral("speed"), QStringLiteral("ultrafast")},
                                                                    {QStringLiteral("rate_control"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("crf")},
                                                                                                                 {QStringLiteral("crf"), 30}}}}}},
                  {QStringLiteral("audio"), QJsonArray{}},
                  {QStringLiteral("packaging"), QJsonObject{{QStringLiteral("segment_duration_s"), 2}, {QStringLiteral("hls"), true},
                                                            {QStringLiteral("dash"), true}}},
                  {QStringLiteral("loudness"), QJsonObject{{QStringLiteral("enabled"), false}}},
                  {QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("enabled"), false}}},
                  {QStringLiteral("qc"), QJsonObject{{QStringLiteral("enabled"), false}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it) p.insert(it.key(), it.value());
    const QString path = m_tmp->filePath(name + QStringLiteral(".json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QJsonDocument(p).toJson());
    return path;
}

inline QString RemoteTestBed::uniqueSource(const QString &name)
{
    const QString path = m_tmp->filePath(name);
    QFile::copy(kVideoOnly, path);
    QFile f(path);
    if (!f.open(QIODevice::Append)) return {};
    // A trailing 'free' box of random bytes: a valid file with a SHA-256 of its own.
    f.write(QByteArray::fromHex("00000018") + QByteArray("free") + QUuid::createUuid().toRfc4122());
    return path;
}

inline QStringList RemoteTestBed::keysUnder(const QString &prefix)
{
    S3Client s3(s3Config(), credentials());
    Result<QList<S3ObjectInfo>> all = s3.listAll(prefix);
    QStringList keys;
    if (all)
        for (const S3ObjectInfo &o : std::as_const(*all)) keys << o.key;
    return keys;
}

inline QList<RemoteDeadLetter> RemoteTestBed::deadLetters(int expected)
{
    SqsClient q = sqs();
    QList<RemoteDeadLetter> out;
    for (int round = 0; round < 10 && out.size() < expected; ++round) {
        SqsReceiveOptions o;
        o.maxMessages = 10, o.waitSeconds = 1, o.visibilityTimeoutS = 60;
        Result<QList<SqsMessage>> got = q.receive(m_dlqUrl, o);
        if (!got) continue;
        for (const SqsMessage &m : std::as_const(*got))
            if (Result<RemoteDeadLetter> d = RemoteDeadLetter::fromBody(m.body); d) out << *d;
    }
    return out;
}
