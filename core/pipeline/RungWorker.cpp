#include "core/pipeline/RungWorker.h"

namespace rendition {

RungWorker::RungWorker(QString name, std::unique_ptr<VideoEncoder> encoder, std::unique_ptr<TrackWriter> writer,
                       CancelToken stop, size_t queueDepth)
    : m_name(std::move(name)), m_encoder(std::move(encoder)), m_writer(std::move(writer)), m_stop(stop),
      m_queue(queueDepth, stop)
{
}

RungWorker::~RungWorker()
{
    m_queue.close();
    if (m_thread.joinable()) m_thread.join();
}

void RungWorker::setDecodeDelay(int frames, qint64 frameTicks)
{
    m_decodeDelay = std::max(0, frames);
    m_frameTicks = std::max<qint64>(1, frameTicks);
}

void RungWorker::start()
{
    m_thread = std::thread([this] { run(); });
}

void RungWorker::run()
{
    Status status;
    while (status.ok()) {
        std::optional<FanFrame> f = m_queue.pop();
        if (!f) break;
        status = encodeOne(*f);
        if (status.ok()) m_frames.fetch_add(1, std::memory_order_relaxed);
    }
    if (status.ok() && m_stop.isCanceled())
        status = makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), m_name);
    if (status.ok()) status = m_encoder->encode(nullptr, [this](AVPacket *p) { return onPacket(p); });
    if (status.ok()) {
        Result<TrackRecord> rec = m_writer->finish();
        if (rec) m_record = std::move(rec).value();
        else status = rec.error();
    }
    if (!status.ok()) {
        m_error = status.error();
        m_stop.cancel(); // one failed rung ends the job: no partial ladders
    }
}

Status RungWorker::scaleInto(const AVFrame *src, AVFrame *dst)
{
    const AVCodecContext *ctx = m_encoder->context();
    dst->format = m_encoder->swFormat();
    dst->width = ctx->width;
    dst->height = ctx->height;
    if (av_frame_get_buffer(dst, 0) < 0) return makeError(QStringLiteral("transcode.memory"), QStringLiteral("out of memory"), m_name);
    m_sws.reset(sws_getCachedContext(m_sws.release(), src->width, src->height, AVPixelFormat(src->format), dst->width,
                                     dst->height, AVPixelFormat(dst->format), SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!m_sws) return makeError(QStringLiteral("transcode.scale"), QStringLiteral("could not set up scaling"), m_name);
    sws_scale(m_sws.get(), src->data, src->linesize, 0, src->height, dst->data, dst->linesize);
    return {};
}

Status RungWorker::encodeOne(const FanFrame &f)
{
    const AVCodecContext *ctx = m_encoder->context();
    const AVFrame *src = f.frame.get();
    av::FramePtr frame = av::makeFrame();
    const bool passThrough = src->width == ctx->width && src->height == ctx->height && src->format == m_encoder->swFormat();
    if (passThrough) {
        if (av_frame_ref(frame.get(), src) < 0) return makeError(QStringLiteral("transcode.memory"), QStringLiteral("out of memory"), m_name);
    } else if (Status s = scaleInto(src, frame.get()); !s) {
        return s;
    }
    frame->pts = f.pts;
    frame->pkt_duration = f.duration;
    frame->sample_aspect_ratio = AVRational{1, 1};
    frame->pict_type = f.keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
    frame->interlaced_frame = 0;
    if (f.segmentStart) m_segmentStarts.insert(f.pts);
    if (m_inputPts.empty() && m_inputBase == 0) m_firstInputPts = f.pts;
    m_inputPts.push_back(f.pts);
    m_durations[f.pts] = f.duration;
    return m_encoder->encode(frame.get(), [this](AVPacket *p) { return onPacket(p); });
}

Status RungWorker::onPacket(AVPacket *pkt)
{
    // Program-wide decode time (see the header): the same on every rung.
    const qint64 j = m_packetsOut++;
    const qint64 source = j - m_decodeDelay;
    qint64 dts;
    if (source < 0) {
        dts = m_firstInputPts + source * m_frameTicks;
    } else if (source - m_inputBase < qint64(m_inputPts.size())) {
        dts = m_inputPts[size_t(source - m_inputBase)];
        while (m_inputBase < source) { m_inputPts.pop_front(); ++m_inputBase; }
    } else {
        return makeError(QStringLiteral("transcode.timeline"),
                         QStringLiteral("the encoder produced more packets than it was given frames"), m_name);
    }
    if (dts > pkt->pts || dts <= m_lastDts)
        return makeError(QStringLiteral("transcode.timeline"),
                         QStringLiteral("the encoder reorders frames deeper than the preset's %1 B-frames; lower its B-frames or pyramid")
                             .arg(m_decodeDelay), m_name);
    m_lastDts = dts;
    pkt->dts = dts;
    if (auto it = m_durations.find(pkt->pts); it != m_durations.end()) {
        if (pkt->duration <= 0) pkt->duration = it->second;
        m_durations.erase(it);
    }
    bool segmentStart = false;
    if (pkt->flags & AV_PKT_FLAG_KEY) {
        if (auto it = m_segmentStarts.find(pkt->pts); it != m_segmentStarts.end()) {
            segmentStart = true;
            m_segmentStarts.erase(m_segmentStarts.begin(), std::next(it));
        }
    }
    return m_writer->write(pkt, segmentStart);
}

Result<TrackRecord> RungWorker::join()
{
    if (m_thread.joinable()) m_thread.join();
    if (m_error) return *m_error;
    if (!m_record) return makeError(QStringLiteral("transcode.internal"), QStringLiteral("the rung produced nothing"), m_name);
    return *m_record;
}

} // namespace rendition
