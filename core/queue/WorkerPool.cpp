#include "core/queue/WorkerPool.h"

#include "core/queue/ChildProtocol.h"
#include "core/queue/WorkerPoolChild.h"

#include "core/media/EncoderSelector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <limits>
#include <utility>

#include <sys/prctl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcPool, "rendition.queue.pool")

namespace rendition {

namespace {

using namespace child; // exit codes and events of `exec-job`

// VmRSS of a live process in bytes, -1 when unreadable (process gone).
qint64 residentBytes(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.startsWith("VmRSS:")) continue;
        const QList<QByteArray> parts = line.mid(6).simplified().split(' ');
        bool ok = false;
        const qint64 kb = parts.value(0).toLongLong(&ok);
        return ok ? kb * 1024 : -1;
    }
    return -1;
}


} // namespace

QString poolKindName(PoolKind k)
{
    switch (k) {
    case PoolKind::Cpu: return QStringLiteral("cpu");
    case PoolKind::Hardware: return QStringLiteral("hardware");
    case PoolKind::Light: return QStringLiteral("light");
    case PoolKind::Invalid: break;
    }
    return QStringLiteral("invalid");
}

QString jobOutcomeName(JobOutcome o)
{
    switch (o) {
    case JobOutcome::Succeeded: return QStringLiteral("succeeded");
    case JobOutcome::QcFailed: return QStringLiteral("qc_failed");
    case JobOutcome::Canceled: return QStringLiteral("canceled");
    case JobOutcome::Dead: return QStringLiteral("dead");
    case JobOutcome::AwaitingApproval: return QStringLiteral("awaiting_approval");
    case JobOutcome::Invalid: break;
    }
    return QStringLiteral("invalid");
}

int defaultHardwareSlots()
{
    QSet<QString> families;
    for (const EncoderProbeResult &r : probeAllHardwareEncoders()) {
        if (!r.usable) continue;
        const qsizetype underscore = r.encoder.lastIndexOf(u'_');
        families.insert(underscore < 0 ? r.encoder : r.encoder.mid(underscore + 1)); // h264_nvenc → nvenc
    }
    // One session per device family; NVENC alone could take more, but never past the
    // consumer limit, and all of it shares one GPU anyway.
    return std::min(int(families.size()), kNvencConsumerSessionLimit);
}

WorkerPool::WorkerPool(JobStore &store, WorkerPoolOptions options, RetryPolicy retry, QObject *parent)
    : QObject(parent), m_store(store), m_options(std::move(options)), m_retry(std::move(retry))
{
    qRegisterMetaType<rendition::ProgressEvent>();
    qRegisterMetaType<rendition::Error>();
    qRegisterMetaType<rendition::JobOutcome>();
    if (m_options.specDir.isEmpty()) m_options.specDir = QFileInfo(m_store.path()).dir().filePath(QStringLiteral("specs"));
    m_options.logTailLines = std::max(1, m_options.logTailLines);
    m_options.pollMs = std::max(10, m_options.pollMs);
}

WorkerPool::~WorkerPool()
{
    // Children must not outlive the pool unsupervised: kill them, and hand their jobs back
    // to the queue (they resume from their checkpoints wherever they run next).
    QStringList held;
    for (auto &[id, c] : m_children) {
        c->process->disconnect(this);
        c->process->kill();
        c->process->waitForFinished(5000);
        held << id;
    }
    if (Status s = m_store.releaseLeases(held); !s) qCWarning(lcPool) << s.error().toString();
}

