#pragma once
// Random access to a source's video by keyframe, for thumbnails: picks the keyframe nearest
// a time from the demuxer's index (the closer of the one before and the one after), seeks to
// it and decodes that one picture — the keyframe packet is sent alone and the decoder drained,
// so no other frame of the title is decoded. Non-key packets met after a seek are dropped
// before the decoder (the effect of skip_frame = AVDISCARD_NONKEY without even parsing them).
// Without an index (e.g. MPEG-TS), or past its end, each grab seeks a little before the time
// and reads packet headers to find the keyframe nearest the time, no earlier than the time
// minus a slack (half the tile interval); past the last keyframe, the last one. Single-threaded: one instance per thread. Times are seconds from the
// video stream's first timestamp. Frames returned are new references the caller owns.

#include "core/media/FFmpegPtr.h"
#include "core/util/Progress.h"

#include <memory>

namespace rendition {

class KeyframeGrabber {
public:
    // Errors: thumbnails.open (unreadable / not media), thumbnails.no_video,
    // thumbnails.no_duration; context = path. decoderThreads: slice threads (≥ 1).
    static Result<std::unique_ptr<KeyframeGrabber>> open(const QString &path, int decoderThreads,
                                                        const CancelToken &cancel);
    ~KeyframeGrabber();

    double durationSeconds() const { return m_durationSeconds; }
    int width() const;
    int height() const;
    AVRational sampleAspectRatio() const; // 1:1 when the file does not say

    // Index timestamp of the keyframe nearest `seconds`; AV_NOPTS_VALUE without an index or
    // when no keyframe after `seconds` is known. Two times with the same answer (not
    // AV_NOPTS_VALUE) show the same picture.
    int64_t nearestKeyframe(double seconds) const;

    // The picture of the keyframe nearest `seconds`. Without an index: the nearest one
    // presented at or after seconds − slackSeconds. Errors: canceled, thumbnails.decode
    // (nothing decodable there), thumbnails.seek.
    Result<av::FramePtr> grab(double seconds, double slackSeconds = 0);

    // Seconds from the stream start of the keyframe `key` (a nearestKeyframe() answer).
    double keyframeSeconds(int64_t key) const;

    // The picture presented at `seconds` exactly: seeks to the keyframe at or before it and
    // decodes forward up to it. Costs up to one GOP of decoding; used when the nearest
    // keyframe is too far from the wanted time (long-GOP sources).
    Result<av::FramePtr> grabExact(double seconds);

    // Seconds from the stream start of a frame this grabber returned.
    double frameSeconds(const AVFrame *frame) const;
    int framesDecoded() const { return m_framesDecoded; }
    QString path() const { return m_path; }

private:
    KeyframeGrabber() = default;
    static int interruptCallback(void *opaque);
    Error canceledError() const;
    int64_t toStreamTime(double seconds) const;
    Status seekTo(int64_t timestamp);
    // Reads the next packet of the video stream into m_packet; false at end of file.
    Result<bool> readVideoPacket();
    // Sends m_packet (or the drain signal when null) and collects frames; the first is kept.
    void decode(const AVPacket *packet, av::FramePtr &first);
    // Skips packets until a keyframe at or after the index timestamp `key`, sends it alone
    // and drains the decoder.
    Result<av::FramePtr> decodeKeyframeAlone(int64_t key);
    // Without an index: of the keyframes presented from `earliest` on, the one nearest
    // `target` (stream time base), decoded alone; null if none.
    Result<av::FramePtr> decodeNearestKeyframeByTime(int64_t target, int64_t earliest);
    // Sends m_packet alone and drains the decoder: its picture, or null.
    av::FramePtr decodePacketAlone();
    // Reads back from `limit` (doubling the step) for the last keyframe presented at or
    // before it, and decodes that one alone.
    Result<av::FramePtr> decodeLastKeyframeBefore(int64_t limit);
    Result<av::FramePtr> decodeForward();

    QString m_path;
    CancelToken m_cancel;
    av::FormatInputPtr m_fmt;
    av::CodecContextPtr m_dec;
    av::PacketPtr m_packet;
    av::FramePtr m_scratch;
    AVStream *m_stream = nullptr; // owned by m_fmt
    int64_t m_origin = 0;         // first pts, stream time base
    int64_t m_indexToPts = 0;     // index timestamps are dts: pts ≈ dts + this (reorder delay)
    bool m_hasIndex = false;      // the demuxer's header gave a keyframe index
    double m_durationSeconds = 0;
    bool m_exactActive = false;                   // grabExact() left the decoder mid-GOP
    int64_t m_exactGopKey = AV_NOPTS_VALUE;       // index timestamp of that GOP's keyframe
    int64_t m_lastDecodedPts = AV_NOPTS_VALUE;    // pts of the last picture it decoded
    int m_framesDecoded = 0;
};

} // namespace rendition
