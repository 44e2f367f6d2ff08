#include "core/pipeline/AssetPipeline.h"

#include "core/pipeline/DrmStage.h"
#include "core/pipeline/LadderPlan.h"
#include "core/pipeline/LoudnessStage.h"
#include "core/pipeline/ManifestBuilder.h"
#include "core/pipeline/PlaylistWriter.h"
#include "core/pipeline/Publisher.h"
#include "core/pipeline/QcStage.h"
#include "core/pipeline/StageCheckpoint.h"
#include "core/pipeline/StageResultJson.h"
#include "core/pipeline/Transcoder.h"
#include "core/util/RetryPolicy.h"

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

#include <csignal>

namespace rendition {

namespace {

Status saveJson(const QString &path, const QJsonObject &o)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson(QJsonDocument::Indented)) < 0 || !f.commit())
        return makeError(QStringLiteral("package.write"), QStringLiteral("could not write %1: %2").arg(QFileInfo(path).fileName(), f.errorString()), path);
    return {};
}

Error canceled(const QString &source) { return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), source); }

namespace cs = checkpointstage;

// RENDITION_TEST_KILL_AFTER_STAGE (see the header): die like a machine would, right after
// `stage`'s checkpoint is on disk.
void testKillAfter(const QString &stage)
{
    static const QString target = qEnvironmentVariable("RENDITION_TEST_KILL_AFTER_STAGE");
    if (!target.isEmpty() && target == stage) ::raise(SIGKILL);
}

// RENDITION_TEST_FAIL_AFTER_STAGE=<stage>[:<marker file>] (see the header): a transient
// error right after `stage`'s checkpoint, once per marker file when one is given.
Status testFailAfter(const QString &stage)
{
    static const QStringList target = qEnvironmentVariable("RENDITION_TEST_FAIL_AFTER_STAGE").split(u':');
    if (target.value(0).isEmpty() || target.value(0) != stage) return {};
    const QString marker = target.value(1);
    if (!marker.isEmpty()) {
        if (QFile::exists(marker)) return {};
        QFile f(marker);
        (void)f.open(QIODevice::WriteOnly);
    }
    return makeError(QStringLiteral("io.read"), QStringLiteral("test hook: a transient read error after %1").arg(stage));
}

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
    void stage(const QString &name, double percent, const QString &message = {}, bool resumed = false)
    {
        ProgressEvent e{name, {}, percent, 0, -1, message};
        e.resumed = resumed;
        if (m_progress) m_progress(e);
    }
    bool isJob() const { return !m_options.jobId.isEmpty() && !m_options.idempotencyKey.isEmpty(); }
    bool resumed(const QString &checkpoint) const { return m_resume.verified.contains(checkpoint); }
    Status prepare(const ProbeResult *probed);
    Status prepareJob();
    Status resumeStages();
    Status loadStage(const QString &checkpoint, const QJsonObject &data, bool apply);
    Status completed(const QString &checkpoint, const QJsonObject &data, const QStringList &outputs);
    Result<PublishedAsset> adoptPublished(const Publisher::PublishedVersion &done);
    QString stagingKeyStore() const;
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
    std::unique_ptr<StageCheckpoint> m_checkpoints; // job runs only
    ResumeState m_resume;                           // stages an earlier attempt completed
    std::optional<PublishedAsset> m_adopted;        // job already published by an earlier attempt
};

Status AssetRun::prepare(const ProbeResult *probed)
{
    stage(QStringLiteral("probe"), 0);
    m_probe = probed ? *probed : rendition::probe(m_source, m_options.probe, m_cancel);
    if (m_cancel.isCanceled()) return canceled(m_source);
    if (m_probe.hasFatal()) return m_probe.rejection();
    stage(QStringLiteral("validate"), 100);
    m_plan = planLadder(m_preset, m_probe);
    if (m_plan.rungs.isEmpty() && (m_preset.audio.isEmpty() || !m_probe.bestAudio()))
        return makeError(QStringLiteral("plan.empty"), QStringLiteral("the preset produces nothing for this source (no video rung fits and no audio)"), m_source);
    if (m_preset.drm.scheme != DrmScheme::None) {
        DrmPolicy policy = m_preset.drm;
        if (!m_options.drmKeyFileOverride.isEmpty())
            policy.keySource = KeySource::KeyFile, policy.keyFile = m_options.drmKeyFileOverride;
        Result<DrmOutcome> drm = prepareDrm(policy, m_cancel); // fail fast on a bad key file
        if (!drm) return drm.error();
        m_drm = std::move(drm).value();
    }
    m_assetName = m_options.assetName.isEmpty() ? assetNameFor(m_source, m_preset) : m_options.assetName;
    m_publisher = std::make_unique<Publisher>(m_options.outRoot, m_assetName);
    if (isJob()) {
        if (Status s = prepareJob(); !s || m_adopted) return s;
    } else {
        m_publisher->removeStaleStaging();
        Result<QString> staging = m_publisher->createStaging();
        if (!staging) return staging.error();
        m_staging = *staging;
    }
    m_job = TranscodeJob{QFileInfo(m_source).absoluteFilePath(), m_probe, m_preset, m_plan, m_staging, std::nullopt,
                         m_preset.loudness.truePeakDbtp};
    if (m_checkpoints) return resumeStages();
    return {};
}

