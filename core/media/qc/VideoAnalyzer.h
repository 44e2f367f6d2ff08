#pragma once
// One pass over a decoded video rendition: black and frozen picture segments, frame
// count, duration and decode errors.
//
// Units and thresholds:
// - Times are program seconds: stream pts − demuxer shift (RenditionTimeline.h) −
//   startOffsetSeconds. A frame covers [pts, pts + its duration).
// - Black: a frame is black when ≥ blackPixelRatio (98 %) of its luma samples are ≤ the
//   black level. Limited range: 16 + blackLevel × 219 (8-bit code values; × 2^(depth−8)
//   at higher bit depths). Full range (yuvj*, color_range = pc): blackLevel × (2^depth − 1).
// - Frozen: the mean absolute luma difference to the previous frame, normalised to full
//   scale (0..1), is ≤ 10^(freezeNoiseDb / 20) — FFmpeg freezedetect's convention: −60 dB
//   = 0.001 ≈ 0.26 code values at 8 bits. Encoded output is not bit-exact while still:
//   after a cut to a still picture the encoder refines it over a few frames, and a
//   keyframe codes it afresh. So a frame within kKeyframeFreezeSlackDb (20 dB) of the
//   tolerance is "nearly still": keyframes that are nearly still count as still, and a
//   frozen span (which needs still frames) extends over nearly-still frames for up to
//   kFreezeSettleSeconds before its first and after its last still frame (hysteresis;
//   real motion differs by several code values and breaks the span). A frozen span
//   starts at the first of the repeated frames. Black frames (when black is detected)
//   are reported as black, never as frozen.
// - Spans shorter than the min durations are not reported.
// Pixel formats: any planar/semi-planar YUV or gray (8..16 bit) is read directly; others
// are converted to 8-bit gray with swscale first.

#include "core/media/FFmpegPtr.h"
#include "core/media/qc/SegmentTracker.h"
#include "core/util/Progress.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace rendition {

inline constexpr double kKeyframeFreezeSlackDb = 20.0;
inline constexpr double kFreezeSettleSeconds = 1.0;

struct VideoAnalyzerOptions {
    bool detectBlack = true;
    double blackLevel = 0.10;       // 0..1 of the nominal luma range
    double blackPixelRatio = 0.98;  // share of samples at or below the level
    double minBlackSeconds = 0;
    bool detectFreeze = true;
    double freezeNoiseDb = -60;
    double minFreezeSeconds = 0;
    double startOffsetSeconds = 0;  // package timeline shift, removed from every time
};

struct VideoFindings {
    QList<TimeSpan> black;
    QList<TimeSpan> frozen;
    qint64 frames = 0;
    double startSeconds = 0;    // program time of the first frame
    double durationSeconds = 0; // first frame start to last frame end
    int decodeErrors = 0;
    int width = 0;
    int height = 0;
};

// Receives the program time reached, about once per second of media. May be empty.
using MediaPosition = std::function<void(double seconds)>;

class VideoAnalyzer {
public:
    explicit VideoAnalyzer(const VideoAnalyzerOptions &options);
    ~VideoAnalyzer();

    // One decoded frame (not kept beyond the next call; a reference is taken).
    Status addFrame(const AVFrame *frame, double startSeconds, double durationSeconds);
    // A frame straight from a RenditionReader: its time and duration come from the stream
    // (pts − shiftSeconds − startOffsetSeconds; a frame without pts follows the previous one).
    Status addReaderFrame(const AVFrame *frame, const AVStream *stream, double shiftSeconds);
    double lastFrameSeconds() const { return m_lastStart; }
    VideoFindings finish();

    // The whole rendition through a RenditionReader. Errors: the reader's (qc.open, …), "canceled".
    static Result<VideoFindings> analyze(const QStringList &files, const VideoAnalyzerOptions &options,
                                         const MediaPosition &position, const CancelToken &cancel);

private:
    struct Luma;
    Result<av::FramePtr> lumaSource(const AVFrame *frame);

    VideoAnalyzerOptions m_options;
    SegmentTracker m_black;
    // Frames of the current run of still or nearly-still frames (see the header comment).
    struct FreezeFrame {
        double startSeconds = 0;
        double endSeconds = 0;
        bool still = false;
    };
    void closeFreezeRun();
    std::vector<FreezeFrame> m_run;
    double m_runPreviousStart = 0; // start of the frame the run's first frame repeats
    QList<TimeSpan> m_frozen;
    av::FramePtr m_previous;     // luma source of the previous frame
    av::SwsPtr m_toGray;
    double m_previousStart = 0;
    VideoFindings m_findings;
    double m_endSeconds = 0;
    double m_lastStart = 0;
    double m_lastDuration = 0;
};

} // namespace rendition
