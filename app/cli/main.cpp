// rendition-cli: the headless face of the engine. Thin: parses the subcommand and
// hands over to app/cli/*Command.cpp.

#include "app/cli/Commands.h"

#include <QCoreApplication>
#include <QTextStream>

extern "C" {
#include <libavutil/log.h>
}

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: rendition-cli <command> [options]\n\n"
           "Commands:\n"
           "  probe FILE... [--json]                 inspect media and report problems\n"
           "  presets list|show NAME|validate FILE|export NAME\n"
           "  run --preset NAME|FILE --out DIR INPUT...  transcode + package inputs\n"
           "  batch --preset P --out DIR INPUT...      queue + run on isolated workers (resumable)\n"
           "  queue list|dead-letters|pause [ID]|resume [ID]|cancel ID|retry ID|priority ID N\n"
           "        move ID --before ID2|--top|--bottom | rerun ID --preset P | approve ID | reject ID [--reason T]\n"
           "                                         the persistent job queue (pause/resume without ID: the whole queue)\n"
           "  watch DIR --preset P --out DIR [--once]  queue files as they settle in a folder\n"
           "  qc FILE --preset NAME|FILE [--json]     check a published version folder or a media file\n"
           "  thumbnails FILE --out DIR [--interval S] [--tile WxH] [--grid CxR] [--json]  poster + sprites + VTT\n"
           "  submit --remote PROFILE --preset P [--wait] [--fetch DIR] INPUT...  send jobs to the cluster (S3 + SQS)\n"
           "  worker --remote PROFILE [--slots N] [--metrics-port P] [--once]   run cluster jobs from the queue\n"
           "  remote fetch --remote PROFILE --key KEY --out DIR | remote profiles  published remote outputs\n"
           "  exec-job SPEC.json                     run one job spec, JSON-lines events (worker processes)\n\n"
           "Run 'rendition-cli <command> --help' for the options of a command.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rendition-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Rendition"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RENDITION_VERSION));
    av_log_set_level(qEnvironmentVariableIsSet("RENDITION_AV_LOG") ? AV_LOG_INFO : AV_LOG_QUIET);

    QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() < 2) {
        printUsage(err);
        return rendition::cli::kExitUsage;
    }
    const QString command = args.at(1);
    // Sub-parsers see "rendition-cli <command>" as their program name.
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + command);

    if (command == u"probe") return rendition::cli::probeCommand(rest);
    if (command == u"presets") return rendition::cli::presetsCommand(rest);
    if (command == u"run") return rendition::cli::runCommand(rest);
    if (command == u"batch") return rendition::cli::batchCommand(rest);
    if (command == u"queue") return rendition::cli::queueCommand(rest);
    if (command == u"watch") return rendition::cli::watchCommand(rest);
    if (command == u"qc") return rendition::cli::qcCommand(rest);
    if (command == u"thumbnails") return rendition::cli::thumbnailsCommand(rest);
    if (command == u"exec-job") return rendition::cli::execJobCommand(rest);
    if (command == u"submit") return rendition::cli::submitCommand(rest);
    if (command == u"worker") return rendition::cli::workerCommand(rest);
    if (command == u"remote") return rendition::cli::remoteCommand(rest);
    if (command == u"--version" || command == u"version") {
        QTextStream(stdout) << "rendition-cli " << RENDITION_VERSION << '\n';
        return rendition::cli::kExitOk;
    }
    if (command == u"--help" || command == u"-h" || command == u"help") {
        QTextStream out(stdout);
        printUsage(out);
        return rendition::cli::kExitOk;
    }
    err << "rendition-cli: unknown command '" << command << "'\n\n";
    printUsage(err);
    return rendition::cli::kExitUsage;
}
