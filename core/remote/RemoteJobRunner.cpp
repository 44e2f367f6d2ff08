#include "core/remote/RemoteJobRunner.h"

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/queue/ChildProtocol.h"
#include "core/remote/RemoteHeartbeat.h"
#include "core/remote/RemoteKeyStore.h"
#include "core/remote/RemoteOutputs.h"
#include "core/remote/S3Client.h"
#include "core/remote/SqsClient.h"
#include "core/remote/WorkerLog.h"
#include "core/util/RetryPolicy.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QUrl>

#include <csignal>
#include <sys/prctl.h>

namespace rendition {

namespace {

Error released()
{
    return makeError(QStringLiteral("remote.released"), QStringLiteral("the worker is shutting down; the job was released"));
}

bool isReleased(const Error &e)
{
    return e.code == u"remote.released" || e.code == u"http.canceled";
}

// Errors no redelivery can fix: the job goes to the dead-letter queue at once.
bool isPermanent(const Error &e)
{
    static const QStringList codes{QStringLiteral("remote.bad_message"), QStringLiteral("remote.bad_spec"),
                                   QStringLiteral("remote.source_missing"), QStringLiteral("remote.source_corrupt"),
                                   QStringLiteral("remote.source_elsewhere"), QStringLiteral("remote.key_missing"),
                                   QStringLiteral("remote.key_unreadable"), QStringLiteral("remote.bad_asset")};
    return codes.contains(e.code);
}

} // namespace

// Per-message state: the status/metrics bookkeeping of one attempt.
struct RemoteJobRunner::Attempt {
    QString jobId;
    int receiveCount = 0;
    QString stage;
    QElapsedTimer stageClock;
    QElapsedTimer lastProgress;
};

QString remoteOutcomeName(RemoteOutcome outcome)
{
    switch (outcome) {
    case RemoteOutcome::Published: return QStringLiteral("published");
    case RemoteOutcome::QcFailed: return QStringLiteral("qc_failed");
    case RemoteOutcome::Reused: return QStringLiteral("reused");
    case RemoteOutcome::Failed: return QStringLiteral("failed");
    case RemoteOutcome::DeadLettered: return QStringLiteral("dead");
    case RemoteOutcome::Released: return QStringLiteral("released");
    case RemoteOutcome::AwaitingApproval: return QStringLiteral("awaiting_approval");
    case RemoteOutcome::Invalid: break;
    }
    return QStringLiteral("invalid");
}

RemoteJobRunner::RemoteJobRunner(RemoteWorkerShared &shared, QString workerName)
    : m_shared(shared), m_worker(std::move(workerName)),
      m_s3(std::make_unique<S3Client>(shared.profile.s3Config(), shared.credentials)),
      m_sqs(std::make_unique<SqsClient>(shared.profile.sqsConfig(shared.credentials)))
{
    m_s3->setCancelFlag(&m_shared.hardStop);
}

RemoteJobRunner::~RemoteJobRunner() = default;

void RemoteJobRunner::log(const QString &line, const Error &error) const
{
    WorkerLogFields f{m_worker, m_jobId, m_stage, error, {}};
    if (!error.code.isEmpty())
        f.errorClass = isPermanent(error)                ? QStringLiteral("permanent")
                       : isReleased(error)               ? QStringLiteral("released")
                       : RetryPolicy::isTransient(error) ? QStringLiteral("transient")
                                                         : QStringLiteral("failed");
    workerLog(line, f);
}

void RemoteJobRunner::sendStatus(RemoteStatusEvent event)
{
    if (m_shared.profile.statusQueueUrl.isEmpty()) return;
    event.worker = m_worker;
    event.at = QDateTime::currentDateTimeUtc();
    if (Result<QString> s = m_sqs->sendMessage(m_shared.profile.statusQueueUrl, event.toBody()); !s)
        log(QStringLiteral("status event not sent: ") + s.error().toString());
}

RemoteOutcome RemoteJobRunner::handle(const SqsMessage &message)
{
    MetricsRegistry &metrics = m_shared.metrics;
    const RemoteWorkerOptions &o = m_shared.options;
    metrics.add(QLatin1String(kMetricReceived), 1);
    if (message.sentTimestampMs() > 0)
        metrics.observe(QLatin1String(kMetricQueueLag),
                        std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - message.sentTimestampMs()) / 1000.0);

