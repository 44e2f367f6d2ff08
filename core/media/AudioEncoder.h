#pragma once
// Resample (swr) + frame (audio FIFO) + encode one audio rendition. Downmixes
// 5.1 → stereo/mono with swresample's standard matrix and resamples to the
// rendition's rate. Output pts are in 1/sampleRate, counted gaplessly from the
// first input frame's position. Single-threaded use.

#include "media/FFmpegPtr.h"
#include "model/Preset.h"

#include <functional>
#include <memory>

struct AVAudioFifo;

namespace rendition {

class AudioEncoder {
public:
    using PacketFn = std::function<Status(AVPacket *)>;

    static Result<std::unique_ptr<AudioEncoder>> open(const AudioRendition &rendition);
    ~AudioEncoder();

    const AVCodecContext *context() const { return m_ctx.get(); }

    // `startSeconds`: where this frame sits on the output timeline (used for the first frame only).
    Status push(const AVFrame *decoded, double startSeconds, const PacketFn &fn);
    Status flush(const PacketFn &fn);

private:
    AudioEncoder() = default;
    Status ensureResampler(const AVFrame *in);
    Status drainFifo(bool final, const PacketFn &fn);
    Status sendAndReceive(const AVFrame *frame, const PacketFn &fn);

    QString m_name;
    av::CodecContextPtr m_ctx;
    av::SwrPtr m_swr;
    AVAudioFifo *m_fifo = nullptr; // owned; freed in the destructor
    av::PacketPtr m_packet;
    int m_inRate = 0;
    int m_inFormat = -1;
    AVChannelLayout m_inLayout{};
    qint64 m_nextPts = AV_NOPTS_VALUE;
};

} // namespace rendition
