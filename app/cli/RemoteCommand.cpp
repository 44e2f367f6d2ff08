// rendition-cli remote fetch --remote PROFILE --key IDEMPOTENCY_KEY --out DIR
// rendition-cli remote approve --remote PROFILE [--note TEXT] JOB
// rendition-cli remote reject --remote PROFILE --note WHY JOB
// rendition-cli remote key --remote PROFILE --out FILE JOB
// rendition-cli remote profiles
// fetch: downloads a version the cluster published (DIR/<asset>/<version>/, manifest.json last).
// approve / reject: the approval gate of a job published "awaiting_approval" (preset
// qc.require_approval): approve moves outputs/<asset>/current.json to its version, reject
// records the reason and leaves current.json alone (core/remote/RemoteApproval.h); both send
// an "approved"/"rejected" status event when the profile has a status queue.
// key: fetches a DRM job's content key from the key store into FILE (KID:KEY, mode 0600), to
// preview / QC the encrypted package; the read is audited (core/remote/RemoteKeyStore.h).
// profiles: lists the remote profiles stored in the settings.
// Exit codes: 0 done, 1 failed (named), 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/RemoteCliSupport.h"

#include "core/media/cenc/CencTypes.h"
#include "core/remote/RemoteApproval.h"
#include "core/remote/RemoteKeyStore.h"
#include "core/remote/RemoteStatus.h"
#include "core/remote/S3Client.h"
#include "core/remote/SqsClient.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QTextStream>

namespace rendition::cli {

namespace {

int review(const RemoteSetup &setup, const QString &jobId, bool approve, const QString &note, QTextStream &out,
           QTextStream &err)
{
    S3Client s3(setup.profile.s3Config(), setup.credentials);
    const QString who = remoteActor();
    Result<RemotePublished> done = approve ? approveRemoteJob(s3, jobId, who, note) : rejectRemoteJob(s3, jobId, who, note);
    if (!done) { err << "remote: " << done.error().toString() << '\n'; return kExitFailed; }
    if (!setup.profile.statusQueueUrl.isEmpty()) {
        RemoteStatusEvent e{jobId, approve ? RemoteEventKind::Approved : RemoteEventKind::Rejected, who,
                            QDateTime::currentDateTimeUtc(), {}, -1, 0};
        e.asset = done->asset, e.version = done->version, e.prefix = done->prefix;
        SqsClient sqs(setup.profile.sqsConfig(setup.credentials));
        if (Result<QString> sent = sqs.sendMessage(setup.profile.statusQueueUrl, e.toBody()); !sent)
            err << "remote: recorded, but the status event was not sent: " << sent.error().toString() << '\n';
    }
    out << (approve ? "approved " : "rejected ") << jobId << ": " << done->asset << ' ' << done->version
        << (approve ? QStringLiteral(" is now current (s3://%1/%2)").arg(setup.profile.bucket, remotekeys::current(done->asset))
                    : QStringLiteral(" stays for the record; current is unchanged"))
        << '\n';
    return kExitOk;
}

} // namespace

int remoteCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Remote mode helpers: fetch a published version, approve/reject a job, fetch a job's DRM key, list profiles."));
    parser.addHelpOption();
    addRemoteOption(parser);
    parser.addOption({QStringLiteral("key"), QStringLiteral("Idempotency key of the job (fetch)."), QStringLiteral("KEY")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Download folder (fetch) or key file (key)."), QStringLiteral("DIR|FILE")});
    parser.addOption({QStringLiteral("note"), QStringLiteral("Review note (approve) or reason (reject, required)."), QStringLiteral("TEXT")});
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("fetch | approve | reject | key | profiles"),
                                 QStringLiteral("ACTION [JOB]"));
    QTextStream out(stdout), err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (action == u"profiles" && pos.size() == 1) {
        QSettings settings(QStringLiteral("Rendition"), QStringLiteral("rendition"));
        for (const QString &name : RemoteProfile::names(settings)) out << name << '\n';
        return kExitOk;
    }
    const bool withJob = action == u"approve" || action == u"reject" || action == u"key";
    const bool usageOk = parser.isSet(QStringLiteral("remote")) &&
                         ((action == u"fetch" && pos.size() == 1 && parser.isSet(QStringLiteral("key")) && parser.isSet(QStringLiteral("out"))) ||
                          (withJob && pos.size() == 2 && (action != u"key" || parser.isSet(QStringLiteral("out")))));
    if (!usageOk) {
        err << "remote: use 'remote fetch --remote P --key KEY --out DIR', 'remote approve|reject --remote P [--note T] JOB',\n"
               "'remote key --remote P --out FILE JOB' or 'remote profiles'\n\n"
            << usageText(parser, args.value(0));
        return kExitUsage;
    }
    Result<RemoteSetup> setup = resolveRemote(parser.value(QStringLiteral("remote")));
    if (!setup) { err << "remote: " << setup.error().toString() << '\n'; return kExitFailed; }
    const QString note = parser.value(QStringLiteral("note"));
    if (action == u"approve" || action == u"reject") return review(*setup, pos.at(1), action == u"approve", note, out, err);
    S3Client s3(setup->profile.s3Config(), setup->credentials);
    if (action == u"key") {
        Result<cenc::ContentKey> key = fetchJobKey(s3, pos.at(1), remoteActor());
        if (!key) { err << "remote: " << key.error().toString() << '\n'; return kExitFailed; }
        if (Status w = writeLocalKeyFile(parser.value(QStringLiteral("out")), *key); !w) {
            err << "remote: " << w.error().toString() << '\n';
            return kExitFailed;
        }
        out << "key " << cenc::keyIdToHex(key->kid) << " of job " << pos.at(1) << " written to "
            << parser.value(QStringLiteral("out")) << " (mode 0600)\n";
        return kExitOk;
    }
    Result<QString> dir = fetchPublished(s3, parser.value(QStringLiteral("key")), parser.value(QStringLiteral("out")));
    if (!dir) { err << "remote: " << dir.error().toString() << '\n'; return kExitFailed; }
    out << *dir << '\n';
    return kExitOk;
}

} // namespace rendition::cli