    m_jobId.clear(), m_stage.clear();
    Result<RemoteJobMessage> job = RemoteJobMessage::fromBody(message.body);
    if (!job) return deadLetter(message, QString(), job.error());
    m_jobId = job->jobId;
    if (message.receiveCount() > o.maxReceives)
        return deadLetter(message, job->jobId,
                          makeError(QStringLiteral("remote.too_many_receives"),
                                    QStringLiteral("the job was received %1 times without finishing (workers died or "
                                                   "were stopped); it was moved to the dead-letter queue")
                                        .arg(message.receiveCount()),
                                    job->jobId));

    const int periodS = o.heartbeatS > 0 ? o.heartbeatS : std::max(1, o.visibilityTimeoutS / 3);
    RemoteHeartbeat heartbeat(m_shared.profile.sqsConfig(m_shared.credentials), m_shared.profile.jobsQueueUrl,
                              message.receiptHandle, o.visibilityTimeoutS, periodS);
    Attempt attempt;
    attempt.jobId = job->jobId;
    attempt.receiveCount = message.receiveCount();
    log(QStringLiteral("job %1 received (receive %2)").arg(job->jobId).arg(message.receiveCount()));
    sendStatus({job->jobId, RemoteEventKind::Received, {}, {}, {}, -1, attempt.receiveCount});
    metrics.add(QLatin1String(kMetricRunning), 1);
    struct Running {
        MetricsRegistry &m;
        ~Running() { m.add(QLatin1String(kMetricRunning), -1); }
    } running{metrics};

    Result<std::optional<RemotePublished>> before = findRemotePublished(*m_s3, job->idempotencyKey);
    if (before && before->has_value()) {
        heartbeat.stop();
        if (Status d = m_sqs->deleteMessage(m_shared.profile.jobsQueueUrl, message.receiptHandle); !d)
            log(QStringLiteral("could not delete the message: ") + d.error().toString());
        RemoteStatusEvent e{job->jobId, RemoteEventKind::Reused, {}, {}, {}, -1, attempt.receiveCount};
        e.asset = (*before)->asset, e.version = (*before)->version, e.prefix = (*before)->prefix;
        sendStatus(e);
        log(QStringLiteral("job %1 already published as %2; acknowledged").arg(job->jobId, (*before)->prefix));
        metrics.add(QLatin1String(kMetricJobs), 1, QStringLiteral("outcome"), QStringLiteral("reused"));
        return RemoteOutcome::Reused;
    }
    Result<RemotePublished> result = before ? runJob(*job, attempt) : Result<RemotePublished>(before.error());
    heartbeat.stop();
    if (!result && isReleased(result.error()) && m_shared.hardStop.loadRelaxed()) {
        if (Status s = m_sqs->changeVisibility(m_shared.profile.jobsQueueUrl, message.receiptHandle, 0); !s)
            log(QStringLiteral("could not release the message: ") + s.error().toString());
        sendStatus({job->jobId, RemoteEventKind::Released, {}, {}, {}, -1, attempt.receiveCount});
        log(QStringLiteral("job %1 released").arg(job->jobId));
        metrics.add(QLatin1String(kMetricJobs), 1, QStringLiteral("outcome"), QStringLiteral("released"));
        return RemoteOutcome::Released;
    }
    if (!result && isPermanent(result.error())) {
        log(QStringLiteral("job %1 cannot succeed on any worker: %2").arg(job->jobId, result.error().toString()), result.error());
        return deadLetter(message, job->jobId, result.error());
    }
    if (!result) return fail(message, job->jobId, result.error());

