#include "core/media/AudioEncoder.h"

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
}

#include <cmath>

namespace rendition {

AudioEncoder::~AudioEncoder()
{
    if (m_fifo) av_audio_fifo_free(m_fifo);
    av_channel_layout_uninit(&m_inLayout);
}

Result<std::unique_ptr<AudioEncoder>> AudioEncoder::open(const AudioRendition &r)
{
    const char *name = r.codec == AudioCodec::Opus ? "libopus" : "aac";
    const AVCodec *codec = avcodec_find_encoder_by_name(name);
    if (!codec) return makeError(QStringLiteral("encoder.not_found"), QStringLiteral("this FFmpeg build has no %1 encoder").arg(QLatin1String(name)), r.name);
    std::unique_ptr<AudioEncoder> enc(new AudioEncoder);
    enc->m_name = r.name;
    enc->m_ctx = av::makeCodecContext(codec);
    enc->m_packet = av::makePacket();
    AVCodecContext *ctx = enc->m_ctx.get();
    av_channel_layout_default(&ctx->ch_layout, r.channels);
    ctx->sample_rate = r.codec == AudioCodec::Opus ? 48000 : r.sampleRate;
    // Float formats only: the normalizer works in float and nothing is lost on the way.
    ctx->sample_fmt = AV_SAMPLE_FMT_NONE;
    for (const AVSampleFormat *f = codec->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE; ++f)
        if (*f == AV_SAMPLE_FMT_FLTP || *f == AV_SAMPLE_FMT_FLT) { ctx->sample_fmt = *f; break; }
    if (ctx->sample_fmt == AV_SAMPLE_FMT_NONE)
        return makeError(QStringLiteral("encoder.format"), QStringLiteral("the %1 encoder takes no float samples").arg(QLatin1String(name)), r.name);
    ctx->bit_rate = qint64(r.bitrateKbps) * 1000;
    ctx->time_base = AVRational{1, ctx->sample_rate};
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (r.codec == AudioCodec::Aac) ctx->profile = FF_PROFILE_AAC_LOW;
    const int rc = avcodec_open2(ctx, codec, nullptr);
    if (rc < 0) return av::avError(QStringLiteral("encoder.open"), rc, QStringLiteral("could not open the audio encoder"), r.name);
    enc->m_fifo = av_audio_fifo_alloc(ctx->sample_fmt, ctx->ch_layout.nb_channels, ctx->frame_size > 0 ? ctx->frame_size * 4 : 4096);
    return enc;
}

Status AudioEncoder::ensureResampler(const AVFrame *in)
{
    if (m_swr && in->sample_rate == m_inRate && in->format == m_inFormat && !av_channel_layout_compare(&in->ch_layout, &m_inLayout))
        return {};
    SwrContext *raw = nullptr;
    AVChannelLayout inLayout{};
    if (in->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(&inLayout, in->ch_layout.nb_channels);
    else av_channel_layout_copy(&inLayout, &in->ch_layout);
    int rc = swr_alloc_set_opts2(&raw, &m_ctx->ch_layout, AV_SAMPLE_FMT_FLTP, m_ctx->sample_rate, &inLayout,
                                 AVSampleFormat(in->format), in->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    m_swr.reset(raw);
    if (rc >= 0) rc = swr_init(raw);
    if (rc < 0) return av::avError(QStringLiteral("transcode.resample"), rc, QStringLiteral("could not set up resampling"), m_name);
    m_inRate = in->sample_rate;
    m_inFormat = in->format;
    av_channel_layout_uninit(&m_inLayout);
    av_channel_layout_copy(&m_inLayout, &in->ch_layout);
    return {};
}

Status AudioEncoder::push(const AVFrame *in, double startSeconds, const PacketFn &fn)
{
    if (Status s = ensureResampler(in); !s) return s;
    if (m_nextPts == AV_NOPTS_VALUE) m_nextPts = std::llround(std::max(0.0, startSeconds) * m_ctx->sample_rate);
    const int outMax = int(swr_get_out_samples(m_swr.get(), in->nb_samples)) + 32;
    const int channels = m_ctx->ch_layout.nb_channels;
    m_scratch.resize(size_t(channels));
    std::vector<float *> planes(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c) {
        m_scratch[size_t(c)].resize(size_t(outMax));
        planes[size_t(c)] = m_scratch[size_t(c)].data();
    }
    const int n = swr_convert(m_swr.get(), reinterpret_cast<uint8_t **>(planes.data()), outMax,
                              const_cast<const uint8_t **>(in->extended_data), in->nb_samples);
    if (n < 0) return av::avError(QStringLiteral("transcode.resample"), n, QStringLiteral("resampling failed"), m_name);
    if (m_normalizer) {
        m_normalizer->push(planes.data(), n);
        pullNormalized();
    } else {
        appendPlanar(planes.data(), n);
    }
    return drainFifo(false, fn);
}

Status AudioEncoder::setNormalization(const NormalizationPlan &plan, double ceilingDbtp)
{
    auto n = LoudnessNormalizer::create(m_ctx->ch_layout.nb_channels, m_ctx->sample_rate, plan, ceilingDbtp);
    if (!n) return n.error();
    m_normalizer = std::move(n).value();
    return {};
}

void AudioEncoder::appendPlanar(const float *const *planes, int frames)
{
    if (frames <= 0) return;
    const int channels = m_ctx->ch_layout.nb_channels;
    if (m_ctx->sample_fmt == AV_SAMPLE_FMT_FLTP) {
        av_audio_fifo_write(m_fifo, reinterpret_cast<void **>(const_cast<float **>(planes)), frames);
        return;
    }
    std::vector<float> interleaved(size_t(frames) * size_t(channels));
    for (int i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c) interleaved[size_t(i) * size_t(channels) + size_t(c)] = planes[c][i];
    void *data[1] = {interleaved.data()};
    av_audio_fifo_write(m_fifo, data, frames);
}

void AudioEncoder::pullNormalized()
{
    const int channels = m_ctx->ch_layout.nb_channels;
    std::vector<std::vector<float>> buf(static_cast<size_t>(channels));
    std::vector<float *> planes(static_cast<size_t>(channels));
    while (m_normalizer->available() > 0) {
        const int want = std::min(m_normalizer->available(), 8192);
        for (int c = 0; c < channels; ++c) {
            buf[size_t(c)].resize(size_t(want));
            planes[size_t(c)] = buf[size_t(c)].data();
        }
        const int got = m_normalizer->pull(planes.data(), want);
        if (got <= 0) break;
        appendPlanar(planes.data(), got);
    }
}

Status AudioEncoder::drainFifo(bool final, const PacketFn &fn)
{
    const int frameSize = m_ctx->frame_size > 0 ? m_ctx->frame_size : 1024;
    while (av_audio_fifo_size(m_fifo) >= frameSize || (final && av_audio_fifo_size(m_fifo) > 0)) {
        const int n = std::min(frameSize, av_audio_fifo_size(m_fifo));
        av::FramePtr frame = av::makeFrame();
        frame->format = m_ctx->sample_fmt;
        frame->nb_samples = n;
        frame->sample_rate = m_ctx->sample_rate;
        av_channel_layout_copy(&frame->ch_layout, &m_ctx->ch_layout);
        if (av_frame_get_buffer(frame.get(), 0) < 0) return makeError(QStringLiteral("transcode.memory"), QStringLiteral("out of memory"), m_name);
        av_audio_fifo_read(m_fifo, reinterpret_cast<void **>(frame->data), n);
        frame->pts = m_nextPts;
        m_nextPts += n;
        if (Status s = sendAndReceive(frame.get(), fn); !s) return s;
    }
    return {};
}

Status AudioEncoder::sendAndReceive(const AVFrame *frame, const PacketFn &fn)
{
    int rc = avcodec_send_frame(m_ctx.get(), frame);
    if (rc < 0 && rc != AVERROR_EOF) return av::avError(QStringLiteral("encoder.send"), rc, QStringLiteral("the audio encoder rejected a frame"), m_name);
    for (;;) {
        rc = avcodec_receive_packet(m_ctx.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return av::avError(QStringLiteral("encoder.receive"), rc, QStringLiteral("the audio encoder failed"), m_name);
        Status s = fn(m_packet.get());
        av_packet_unref(m_packet.get());
        if (!s) return s;
    }
}

Status AudioEncoder::flush(const PacketFn &fn)
{
    if (m_swr) {
        // Pull what the resampler still holds.
        const int channels = m_ctx->ch_layout.nb_channels;
        std::vector<std::vector<float>> buf(static_cast<size_t>(channels), std::vector<float>(4096));
        std::vector<float *> planes(static_cast<size_t>(channels));
        for (int c = 0; c < channels; ++c) planes[size_t(c)] = buf[size_t(c)].data();
        const int n = swr_convert(m_swr.get(), reinterpret_cast<uint8_t **>(planes.data()), 4096, nullptr, 0);
        if (n > 0) {
            if (m_normalizer) m_normalizer->push(planes.data(), n);
            else appendPlanar(planes.data(), n);
        }
    }
    if (m_normalizer) {
        m_normalizer->finish();
        pullNormalized();
    }
    if (Status s = drainFifo(true, fn); !s) return s;
    return sendAndReceive(nullptr, fn);
}

} // namespace rendition