// The job's own staging folder, resumable; or, when an earlier attempt already published
// this key, that version (m_adopted).
Status AssetRun::prepareJob()
{
    if (std::optional<Publisher::PublishedVersion> done = m_publisher->findPublished(m_options.idempotencyKey)) {
        Result<PublishedAsset> adopted = adoptPublished(*done);
        if (!adopted) return adopted.error();
        m_adopted = std::move(adopted).value();
        return {};
    }
    Result<QString> staging = m_publisher->openJobStaging(m_options.jobId);
    if (!staging) return staging.error();
    m_staging = *staging;
    m_publisher->removeStaleStaging(m_options.idempotencyKey);
    m_checkpoints = std::make_unique<StageCheckpoint>(m_staging, Publisher::checkpointDirFor(m_staging), m_options.idempotencyKey);
    Result<bool> earlier = m_checkpoints->open();
    if (!earlier) return earlier.error();
    if (!*earlier) QFile::remove(stagingKeyStore()); // a fresh start: no earlier key belongs to it
    return {};
}

QString AssetRun::stagingKeyStore() const
{
    return QDir(m_publisher->assetDir()).filePath(QStringLiteral("keys/") + QFileInfo(m_staging).fileName() + QStringLiteral(".json"));
}

// Which stages an earlier attempt finished (their outputs verified on disk): load their
// results, say so, and let the run skip them.
Status AssetRun::resumeStages()
{
    const bool loudness = m_preset.loudness.enabled && m_probe.bestAudio() && !m_preset.audio.isEmpty();
    QStringList chain;
    if (loudness) chain << cs::kLoudness;
    chain << cs::kTranscode;
    if (loudness) chain << cs::kRemeasure;
    if (m_preset.qc.enabled) chain << cs::kQc;
    if (m_drm) chain << cs::kEncrypt;
    QList<QStringList> chains{chain};
    if (m_preset.thumbnails.enabled && m_probe.bestVideo()) chains.prepend({cs::kThumbnails});
    auto parses = [this](const QString &name, const QJsonObject &data) { return loadStage(name, data, false).ok(); };
    auto log = [this](const QString &line) { stage(QStringLiteral("resume"), 0, line); };
    m_resume = m_checkpoints->resume(chains, parses, log);
    for (const QStringList &c : std::as_const(chains))
        for (const QString &name : c)
            if (resumed(name)) {
                if (Status s = loadStage(name, m_resume.data.value(name), true); !s) return s; // parsed above
                stage(name, 100, QStringLiteral("resumed from the checkpoint of an earlier attempt"), true);
            }
    return {};
}

Status AssetRun::loadStage(const QString &name, const QJsonObject &data, bool apply)
{
    if (name == cs::kThumbnails || name == cs::kLoudness || name == cs::kRemeasure || name == cs::kQc) {
        if (name == cs::kThumbnails) {
            Result<ThumbnailResult> r = thumbnailsFromJson(data);
            if (!r) return r.error();
            if (apply) m_thumbnails = std::move(r).value();
        } else if (name == cs::kQc) {
            Result<QcReport> r = QcReport::fromJson(data);
            if (!r) return r.error();
            if (apply) m_qc = std::move(r).value();
        } else {
            Result<LoudnessOutcome> r = loudnessFromJson(data, m_preset.loudness);
            if (!r) return r.error();
            if (apply) m_job.normalization = r->plan;
            if (apply) m_loudness = std::move(r).value();
        }
        return {};
    }
    const bool encrypt = name == cs::kEncrypt;
    if (!encrypt && name != cs::kTranscode) return makeError(QStringLiteral("checkpoint.invalid"), QStringLiteral("unknown stage ") + name);
    Result<TranscodeResult> r = transcodeFromJson(encrypt ? data.value(QStringLiteral("result")).toObject() : data, m_staging, m_plan, m_preset);
    if (!r) return r.error();
    std::optional<DrmOutcome> drm;
    if (encrypt) { // the key the tracks were encrypted with: from the key store, never from the checkpoint
        const QJsonObject d = data.value(QStringLiteral("drm")).toObject();
        Result<cenc::ContentKey> key = readKeyStore(stagingKeyStore(), d.value(QStringLiteral("kid")).toString());
        if (!key) return key.error();
        Result<DrmOutcome> loaded = drmFromJson(d, *key);
        if (!loaded) return loaded.error();
        drm = std::move(loaded).value();
    }
    if (!apply) return {};
    m_result = std::move(r).value();
    if (drm) {
        m_drm = std::move(drm);
        m_playlistDrm = playlistDrm(*m_drm);
        m_stagingKeys = stagingKeyStore();
    }
    return {};
}

