// measureLoudness(): one audio-only pass over a file. Every other stream is discarded at the
// demuxer (AVDISCARD_ALL), so video packets are neither returned nor decoded. The caller's
// thread demuxes and decodes (+ converts to float when the decoder does not already give
// float); a helper thread meters (libebur128 + true peak, the expensive part), fed through a
// bounded queue in batches of ~16k frames so the hand-over costs nothing measurable.

#include "core/media/FFmpegPtr.h"
#include "core/media/InputOpen.h"
#include "core/media/Loudness.h"
#include "core/util/BlockingQueue.h"

extern "C" {
#include <libavutil/opt.h>
}

#include <QFile>
#include <QFileInfo>

#include <chrono>
#include <optional>
#include <thread>

namespace rendition {

namespace {

constexpr int kBatchFrames = 16384;
constexpr size_t kQueueBatches = 8;
constexpr auto kProgressInterval = std::chrono::milliseconds(250);

int interruptCallback(void *opaque)
{
    return static_cast<std::atomic<bool> *>(opaque)->load(std::memory_order_relaxed) ? 1 : 0;
}

bool isFloat(int format)
{
    return format == AV_SAMPLE_FMT_FLT || format == AV_SAMPLE_FMT_FLTP;
}

// The layout of a frame, with an unspecified order read as FFmpeg's default for the count.
AVChannelLayout layoutOf(const AVFrame *f)
{
    AVChannelLayout l{};
    if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&l, f->ch_layout.nb_channels);
    else
        av_channel_layout_copy(&l, &f->ch_layout);
    return l;
}

// Brings decoded frames to the meter's format: float (packed or planar) at the meter's layout
// and rate. Float frames already in that shape pass through untouched; anything else goes
// through swresample to planar float (with downmix, or resampling after a mid-stream change).
class AudioConverter {
public:
    AudioConverter(const AVChannelLayout &layout, int sampleRate) : m_rate(sampleRate)
    {
        av_channel_layout_copy(&m_layout, &layout);
    }
    ~AudioConverter()
    {
        av_channel_layout_uninit(&m_layout);
        av_channel_layout_uninit(&m_inLayout);
    }
    AudioConverter(const AudioConverter &) = delete;
    AudioConverter &operator=(const AudioConverter &) = delete;

    Result<av::FramePtr> convert(av::FramePtr in)
    {
        AVChannelLayout inLayout = layoutOf(in.get());
        const bool same = av_channel_layout_compare(&inLayout, &m_layout) == 0;
        if (same && isFloat(in->format) && in->sample_rate == m_rate && !m_swr) {
            av_channel_layout_uninit(&inLayout);
            return in;
        }
        if (!m_swr || in->format != m_inFormat || in->sample_rate != m_inRate ||
            av_channel_layout_compare(&inLayout, &m_inLayout) != 0) {
            SwrContext *raw = nullptr;
            int rc = swr_alloc_set_opts2(&raw, &m_layout, AV_SAMPLE_FMT_FLTP, m_rate, &inLayout,
                                         AVSampleFormat(in->format), in->sample_rate, 0, nullptr);
            av::SwrPtr swr(raw);
            if (rc >= 0) rc = swr_init(swr.get());
            if (rc < 0) {
                av_channel_layout_uninit(&inLayout);
                return av::avError(QStringLiteral("loudness.decode"), rc,
                                   QStringLiteral("could not convert the audio to float"));
            }
            m_swr = std::move(swr);
            m_inFormat = in->format;
            m_inRate = in->sample_rate;
            av_channel_layout_uninit(&m_inLayout);
            av_channel_layout_copy(&m_inLayout, &inLayout);
        }
        av_channel_layout_uninit(&inLayout);
        return run(in->extended_data, in->nb_samples);
    }

