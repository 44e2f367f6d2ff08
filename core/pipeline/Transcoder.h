#pragma once
// One demux + one decode of a source feeding every rung of the ladder and every
// audio rendition, packaged as it is encoded. Video rungs run concurrently (one
// thread each); audio is encoded once per audio rendition on the demux thread.
//
// Timeline: all outputs share one origin (the source's first timestamp) shifted by
// `startOffsetSeconds` (the program offset O: covers the preset's B-frames and the audio
// priming, whole in the video time base and at every audio rate), so decode timestamps are
// never negative and audio and video stay in sync; every rung gets the same pts and dts
// (ARCHITECTURE.md, "One timeline for every track"). Keyframes
// are forced at every GOP boundary (segment duration / keyframes per segment) at the
// same pts on every rung, and segments cut there.

#include "core/media/EncoderSelector.h"
#include "core/media/Loudness.h"
#include "core/media/TrackWriter.h"
#include "core/model/Preset.h"
#include "core/model/ProbeResult.h"
#include "core/pipeline/LadderPlan.h"
#include "core/util/Progress.h"

#include <optional>

namespace rendition {

struct TranscodeJob {
    QString sourcePath;
    ProbeResult probe;
    Preset preset;
    LadderPlan plan;
    QString packageDir; // where rendition folders are written (a staging folder)
    std::optional<NormalizationPlan> normalization; // loudness gain/limiter for every audio rendition
    double ceilingDbtp = -1.0;
};

struct VideoOutput {
    PlannedRung planned;
    EncoderChoice encoder;
    QString codecString;
    AVRational frameRate{0, 1};
    TrackRecord track;
};

struct AudioOutput {
    AudioRendition rendition;
    QString dirName;
    QString encoder;
    QString codecString;
    QString language;
    double limiterReductionDb = 0; // deepest gain reduction the true-peak limiter applied
    TrackRecord track;
};

struct TranscodeResult {
    QList<VideoOutput> video;
    QList<AudioOutput> audio;
    QString progressiveFile;   // relative to packageDir, when packaging.progressiveMp4
    double startOffsetSeconds = 0;
    qint64 framesDecoded = 0;
    int decodeErrors = 0;
    bool deinterlaced = false;
};

Result<TranscodeResult> transcode(const TranscodeJob &job, const ProgressSink &progress, const CancelToken &cancel);

} // namespace rendition