// A stage finished: checkpoint it (job runs), then the test hook.
Status AssetRun::completed(const QString &name, const QJsonObject &data, const QStringList &outputs)
{
    if (!m_checkpoints) return {};
    if (Status s = m_checkpoints->write(name, data, outputs, m_cancel); !s) return s;
    testKillAfter(name);
    return testFailAfter(name);
}

// An earlier attempt published this key and died before the queue heard of it: finish what
// that publish may not have (the `current` link, the key file's name) and return it.
Result<PublishedAsset> AssetRun::adoptPublished(const Publisher::PublishedVersion &done)
{
    PublishedAsset out;
    out.assetName = m_assetName;
    out.assetDir = m_publisher->assetDir();
    out.version = done.version;
    out.versionDir = QDir(out.assetDir).filePath(done.version);
    out.manifest = done.manifest;
    const QString current = QFileInfo(QDir(out.assetDir).filePath(QStringLiteral("current"))).symLinkTarget();
    const bool isCurrent = QFileInfo(current).fileName() == done.version;
    if (done.manifest.value(QStringLiteral("status")).toString() == u"qc_failed") {
        out.status = PublishedAsset::Status::QcFailed;
    } else if (m_preset.qc.requireApproval && !isCurrent) {
        out.status = PublishedAsset::Status::AwaitingApproval;
    } else {
        out.status = PublishedAsset::Status::Published;
        if (!isCurrent && m_publisher->newestVersion() == done.version) // the swap after the rename never happened
            if (Status s = Publisher::pointCurrentAt(out.assetDir, done.version); !s) return s.error();
    }
    const QDir keys(QDir(out.assetDir).filePath(QStringLiteral("keys")));
    const QString stagingKeys = keys.filePath(Publisher::jobStagingName(m_options.jobId) + QStringLiteral(".json"));
    const QString finalKeys = keys.filePath(done.version + QStringLiteral(".json"));
    if (QFileInfo::exists(stagingKeys) && !QFileInfo::exists(finalKeys) && !QFile::rename(stagingKeys, finalKeys))
        return makeError(QStringLiteral("drm.key_store"), QStringLiteral("published %1 but could not name its key file").arg(done.version), finalKeys);
    m_publisher->removeStaleStaging(m_options.idempotencyKey); // the dead attempt's lock and checkpoints
    stage(QStringLiteral("publish"), 100, QStringLiteral("already published as %1 by an earlier attempt").arg(done.version), true);
    return out;
}

