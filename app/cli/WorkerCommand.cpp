// rendition-cli worker --remote PROFILE [--slots N] [--metrics-port P] [--once] [--work-dir DIR]
//                      [--visibility S] [--wait S] [--max-receives N] [--retry-delay S] [--grace S]
// The headless cluster worker (RemoteWorker): long-polls the jobs queue, runs each job in a
// child `rendition-cli exec-job` exactly as locally, publishes the version folder to S3
// (manifest.json last), acknowledges; poison messages go to the dead-letter queue after
// --max-receives deliveries. SIGTERM/SIGINT: no new jobs; running ones get --grace seconds,
// then are released to the queue. --metrics-port serves Prometheus text on
// 127.0.0.1:PORT/metrics. --once: end when the queue is drained (nothing visible or in flight).
// Exit codes: 0 stopped cleanly, 1 could not start or the jobs queue is unusable (missing queue,
// rejected credentials, access denied), 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/RemoteCliSupport.h"

#include "core/remote/Metrics.h"
#include "core/remote/RemoteWorker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

namespace rendition::cli {

namespace {

struct IntOption {
    const char *name;
    const char *help;
    int fallback;
    int minimum;
};

constexpr IntOption kIntOptions[] = {
    {"slots", "Concurrent jobs (default 1).", 1, 1},
    {"metrics-port", "Serve Prometheus metrics on 127.0.0.1:P (0: off).", 0, 0},
    {"visibility", "Visibility timeout in seconds, renewed by the heartbeat (default 120).", 120, 2},
    {"heartbeat", "Seconds between visibility renewals (default: visibility / 3).", 0, 0},
    {"wait", "Long-poll seconds, 1..20 (default 20).", 20, 1},
    {"max-receives", "Deliveries after which a failing job goes to the dead-letter queue (default 3).", 3, 1},
    {"retry-delay", "Seconds before a failed job is received again (default 10).", 10, 0},
    {"grace", "Seconds running jobs may finish after SIGTERM (default 30).", 30, 0},
};

} // namespace

int workerCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run jobs from the cluster's jobs queue (S3 + SQS)."));
    parser.addHelpOption();
    addRemoteOption(parser);
    for (const IntOption &o : kIntOptions)
        parser.addOption({QLatin1String(o.name), QLatin1String(o.help), QStringLiteral("N"), QString::number(o.fallback)});
    parser.addOption({QStringLiteral("once"), QStringLiteral("Stop when the queue is drained (no message visible or in flight).")});
    parser.addOption({QStringLiteral("work-dir"), QStringLiteral("Scratch folder (source cache, job folders)."), QStringLiteral("DIR")});
    QTextStream err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    if (!parser.isSet(QStringLiteral("remote"))) {
        err << "worker: --remote is required\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }
    QHash<QString, int> v;
    for (const IntOption &o : kIntOptions) {
        bool ok = false;
        const int n = parser.value(QLatin1String(o.name)).toInt(&ok);
        if (!ok || n < o.minimum) {
            err << "worker: --" << o.name << " must be a whole number of at least " << o.minimum << '\n';
            return kExitUsage;
        }
        v.insert(QLatin1String(o.name), n);
    }
    Result<RemoteSetup> setup = resolveRemote(parser.value(QStringLiteral("remote")));
    if (!setup) { err << "worker: " << setup.error().toString() << '\n'; return kExitFailed; }

    RemoteWorkerOptions options;
    options.program = QCoreApplication::applicationFilePath();
    options.workDir = parser.isSet(QStringLiteral("work-dir"))
                          ? QDir(parser.value(QStringLiteral("work-dir"))).absolutePath()
                          : QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).filePath(QStringLiteral("worker"));
    options.slots = v.value(QStringLiteral("slots"));
    options.visibilityTimeoutS = v.value(QStringLiteral("visibility"));
    options.heartbeatS = v.value(QStringLiteral("heartbeat"));
    options.waitSeconds = std::min(20, v.value(QStringLiteral("wait")));
    options.maxReceives = v.value(QStringLiteral("max-receives"));
    options.retryDelayS = v.value(QStringLiteral("retry-delay"));
    options.graceS = v.value(QStringLiteral("grace"));
    options.once = parser.isSet(QStringLiteral("once"));
    options.workerName = defaultWorkerName();

    RemoteWorker worker(setup->profile, setup->credentials, options);
    MetricsServer metrics(worker.metrics());
    if (const int port = v.value(QStringLiteral("metrics-port")); port > 0) {
        if (Status s = metrics.listen(quint16(port)); !s) { err << "worker: " << s.error().toString() << '\n'; return kExitFailed; }
    }
    QObject::connect(&worker, &RemoteWorker::finished, [] { QCoreApplication::quit(); });
    installCliInterruptHandler();
    QTimer interrupt;
    QObject::connect(&interrupt, &QTimer::timeout, [&] {
        if (cliInterrupted()) worker.requestStop();
    });
    interrupt.start(100);
    if (Status s = worker.start(); !s) { err << "worker: " << s.error().toString() << '\n'; return kExitFailed; }
    err << "worker " << options.workerName << ": polling " << setup->profile.jobsQueueUrl << " with " << options.slots
        << " slot(s)" << (metrics.port() ? QStringLiteral(", metrics on 127.0.0.1:%1/metrics").arg(metrics.port()) : QString())
        << '\n' << Qt::flush;
    QCoreApplication::exec();
    err << "worker: " << worker.count(RemoteOutcome::Published) << " published, " << worker.count(RemoteOutcome::AwaitingApproval)
        << " awaiting approval, " << worker.count(RemoteOutcome::Reused)
        << " reused, " << worker.count(RemoteOutcome::Failed) << " failed, " << worker.count(RemoteOutcome::DeadLettered)
        << " dead-lettered, " << worker.count(RemoteOutcome::Released) << " released\n";
    return worker.failedFatally() ? kExitFailed : kExitOk;
}

} // namespace rendition::cli