Status WorkerPool::start()
{
    if (m_started) return {};
    if (m_options.program.isEmpty())
        return makeError(QStringLiteral("worker.no_program"), QStringLiteral("the worker pool needs the path of rendition-cli"));
    if (!QDir().mkpath(m_options.specDir))
        return makeError(QStringLiteral("worker.spec_dir"), QStringLiteral("cannot create the folder for job specs; check permissions"),
                         m_options.specDir);
    if (m_options.hardwareSlots < 0) m_options.hardwareSlots = defaultHardwareSlots();
    Result<QList<JobRecord>> recovered = m_store.recoverInterrupted(); // only jobs no live process holds
    if (!recovered) return recovered.error();
    for (const JobRecord &r : *recovered) qCInfo(lcPool) << "requeued interrupted job" << r.id;
    m_heartbeat = new QTimer(this);
    m_heartbeat->setInterval(std::max(10, m_options.heartbeatMs));
    connect(m_heartbeat, &QTimer::timeout, this, &WorkerPool::heartbeat);
    m_heartbeat->start();
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &WorkerPool::poke);
    Result<bool> paused = m_store.isQueuePaused();
    if (!paused) return paused.error();
    m_queuePaused = *paused;
    if (Result<qint64> version = m_store.dataVersion(); version) m_dataVersion = *version;
    m_storePoll = new QTimer(this);
    m_storePoll->setInterval(std::max(10, m_options.storePollMs));
    connect(m_storePoll, &QTimer::timeout, this, &WorkerPool::pollStore);
    m_storePoll->start();
    m_started = true;
    poke();
    return {};
}

