#include "pipeline/AssetPipeline.h"

#include "pipeline/DrmStage.h"
#include "pipeline/LadderPlan.h"
#include "pipeline/LoudnessStage.h"
#include "pipeline/ManifestBuilder.h"
#include "pipeline/PlaylistWriter.h"
#include "pipeline/Publisher.h"
#include "pipeline/QcStage.h"
#include "pipeline/Transcoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QFuture>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QSaveFile>
#include <QSet>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition {

namespace {

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

Status saveJson(const QString &path, const QJsonObject &o)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson(QJsonDocument::Indented)) < 0 || !f.commit())
        return makeError(QStringLiteral("package.write"), QStringLiteral("could not write %1: %2").arg(QFileInfo(path).fileName(), f.errorString()), path);
    return {};
}

Error canceled(const QString &source) { return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), source); }

// One asset's run; each stage is a method, failures return early and the staging
// folder is discarded by the caller.
class AssetRun {
public:
    AssetRun(const QString &source, const Preset &preset, const AssetRunOptions &options, const ProgressSink &sink,
             const CancelToken &cancel)
        : m_source(source), m_preset(preset), m_options(options), m_cancel(cancel)
    {
        if (sink) m_progress = [this, sink](const ProgressEvent &e) { QMutexLocker l(&m_sinkMutex); sink(e); };
    }
    Result<PublishedAsset> run(const ProbeResult *probed);

private:
    void stage(const QString &name, double percent, const QString &message = {})
    {
        if (m_progress) m_progress(ProgressEvent{name, {}, percent, 0, -1, message});
    }
    Status prepare(const ProbeResult *probed);
    Status analyseAndTranscode();
    Status finishPackage();
    Status protect();
    Result<PublishedAsset> publish();

    QString m_source;
    const Preset &m_preset;
    AssetRunOptions m_options;
    CancelToken m_cancel;
    QMutex m_sinkMutex;
    ProgressSink m_progress;
    QElapsedTimer m_clock;

    ProbeResult m_probe;
    LadderPlan m_plan;
    std::unique_ptr<Publisher> m_publisher;
    QString m_assetName;
    QString m_staging;
    TranscodeResult m_result;
    TranscodeJob m_job;
    std::optional<LoudnessOutcome> m_loudness;
    std::optional<ThumbnailResult> m_thumbnails;
    std::optional<QcReport> m_qc;
    std::optional<DrmOutcome> m_drm;
    PlaylistDrm m_playlistDrm;
    QString m_stagingKeys;   // key store file written before publish, renamed after
    PackageEntryPoints m_entry;
};

Status AssetRun::prepare(const ProbeResult *probed)
{
    stage(QStringLiteral("probe"), 0);
    m_probe = probed ? *probed : rendition::probe(m_source, m_options.probe, m_cancel);
    if (m_cancel.isCanceled()) return canceled(m_source);
    if (m_probe.hasFatal()) return rejection(m_probe);
    stage(QStringLiteral("validate"), 100);
    m_plan = planLadder(m_preset, m_probe);
    if (m_plan.rungs.isEmpty() && (m_preset.audio.isEmpty() || !m_probe.bestAudio()))
        return makeError(QStringLiteral("plan.empty"), QStringLiteral("the preset produces nothing for this source (no video rung fits and no audio)"), m_source);
    if (m_preset.drm.scheme != DrmScheme::None) {
        Result<DrmOutcome> drm = prepareDrm(m_preset.drm, m_cancel); // fail fast on a bad key file
        if (!drm) return drm.error();
        m_drm = std::move(drm).value();
    }
    m_assetName = m_options.assetName.isEmpty() ? assetNameFor(m_source, m_preset) : m_options.assetName;
    m_publisher = std::make_unique<Publisher>(m_options.outRoot, m_assetName);
    m_publisher->removeStaleStaging();
    Result<QString> staging = m_publisher->createStaging();
    if (!staging) return staging.error();
    m_staging = *staging;
    return {};
}

Status AssetRun::analyseAndTranscode()
{
    const bool hasVideo = m_probe.bestVideo() != nullptr;
    const bool hasAudio = m_probe.bestAudio() != nullptr && !m_preset.audio.isEmpty();
    // Thumbnails run beside loudness analysis and the transcode (seek-based and cheap).
    QFuture<Result<ThumbnailResult>> thumbs;
    if (m_preset.thumbnails.enabled && hasVideo) {
        const QString dir = QDir(m_staging).filePath(QStringLiteral("thumbnails"));
        QDir().mkpath(dir);
        ThumbnailOptions o;
        o.intervalSeconds = m_preset.thumbnails.intervalSeconds;
        o.tileWidth = m_preset.thumbnails.tileWidth;
        o.tileHeight = m_preset.thumbnails.tileHeight;
        o.columns = m_preset.thumbnails.columns;
        o.rows = m_preset.thumbnails.rows;
        o.jpegQuality = m_preset.thumbnails.jpegQuality;
        thumbs = QtConcurrent::run([this, dir, o] { return makeThumbnails(m_source, dir, o, m_progress, m_cancel); });
    }
    m_job = TranscodeJob{QFileInfo(m_source).absoluteFilePath(), m_probe, m_preset, m_plan, m_staging, std::nullopt,
                         m_preset.loudness.truePeakDbtp};
    Status status;
    if (m_preset.loudness.enabled && hasAudio) {
        stage(QStringLiteral("loudness"), 0);
        Result<LoudnessOutcome> loud = analyseSourceLoudness(m_source, m_preset, m_progress, m_cancel);
        if (loud) {
            m_loudness = std::move(loud).value();
            m_job.normalization = m_loudness->plan;
        } else {
            status = loud.error();
        }
    }
    if (status.ok()) {
        Result<TranscodeResult> result = transcode(m_job, m_progress, m_cancel);
        if (result) m_result = std::move(result).value();
        else status = result.error();
    }
    if (thumbs.isValid()) {
        thumbs.waitForFinished(); // never leave it writing into a folder we may remove
        Result<ThumbnailResult> t = thumbs.result();
        if (status.ok() && !t) status = t.error();
        if (t) m_thumbnails = std::move(t).value();
    }
    return status;
}