    if (Status d = m_sqs->deleteMessage(m_shared.profile.jobsQueueUrl, message.receiptHandle); !d)
        log(QStringLiteral("published, but could not delete the message (a redelivery will only acknowledge): ") +
            d.error().toString());
    const RemoteOutcome outcome = result->qcFailed           ? RemoteOutcome::QcFailed
                                  : result->awaitingApproval ? RemoteOutcome::AwaitingApproval
                                                             : RemoteOutcome::Published;
    const RemoteEventKind kind = result->qcFailed           ? RemoteEventKind::QcFailed
                                 : result->awaitingApproval ? RemoteEventKind::AwaitingApproval
                                                            : RemoteEventKind::Published;
    RemoteStatusEvent e{job->jobId, kind, {}, {}, {}, 100, attempt.receiveCount};
    e.asset = result->asset, e.version = result->version, e.prefix = result->prefix;
    sendStatus(e);
    log(QStringLiteral("job %1 %2 as s3://%3/%4").arg(job->jobId, remoteOutcomeName(outcome), m_shared.profile.bucket, result->prefix));
    metrics.add(QLatin1String(kMetricJobs), 1, QStringLiteral("outcome"), remoteOutcomeName(outcome));
    return outcome;
}

RemoteOutcome RemoteJobRunner::fail(const SqsMessage &message, const QString &jobId, const Error &error)
{
    log(QStringLiteral("job %1 failed (receive %2): %3").arg(jobId).arg(message.receiveCount()).arg(error.toString()), error);
    RemoteStatusEvent e{jobId, RemoteEventKind::Failed, {}, {}, {}, -1, message.receiveCount()};
    e.error = error;
    sendStatus(e);
    if (message.receiveCount() >= m_shared.options.maxReceives) return deadLetter(message, jobId, error);
    if (Status s = m_sqs->changeVisibility(m_shared.profile.jobsQueueUrl, message.receiptHandle,
                                           m_shared.options.retryDelayS); !s)
        log(QStringLiteral("could not schedule the retry: ") + s.error().toString());
    m_shared.metrics.add(QLatin1String(kMetricJobs), 1, QStringLiteral("outcome"), QStringLiteral("failed"));
    return RemoteOutcome::Failed;
}

RemoteOutcome RemoteJobRunner::deadLetter(const SqsMessage &message, const QString &jobId, const Error &error)
{
    const RemoteWorkerShared &s = m_shared;
    if (s.profile.dlqUrl.isEmpty()) {
        log(QStringLiteral("job %1 should go to the dead-letter queue but the profile has none; left to the queue's "
                           "redrive policy: %2").arg(jobId, error.toString()));
        if (Status v = m_sqs->changeVisibility(s.profile.jobsQueueUrl, message.receiptHandle, s.options.retryDelayS); !v)
            log(QStringLiteral("could not schedule the retry: ") + v.error().toString());
        m_shared.metrics.add(QLatin1String(kMetricJobs), 1, QStringLiteral("outcome"), QStringLiteral("failed"));
        return RemoteOutcome::Failed;
    }
    RemoteDeadLetter letter{jobId, message.receiveCount(), error, m_worker, QDateTime::currentDateTimeUtc(), message.body};
    if (Result<QString> sent = m_sqs->sendMessage(s.profile.dlqUrl, letter.toBody()); !sent) {
        log(QStringLiteral("could not send job %1 to the dead-letter queue (it will be received again): %2")
                .arg(jobId, sent.error().toString()));
        return RemoteOutcome::Failed;
    }
    if (Status d = m_sqs->deleteMessage(s.profile.jobsQueueUrl, message.receiptHandle); !d)
        log(QStringLiteral("dead-lettered, but could not delete the message: ") + d.error().toString());
    RemoteStatusEvent e{jobId, RemoteEventKind::Dead, {}, {}, {}, -1, message.receiveCount()};
    e.error = error;
    if (!jobId.isEmpty()) sendStatus(e);
    log(QStringLiteral("job %1 moved to the dead-letter queue: %2").arg(jobId.isEmpty() ? QStringLiteral("(unreadable)") : jobId,
                                                                       error.toString()), error);
    m_shared.metrics.add(QLatin1String(kMetricJobs), 1, QStringLiteral("outcome"), QStringLiteral("dead"));
    return RemoteOutcome::DeadLettered;
}

