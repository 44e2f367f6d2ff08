#include "core/remote/RemoteWorker.h"

#include "core/remote/SqsClient.h"
#include "core/remote/WorkerLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostInfo>
#include <QTextStream>

namespace rendition {

namespace {

void describeMetrics(MetricsRegistry &m)
{
    m.describe(QLatin1String(kMetricJobs), MetricType::Counter,
               QStringLiteral("Jobs-queue messages handled, by outcome (published, qc_failed, reused, failed, dead, released)."));
    m.describe(QLatin1String(kMetricStageSeconds), MetricType::Summary,
               QStringLiteral("Time spent per stage (download, pipeline stages of the job process, upload), in seconds."));
    m.describe(QLatin1String(kMetricQueueLag), MetricType::Summary,
               QStringLiteral("Time from sending a job message to its receipt by this worker, in seconds."));
    m.describe(QLatin1String(kMetricBytes), MetricType::Counter,
               QStringLiteral("Bytes moved to and from S3 by job transfers, by direction."));
    m.describe(QLatin1String(kMetricRunning), MetricType::Gauge, QStringLiteral("Jobs running now."));
    m.describe(QLatin1String(kMetricReceived), MetricType::Counter, QStringLiteral("Jobs-queue messages received."));
    m.add(QLatin1String(kMetricRunning), 0);
    m.add(QLatin1String(kMetricReceived), 0);
}

// --once: nothing visible, nothing in flight (a message another worker holds may come back),
// nothing delayed. An empty long poll alone is not enough: a message whose visibility timeout
// runs out during the poll is not always returned by it (ElasticMQ), only by the next one.
bool queueDrained(SqsClient &sqs, const QString &queueUrl)
{
    Result<QMap<QString, QString>> a = sqs.queueAttributes(
        queueUrl, {QStringLiteral("ApproximateNumberOfMessages"), QStringLiteral("ApproximateNumberOfMessagesNotVisible"),
                   QStringLiteral("ApproximateNumberOfMessagesDelayed")});
    if (!a) return false;
    int total = 0;
    QStringList counts;
    for (auto it = a->cbegin(); it != a->cend(); ++it) {
        total += it.value().toInt();
        counts << it.key() + u'=' + it.value();
    }
    if (total == 0) workerLog(QStringLiteral("--once: the queue is empty (%1)").arg(counts.join(u' ')));
    return total == 0;
}

} // namespace

QString defaultWorkerName()
{
    return QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid());
}

RemoteWorker::RemoteWorker(RemoteProfile profile, AwsCredentials credentials, RemoteWorkerOptions options, QObject *parent)
    : QObject(parent), m_shared(std::make_unique<RemoteWorkerShared>())
{
    m_shared->profile = std::move(profile);
    m_shared->credentials = std::move(credentials);
    m_shared->options = std::move(options);
    if (m_shared->options.workerName.isEmpty()) m_shared->options.workerName = defaultWorkerName();
    describeMetrics(m_shared->metrics);
    m_watch.setInterval(100);
    connect(&m_watch, &QTimer::timeout, this, &RemoteWorker::checkFinished);
    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, [this] { m_shared->hardStop.storeRelaxed(1); });
}

RemoteWorker::~RemoteWorker()
{
    m_shared->stopping.store(true);
    m_shared->receiveCancel.storeRelaxed(1);
    m_shared->hardStop.storeRelaxed(1);
    for (std::thread &t : m_threads)
        if (t.joinable()) t.join();
}