    // What swresample still holds (only non-empty when resampling). Null frame when nothing.
    Result<av::FramePtr> flush()
    {
        if (!m_swr) return av::FramePtr();
        return run(nullptr, 0);
    }

private:
    Result<av::FramePtr> run(uint8_t **data, int samples)
    {
        const int room = swr_get_out_samples(m_swr.get(), samples);
        av::FramePtr out = av::makeFrame();
        if (!out || room < 0)
            return makeError(QStringLiteral("loudness.decode"), QStringLiteral("out of memory converting audio"));
        if (room == 0) return av::FramePtr();
        out->format = AV_SAMPLE_FMT_FLTP;
        out->sample_rate = m_rate;
        out->nb_samples = room;
        av_channel_layout_copy(&out->ch_layout, &m_layout);
        int rc = av_frame_get_buffer(out.get(), 0);
        if (rc >= 0)
            rc = swr_convert(m_swr.get(), out->extended_data, room, const_cast<const uint8_t **>(data), samples);
        if (rc < 0)
            return av::avError(QStringLiteral("loudness.decode"), rc,
                               QStringLiteral("could not convert the audio to float"));
        if (rc == 0) return av::FramePtr();
        out->nb_samples = rc;
        return out;
    }

    AVChannelLayout m_layout{};
    int m_rate = 0;
    av::SwrPtr m_swr;
    int m_inFormat = -1;
    int m_inRate = 0;
    AVChannelLayout m_inLayout{};
};

using Batch = std::vector<av::FramePtr>;

// The metering thread. Stops at the first error (kept for the caller) and stops the queue.
class MeterThread {
public:
    MeterThread(LoudnessMeter &meter) : m_meter(meter), m_queue(kQueueBatches, m_stop), m_thread([this] { run(); }) {}
    ~MeterThread() { abort(); }

    bool push(Batch batch) { return m_queue.push(std::move(batch)); }
    // Lets the thread meter what is queued, then joins it. The first metering error, if any.
    std::optional<Error> finish()
    {
        m_queue.close();
        if (m_thread.joinable()) m_thread.join();
        return m_error;
    }
    void abort()
    {
        m_stop.cancel();
        m_queue.close();
        if (m_thread.joinable()) m_thread.join();
    }

private:
    void run()
    {
        while (std::optional<Batch> batch = m_queue.pop()) {
            for (const av::FramePtr &f : *batch) {
                const size_t n = size_t(f->nb_samples);
                Status s = f->format == AV_SAMPLE_FMT_FLTP
                               ? m_meter.addPlanar(reinterpret_cast<const float *const *>(f->extended_data), n)
                               : m_meter.addInterleaved(reinterpret_cast<const float *>(f->data[0]), n);
                if (!s) {
                    m_error = s.error();
                    m_stop.cancel();
                    return;
                }
            }
        }
    }

    LoudnessMeter &m_meter;
    CancelToken m_stop;
    BlockingQueue<Batch> m_queue;
    std::optional<Error> m_error;
    std::thread m_thread; // last: starts once everything above exists
};

struct Measurement {
    QString path;
    QString name; // file name for messages
    const LoudnessMeasureOptions &options;
    const ProgressSink &progress;
    const CancelToken &cancel;

    av::FormatInputPtr format;
    av::CodecContextPtr decoder;
    AVStream *stream = nullptr;
    std::unique_ptr<LoudnessMeter> meter;
    std::unique_ptr<AudioConverter> converter;
    std::unique_ptr<MeterThread> worker;
    Batch batch;
    int batchFrames = 0;
    qint64 decodedFrames = 0;
    double durationSeconds = 0;
    double startSeconds = 0;
    std::chrono::steady_clock::time_point lastProgress{};

    Error error(const char *code, const QString &message) const
    {
        return makeError(QString::fromLatin1(code), message, path);
    }
    Error canceled() const
    {
        return error("canceled", QStringLiteral("measuring the loudness of “%1” was canceled").arg(name));
    }

