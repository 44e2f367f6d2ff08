#include "core/media/SourceReader.h"
#include "core/media/InputOpen.h"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/pixdesc.h>
}

#include <QFile>

#include <cmath>

namespace rendition {

int SourceReader::interruptCallback(void *opaque)
{
    return static_cast<SourceReader *>(opaque)->m_cancel.isCanceled() ? 1 : 0;
}

SourceReader::~SourceReader() = default;

Result<std::unique_ptr<SourceReader>> SourceReader::open(const QString &path, const SourceReaderOptions &options,
                                                         const CancelToken &cancel)
{
    std::unique_ptr<SourceReader> r(new SourceReader);
    r->m_path = path;
    r->m_cancel = cancel;
    r->m_packet = av::makePacket();
    r->m_deinterlace = options.deinterlace;

    InputOpenOptions open; // a plain local file only
    open.interrupt = AVIOInterruptCB{&SourceReader::interruptCallback, r.get()};
    int rc = openMediaInput(path, open, &r->m_fmt);
    if (rc < 0) return av::avError(QStringLiteral("transcode.open"), rc, QStringLiteral("could not open the source"), path);
    AVFormatContext *raw = r->m_fmt.get();
    if ((rc = avformat_find_stream_info(raw, nullptr)) < 0)
        return av::avError(QStringLiteral("transcode.open"), rc, QStringLiteral("could not read the stream layout"), path);

    if (options.video) {
        const int v = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (v >= 0 && !(raw->streams[v]->disposition & AV_DISPOSITION_ATTACHED_PIC)) r->m_videoIndex = v;
    }
    if (options.audio) {
        const int a = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, r->m_videoIndex, nullptr, 0);
        if (a >= 0) r->m_audioIndex = a;
    }
    if (r->m_videoIndex >= 0) {
        if (Status s = r->openDecoder(r->m_videoIndex, r->m_videoDec, options.decoderThreads); !s) return s.error();
    }
    if (r->m_audioIndex >= 0) {
        if (Status s = r->openDecoder(r->m_audioIndex, r->m_audioDec, 1); !s) return s.error();
    }
    for (unsigned i = 0; i < raw->nb_streams; ++i) {
        const bool used = int(i) == r->m_videoIndex || int(i) == r->m_audioIndex;
        raw->streams[i]->discard = used ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    // Origin: the earliest start among the streams we use.
    double origin = HUGE_VAL;
    for (int idx : {r->m_videoIndex, r->m_audioIndex}) {
        if (idx < 0) continue;
        const AVStream *st = raw->streams[idx];
        if (st->start_time != AV_NOPTS_VALUE) origin = std::min(origin, st->start_time * av_q2d(st->time_base));
    }
    r->m_originSeconds = std::isfinite(origin) ? origin : 0.0;
    return r;
}

Status SourceReader::openDecoder(int index, av::CodecContextPtr &out, int threads)
{
    const AVStream *st = m_fmt->streams[index];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec)
        return makeError(QStringLiteral("transcode.no_decoder"),
                         QStringLiteral("no decoder for %1").arg(QString::fromUtf8(avcodec_get_name(st->codecpar->codec_id))),
                         m_path);
    out = av::makeCodecContext(codec);
    avcodec_parameters_to_context(out.get(), st->codecpar);
    out->pkt_timebase = st->time_base;
    out->thread_count = threads;
    const int rc = avcodec_open2(out.get(), codec, nullptr);
    if (rc < 0) return av::avError(QStringLiteral("transcode.decoder_open"), rc, QStringLiteral("could not open the decoder"), m_path);
    return {};
}

AVRational SourceReader::videoFrameRate() const
{
    if (m_videoIndex < 0) return AVRational{0, 1};
    AVRational r = av_guess_frame_rate(m_fmt.get(), m_fmt->streams[m_videoIndex], nullptr);
    if (r.num <= 0 || r.den <= 0) r = AVRational{25, 1};
    return r;
}

