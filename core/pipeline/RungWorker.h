#pragma once
// One video rendition on its own thread: scale (swscale) → encode → package.
// The demux thread push()es every decoded frame (shared, read-only) with the
// pts and keyframe decisions already made, so every rung puts keyframes and segment
// boundaries at identical timestamps. A failure stops all rungs through `stop`.
//
// Decode times are not the encoder's: packet j (in decode order) gets dts = the pts of the
// frame pushed `decodeDelayFrames` frames before the j-th frame pushed (extrapolated by
// `frameTicks` before the first). The delay is program-wide (the preset's B-frame count), so
// every rung has the same dts sequence and the same non-negative composition offsets whatever
// its own encoder's reorder depth (profile, pyramid, hardware or software) — and readers that
// shift pts by the largest negative offset (FFmpeg's mov demuxer) see identical times.

#include "core/media/TrackWriter.h"
#include "core/media/VideoEncoder.h"
#include "core/util/BlockingQueue.h"

#include <atomic>
#include <deque>
#include <memory>
#include <set>
#include <thread>

namespace rendition {

struct FanFrame {
    std::shared_ptr<const AVFrame> frame; // decoded source frame; never modified
    qint64 pts = 0;                       // in the encoder's time base
    qint64 duration = 1;                  // in the encoder's time base
    bool keyframe = false;                // force an IDR here
    bool segmentStart = false;            // and start a new segment with it
};

class RungWorker {
public:
    RungWorker(QString name, std::unique_ptr<VideoEncoder> encoder, std::unique_ptr<TrackWriter> writer,
               CancelToken stop, size_t queueDepth);
    ~RungWorker();

    // Before start(): the program-wide decode delay (frames) and a frame's duration (ticks).
    void setDecodeDelay(int frames, qint64 frameTicks);
    void start();
    bool push(FanFrame f) { return m_queue.push(std::move(f)); }
    void endOfInput() { m_queue.close(); }
    // Waits for the thread; returns its outcome and the packaged track.
    Result<TrackRecord> join();

    qint64 framesEncoded() const { return m_frames.load(std::memory_order_relaxed); }
    const VideoEncoder &encoder() const { return *m_encoder; }
    QString name() const { return m_name; }

private:
    void run();
    Status encodeOne(const FanFrame &f);
    Status scaleInto(const AVFrame *src, AVFrame *dst);
    Status onPacket(AVPacket *pkt);

    QString m_name;
    std::unique_ptr<VideoEncoder> m_encoder;
    std::unique_ptr<TrackWriter> m_writer;
    CancelToken m_stop;
    BlockingQueue<FanFrame> m_queue;
    std::thread m_thread;
    av::SwsPtr m_sws;
    std::set<qint64> m_segmentStarts;
    std::map<qint64, qint64> m_durations; // pts → duration, for packets the encoder leaves without one
    std::deque<qint64> m_inputPts;        // pts of pushed frames from index m_inputBase on
    qint64 m_inputBase = 0;
    qint64 m_firstInputPts = 0;
    qint64 m_packetsOut = 0;
    qint64 m_lastDts = INT64_MIN;
    int m_decodeDelay = 0;
    qint64 m_frameTicks = 1;
    std::atomic<qint64> m_frames{0};
    std::optional<Error> m_error;
    std::optional<TrackRecord> m_record;
};

} // namespace rendition