void WorkerPool::poke()
{
    if (!m_started || m_pumpScheduled) return;
    m_pumpScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

int WorkerPool::slots(PoolKind kind) const
{
    switch (kind) {
    case PoolKind::Cpu: return m_options.cpuSlots;
    case PoolKind::Hardware: return std::max(0, m_options.hardwareSlots);
    case PoolKind::Light: return m_options.lightSlots;
    case PoolKind::Invalid: break;
    }
    return 0;
}

void WorkerPool::setSlots(PoolKind kind, int slots)
{
    slots = std::max(0, slots);
    switch (kind) {
    case PoolKind::Cpu: m_options.cpuSlots = slots; break;
    case PoolKind::Hardware: m_options.hardwareSlots = slots; break;
    case PoolKind::Light: m_options.lightSlots = slots; break;
    case PoolKind::Invalid: return;
    }
    poke();
}

int WorkerPool::running(PoolKind kind) const
{
    int n = 0;
    for (const auto &[id, c] : m_children) n += c->kind == kind;
    return n;
}

int WorkerPool::runningTotal() const { return int(m_children.size()); }
bool WorkerPool::isRunning(const QString &jobId) const { return m_children.count(jobId) > 0; }

qint64 WorkerPool::processId(const QString &jobId) const
{
    auto it = m_children.find(jobId);
    return it == m_children.end() ? 0 : it->second->process->processId();
}

PoolKind WorkerPool::kindFor(const JobSpec &spec) const
{
    if (spec.preset.ladder.isEmpty()) return PoolKind::Light;
    if (workClassFor(spec) == u"hardware" && slots(PoolKind::Hardware) > 0) return PoolKind::Hardware;
    return PoolKind::Cpu;
}

void WorkerPool::report(const Status &s)
{
    if (s) return;
    qCWarning(lcPool) << s.error().code << s.error().toString();
    Q_EMIT storeError(s.error());
}

void WorkerPool::pump()
{
    // Each pool with free slots takes the queued jobs of its work classes in run order:
    // one indexed query per pump, whatever the length of the queue (a 10,000-job queue
    // must not stall the GUI thread this runs on). Jobs waiting for their retry time are
    // skipped (their timer pokes again). A paused queue starts nothing.
    if (m_queuePaused) {
        checkIdle();
        return;
    }
    for (PoolKind kind : {PoolKind::Light, PoolKind::Hardware, PoolKind::Cpu}) {
        const int free = slots(kind) - running(kind);
        if (free <= 0) continue;
        QStringList work;
        if (kind == PoolKind::Light) work = {QStringLiteral("light")};
        else if (kind == PoolKind::Hardware) work = {QStringLiteral("hardware")};
        else if (slots(PoolKind::Hardware) > 0) work = {QStringLiteral("cpu")};
        else work = {QStringLiteral("cpu"), QStringLiteral("hardware")}; // no hardware pool: encoders fall back
        Result<QList<JobRecord>> queued = m_store.queuedOfWork(work, free);
        if (!queued) {
            report(queued.error());
            return;
        }
        int started = 0;
        for (const JobRecord &record : *queued) {
            if (started == free) break;
            Result<JobSpec> spec = record.spec();
            if (!spec) { // cannot run: a dead letter at once, with the reason
                deadLetter(record.id, spec.error(), QStringLiteral("permanent"), record.attempts);
                continue;
            }
            QElapsedTimer claimClock;
            claimClock.start();
            Result<bool> claimed = m_store.claim(record.id);
            if (!claimed) {
                report(claimed.error());
                continue;
            }
            if (!*claimed) continue; // paused, canceled or taken meanwhile
            if (launch(record, kindFor(*spec), claimClock)) ++started;
        }
    }
    checkIdle();
}

bool WorkerPool::launch(const JobRecord &record, PoolKind kind, const QElapsedTimer &claimClock)
{
    auto child = std::make_unique<Child>();
    Child &c = *child;
    c.jobId = record.id;
    c.kind = kind;
    c.attempt = record.attempts + 1;
    c.retryBase = record.retryBase;

    const QString specPath = QDir(m_options.specDir).filePath(record.id + QStringLiteral(".json"));
    // Written whole then renamed into place, without an fsync: the spec is rewritten for every
    // attempt, so durability buys nothing and each fsync costs milliseconds of scheduling.
    const QString partPath = specPath + QStringLiteral(".part");
    QFile f(partPath);
    const bool written = f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(record.specJson) == record.specJson.size();
    f.close();
    if (!written || ::rename(QFile::encodeName(partPath).constData(), QFile::encodeName(specPath).constData()) != 0) {
        QFile::remove(partPath);
        const Error e = makeError(QStringLiteral("worker.spec_write"),
                                  QStringLiteral("cannot write the job spec (%1); check disk space and permissions").arg(f.errorString()),
                                  specPath);
        // Transient in spirit, but without an attempt record the retry count would not
        // grow: record the attempt so the policy sees it.
        StageAttempt a{0, record.id, c.attempt, QStringLiteral("job"), QDateTime::currentDateTimeUtc(), {}, QStringLiteral("pool"), {}, {}, {}};
        Result<qint64> id = m_store.recordAttempt(a);
        if (id) report(m_store.finishAttempt(*id, QDateTime::currentDateTimeUtc(), &e));
        report(m_store.setState(record.id, JobState::Queued));
        deadLetter(record.id, e, QStringLiteral("permanent"), c.attempt);
        return false;
    }

    c.process = new QProcess(this);
    c.process->setProgram(m_options.program);
    c.process->setArguments({QStringLiteral("exec-job"), specPath});
    c.process->setProcessChannelMode(QProcess::SeparateChannels);
    // Its own process group, so pause/resume/cancel reach whatever the child starts too.
    // Its own process group (pause = SIGSTOP of the group); and it dies with this process:
    // nobody could supervise or adopt it, and the job's lease passes to the next runner.
    c.process->setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    const QString jobId = record.id;
    connect(c.process, &QProcess::readyReadStandardOutput, this, [this, jobId] {
        if (auto it = m_children.find(jobId); it != m_children.end()) onStdout(*it->second);
    });
    connect(c.process, &QProcess::readyReadStandardError, this, [this, jobId] {
        if (auto it = m_children.find(jobId); it != m_children.end()) onStderr(*it->second);
    });
    connect(c.process, &QProcess::finished, this, [this, jobId](int code, QProcess::ExitStatus status) {
        onFinished(jobId, code, status == QProcess::CrashExit);
    });
    connect(c.process, &QProcess::errorOccurred, this, [this, jobId](QProcess::ProcessError err) {
        if (err != QProcess::FailedToStart) return; // crashes and the rest arrive through finished()
        onFinished(jobId, -1, false);
    });

    c.watchdog = new QTimer(c.process);
    c.watchdog->setInterval(m_options.pollMs);
    connect(c.watchdog, &QTimer::timeout, this, [this, jobId] {
        if (auto it = m_children.find(jobId); it != m_children.end()) onWatchdog(*it->second);
    });
    c.killTimer = new QTimer(c.process);
    c.killTimer->setSingleShot(true);
    c.killTimer->setInterval(m_options.graceMs);
    connect(c.killTimer, &QTimer::timeout, this, [this, jobId] {
        if (auto it = m_children.find(jobId); it != m_children.end()) it->second->process->kill();
    });

    m_children.emplace(jobId, std::move(child));
    c.process->start();
    // Waits for fork + exec only. A failure may already have gone through errorOccurred
    // (then the child is gone from m_children and `c` with it).
    const bool started = c.process->waitForStarted(-1);
    if (m_children.count(jobId) == 0) return false;
    if (!started) {
        onFinished(jobId, -1, false);
        return false;
    }

    StageAttempt a;
    a.jobId = jobId;
    a.attempt = c.attempt;
    a.stage = QStringLiteral("job");
    a.startedAt = QDateTime::currentDateTimeUtc();
    a.worker = QStringLiteral("pid %1").arg(c.process->processId());
    Result<qint64> attemptId = m_store.recordAttempt(a);
    if (!attemptId) report(attemptId.error());
    else c.attemptId = *attemptId;
    c.sinceProgress.start();
    c.watchdog->start();
    c.claimToStartMs = double(claimClock.nsecsElapsed()) / 1e6;
    qCInfo(lcPool) << "started job" << jobId << "attempt" << c.attempt << "pid" << c.process->processId()
                   << "pool" << poolKindName(kind);
    Q_EMIT jobStarted(jobId, c.attempt, c.process->processId());
    return true;
}

void WorkerPool::onStdout(Child &c)
{
    c.stdoutBuffer += c.process->readAllStandardOutput();
    qsizetype nl;
    while ((nl = c.stdoutBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = c.stdoutBuffer.left(nl);
        c.stdoutBuffer.remove(0, nl + 1);
        handleLine(c, line);
    }
}

void WorkerPool::onStderr(Child &c)
{
    c.stderrBuffer += c.process->readAllStandardError();
    qsizetype nl;
    while ((nl = c.stderrBuffer.indexOf('\n')) >= 0) {
        appendLog(c, QString::fromUtf8(c.stderrBuffer.left(nl)));
        c.stderrBuffer.remove(0, nl + 1);
    }
}

void WorkerPool::appendLog(Child &c, const QString &line)
{
    if (line.trimmed().isEmpty()) return;
    c.logTail.append(line);
    while (c.logTail.size() > m_options.logTailLines) c.logTail.removeFirst();
}

void WorkerPool::handleLine(Child &c, const QByteArray &line)
{
    appendLog(c, QString::fromUtf8(line));
    const child::Event e = child::parseLine(line);
    if (e.kind == EventKind::Progress) {
        c.sinceProgress.restart();
        if (e.progress.stage != c.lastStage && c.killReason == KillReason::None) {
            c.lastStage = e.progress.stage; // the stage only: a pause made meanwhile (here or elsewhere) stays
            report(m_store.setStage(c.jobId, e.progress.stage));
        }
        Q_EMIT jobProgress(c.jobId, e.progress); // keeps "resumed" and "message"
    } else if (e.kind == EventKind::Failed) {
        c.reported = e.error;
    } else if (e.isOutcome()) {
        c.outcome = e.object;
    }
}

void WorkerPool::onWatchdog(Child &c)
{
    if (c.killReason != KillReason::None) return;
    if (c.paused) { // stopped on purpose: paused time is not a stall
        c.sinceProgress.restart();
        return;
    }
    if (c.sinceProgress.elapsed() > qint64(m_options.stallSeconds) * 1000) {
        qCWarning(lcPool) << "job" << c.jobId << "made no progress for" << m_options.stallSeconds << "s: stopping it";
        terminate(c, KillReason::Stalled);
        return;
    }
    if (m_options.maxRssBytes > 0) {
        const qint64 rss = residentBytes(c.process->processId());
        if (rss > m_options.maxRssBytes) {
            qCWarning(lcPool) << "job" << c.jobId << "uses" << rss << "bytes of memory: stopping it";
            appendLog(c, QStringLiteral("[pool] VmRSS %1 bytes over the limit of %2").arg(rss).arg(m_options.maxRssBytes));
            terminate(c, KillReason::Memory);
        }
    }
}

void WorkerPool::terminate(Child &c, KillReason reason)
{
    if (c.killReason != KillReason::None) return;
    c.killReason = reason;
    c.watchdog->stop();
    c.process->terminate(); // SIGTERM: the child cancels politely and removes its staging
    // A stopped child (paused, or frozen from outside) handles SIGTERM only once continued.
    signalGroup(c, SIGCONT);
    c.paused = false;
    c.killTimer->start();   // SIGKILL if it has not ended after the grace period
}

void WorkerPool::onFinished(const QString &jobId, int exitCode, bool crashed)
{
    auto it = m_children.find(jobId);
    if (it == m_children.end()) return;
    std::unique_ptr<Child> owned = std::move(it->second);
    m_children.erase(it);
    Child &c = *owned;
    QElapsedTimer exitClock;
    exitClock.start();
    c.watchdog->stop();
    c.killTimer->stop();
    // Paused in the store (by us, or by another process before our poll saw it): the
    // outcome is recorded from "running".
    if (Result<std::optional<JobRecord>> now = m_store.job(jobId);
        now && now->has_value() && now->value().state == JobState::Paused)
        report(m_store.setState(jobId, JobState::Running));
    if (c.process->error() == QProcess::FailedToStart) exitCode = -1;
    else {
        onStdout(c);
        onStderr(c);
        if (!c.stdoutBuffer.isEmpty()) handleLine(c, c.stdoutBuffer);
        if (!c.stderrBuffer.isEmpty()) appendLog(c, QString::fromUtf8(c.stderrBuffer));
    }
    c.process->deleteLater();
    const QString logTail = c.logTail.join(u'\n');
    const QDateTime now = QDateTime::currentDateTimeUtc();

    auto published = [&](JobState state, JobOutcome outcome) {
        QList<RenditionRecord> renditions;
        for (const QJsonValue &v : c.outcome.value(QStringLiteral("renditions")).toArray()) {
            const QJsonObject r = v.toObject();
            renditions.append({r.value(QStringLiteral("name")).toString(), r.value(QStringLiteral("dir")).toString(),
                               qint64(r.value(QStringLiteral("bytes")).toDouble())});
        }
        if (c.attemptId) report(m_store.finishAttempt(c.attemptId, now, nullptr, logTail));
        report(m_store.recordPublished(c.jobId, state, c.outcome.value(QStringLiteral("version_dir")).toString(), renditions));
        Q_EMIT jobFinished(c.jobId, outcome, Error{});
    };

    const bool hasOutcome = !c.outcome.isEmpty();
    const bool awaiting = c.outcome.value(QStringLiteral("event")).toString() == eventName(EventKind::AwaitingApproval);
    if (!crashed && exitCode == kExitPublished && hasOutcome && awaiting)
        published(JobState::AwaitingApproval, JobOutcome::AwaitingApproval);
    else if (!crashed && exitCode == kExitPublished && hasOutcome) published(JobState::Succeeded, JobOutcome::Succeeded);
    else if (!crashed && exitCode == kExitQcFailed && hasOutcome) published(JobState::QcFailed, JobOutcome::QcFailed);
    else if (c.killReason == KillReason::Canceled) {
        const Error e = makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), c.jobId);
        if (c.attemptId) report(m_store.finishAttempt(c.attemptId, now, &e, logTail));
        report(m_store.setState(c.jobId, JobState::Canceled));
        Q_EMIT jobFinished(c.jobId, JobOutcome::Canceled, Error{});
    } else {
        Error e;
        if (c.killReason == KillReason::Stalled)
            e = makeError(QStringLiteral("worker.stalled"),
                          QStringLiteral("the worker made no progress for %1 s and was stopped").arg(m_options.stallSeconds),
                          c.lastStage);
        else if (c.killReason == KillReason::Memory)
            e = makeError(QStringLiteral("worker.memory"),
                          QStringLiteral("the worker used more than %1 MiB of memory and was stopped").arg(m_options.maxRssBytes >> 20),
                          c.lastStage);
        else if (exitCode == -1 && !crashed)
            e = makeError(QStringLiteral("worker.start"),
                          QStringLiteral("could not start the worker (%1); check the rendition-cli path").arg(c.process->errorString()),
                          m_options.program);
        else if (crashed)
            e = makeError(QStringLiteral("worker.crashed"), QStringLiteral("the worker process crashed; see the log tail"), c.lastStage);
        else if ((exitCode == kExitFailed || exitCode == kExitTransient) && c.reported)
            e = *c.reported;
        else if (exitCode == kExitCanceled)
            e = makeError(QStringLiteral("worker.killed"), QStringLiteral("the worker was stopped from outside the pool"), c.lastStage);
        else if (exitCode == kExitUsage)
            e = makeError(QStringLiteral("worker.usage"), QStringLiteral("the worker refused its arguments; rendition-cli may be too old"),
                          m_options.program);
        else
            e = makeError(QStringLiteral("worker.crashed"),
                          QStringLiteral("the worker ended with exit code %1 without a result").arg(exitCode), c.lastStage);
        finishFailed(c, e);
    }
    Q_EMIT schedulingMeasured(c.jobId, c.claimToStartMs, double(exitClock.nsecsElapsed()) / 1e6);
    poke();
    checkIdle();
}