Status AssetRun::analyseAndTranscode()
{
    const bool hasVideo = m_probe.bestVideo() != nullptr;
    const bool hasAudio = m_probe.bestAudio() != nullptr && !m_preset.audio.isEmpty();
    // Thumbnails run beside loudness analysis and the transcode (seek-based and cheap).
    QFuture<Result<ThumbnailResult>> thumbs;
    if (m_preset.thumbnails.enabled && hasVideo && !resumed(cs::kThumbnails)) {
        const QString dir = QDir(m_staging).filePath(QStringLiteral("thumbnails"));
        QDir().mkpath(dir);
        ThumbnailOptions o;
        o.intervalSeconds = m_preset.thumbnails.intervalSeconds;
        o.tileWidth = m_preset.thumbnails.tileWidth;
        o.tileHeight = m_preset.thumbnails.tileHeight;
        o.columns = m_preset.thumbnails.columns;
        o.rows = m_preset.thumbnails.rows;
        o.jpegQuality = m_preset.thumbnails.jpegQuality;
        thumbs = QtConcurrent::run([this, dir, o]() -> Result<ThumbnailResult> {
            Result<ThumbnailResult> t = makeThumbnails(m_source, dir, o, m_progress, m_cancel);
            if (!t) return t;
            if (Status s = completed(cs::kThumbnails, thumbnailsToJson(*t), {QStringLiteral("thumbnails")}); !s) return s.error();
            return t;
        });
    }
    Status status;
    if (m_preset.loudness.enabled && hasAudio && !resumed(cs::kLoudness)) {
        stage(QStringLiteral("loudness"), 0);
        Result<LoudnessOutcome> loud = analyseSourceLoudness(m_source, m_preset, m_progress, m_cancel);
        if (loud) {
            m_loudness = std::move(loud).value();
            m_job.normalization = m_loudness->plan;
            status = completed(cs::kLoudness, loudnessToJson(*m_loudness), {});
        } else {
            status = loud.error();
        }
    }
    if (status.ok() && !resumed(cs::kTranscode)) {
        Result<TranscodeResult> result = transcode(m_job, m_progress, m_cancel);
        if (result) m_result = std::move(result).value();
        else status = result.error();
        if (status.ok()) status = completed(cs::kTranscode, transcodeToJson(m_result, m_staging), transcodeOutputs(m_result, m_staging));
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
    if (m_loudness && !resumed(cs::kRemeasure)) {
        stage(QStringLiteral("loudness"), 50, QStringLiteral("measuring the encoded audio"));
        m_loudness->renditions.clear();
        if (Status s = measureOutputs(*m_loudness, m_result, m_staging, m_cancel); !s) return s;
        if (Status s = saveJson(QDir(m_staging).filePath(QStringLiteral("loudness.json")), m_loudness->curvesJson()); !s) return s;
        if (Status s = completed(cs::kRemeasure, loudnessToJson(*m_loudness), {QStringLiteral("loudness.json")}); !s) return s;
        stage(QStringLiteral("loudness"), 100);
    }
    if (m_preset.qc.enabled && !resumed(cs::kQc)) {
        stage(QStringLiteral("qc"), 0);
        Result<QcReport> qc = runQc(qcInputFor(m_job, m_result), m_preset.qc.rules, m_progress, m_cancel);
        if (!qc) return qc.error();
        m_qc = std::move(qc).value();
        if (Status s = saveJson(QDir(m_staging).filePath(QStringLiteral("qc.json")), m_qc->toJson()); !s) return s;
        if (Status s = completed(cs::kQc, m_qc->toJson(), {QStringLiteral("qc.json")}); !s) return s;
        stage(QStringLiteral("qc"), 100, m_qc->passed() ? QStringLiteral("passed") : QStringLiteral("failed"));
    }
    if (m_drm && !resumed(cs::kEncrypt)) {
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
    const QJsonObject data{{QStringLiteral("drm"), drmToJson(*m_drm)}, {QStringLiteral("result"), transcodeToJson(m_result, m_staging)}};
    if (Status s = completed(cs::kEncrypt, data, transcodeOutputs(m_result, m_staging)); !s) return s;
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
    if (isJob()) // lets a later attempt find this version (adoptPublished) and readers trace it to its job
        manifest.insert(QStringLiteral("job"), QJsonObject{{QStringLiteral("id"), m_options.jobId},
                                                           {QStringLiteral("idempotency_key"), m_options.idempotencyKey}});
    const bool gated = qcPassed && m_preset.qc.requireApproval; // approval gate: publish, keep `current`
    if (gated) out.status = PublishedAsset::Status::AwaitingApproval;
    Result<QString> version = m_publisher->publish(m_staging, manifest, qcPassed && !gated ? Publisher::Current::Move : Publisher::Current::Keep);
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
    if (s.ok() && m_adopted) return *m_adopted;
    if (s.ok()) s = analyseAndTranscode();
    if (s.ok()) s = finishPackage();
    if (s.ok() && m_cancel.isCanceled()) s = canceled(m_source);
    Result<PublishedAsset> out = s.ok() ? publish() : Result<PublishedAsset>(s.error());
    // A job run that failed for a transient reason keeps its staging folder, its verified
    // checkpoints and its key: the retry resumes after the last completed stage. Anything
    // else (permanent error, cancel, a plain run) leaves nothing behind.
    const bool resumable = !out && isJob() && !m_cancel.isCanceled() && RetryPolicy::isTransient(out.error());
    if (resumable && m_publisher) m_publisher->keepForRetry();
    else if (!out && m_publisher && !m_staging.isEmpty()) m_publisher->discard(m_staging);
    if (!resumable && !m_stagingKeys.isEmpty()) QFile::remove(m_stagingKeys); // never leave a key without its package
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
