#include "pipeline/AssetPipeline.h"

#include "pipeline/LadderPlan.h"
#include "pipeline/ManifestBuilder.h"
#include "pipeline/PlaylistWriter.h"
#include "pipeline/Publisher.h"
#include "pipeline/Transcoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QFileInfo>
#include <QStringList>

namespace rendition {

namespace {

void emitStage(const ProgressSink &sink, const QString &stage, double percent, const QString &message = {})
{
    if (!sink) return;
    ProgressEvent e;
    e.stage = stage;
    e.percent = percent;
    e.message = message;
    sink(e);
}

Error rejection(const ProbeResult &probe)
{
    QStringList reasons;
    QString code = QStringLiteral("ingest.rejected");
    for (const ProbeProblem &p : probe.problems)
        if (p.severity == Severity::Fatal) {
            reasons << p.message;
            if (code == u"ingest.rejected") code = QStringLiteral("ingest.") + p.code;
        }
    return makeError(code, reasons.join(QStringLiteral("; ")), probe.path);
}

} // namespace

QString assetNameFor(const QString &source, const Preset &preset)
{
    return expandName(preset.naming.asset, {{QStringLiteral("stem"), QFileInfo(source).completeBaseName()},
                                            {QStringLiteral("preset"), preset.name}});
}

QStringList assetNamesFor(const QList<ProbeResult> &sources, const Preset &preset)
{
    QStringList names;
    QHash<QString, QSet<QString>> contentsByName; // name → distinct sha256 values
    for (const ProbeResult &p : sources) {
        names << assetNameFor(p.path, preset);
        contentsByName[names.last()].insert(p.sha256.isEmpty() ? p.path : p.sha256);
    }
    for (int i = 0; i < names.size(); ++i)
        if (contentsByName.value(names[i]).size() > 1)
            names[i] += u'-' + (sources[i].sha256.isEmpty() ? QString::number(qHash(sources[i].path), 16) : sources[i].sha256.left(8));
    return names;
}

Result<PublishedAsset> runAsset(const QString &source, const Preset &preset, const AssetRunOptions &options,
                                const ProgressSink &progress, const CancelToken &cancel, const ProbeResult *probed)
{
    QElapsedTimer clock;
    clock.start();
    emitStage(progress, QStringLiteral("probe"), 0);
    const ProbeResult probe = probed ? *probed : rendition::probe(source, options.probe, cancel);
    if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), source);
    if (probe.hasFatal()) return rejection(probe);
    emitStage(progress, QStringLiteral("validate"), 100);

    const LadderPlan plan = planLadder(preset, probe);
    if (plan.rungs.isEmpty() && (preset.audio.isEmpty() || !probe.bestAudio()))
        return makeError(QStringLiteral("plan.empty"), QStringLiteral("the preset produces nothing for this source (no video rung fits and no audio)"), source);

    PublishedAsset out;
    out.assetName = options.assetName.isEmpty() ? assetNameFor(source, preset) : options.assetName;
    Publisher publisher(options.outRoot, out.assetName);
    out.assetDir = publisher.assetDir();
    publisher.removeStaleStaging();
    Result<QString> staging = publisher.createStaging();
    if (!staging) return staging.error();

    TranscodeJob job{QFileInfo(source).absoluteFilePath(), probe, preset, plan, *staging};
    Result<TranscodeResult> result = transcode(job, progress, cancel);
    if (!result) {
        publisher.discard(*staging);
        return result.error();
    }
    emitStage(progress, QStringLiteral("package"), 0);
    Result<PackageEntryPoints> entry = writePlaylists(*result, preset, *staging);
    if (!entry || cancel.isCanceled()) {
        publisher.discard(*staging);
        if (!entry) return entry.error();
        return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), source);
    }
    emitStage(progress, QStringLiteral("package"), 100);
    const QJsonObject manifest = buildManifest(out.assetName, probe, preset, plan, *result, *entry, clock.elapsed() / 1000.0);
    Result<QString> version = publisher.publish(*staging, manifest);
    if (!version) {
        publisher.discard(*staging);
        return version.error();
    }
    out.version = *version;
    out.versionDir = QDir(out.assetDir).filePath(out.version);
    out.manifest = manifest;
    out.manifest.insert(QStringLiteral("version"), out.version);
    emitStage(progress, QStringLiteral("publish"), 100, out.versionDir);
    return out;
}

} // namespace rendition
