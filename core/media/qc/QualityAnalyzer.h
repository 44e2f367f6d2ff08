#pragma once
// PSNR-Y and SSIM-Y of video renditions against their source, in ONE decode of the
// source for all renditions.
//
// - The source is decoded with SourceReader (deinterlaced like the transcode when asked)
//   and, for each compared frame, scaled with swscale bicubic to the rendition's W×H
//   yuv420p; the rendition's frame is converted to yuv420p too if it is not already.
// - Frames are matched by program time: source pts − source origin against rendition
//   pts − demuxer shift − startOffsetSeconds, within half a frame.
// - Sampling: metrics are computed on the first source frame of every 1/samplesPerSecond
//   slot (default 2 frames per second of media); every frame is still decoded. This keeps
//   QC a fraction of the transcode time while covering every second of the programme.
// - Every rendition frame decoded here also goes through a VideoAnalyzer (the target's
//   options: black/freeze on or off), and each rendition is read to its end, so the
//   stage decodes each rendition once: QualityFindings::video has its frames, duration,
//   decode errors (and black/frozen spans when asked).
// - Units: PSNR in dB (identical planes: kPsnrCapDb), SSIM 0..1; average and minimum
//   over the compared frames. The PSNR average is that of the mean MSE (as FFmpeg's psnr
//   filter reports it), so a few perfect frames (black, capped at 100 dB) do not inflate it.

#include "core/media/qc/PictureMetrics.h"
#include "core/media/qc/VideoAnalyzer.h" // MediaPosition

namespace rendition {

struct QualityTarget {
    QString name;
    QStringList files; // the rendition, playback order
    int width = 0;
    int height = 0;
    VideoAnalyzerOptions analysis; // startOffsetSeconds is taken from QualityOptions
};

struct QualityOptions {
    double samplesPerSecond = 2.0; // ≤ 0: every frame
    double startOffsetSeconds = 0;
    bool deinterlaceSource = false;
};

struct QualityFindings {
    QString name;
    int framesCompared = 0;
    double psnrAverageDb = 0;
    double psnrMinDb = 0;
    double ssimAverage = 0;
    double ssimMin = 0;
    VideoFindings video;          // the rendition read to its end (see above)
    QString error; // non-empty: this rendition could not be read (the others still are)
};

struct QualityResult {
    QList<QualityFindings> renditions; // in the order of the targets
    int sourceDecodeErrors = 0;
};

class QualityAnalyzer {
public:
    // Errors: the source cannot be opened or has no video (qc.source_*), "canceled".
    static Result<QualityResult> analyze(const QString &sourcePath, const QList<QualityTarget> &targets,
                                         const QualityOptions &options, const MediaPosition &position,
                                         const CancelToken &cancel);
};

} // namespace rendition