Status SourceReader::buildDeinterlacer(const AVFrame *first)
{
    m_graph = av::makeFilterGraph();
    const AVStream *st = m_fmt->streams[m_videoIndex];
    const QString args = QStringLiteral("video_size=%1x%2:pix_fmt=%3:time_base=%4/%5:pixel_aspect=%6/%7")
                             .arg(first->width).arg(first->height).arg(first->format)
                             .arg(st->time_base.num).arg(st->time_base.den)
                             .arg(std::max(first->sample_aspect_ratio.num, 1)).arg(std::max(first->sample_aspect_ratio.den, 1));
    int rc = avfilter_graph_create_filter(&m_bufferSrc, avfilter_get_by_name("buffer"), "in", args.toUtf8().constData(), nullptr, m_graph.get());
    if (rc >= 0) rc = avfilter_graph_create_filter(&m_bufferSink, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr, m_graph.get());
    AVFilterContext *bwdif = nullptr;
    if (rc >= 0) rc = avfilter_graph_create_filter(&bwdif, avfilter_get_by_name("bwdif"), "deint", "mode=send_frame:parity=auto:deint=all", nullptr, m_graph.get());
    if (rc >= 0) rc = avfilter_link(m_bufferSrc, 0, bwdif, 0);
    if (rc >= 0) rc = avfilter_link(bwdif, 0, m_bufferSink, 0);
    if (rc >= 0) rc = avfilter_graph_config(m_graph.get(), nullptr);
    if (rc < 0) return av::avError(QStringLiteral("transcode.filter"), rc, QStringLiteral("could not set up deinterlacing"), m_path);
    return {};
}

Status SourceReader::filterVideo(AVFrame *frame)
{
    if (!m_deinterlace) {
        if (frame) m_ready.push_back({DecodedFrame::Kind::Video, av::refFrame(frame)});
        return {};
    }
    if (!m_graph) {
        if (!frame) return {};
        if (Status s = buildDeinterlacer(frame); !s) return s;
    }
    if (frame) frame->pts = frame->best_effort_timestamp;
    int rc = av_buffersrc_add_frame_flags(m_bufferSrc, frame, AV_BUFFERSRC_FLAG_KEEP_REF);
    if (rc < 0) return av::avError(QStringLiteral("transcode.filter"), rc, QStringLiteral("deinterlacer rejected a frame"), m_path);
    for (;;) {
        av::FramePtr out = av::makeFrame();
        rc = av_buffersink_get_frame(m_bufferSink, out.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return av::avError(QStringLiteral("transcode.filter"), rc, QStringLiteral("deinterlacer failed"), m_path);
        // bwdif doubles the time base's precision: bring pts back to the stream's.
        out->best_effort_timestamp = out->pts == AV_NOPTS_VALUE ? AV_NOPTS_VALUE
            : av_rescale_q(out->pts, av_buffersink_get_time_base(m_bufferSink), m_fmt->streams[m_videoIndex]->time_base);
        m_ready.push_back({DecodedFrame::Kind::Video, std::move(out)});
    }
}

Status SourceReader::receiveFrames(AVCodecContext *dec, DecodedFrame::Kind kind)
{
    av::FramePtr frame = av::makeFrame();
    for (;;) {
        const int rc = avcodec_receive_frame(dec, frame.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) {
            ++m_decodeErrors;
            return {};
        }
        if (kind == DecodedFrame::Kind::Video) {
            if (Status s = filterVideo(frame.get()); !s) return s;
        } else {
            m_ready.push_back({kind, av::refFrame(frame.get())});
        }
        av_frame_unref(frame.get());
    }
}

Result<DecodedFrame> SourceReader::next()
{
    while (m_ready.empty()) {
        if (m_cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), m_path);
        if (m_eof) return DecodedFrame{DecodedFrame::Kind::End, nullptr};
        const int rc = av_read_frame(m_fmt.get(), m_packet.get());
        if (rc == AVERROR_EOF || rc == AVERROR(EIO) || (rc < 0 && avio_feof(m_fmt->pb))) {
            m_eof = true;
            for (auto &[dec, kind] : {std::pair{m_videoDec.get(), DecodedFrame::Kind::Video},
                                      std::pair{m_audioDec.get(), DecodedFrame::Kind::Audio}}) {
                if (!dec) continue;
                avcodec_send_packet(dec, nullptr);
                if (Status s = receiveFrames(dec, kind); !s) return s.error();
            }
            if (m_videoDec) {
                if (Status s = filterVideo(nullptr); !s) return s.error();
            }
            continue;
        }
        if (rc < 0) return av::avError(QStringLiteral("transcode.read"), rc, QStringLiteral("could not read the source"), m_path);
        AVCodecContext *dec = nullptr;
        DecodedFrame::Kind kind = DecodedFrame::Kind::Invalid;
        if (m_packet->stream_index == m_videoIndex) { dec = m_videoDec.get(); kind = DecodedFrame::Kind::Video; }
        else if (m_packet->stream_index == m_audioIndex) { dec = m_audioDec.get(); kind = DecodedFrame::Kind::Audio; }
        if (dec) {
            const int sent = avcodec_send_packet(dec, m_packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN)) ++m_decodeErrors;
        }
        av_packet_unref(m_packet.get());
        if (dec) {
            if (Status s = receiveFrames(dec, kind); !s) return s.error();
        }
    }
    DecodedFrame f = std::move(m_ready.front());
    m_ready.pop_front();
    return f;
}

} // namespace rendition
