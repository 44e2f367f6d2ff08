#pragma once
// The QC stage: decodes the packaged renditions (and the source, for PSNR/SSIM), runs
// the analysers and turns their findings into events with the preset's rules.
// Event times are program times: the package's start offset is removed, so a black
// section at 3.0 s in the source is reported at 3.0 s.

#include "core/model/QcReport.h"
#include "core/util/Progress.h"

#include <QStringList>

namespace rendition {

struct QcRendition {
    QString name;
    QString type;               // "video" | "audio"
    QStringList files;          // absolute, playback order (init first)
    int width = 0;
    int height = 0;
    int targetBitrateKbps = 0;  // 0: no target (CRF) — the bitrate check is skipped
    double measuredBitrateBps = 0;
    double durationSeconds = 0;
};

struct QcInput {
    QString sourcePath;
    double sourceDurationSeconds = 0;
    double startOffsetSeconds = 0;   // package timeline shift (manifest package.start_offset_s)
    QList<QcRendition> renditions;
    bool loudnessEnabled = false;
    double targetLufs = -23;
    double ceilingDbtp = -1;
    int sourceDecodeErrors = 0;
    bool deinterlaceSource = false;       // the transcode deinterlaced: compare against the same
    double qualitySamplesPerSecond = 2.0; // PSNR/SSIM frames per second of media (≤ 0: every frame)
};

// Black/freeze are searched in the smallest video rendition only (every rung shows the same
// picture; the smallest decodes fastest); PSNR/SSIM are measured for every video rendition
// in one decode of the source; every rendition is decoded for its duration and decode errors.
// Analysers run concurrently. Progress: stage "qc", percent over all analysers. A rendition
// that cannot be read becomes a Fail event, not an error. Errors: "canceled".
Result<QcReport> runQc(const QcInput &input, const QList<QcRule> &rules, const ProgressSink &progress,
                       const CancelToken &cancel);

} // namespace rendition
