#pragma once
// Resample (swr) + normalize (optional) + frame (audio FIFO) + encode one audio
// rendition. Downmixes 5.1 → stereo/mono with swresample's standard matrix and
// resamples to the rendition's rate into planar float, where the loudness normalizer
// (static gain + true-peak limiter) works; the FIFO holds the encoder's own format
// (planar float for AAC, interleaved float for Opus). Output pts are in 1/sampleRate,
// counted gaplessly from the first input frame's position. Single-threaded use.

#include "core/media/FFmpegPtr.h"
#include "core/media/Loudness.h"
#include "core/model/Preset.h"

#include <functional>
#include <memory>
#include <vector>

struct AVAudioFifo;

namespace rendition {

class AudioEncoder {
public:
    using PacketFn = std::function<Status(AVPacket *)>;

    static Result<std::unique_ptr<AudioEncoder>> open(const AudioRendition &rendition);
    ~AudioEncoder();

    const AVCodecContext *context() const { return m_ctx.get(); }

    // Applies `plan` (gain, limiter at `ceilingDbtp`) to everything pushed from now on.
    Status setNormalization(const NormalizationPlan &plan, double ceilingDbtp);
    double limiterReductionDb() const { return m_normalizer ? m_normalizer->maxGainReductionDb() : 0.0; }

    // `startSeconds`: where this frame sits on the output timeline (used for the first frame only).
    Status push(const AVFrame *decoded, double startSeconds, const PacketFn &fn);
    Status flush(const PacketFn &fn);

private:
    AudioEncoder() = default;
    Status ensureResampler(const AVFrame *in);
    Status drainFifo(bool final, const PacketFn &fn);
    void appendPlanar(const float *const *planes, int frames); // → FIFO in the encoder's format
    void pullNormalized();
    Status sendAndReceive(const AVFrame *frame, const PacketFn &fn);

    QString m_name;
    av::CodecContextPtr m_ctx;
    av::SwrPtr m_swr;
    AVAudioFifo *m_fifo = nullptr; // owned; freed in the destructor
    std::unique_ptr<LoudnessNormalizer> m_normalizer;
    std::vector<std::vector<float>> m_scratch; // per channel
    av::PacketPtr m_packet;
    int m_inRate = 0;
    int m_inFormat = -1;
    AVChannelLayout m_inLayout{};
    qint64 m_nextPts = AV_NOPTS_VALUE;
};

} // namespace rendition
