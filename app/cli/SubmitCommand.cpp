// rendition-cli submit --remote PROFILE --preset P [--wait] [--timeout S] [--fetch DIR] [--json-events] INPUT...
// Sends jobs to the cluster (RemoteSubmitter): probes the inputs, uploads each source once
// (content-addressed), writes the JobSpec to S3 and sends one jobs-queue message per input.
// A source + preset already published remotely is reported as reused and not sent again.
// --wait follows the status queue until every sent job reached a final state (published,
// qc_failed, reused, dead, awaiting_approval) or --timeout passes; --fetch DIR then downloads the published
// versions into DIR/<asset>/<version>/.
// PROFILE is a profile from the settings (GUI) or "env" (RENDITION_* + AWS_* variables).
// DRM presets: the content key goes to the key store (keys/<job>/, core/remote/RemoteKeyStore.h),
// never into the message; a missing key file fails the input before anything is uploaded.
// Exit codes: 0 all sent (and with --wait: all published or awaiting approval), 1 some input rejected/failed or a
// job failed/dead/timed out, 2 usage.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/RemoteCliSupport.h"

#include "core/pipeline/Scanner.h"
#include "core/remote/RemoteOutputs.h"
#include "core/remote/RemoteStatus.h"
#include "core/remote/RemoteSubmitter.h"
#include "core/remote/S3Client.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace rendition::cli {

namespace {

void emitJson(QTextStream &out, const QJsonObject &o)
{
    out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
}

// Follows the status queue until every job in `pending` is final or the time is up.
// Returns the final events by job id.
QHash<QString, RemoteStatusEvent> follow(RemoteStatusReader &reader, QSet<QString> pending, int timeoutS, bool json,
                                         QTextStream &out, QTextStream &err)
{
    QHash<QString, RemoteStatusEvent> finals;
    QElapsedTimer clock;
    clock.start();
    while (!pending.isEmpty() && clock.elapsed() < timeoutS * 1000LL && !cliInterrupted()) {
        Result<QList<RemoteStatusEvent>> events = reader.readOnce(2);
        if (!events) {
            err << "submit: reading the status queue failed: " << events.error().toString() << '\n' << Qt::flush;
            continue;
        }
        for (const RemoteStatusEvent &e : std::as_const(*events)) {
            if (!pending.contains(e.jobId)) continue;
            if (json) {
                QJsonObject o = QJsonDocument::fromJson(e.toBody()).object();
                o.insert(QStringLiteral("event"), QStringLiteral("remote_status"));
                emitJson(out, o);
            } else {
                err << e.jobId.left(8) << ": " << remoteEventKindName(e.kind)
                    << (e.stage.isEmpty() ? QString() : u' ' + e.stage)
                    << (e.percent >= 0 && e.kind == RemoteEventKind::Progress ? QStringLiteral(" %1%").arg(e.percent, 0, 'f', 0) : QString())
                    << (e.error.code.isEmpty() ? QString() : QStringLiteral(": ") + e.error.message) << '\n' << Qt::flush;
            }
            if (isFinalRemoteEvent(e.kind)) {
                finals.insert(e.jobId, e);
                pending.remove(e.jobId);
            }
        }
    }
    return finals;
}

} // namespace

int submitCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Send inputs to the cluster (S3 + SQS) with a preset."));
    parser.addHelpOption();
    addRemoteOption(parser);
    parser.addOption({QStringLiteral("preset"), QStringLiteral("Built-in preset name or preset JSON file."), QStringLiteral("NAME|FILE")});
    parser.addOption({QStringLiteral("wait"), QStringLiteral("Follow the status queue until every job is done.")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("--wait gives up after S seconds (default 3600)."), QStringLiteral("S"), QStringLiteral("3600")});
    parser.addOption({QStringLiteral("fetch"), QStringLiteral("With --wait: download published versions into DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("json-events"), QStringLiteral("Print JSON-lines events instead of text.")});
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("Files or folders."), QStringLiteral("INPUT..."));
    QTextStream out(stdout), err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    if (!parser.isSet(QStringLiteral("remote")) || !parser.isSet(QStringLiteral("preset")) || parser.positionalArguments().isEmpty()) {
        err << "submit: --remote, --preset and at least one INPUT are required\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }
    Result<Preset> preset = loadPreset(parser.value(QStringLiteral("preset")));
    if (!preset) { err << "submit: " << preset.error().toString() << '\n'; return kExitUsage; }
    Result<RemoteSetup> setup = resolveRemote(parser.value(QStringLiteral("remote")));
    if (!setup) { err << "submit: " << setup.error().toString() << '\n'; return kExitFailed; }
    const bool json = parser.isSet(QStringLiteral("json-events"));
    if (parser.isSet(QStringLiteral("wait")) && setup->profile.statusQueueUrl.isEmpty()) {
        err << "submit: --wait needs a status queue, and remote profile \"" << setup->profile.name
            << "\" has none; set its status queue URL (RENDITION_SQS_STATUS_URL)\n";
        return kExitUsage;
    }
    installCliInterruptHandler();

    int failed = 0;
    const ScanResult scan = scanInputs(parser.positionalArguments(), ProbeOptions{}, {}, CancelToken());
    for (const ProbeResult &r : scan.rejected) {
        ++failed;
        err << "REJECTED " << r.path << ": " << r.rejection().message << '\n';
    }
    RemoteSubmitter submitter(setup->profile, setup->credentials);
    QSet<QString> sent;
    QHash<QString, QString> inputOf, keyOf;
    for (const ProbeResult &probe : scan.media) {
        CancelToken cancel;
        Result<RemoteSubmission> s = submitter.submit(probe, *preset, {}, cancel);
        if (!s) { ++failed; err << "FAILED " << probe.path << ": " << s.error().toString() << '\n'; continue; }
        inputOf.insert(s->spec.id, probe.path);
        keyOf.insert(s->spec.id, s->spec.idempotencyKey);
        if (json)
            emitJson(out, {{QStringLiteral("event"), s->reused ? QStringLiteral("reused") : QStringLiteral("submitted")},
                           {QStringLiteral("input"), probe.path}, {QStringLiteral("job"), s->spec.id},
                           {QStringLiteral("idempotency_key"), s->spec.idempotencyKey},
                           {QStringLiteral("source_uploaded"), s->sourceUploaded},
                           {QStringLiteral("uploaded_bytes"), double(s->uploadedBytes)},
                           {QStringLiteral("upload_ms"), double(s->uploadMs)},
                           {QStringLiteral("prefix"), s->publishedPrefix},
                           {QStringLiteral("kid"), s->keyId}}); // DRM: the key's id, never the key
        else if (s->reused)
            out << "reused " << probe.path << " -> s3://" << setup->profile.bucket << '/' << s->publishedPrefix << '\n';
        else
            out << "submitted " << probe.path << " as job " << s->spec.id
                << (s->sourceUploaded ? QStringLiteral(" (source uploaded)") : QStringLiteral(" (source already in the bucket)")) << '\n';
        if (!s->reused) sent.insert(s->spec.id);
    }
    out.flush();
    if (!parser.isSet(QStringLiteral("wait")) || sent.isEmpty()) return failed == 0 ? kExitOk : kExitFailed;

    RemoteStatusReader reader(setup->profile, setup->credentials);
    const QHash<QString, RemoteStatusEvent> finals =
        follow(reader, sent, parser.value(QStringLiteral("timeout")).toInt(), json, out, err);
    S3Client s3(setup->profile.s3Config(), setup->credentials);
    for (const QString &id : std::as_const(sent)) {
        const auto it = finals.constFind(id);
        const bool ok = it != finals.cend() && (it->kind == RemoteEventKind::Published || it->kind == RemoteEventKind::Reused ||
                                                    it->kind == RemoteEventKind::AwaitingApproval);
        if (!ok) ++failed;
        QString where = it != finals.cend() && !it->prefix.isEmpty()
                            ? QStringLiteral("s3://%1/%2").arg(setup->profile.bucket, it->prefix) : QString();
        if (ok && parser.isSet(QStringLiteral("fetch"))) {
            Result<QString> local = fetchPublished(s3, keyOf.value(id), parser.value(QStringLiteral("fetch")));
            if (local) where = *local;
            else { ++failed; err << "submit: fetching " << inputOf.value(id) << " failed: " << local.error().toString() << '\n'; }
        }
        if (json)
            emitJson(out, {{QStringLiteral("event"), it == finals.cend() ? QStringLiteral("timed_out") : remoteEventKindName(it->kind)},
                           {QStringLiteral("job"), id}, {QStringLiteral("input"), inputOf.value(id)}, {QStringLiteral("prefix"), where}});
        else
            out << (it == finals.cend() ? QStringLiteral("timed out") : remoteEventKindName(it->kind)) << ' ' << inputOf.value(id)
                << (where.isEmpty() ? QString() : QStringLiteral(" -> ") + where) << '\n';
    }
    return failed == 0 ? kExitOk : kExitFailed;
}

} // namespace rendition::cli
