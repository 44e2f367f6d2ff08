// rendition-cli worker --remote PROFILE [--slots N] [--metrics-port P] [--metrics-address IP]
//                      [--once | --one-job] [--work-dir DIR] [--log-format text|json]
//                      [--visibility S] [--wait S] [--max-receives N] [--retry-delay S] [--grace S]
// The headless cluster worker (RemoteWorker): long-polls the jobs queue, runs each job in a
// child `rendition-cli exec-job` exactly as locally, publishes the version folder to S3
// (manifest.json last), acknowledges; poison messages go to the dead-letter queue after
// --max-receives deliveries. SIGTERM/SIGINT: no new jobs; running ones get --grace seconds,
// then are released to the queue. --metrics-port serves Prometheus text on
// ADDRESS:PORT/metrics (--metrics-address, default 127.0.0.1; 0.0.0.0 in containers) plus
// /healthz and /readyz. --once: end when the queue is drained (nothing visible or in flight).
// --one-job: handle one message and exit (a KEDA ScaledJob pod; also exits on a drained queue).
// --log-format json: one JSON object per log line (job id, stage, error code and class).
// Exit codes: 0 stopped cleanly, 1 could not start or the jobs queue is unusable (missing queue,
// rejected credentials, access denied), 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/RemoteCliSupport.h"

#include "core/remote/Metrics.h"
#include "core/remote/RemoteWorker.h"
#include "core/remote/WorkerLog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
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
    parser.addOption({QStringLiteral("one-job"), QStringLiteral("Handle one message, publish, exit (one job per pod).")});
    parser.addOption({QStringLiteral("work-dir"), QStringLiteral("Scratch folder (source cache, job folders)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("metrics-address"), QStringLiteral("IP address the metrics server binds (default 127.0.0.1; 0.0.0.0: all)."),
                      QStringLiteral("IP"), QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("log-format"), QStringLiteral("text (default) or json (one object per line)."),
                      QStringLiteral("FORMAT"), QStringLiteral("text")});
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
    const QString logFormat = parser.value(QStringLiteral("log-format"));
    if (logFormat != u"text" && logFormat != u"json") {
        err << "worker: --log-format must be text or json, not \"" << logFormat << "\"\n";
        return kExitUsage;
    }
    setWorkerLogFormat(logFormat == u"json" ? WorkerLogFormat::Json : WorkerLogFormat::Text);
    if (parser.isSet(QStringLiteral("one-job")) && (parser.isSet(QStringLiteral("once")) || v.value(QStringLiteral("slots")) != 1)) {
        err << "worker: --one-job runs one slot and cannot be combined with --once or --slots\n";
        return kExitUsage;
    }
    if (QHostAddress address; !address.setAddress(parser.value(QStringLiteral("metrics-address")))) {
        err << "worker: --metrics-address \"" << parser.value(QStringLiteral("metrics-address"))
            << "\" is not an IP address (127.0.0.1, 0.0.0.0, ::)\n";
        return kExitUsage;
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
    options.oneJob = parser.isSet(QStringLiteral("one-job"));
    options.workerName = defaultWorkerName();

    RemoteWorker worker(setup->profile, setup->credentials, options);
    MetricsServer metrics(worker.metrics());
    metrics.setReadiness([&worker] { return worker.notReadyReason(); });
    if (const int port = v.value(QStringLiteral("metrics-port")); port > 0) {
        if (Status s = metrics.listen(parser.value(QStringLiteral("metrics-address")), quint16(port)); !s) {
            err << "worker: " << s.error().toString() << '\n';
            return kExitFailed;
        }
    }
    QObject::connect(&worker, &RemoteWorker::finished, [] { QCoreApplication::quit(); });
    installCliInterruptHandler();
    QTimer interrupt;
    QObject::connect(&interrupt, &QTimer::timeout, [&] {
        if (cliInterrupted()) worker.requestStop();
    });
    interrupt.start(100);
    if (Status s = worker.start(); !s) { err << "worker: " << s.error().toString() << '\n'; return kExitFailed; }
    workerLog(QStringLiteral("polling %1 with %2 slot(s)%3")
                  .arg(setup->profile.jobsQueueUrl)
                  .arg(options.slots)
                  .arg(metrics.port() ? QStringLiteral(", metrics on %1:%2/metrics").arg(metrics.address()).arg(metrics.port()) : QString()),
              WorkerLogFields{options.workerName, {}, {}, {}, {}});
    QCoreApplication::exec();
    workerLog(QStringLiteral("%1 published, %2 reused, %3 failed, %4 dead-lettered, %5 released, %6 awaiting approval")
                  .arg(worker.count(RemoteOutcome::Published))
                  .arg(worker.count(RemoteOutcome::Reused))
                  .arg(worker.count(RemoteOutcome::Failed))
                  .arg(worker.count(RemoteOutcome::DeadLettered))
                  .arg(worker.count(RemoteOutcome::Released))
                  .arg(worker.count(RemoteOutcome::AwaitingApproval)));
    return worker.failedFatally() ? kExitFailed : kExitOk;
}

} // namespace rendition::cli
