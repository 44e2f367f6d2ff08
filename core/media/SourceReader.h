#pragma once
// Demuxes one source and decodes its chosen video and audio streams, once.
// Video frames optionally pass a deinterlacer (bwdif). Single-threaded use: the
// job's demux thread calls next() until End. Frames are new references the caller owns.
// Corrupt packets are counted (decodeErrors()) and skipped rather than ending the job.

#include "core/media/FFmpegPtr.h"
#include "core/util/Progress.h"

#include <deque>
#include <memory>

namespace rendition {

struct DecodedFrame {
    enum class Kind { Invalid = 0, Video, Audio, End };
    Kind kind = Kind::Invalid;
    av::FramePtr frame;
};

struct SourceReaderOptions {
    bool video = true;
    bool audio = true;
    bool deinterlace = false;
    int decoderThreads = 0; // 0 = automatic
};

class SourceReader {
public:
    static Result<std::unique_ptr<SourceReader>> open(const QString &path, const SourceReaderOptions &options,
                                                      const CancelToken &cancel);
    ~SourceReader();

    Result<DecodedFrame> next();

    const AVStream *videoStream() const { return m_videoIndex >= 0 ? m_fmt->streams[m_videoIndex] : nullptr; }
    const AVStream *audioStream() const { return m_audioIndex >= 0 ? m_fmt->streams[m_audioIndex] : nullptr; }
    const AVCodecContext *audioDecoder() const { return m_audioDec.get(); }
    AVRational videoFrameRate() const; // guessed average frame rate
    // Common origin (seconds) subtracted from every stream so the output starts at zero.
    double originSeconds() const { return m_originSeconds; }
    int decodeErrors() const { return m_decodeErrors; }
    QString path() const { return m_path; }

private:
    SourceReader() = default;
    Status openDecoder(int streamIndex, av::CodecContextPtr &out, int threads);
    Status receiveFrames(AVCodecContext *dec, DecodedFrame::Kind kind);
    Status filterVideo(AVFrame *frame); // nullptr = flush
    Status buildDeinterlacer(const AVFrame *first);

    static int interruptCallback(void *opaque);

    QString m_path;
    CancelToken m_cancel;
    av::FormatInputPtr m_fmt;
    av::CodecContextPtr m_videoDec;
    av::CodecContextPtr m_audioDec;
    av::FilterGraphPtr m_graph;
    AVFilterContext *m_bufferSrc = nullptr;  // owned by m_graph
    AVFilterContext *m_bufferSink = nullptr; // owned by m_graph
    int m_videoIndex = -1;
    int m_audioIndex = -1;
    bool m_deinterlace = false;
    bool m_eof = false;
    int m_decodeErrors = 0;
    double m_originSeconds = 0;
    av::PacketPtr m_packet;
    std::deque<DecodedFrame> m_ready;
};

} // namespace rendition
