// rendition-cli remote fetch --remote PROFILE --key IDEMPOTENCY_KEY --out DIR
// rendition-cli remote profiles
// Downloads a version the cluster published (DIR/<asset>/<version>/, manifest.json last), or
// lists the remote profiles stored in the settings.
// Exit codes: 0 done, 1 failed (named), 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/RemoteCliSupport.h"

#include "core/remote/S3Client.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QTextStream>

namespace rendition::cli {

int remoteCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Remote mode helpers: fetch a published version, list profiles."));
    parser.addHelpOption();
    addRemoteOption(parser);
    parser.addOption({QStringLiteral("key"), QStringLiteral("Idempotency key of the job (fetch)."), QStringLiteral("KEY")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Download folder (fetch)."), QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("fetch | profiles"), QStringLiteral("fetch|profiles"));
    QTextStream out(stdout), err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    const QString action = parser.positionalArguments().value(0);
    if (action == u"profiles" && parser.positionalArguments().size() == 1) {
        QSettings settings(QStringLiteral("Rendition"), QStringLiteral("rendition"));
        for (const QString &name : RemoteProfile::names(settings)) out << name << '\n';
        return kExitOk;
    }
    if (action != u"fetch" || parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("remote")) ||
        !parser.isSet(QStringLiteral("key")) || !parser.isSet(QStringLiteral("out"))) {
        err << "remote: use 'remote fetch --remote P --key KEY --out DIR' or 'remote profiles'\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }
    Result<RemoteSetup> setup = resolveRemote(parser.value(QStringLiteral("remote")));
    if (!setup) { err << "remote: " << setup.error().toString() << '\n'; return kExitFailed; }
    S3Client s3(setup->profile.s3Config(), setup->credentials);
    Result<QString> dir = fetchPublished(s3, parser.value(QStringLiteral("key")), parser.value(QStringLiteral("out")));
    if (!dir) { err << "remote: " << dir.error().toString() << '\n'; return kExitFailed; }
    out << *dir << '\n';
    return kExitOk;
}

} // namespace rendition::cli
