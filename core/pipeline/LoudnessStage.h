#pragma once
// Loudness in the pipeline: measure the source (audio-only pass), plan the static gain
// (and limiter) for the preset's target, and afterwards re-measure what was actually
// encoded, so the manifest records before/after for every audio rendition.

#include "core/media/Loudness.h"
#include "core/model/Preset.h"
#include "core/pipeline/Transcoder.h"

#include <QJsonObject>

namespace rendition {

struct LoudnessOutcome {
    LoudnessPolicy policy;
    LoudnessStats source;        // before
    NormalizationPlan plan;
    struct Rendition {
        QString name;
        LoudnessStats after;     // measured on the encoded output
        double limiterReductionDb = 0;
    };
    QList<Rendition> renditions;
    QJsonObject toJson() const;      // manifest "loudness" section (no curves)
    QJsonObject curvesJson() const;  // loudness.json: momentary/short-term curves, before and after
};

// Measures the source with the channel count the first audio rendition will have.
Result<LoudnessOutcome> analyseSourceLoudness(const QString &source, const Preset &preset, const ProgressSink &progress,
                                              const CancelToken &cancel);

// Decodes a packaged audio rendition (init + segments) and measures it.
Result<LoudnessStats> measureRendition(const QStringList &files, const CancelToken &cancel);

// Re-measures every encoded audio rendition of `result` (written under packageDir) into `outcome`.
Status measureOutputs(LoudnessOutcome &outcome, const TranscodeResult &result, const QString &packageDir,
                      const CancelToken &cancel);

// Absolute files of a packaged track, in playback order (init first).
QStringList trackFiles(const TrackRecord &track);

} // namespace rendition