void WorkerPool::finishFailed(Child &c, const Error &error)
{
    // The retry budget counts from the last time an operator queued the job again.
    const std::optional<QDateTime> next = m_retry.nextAttemptAt(error, c.attempt - c.retryBase);
    // Close the attempt first so a dead letter carries it with its error and log tail.
    if (c.attemptId) {
        const Error copy = error;
        report(m_store.finishAttempt(c.attemptId, QDateTime::currentDateTimeUtc(), &copy, c.logTail.join(u'\n')));
        c.attemptId = 0;
    }
    if (!next) {
        deadLetter(c.jobId, error, RetryPolicy::isTransient(error) ? QStringLiteral("attempts_exhausted") : QStringLiteral("permanent"),
                   c.attempt);
        return;
    }
    // The backoff lives in the store (not_before): another runner, or this one after a
    // restart, honours it; the retry timer pokes the pool when the earliest one comes.
    const qint64 delayMs = std::max<qint64>(0, m_retry.now().msecsTo(*next));
    const QString jobId = c.jobId;
    report(m_store.retryAt(jobId, QDateTime::currentDateTimeUtc().addMSecs(delayMs)));
    armRetryTimer();
    qCInfo(lcPool) << "job" << jobId << "attempt" << c.attempt << "failed with" << error.code << "- retry in" << delayMs << "ms";
    Q_EMIT attemptFailed(jobId, c.attempt, error, delayMs);
}