Result<QString> RemoteJobRunner::fetchSource(const QString &sha256, const QString &key)
{
    const QString cacheDir = QDir(m_shared.options.workDir).filePath(QStringLiteral("sources"));
    QDir().mkpath(cacheDir);
    const QString path = QDir(cacheDir).filePath(sha256);
    const QString verified = path + QStringLiteral(".verified");
    std::shared_ptr<QMutex> lock = m_shared.sourceLock(sha256);
    QMutexLocker locker(lock.get());
    if (QFileInfo::exists(verified) && QFileInfo::exists(path)) return path;
    QElapsedTimer clock;
    clock.start();
    Result<S3GetResult> got = m_s3->getToFile(key, path);
    if (!got && isS3NotFound(got.error()))
        return makeError(QStringLiteral("remote.source_missing"),
                         QStringLiteral("the job's source object is not in the bucket (deleted, or never uploaded); "
                                        "nothing was published"),
                         remotekeys::s3Uri(m_shared.profile.bucket, key));
    if (!got) return got.error();
    m_shared.metrics.add(QLatin1String(kMetricBytes), double(got->bytesTransferred), QStringLiteral("direction"),
                         QStringLiteral("download"));
    Result<QString> sha = sha256File(path);
    if (!sha) return sha.error();
    if (*sha != sha256) {
        QFile::remove(path);
        return makeError(QStringLiteral("remote.source_corrupt"),
                         QStringLiteral("the downloaded source's SHA-256 is %1, not %2; the object in the bucket is "
                                        "damaged or was replaced")
                             .arg(sha->left(12), sha256.left(12)),
                         remotekeys::s3Uri(m_shared.profile.bucket, key));
    }
    QFile marker(verified);
    if (!marker.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("remote.write"), QStringLiteral("cannot write in the work folder; check space and permissions"), verified);
    m_shared.metrics.observe(QLatin1String(kMetricStageSeconds), clock.elapsed() / 1000.0, QStringLiteral("stage"),
                             QStringLiteral("download"));
    return path;
}