Status RemoteWorker::start()
{
    const RemoteWorkerOptions &o = m_shared->options;
    QStringList problems;
    if (o.program.isEmpty()) problems << QStringLiteral("no program to run jobs with");
    if (o.workDir.isEmpty() || !QDir().mkpath(o.workDir)) problems << QStringLiteral("work folder \"%1\" cannot be created").arg(o.workDir);
    if (o.slots < 1) problems << QStringLiteral("slots must be at least 1");
    if (o.visibilityTimeoutS < 2) problems << QStringLiteral("the visibility timeout must be at least 2 s");
    if (o.maxReceives < 1) problems << QStringLiteral("max receives must be at least 1");
    if (o.oneJob && o.slots != 1) problems << QStringLiteral("one-job mode runs exactly one slot");
    if (!problems.isEmpty())
        return makeError(QStringLiteral("remote.worker_options"), problems.join(QStringLiteral("; ")));
    m_live.store(o.slots);
    for (int i = 0; i < o.slots; ++i) m_threads.emplace_back([this, i] { slotLoop(i); });
    m_watch.start();
    m_started.store(true);
    return {};
}

QString RemoteWorker::notReadyReason() const
{
    if (!m_started.load()) return QStringLiteral("not started");
    if (m_fatal.load()) return QStringLiteral("the jobs queue cannot be used (see the log)");
    if (m_shared->stopping.load()) return QStringLiteral("stopping");
    QMutexLocker lock(&m_receiveErrorMutex);
    return m_receiveError.isEmpty() ? QString() : QStringLiteral("receiving from the jobs queue fails: ") + m_receiveError;
}

void RemoteWorker::requestStop()
{
    if (m_shared->stopping.exchange(true)) return;
    m_shared->receiveCancel.storeRelaxed(1);
    workerLog(QStringLiteral("stopping; running jobs have %1 s to finish").arg(m_shared->options.graceS));
    m_grace.start(std::max(0, m_shared->options.graceS) * 1000);
}

int RemoteWorker::count(RemoteOutcome outcome) const
{
    return m_counts[int(outcome)].load();
}

void RemoteWorker::checkFinished()
{
    if (m_finished || m_live.load() > 0) return;
    m_finished = true;
    m_watch.stop();
    m_grace.stop();
    for (std::thread &t : m_threads)
        if (t.joinable()) t.join();
    Q_EMIT finished();
}

void RemoteWorker::slotLoop(int slot)
{
    RemoteWorkerShared &s = *m_shared;
    const QString name = s.options.slots > 1 ? QStringLiteral("%1#%2").arg(s.options.workerName).arg(slot + 1)
                                             : s.options.workerName;
    RemoteJobRunner runner(s, name);
    SqsClient sqs(s.profile.sqsConfig(s.credentials));
    SqsReceiveOptions receive;
    receive.maxMessages = 1;
    receive.waitSeconds = s.options.waitSeconds;
    receive.visibilityTimeoutS = s.options.visibilityTimeoutS;
    while (!s.stopping.load()) {
        Result<QList<SqsMessage>> got = sqs.receive(s.profile.jobsQueueUrl, receive, &s.receiveCancel);
        {
            QMutexLocker lock(&m_receiveErrorMutex);
            m_receiveError = got ? QString() : got.error().code;
        }
        if (!got) {
            if (s.stopping.load()) break;
            workerLog(QStringLiteral("receive failed: ") + got.error().toString(),
                      WorkerLogFields{name, {}, {}, got.error(), QStringLiteral("transient")});
            const QString code = got.error().code;
            if (code == u"sqs.no_queue" || code == u"sqs.auth" || code == u"sqs.access_denied") {
                m_fatal.store(true); // configuration, not weather: retrying will not help
                break;
            }
            for (int i = 0; i < 20 && !s.stopping.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        if (got->isEmpty()) {
            if ((s.options.once || s.options.oneJob) && queueDrained(sqs, s.profile.jobsQueueUrl)) break;
            continue;
        }
        const RemoteOutcome outcome = runner.handle(got->constFirst());
        ++m_counts[int(outcome)];
        if (s.options.oneJob) {
            workerLog(QStringLiteral("--one-job: handled one message (%1); exiting").arg(remoteOutcomeName(outcome)),
                      WorkerLogFields{name, {}, {}, {}, {}});
            s.stopping.store(true);
            break;
        }
    }
    --m_live;
}

} // namespace rendition
