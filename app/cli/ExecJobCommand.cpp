// rendition-cli exec-job [--drm-key-file FILE] SPEC.json
// Runs ONE job described by a JobSpec file (rendition.job/1) in this process and streams
// JSON-lines events on stdout; this is what the worker pool's child processes run.
//
// Events and exit codes: the parent/child protocol in core/queue/ChildProtocol.h.
// The run is resumable (AssetRunOptions::jobId = the spec's id): an attempt killed mid-way
// leaves OUT/<asset>/.staging-job-<id> and its checkpoints; the next exec-job of the same
// spec continues after the last completed stage ("resumed": true progress events). See
// core/pipeline/AssetPipeline.h. Keys never appear in events.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/pipeline/AssetPipeline.h"
#include "core/queue/ChildProtocol.h"

#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTextStream>

#include <csignal>
#include <cstdio>

namespace rendition::cli {

namespace {

std::atomic<bool> *g_execCancelFlag = nullptr;

extern "C" void onExecJobSignal(int)
{
    if (g_execCancelFlag) g_execCancelFlag->store(true);
}

// Serialised JSON-lines writer on stdout (the pipeline's sink may be called from workers).
class EventWriter {
public:
    void write(const QJsonObject &o)
    {
        const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        QMutexLocker lock(&m_mutex);
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }

    void progress(const ProgressEvent &e) { write(child::progressLine(e)); }
    void failed(const Error &e) { write(child::failedLine(e)); }

private:
    QMutex m_mutex;
};

qint64 folderBytes(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) total += QFileInfo(it.next()).size();
    return total;
}

QJsonObject outcomeEvent(const QString &event, const PublishedAsset &a)
{
    QJsonArray renditions;
    const QDir versionDir(a.versionDir);
    for (const QJsonValue &v : a.manifest.value(QStringLiteral("renditions")).toArray()) {
        const QJsonObject r = v.toObject();
        const QString dir = versionDir.filePath(r.value(QStringLiteral("dir")).toString());
        renditions.append(QJsonObject{{QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
                                      {QStringLiteral("dir"), dir},
                                      {QStringLiteral("bytes"), double(folderBytes(dir))}});
    }
    return {{QStringLiteral("event"), event},
            {QStringLiteral("asset"), a.assetName},
            {QStringLiteral("version"), a.version},
            {QStringLiteral("version_dir"), a.versionDir},
            {QStringLiteral("renditions"), renditions}};
}

int exitForFailure(EventWriter &events, const Error &e)
{
    events.failed(e);
    return child::exitCodeFor(e);
}

} // namespace

int execJobCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run one job from a JobSpec file, printing JSON-lines events."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SPEC"), QStringLiteral("Job spec (rendition.job/1) JSON file."), QStringLiteral("SPEC.json"));
    parser.addOption({QStringLiteral("drm-key-file"),
                      QStringLiteral("KID:KEY file used instead of the preset's key source (the cluster worker's fetched key)."),
                      QStringLiteral("FILE")});
    QTextStream err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    if (parser.positionalArguments().size() != 1) {
        err << "exec-job: exactly one SPEC.json is required\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }

    CancelToken cancel;
    g_execCancelFlag = cancel.rawFlag();
    struct sigaction sa {};
    sa.sa_handler = onExecJobSignal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    EventWriter events;
    const QString specPath = parser.positionalArguments().constFirst();
    QFile specFile(specPath);
    if (!specFile.open(QIODevice::ReadOnly))
        return exitForFailure(events, makeError(QStringLiteral("job.spec_unreadable"),
                                                QStringLiteral("cannot open the job spec (%1); check the path").arg(specFile.errorString()),
                                                specPath));
    Result<JobSpec> spec = JobSpec::fromJson(specFile.readAll());
    if (!spec) return exitForFailure(events, spec.error());

    const QString source = spec->source.localPath();
    if (source.isEmpty())
        return exitForFailure(events, makeError(QStringLiteral("job.unsupported_source"),
                                                QStringLiteral("only local file sources can run here"), spec->source.uri));
    if (!QFileInfo(source).isFile())
        return exitForFailure(events, makeError(QStringLiteral("job.source_missing"),
                                                QStringLiteral("the source file is gone; restore it or remove the job"), source));

    events.progress(ProgressEvent{QStringLiteral("verify"), {}, 0, 0, -1, {}});
    ProbeOptions probeOptions; // hashes the source: one read serves the check and the run
    const ProbeResult probed = probe(source, probeOptions, cancel);
    if (cancel.isCanceled()) {
        events.write(child::canceledLine());
        return child::kExitCanceled;
    }
    QString sha = probed.sha256;
    if (sha.isEmpty()) {
        Result<QString> hashed = sha256File(source, cancel);
        if (!hashed) return exitForFailure(events, hashed.error());
        sha = *hashed;
    }
    if (sha.compare(spec->source.sha256, Qt::CaseInsensitive) != 0)
        return exitForFailure(events, makeError(QStringLiteral("job.source_changed"),
                                                QStringLiteral("the source's content changed since the job was made (SHA-256 %1, "
                                                               "expected %2); queue it again")
                                                    .arg(sha.left(12), spec->source.sha256.left(12)),
                                                source));
    events.progress(ProgressEvent{QStringLiteral("verify"), {}, 100, 0, -1, {}});

    if (!QDir().mkpath(spec->outputRoot))
        return exitForFailure(events, makeError(QStringLiteral("package.write"),
                                                QStringLiteral("cannot create the output folder; check the path and permissions"),
                                                spec->outputRoot));

    AssetRunOptions options;
    options.outRoot = spec->outputRoot;
    options.probe = probeOptions;
    options.jobId = spec->id;
    options.idempotencyKey = spec->idempotencyKey;
    options.drmKeyFileOverride = parser.value(QStringLiteral("drm-key-file"));
    auto sink = [&events](const ProgressEvent &e) { events.progress(e); };
    Result<PublishedAsset> res = runAsset(source, spec->preset, options, sink, cancel, &probed);
    if (res) {
        const bool qcFailed = res->status == PublishedAsset::Status::QcFailed;
        const bool awaiting = res->status == PublishedAsset::Status::AwaitingApproval; // exit 0: the run succeeded
        using child::EventKind;
        events.write(outcomeEvent(child::eventName(qcFailed   ? EventKind::QcFailed
                                                   : awaiting ? EventKind::AwaitingApproval
                                                              : EventKind::Published),
                                  *res));
        return qcFailed ? child::kExitQcFailed : child::kExitPublished;
    }
    if (cancel.isCanceled() || res.error().code == u"canceled") {
        events.write(child::canceledLine());
        return child::kExitCanceled;
    }
    return exitForFailure(events, res.error());
}

} // namespace rendition::cli