Result<RemotePublished> RemoteJobRunner::runJob(const RemoteJobMessage &job, Attempt &attempt)
{
    QByteArray specJson = job.inlineSpec;
    if (specJson.isEmpty()) {
        Result<QByteArray> got = m_s3->getBytes(job.specKey);
        if (!got) return got.error();
        specJson = *got;
    }
    Result<JobSpec> spec = JobSpec::fromJson(specJson);
    if (!spec)
        return makeError(QStringLiteral("remote.bad_spec"),
                         QStringLiteral("the job spec is not valid: %1").arg(spec.error().message), job.specKey);
    if (spec->idempotencyKey != job.idempotencyKey || spec->id != job.jobId)
        return makeError(QStringLiteral("remote.bad_message"),
                         QStringLiteral("the message's job id or idempotency key does not match its spec"), job.specKey);
    const QString sourceKey = remotekeys::keyOfUri(m_shared.profile.bucket, spec->source.uri);
    if (sourceKey.isEmpty())
        return makeError(QStringLiteral("remote.source_elsewhere"),
                         QStringLiteral("the job's source is not in bucket %1; submit it with this profile").arg(m_shared.profile.bucket),
                         spec->source.uri);
    m_stage = QStringLiteral("download");
    sendStatus({job.jobId, RemoteEventKind::Progress, {}, {}, m_stage, 0, attempt.receiveCount});
    static const QRegularExpression shaRe(QStringLiteral("^[0-9a-f]{64}$"));
    if (!shaRe.match(spec->source.sha256).hasMatch() || sourceKey != remotekeys::source(spec->source.sha256))
        return makeError(QStringLiteral("remote.bad_spec"),
                         QStringLiteral("the job's source must be sources/<its SHA-256> in bucket %1").arg(m_shared.profile.bucket),
                         spec->source.uri);
    const bool drm = spec->preset.drm.scheme != DrmScheme::None;
    if (drm != !job.keyRef.isEmpty())
        return makeError(QStringLiteral("remote.bad_message"),
                         drm ? QStringLiteral("the job's preset encrypts but the message names no key (key_ref)")
                             : QStringLiteral("the message names a key (key_ref) but the job's preset does not encrypt"),
                         job.jobId);
    Result<QString> cached = fetchSource(spec->source.sha256, sourceKey);
    if (!cached) return cached.error();

    const QDir jobDir(QDir(m_shared.options.workDir).filePath(QStringLiteral("jobs/") + job.jobId));
    QDir(jobDir.path()).removeRecursively();
    struct Cleanup {
        QString dir;
        ~Cleanup() { QDir(dir).removeRecursively(); }
    } cleanup{jobDir.path()};
    const QString link = jobDir.filePath(QStringLiteral("src/") + job.sourceName);
    if (!QDir().mkpath(QFileInfo(link).absolutePath()) || !QFile::link(*cached, link))
        return makeError(QStringLiteral("remote.write"), QStringLiteral("cannot prepare the job folder; check space and permissions"),
                         jobDir.path());
    JobSpec local = *spec;
    local.source.uri = QUrl::fromLocalFile(link).toString(QUrl::FullyEncoded);
    local.outputRoot = jobDir.filePath(QStringLiteral("out"));
    const QString specPath = jobDir.filePath(QStringLiteral("spec.json"));
    QFile specFile(specPath);
    if (!specFile.open(QIODevice::WriteOnly) || specFile.write(local.toJsonBytes()) < 0)
        return makeError(QStringLiteral("remote.write"), QStringLiteral("cannot write the local job spec"), specPath);
    specFile.close();

    QString keyFile;
    if (drm) {
        // The workstation's key (generated or read at submit): the package must use that one.
        Result<cenc::ContentKey> key = fetchJobKey(*m_s3, job.jobId, m_worker);
        if (!key) return key.error();
        const QString keyDir = jobDir.filePath(QStringLiteral("key"));
        if (!QDir().mkpath(keyDir) ||
            !QFile::setPermissions(keyDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
            return makeError(QStringLiteral("remote.write"), QStringLiteral("cannot prepare the key folder"), keyDir);
        keyFile = QDir(keyDir).filePath(QStringLiteral("content.key"));
        if (Status w = writeLocalKeyFile(keyFile, *key); !w) return w.error();
    }
    Result<QJsonObject> outcome = runChild(specPath, keyFile, attempt);
    if (!outcome) return outcome.error();
    if (m_shared.hardStop.loadRelaxed()) return released();

    QElapsedTimer clock;
    clock.start();
    m_stage = QStringLiteral("upload");
    sendStatus({job.jobId, RemoteEventKind::Progress, {}, {}, m_stage, 0, attempt.receiveCount});
    const QString event = outcome->value(QStringLiteral("event")).toString();
    RemoteUploadRequest request;
    request.localVersionDir = outcome->value(QStringLiteral("version_dir")).toString();
    request.asset = outcome->value(QStringLiteral("asset")).toString();
    request.jobId = job.jobId;
    request.idempotencyKey = job.idempotencyKey;
    request.qcFailed = event == child::eventName(child::EventKind::QcFailed);
    request.awaitingApproval = event == child::eventName(child::EventKind::AwaitingApproval);
    request.worker = m_worker;
    request.sourceUri = spec->source.uri;
    qint64 bytes = 0;
    Result<RemotePublished> published = uploadRemoteVersion(*m_s3, request, &bytes);
    if (!published) return published.error();
    m_shared.metrics.add(QLatin1String(kMetricBytes), double(bytes), QStringLiteral("direction"), QStringLiteral("upload"));
    m_shared.metrics.observe(QLatin1String(kMetricStageSeconds), clock.elapsed() / 1000.0, QStringLiteral("stage"),
                             QStringLiteral("upload"));
    return published;
}

Result<QJsonObject> RemoteJobRunner::runChild(const QString &specPath, const QString &keyFile, Attempt &attempt)
{
    QProcess child;
    child.setProgram(m_shared.options.program);
    QStringList args{QStringLiteral("exec-job")};
    if (!keyFile.isEmpty()) args << QStringLiteral("--drm-key-file") << keyFile;
    child.setArguments(args << specPath);
    // The child dies with this thread (a kill -9 of the worker must not leave encoders behind).
    child.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    child.start();
    if (!child.waitForStarted(30000))
        return makeError(QStringLiteral("remote.exec_start"),
                         QStringLiteral("cannot start the job process (%1); check the rendition-cli path").arg(child.errorString()),
                         m_shared.options.program);
    QJsonObject final;
    Error failed;
    QByteArray errTail;
    bool terminated = false;
    QElapsedTimer termClock;
    attempt.stageClock.start();
    attempt.lastProgress.start();
    auto onLine = [&](const QByteArray &line) {
        const child::Event e = child::parseLine(line);
        if (e.kind == child::EventKind::Progress) {
            const QString stage = e.progress.stage;
            const bool changed = stage != attempt.stage;
            if (changed && !attempt.stage.isEmpty())
                m_shared.metrics.observe(QLatin1String(kMetricStageSeconds), attempt.stageClock.elapsed() / 1000.0,
                                         QStringLiteral("stage"), attempt.stage);
            if (changed) attempt.stage = stage, m_stage = stage, attempt.stageClock.restart();
            if (changed || attempt.lastProgress.elapsed() >= m_shared.options.progressIntervalMs) {
                attempt.lastProgress.restart();
                sendStatus({attempt.jobId, RemoteEventKind::Progress, {}, {}, stage, e.progress.percent, attempt.receiveCount});
            }
        } else if (e.isOutcome()) { // published, qc_failed, awaiting_approval (exit 0: not a crash)
            final = e.object;
        } else if (e.kind == child::EventKind::Failed) {
            failed = e.error;
        }
    };
    auto drain = [&] {
        while (child.canReadLine()) onLine(child.readLine().trimmed());
        errTail = (errTail + child.readAllStandardError()).right(2000);
    };
    while (child.state() != QProcess::NotRunning) {
        child.waitForFinished(200);
        drain();
        if (m_shared.hardStop.loadRelaxed() && !terminated) {
            ::kill(pid_t(child.processId()), SIGTERM); // polite: the child removes its staging folder
            terminated = true;
            termClock.start();
        }
        if (terminated && termClock.elapsed() > 10000) child.kill();
    }
    drain();
    if (child.canReadLine() || child.bytesAvailable() > 0) onLine(child.readAll().trimmed());
    if (!attempt.stage.isEmpty())
        m_shared.metrics.observe(QLatin1String(kMetricStageSeconds), attempt.stageClock.elapsed() / 1000.0,
                                 QStringLiteral("stage"), attempt.stage);
    if (terminated) return released();
    const int code = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    if ((code == child::kExitPublished || code == child::kExitQcFailed) && !final.isEmpty()) return final;
    if (!failed.code.isEmpty()) return failed;
    return makeError(QStringLiteral("worker.crashed"),
                     QStringLiteral("the job process ended without a result (exit %1): %2")
                         .arg(code).arg(QString::fromUtf8(errTail).trimmed().right(300)),
                     specPath);
}

} // namespace rendition