    Status open();
    Status run();
    Status receiveFrames();
    Status accept(av::FramePtr frame);
    Status pushBatch();
    void report(const AVPacket *packet);
};

Status Measurement::open()
{
    InputOpenOptions open; // a plain local file only
    open.interrupt = {interruptCallback, cancel.rawFlag()};
    int rc = openMediaInput(path, open, &format);
    if (rc < 0) {
        if (cancel.isCanceled()) return canceled();
        return av::avError(
            QStringLiteral("loudness.open"), rc,
            QStringLiteral("could not open “%1” as media; check that it exists and is an audio or video file")
                .arg(name),
            path);
    }
    if ((rc = avformat_find_stream_info(format.get(), nullptr)) < 0) {
        if (cancel.isCanceled()) return canceled();
        return av::avError(QStringLiteral("loudness.open"), rc,
                           QStringLiteral("could not read the streams of “%1”").arg(name), path);
    }

    int index = options.streamIndex;
    if (index >= 0) {
        if (index >= int(format->nb_streams) || format->streams[index]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO)
            return error("loudness.no_audio",
                         QStringLiteral("stream %1 of “%2” is not an audio stream; pick an audio stream index")
                             .arg(index)
                             .arg(name));
    } else {
        index = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        if (index < 0)
            return error("loudness.no_audio",
                         QStringLiteral("“%1” has no audio stream, so there is no loudness to measure").arg(name));
    }
    stream = format->streams[index];
    for (unsigned i = 0; i < format->nb_streams; ++i)
        if (int(i) != index) format->streams[i]->discard = AVDISCARD_ALL;

    const AVCodec *codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec)
        return error("loudness.decoder",
                     QStringLiteral("no decoder for the %1 audio of “%2”; this FFmpeg build cannot read it")
                         .arg(QString::fromUtf8(avcodec_get_name(stream->codecpar->codec_id)), name));
    decoder = av::makeCodecContext(codec);
    if (!decoder)
        return error("loudness.decoder", QStringLiteral("out of memory opening the audio decoder for “%1”").arg(name));
    rc = avcodec_parameters_to_context(decoder.get(), stream->codecpar);
    decoder->pkt_timebase = stream->time_base;
    if (rc >= 0) rc = avcodec_open2(decoder.get(), codec, nullptr);
    if (rc < 0)
        return av::avError(QStringLiteral("loudness.decoder"), rc,
                           QStringLiteral("could not open the audio decoder for “%1”").arg(name), path);

    if (stream->duration > 0 && stream->duration != AV_NOPTS_VALUE)
        durationSeconds = double(stream->duration) * av_q2d(stream->time_base);
    else if (format->duration > 0)
        durationSeconds = double(format->duration) / AV_TIME_BASE;
    if (stream->start_time != AV_NOPTS_VALUE) startSeconds = double(stream->start_time) * av_q2d(stream->time_base);
    return {};
}

void Measurement::report(const AVPacket *packet)
{
    if (!progress || durationSeconds <= 0 || packet->pts == AV_NOPTS_VALUE) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - lastProgress < kProgressInterval) return;
    lastProgress = now;
    const double at = double(packet->pts) * av_q2d(stream->time_base) - startSeconds;
    ProgressEvent e;
    e.stage = QStringLiteral("loudness");
    e.item = name;
    e.percent = std::clamp(at / durationSeconds * 100.0, 0.0, 100.0);
    progress(e);
}

Status Measurement::pushBatch()
{
    if (batch.empty()) return {};
    batchFrames = 0;
    if (worker->push(std::move(batch))) {
        batch.clear();
        return {};
    }
    batch.clear();
    if (std::optional<Error> e = worker->finish()) return *e; // the meter failed
    return canceled();
}

