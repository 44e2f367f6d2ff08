#include "core/pipeline/QcStage.h"

#include "core/pipeline/LoudnessStage.h"
#include "core/pipeline/PlaylistWriter.h"

#include <QDir>

namespace rendition {

QcInput qcInputFor(const TranscodeJob &job, const TranscodeResult &result)
{
    QcInput in;
    in.sourcePath = job.sourcePath;
    in.sourceDurationSeconds = job.probe.durationSeconds;
    in.startOffsetSeconds = result.startOffsetSeconds;
    in.loudnessEnabled = job.preset.loudness.enabled && job.normalization.has_value();
    in.targetLufs = job.preset.loudness.targetLufs;
    in.ceilingDbtp = job.preset.loudness.truePeakDbtp;
    in.sourceDecodeErrors = result.decodeErrors;
    in.deinterlaceSource = result.deinterlaced; // compare against the picture we actually encoded
    const QString progressive = result.progressiveFile.isEmpty() ? QString() : QDir(job.packageDir).filePath(result.progressiveFile);
    for (const VideoOutput &v : result.video) {
        QcRendition r;
        r.name = v.planned.dirName;
        r.type = QStringLiteral("video");
        r.files = progressive.isEmpty() ? trackFiles(v.track) : QStringList{progressive};
        r.width = v.planned.width;
        r.height = v.planned.height;
        const RateControl &rc = v.planned.rung.rateControl;
        r.targetBitrateKbps = (rc.mode == RateControlMode::Vbr || rc.mode == RateControlMode::Cbr) ? rc.bitrateKbps : 0;
        r.measuredBitrateBps = progressive.isEmpty() ? measure(v.track).averageBps : 0;
        r.durationSeconds = v.track.durationSeconds();
        in.renditions.append(r);
    }
    for (const AudioOutput &a : result.audio) {
        QcRendition r;
        r.name = a.dirName;
        r.type = QStringLiteral("audio");
        r.files = progressive.isEmpty() ? trackFiles(a.track) : QStringList{progressive};
        r.durationSeconds = a.track.durationSeconds();
        in.renditions.append(r);
    }
    return in;
}

} // namespace rendition