void WorkerPool::deadLetter(const QString &jobId, const Error &error, const QString &reason, int attempt)
{
    const QJsonObject context{{QStringLiteral("error"), error.toJson()},
                              {QStringLiteral("classification"), errorClassName(RetryPolicy::classify(error))},
                              {QStringLiteral("attempts"), attempt},
                              {QStringLiteral("max_attempts"), m_retry.config().maxAttempts}};
    report(m_store.moveToDeadLetters(jobId, reason + QStringLiteral(": ") + error.code, context));
    qCWarning(lcPool) << "job" << jobId << "is a dead letter:" << reason << error.code << error.message;
    Q_EMIT jobFinished(jobId, JobOutcome::Dead, error);
}

void WorkerPool::heartbeat()
{
    QStringList held;
    for (const auto &[id, c] : m_children) held.append(id);
    report(m_store.renewLeases(held));
    // Jobs of runners that died or hung (another GUI, a killed `batch`) come back here.
    Result<QList<JobRecord>> recovered = m_store.recoverInterrupted();
    if (!recovered) {
        report(recovered.error());
        return;
    }
    for (const JobRecord &r : *recovered) qCInfo(lcPool) << "took back job" << r.id << "(its runner died or stopped renewing its lease)";
    if (!recovered->isEmpty()) poke();
}

void WorkerPool::armRetryTimer()
{
    if (!m_retryTimer) return;
    Result<std::optional<QDateTime>> next = m_store.nextRetryTime();
    if (!next) {
        report(next.error());
        return;
    }
    if (!next->has_value()) {
        m_retryTimer->stop();
        return;
    }
    const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(**next)) + 1;
    m_retryTimer->start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
}

void WorkerPool::checkIdle()
{
    armRetryTimer();
    if (!m_children.empty() || m_pumpScheduled) return;
    Result<std::optional<JobRecord>> next = m_store.nextRunnable();
    if (next && next->has_value()) return; // runnable now, or waiting for the queue to resume
    Q_EMIT idle();
}

} // namespace rendition