Status Measurement::accept(av::FramePtr frame)
{
    if (frame->nb_samples <= 0) return {};
    if (!meter) {
        // Created on the first frame: its rate and layout are the truth (e.g. HE-AAC's SBR).
        AVChannelLayout layout = layoutOf(frame.get());
        const int down = options.downmixChannels;
        if (down > 0 && down != layout.nb_channels) {
            av_channel_layout_uninit(&layout);
            av_channel_layout_default(&layout, down);
        }
        auto m = LoudnessMeter::create(layout, frame->sample_rate, options.truePeak, options.curveIntervalSeconds);
        converter = std::make_unique<AudioConverter>(layout, frame->sample_rate);
        av_channel_layout_uninit(&layout);
        if (!m) return makeError(m.error().code, m.error().message, path);
        meter = std::move(m).value();
        worker = std::make_unique<MeterThread>(*meter);
    }
    Result<av::FramePtr> converted = converter->convert(std::move(frame));
    if (!converted) return makeError(converted.error().code, converted.error().message, path);
    if (!*converted) return {};
    batchFrames += (*converted)->nb_samples;
    decodedFrames += (*converted)->nb_samples;
    batch.push_back(std::move(converted).value());
    return batchFrames >= kBatchFrames ? pushBatch() : Status();
}

Status Measurement::receiveFrames()
{
    for (;;) {
        av::FramePtr frame = av::makeFrame();
        if (!frame) return error("loudness.decode", QStringLiteral("out of memory decoding “%1”").arg(name));
        const int rc = avcodec_receive_frame(decoder.get(), frame.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return {}; // a corrupt packet: skipped, as the ffmpeg CLI does
        if (Status s = accept(std::move(frame)); !s) return s;
    }
}

Status Measurement::run()
{
    av::PacketPtr packet = av::makePacket();
    if (!packet) return error("loudness.decode", QStringLiteral("out of memory reading “%1”").arg(name));
    for (;;) {
        if (cancel.isCanceled()) return canceled();
        const int rc = av_read_frame(format.get(), packet.get());
        if (rc < 0) {
            if (cancel.isCanceled()) return canceled();
            if (rc == AVERROR_EOF || decodedFrames > 0)
                break; // a read error after audio: truncated, measure what is there
            return av::avError(QStringLiteral("loudness.read"), rc,
                               QStringLiteral("could not read the audio of “%1”").arg(name), path);
        }
        if (packet->stream_index != stream->index) {
            av_packet_unref(packet.get());
            continue;
        }
        report(packet.get());
        const int sent = avcodec_send_packet(decoder.get(), packet.get());
        av_packet_unref(packet.get());
        if (sent < 0 && sent != AVERROR(EAGAIN)) continue; // corrupt packet: skipped
        if (Status s = receiveFrames(); !s) return s;
    }
    avcodec_send_packet(decoder.get(), nullptr);
    if (Status s = receiveFrames(); !s) return s;
    if (!meter)
        return error("loudness.decode",
                     QStringLiteral("no audio could be decoded from “%1”; the file may be damaged").arg(name));
    Result<av::FramePtr> tail = converter->flush();
    if (!tail) return makeError(tail.error().code, tail.error().message, path);
    if (*tail) batch.push_back(std::move(tail).value());
    if (Status s = pushBatch(); !s) return s;
    if (std::optional<Error> e = worker->finish()) return makeError(e->code, e->message, path);
    if (cancel.isCanceled()) return canceled();
    if (progress) {
        ProgressEvent e;
        e.stage = QStringLiteral("loudness");
        e.item = name;
        e.percent = 100;
        progress(e);
    }
    return {};
}

} // namespace

Result<LoudnessStats> measureLoudness(const QString &path, const LoudnessMeasureOptions &options,
                                      const ProgressSink &progress, const CancelToken &cancel)
{
    Measurement m{path, QFileInfo(path).fileName(), options, progress, cancel};
    if (Status s = m.open(); !s) return s.error();
    if (Status s = m.run(); !s) return s.error();
    return m.meter->result();
}

} // namespace rendition