Status AssetRun::finishPackage()
{
    if (m_loudness) {
        stage(QStringLiteral("loudness"), 50, QStringLiteral("measuring the encoded audio"));
        if (Status s = measureOutputs(*m_loudness, m_result, m_staging, m_cancel); !s) return s;
        if (Status s = saveJson(QDir(m_staging).filePath(QStringLiteral("loudness.json")), m_loudness->curvesJson()); !s) return s;
        stage(QStringLiteral("loudness"), 100);
    }
    if (m_preset.qc.enabled) {
        stage(QStringLiteral("qc"), 0);
        Result<QcReport> qc = runQc(qcInputFor(m_job, m_result), m_preset.qc.rules, m_progress, m_cancel);
        if (!qc) return qc.error();
        m_qc = std::move(qc).value();
        if (Status s = saveJson(QDir(m_staging).filePath(QStringLiteral("qc.json")), m_qc->toJson()); !s) return s;
        stage(QStringLiteral("qc"), 100, m_qc->passed() ? QStringLiteral("passed") : QStringLiteral("failed"));
    }
    if (m_drm) {
        if (Status s = protect(); !s) return s;
    }
    stage(QStringLiteral("package"), 0);
    Result<PackageEntryPoints> entry = writePlaylists(m_result, m_preset, m_staging, m_thumbnails ? &*m_thumbnails : nullptr,
                                                      m_drm ? &m_playlistDrm : nullptr);
    if (!entry) return entry.error();
    m_entry = *entry;
    stage(QStringLiteral("package"), 100);
    if (m_cancel.isCanceled()) return canceled(m_source);
    return {};
}

// QC and loudness ran on the clear package; now encrypt it, prove the published bytes
// decrypt and decode with the key (the decrypting reader), and store the key beside
// the package under a staging name.
Status AssetRun::protect()
{
    stage(QStringLiteral("encrypt"), 0);
    if (Status s = protectTracks(*m_drm, m_result, m_cancel); !s) return s;
    if (Status s = verifyDecryption(*m_drm, m_result, m_cancel); !s) return s;
    m_playlistDrm = playlistDrm(*m_drm);
    Result<QString> keys = writeKeyStore(*m_drm, m_publisher->assetDir(), QFileInfo(m_staging).fileName(), m_assetName);
    if (!keys) return keys.error();
    m_stagingKeys = *keys;
    stage(QStringLiteral("encrypt"), 100);
    return {};
}

Result<PublishedAsset> AssetRun::publish()
{
    PublishedAsset out;
    out.assetName = m_assetName;
    out.assetDir = m_publisher->assetDir();
    const bool qcPassed = !m_qc || m_qc->passed();
    out.status = qcPassed ? PublishedAsset::Status::Published : PublishedAsset::Status::QcFailed;
    ManifestInputs in{m_assetName, &m_probe, &m_preset, &m_plan, &m_result, m_entry, m_clock.elapsed() / 1000.0,
                      m_loudness ? &*m_loudness : nullptr, m_thumbnails ? &*m_thumbnails : nullptr,
                      m_qc ? &*m_qc : nullptr, qcPassed ? QStringLiteral("published") : QStringLiteral("qc_failed")};
    QJsonObject manifest = buildManifest(in);
    if (m_drm) manifest.insert(QStringLiteral("drm"), m_drm->manifestJson());
    Result<QString> version = m_publisher->publish(m_staging, manifest, qcPassed ? Publisher::Current::Move : Publisher::Current::Keep);
    if (!version) return version.error();
    out.version = *version;
    out.versionDir = QDir(out.assetDir).filePath(out.version);
    if (!m_stagingKeys.isEmpty()) { // keys/<staging>.json → keys/<version>.json
        const QString finalKeys = QFileInfo(m_stagingKeys).dir().filePath(out.version + QStringLiteral(".json"));
        if (!QFile::rename(m_stagingKeys, finalKeys))
            return makeError(QStringLiteral("drm.key_store"), QStringLiteral("published %1 but could not name its key file").arg(out.version), finalKeys);
        m_stagingKeys.clear();
    }
    out.manifest = manifest;
    out.manifest.insert(QStringLiteral("version"), out.version);
    stage(QStringLiteral("publish"), 100, out.versionDir);
    return out;
}

Result<PublishedAsset> AssetRun::run(const ProbeResult *probed)
{
    m_clock.start();
    Status s = prepare(probed);
    if (s.ok()) s = analyseAndTranscode();
    if (s.ok()) s = finishPackage();
    if (s.ok() && m_cancel.isCanceled()) s = canceled(m_source);
    Result<PublishedAsset> out = s.ok() ? publish() : Result<PublishedAsset>(s.error());
    if (!out && m_publisher && !m_staging.isEmpty()) m_publisher->discard(m_staging);
    if (!m_stagingKeys.isEmpty()) QFile::remove(m_stagingKeys); // never leave a key without its package
    return out;
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
    AssetRun run(source, preset, options, progress, cancel);
    return run.run(probed);
}

} // namespace rendition
