#include "core/pipeline/LoudnessStage.h"

#include "core/media/RenditionReader.h"

#include <QDir>
#include <QJsonArray>

namespace rendition {

QJsonObject LoudnessOutcome::toJson() const
{
    QJsonArray outs;
    for (const Rendition &r : renditions)
        outs.append(QJsonObject{{QStringLiteral("rendition"), r.name},
                                {QStringLiteral("after"), r.after.toJson(false)},
                                {QStringLiteral("limiter_reduction_db"), r.limiterReductionDb}});
    return {{QStringLiteral("target_lufs"), policy.targetLufs},
            {QStringLiteral("true_peak_ceiling_dbtp"), policy.truePeakDbtp},
            {QStringLiteral("over_ceiling"), truePeakPolicyName(policy.overCeiling)},
            {QStringLiteral("before"), source.toJson(false)},
            {QStringLiteral("gain_db"), plan.gainDb},
            {QStringLiteral("limiter"), plan.limiter},
            {QStringLiteral("plan"), plan.toJson()},
            {QStringLiteral("renditions"), outs},
            {QStringLiteral("curves"), QStringLiteral("loudness.json")}};
}

QJsonObject LoudnessOutcome::curvesJson() const
{
    QJsonArray outs;
    for (const Rendition &r : renditions)
        outs.append(QJsonObject{{QStringLiteral("rendition"), r.name}, {QStringLiteral("loudness"), r.after.toJson(true)}});
    return {{QStringLiteral("schema"), QStringLiteral("rendition.loudness/1")},
            {QStringLiteral("target_lufs"), policy.targetLufs},
            {QStringLiteral("source"), source.toJson(true)},
            {QStringLiteral("renditions"), outs}};
}

Result<LoudnessOutcome> analyseSourceLoudness(const QString &source, const Preset &preset, const ProgressSink &progress,
                                              const CancelToken &cancel)
{
    LoudnessOutcome out;
    out.policy = preset.loudness;
    LoudnessMeasureOptions opt;
    opt.truePeak = true;
    opt.downmixChannels = preset.audio.isEmpty() ? 0 : preset.audio.first().channels;
    Result<LoudnessStats> stats = measureLoudness(source, opt, progress, cancel);
    if (!stats) return stats.error();
    out.source = *stats;
    const OverCeiling mode = preset.loudness.overCeiling == TruePeakPolicy::ReduceGain ? OverCeiling::ReduceGain : OverCeiling::Limit;
    out.plan = planNormalization(out.source, preset.loudness.targetLufs, preset.loudness.truePeakDbtp, mode);
    return out;
}

QStringList trackFiles(const TrackRecord &track)
{
    const QDir dir(track.dir);
    QStringList files;
    if (!track.initFile.isEmpty()) files << dir.filePath(track.initFile);
    for (const SegmentRecord &s : track.segments) files << dir.filePath(s.file);
    return files;
}

Result<LoudnessStats> measureRendition(const QStringList &files, const CancelToken &cancel)
{
    auto reader = RenditionReader::open(files, RenditionReader::Media::Audio, cancel);
    if (!reader) return reader.error();
    const AVCodecContext *dec = (*reader)->decoder();
    auto meter = LoudnessMeter::create(dec->ch_layout, dec->sample_rate, true);
    if (!meter) return meter.error();
    for (;;) {
        Result<av::FramePtr> frame = (*reader)->next();
        if (!frame) return frame.error();
        if (!*frame) break;
        const AVFrame *f = frame->get();
        Status s = f->format == AV_SAMPLE_FMT_FLTP ? (*meter)->addPlanar(reinterpret_cast<const float *const *>(f->extended_data), size_t(f->nb_samples))
                 : f->format == AV_SAMPLE_FMT_FLT ? (*meter)->addInterleaved(reinterpret_cast<const float *>(f->data[0]), size_t(f->nb_samples))
                 : Status(makeError(QStringLiteral("loudness.format"), QStringLiteral("the decoded audio is not float"), files.first()));
        if (!s) return s.error();
    }
    return (*meter)->result();
}

Status measureOutputs(LoudnessOutcome &outcome, const TranscodeResult &result, const QString &packageDir,
                      const CancelToken &cancel)
{
    for (const AudioOutput &a : result.audio) {
        const QStringList files = result.progressiveFile.isEmpty() ? trackFiles(a.track)
                                                                   : QStringList{QDir(packageDir).filePath(result.progressiveFile)};
        Result<LoudnessStats> after = measureRendition(files, cancel);
        if (!after) return after.error();
        outcome.renditions.append({a.rendition.name, *after, a.limiterReductionDb});
    }
    return {};
}

} // namespace rendition
