#include "core/media/KeyframeGrabber.h"
#include "core/media/InputOpen.h"

#include <QFile>

#include <cmath>

namespace rendition {

namespace {

constexpr int kMaxForwardPackets = 500; // fallback decode gives up after this many packets

// Demuxers whose index lists real keyframes (from the file's own tables, or from keyframe
// flags as they read). MPEG-TS and PS add "keyframe" entries for any timestamp they met while
// searching, so their index cannot pick pictures.
bool hasTrustworthyIndex(const AVInputFormat *format)
{
    const QList<QByteArray> names = QByteArray(format->name).split(',');
    for (const char *trusted : {"mov", "mp4", "matroska", "webm", "avi"})
        if (names.contains(trusted)) return true;
    return false;
}

} // namespace

int KeyframeGrabber::interruptCallback(void *opaque)
{
    return static_cast<KeyframeGrabber *>(opaque)->m_cancel.isCanceled() ? 1 : 0;
}

KeyframeGrabber::~KeyframeGrabber() = default;

Result<std::unique_ptr<KeyframeGrabber>> KeyframeGrabber::open(const QString &path, int decoderThreads,
                                                               const CancelToken &cancel)
{
    std::unique_ptr<KeyframeGrabber> g(new KeyframeGrabber);
    g->m_path = path;
    g->m_cancel = cancel;
    g->m_packet = av::makePacket();
    g->m_scratch = av::makeFrame();

    InputOpenOptions open; // a plain local file only
    open.interrupt = AVIOInterruptCB{&KeyframeGrabber::interruptCallback, g.get()};
    int rc = openMediaInput(path, open, &g->m_fmt);
    if (rc < 0) {
        if (cancel.isCanceled()) return g->canceledError();
        return av::avError(QStringLiteral("thumbnails.open"), rc,
                           QStringLiteral("could not open the source; check that it exists and is a media file"), path);
    }
    AVFormatContext *raw = g->m_fmt.get();
    if ((rc = avformat_find_stream_info(raw, nullptr)) < 0) {
        if (cancel.isCanceled()) return g->canceledError();
        return av::avError(QStringLiteral("thumbnails.open"), rc,
                           QStringLiteral("could not read the stream layout; the file may be damaged"), path);
    }

    int index = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index >= 0 && (raw->streams[index]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
        index = -1; // cover art is not a timeline: look for a real video stream
        for (unsigned i = 0; i < raw->nb_streams && index < 0; ++i) {
            const AVStream *st = raw->streams[i];
            if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(st->disposition & AV_DISPOSITION_ATTACHED_PIC))
                index = int(i);
        }
    }
    if (index < 0)
        return makeError(QStringLiteral("thumbnails.no_video"),
                         QStringLiteral("the file has no video stream to make thumbnails from; pass a video file"), path);
    for (unsigned i = 0; i < raw->nb_streams; ++i) raw->streams[i]->discard = int(i) == index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    g->m_stream = raw->streams[index];
    AVStream *st = g->m_stream;

    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec)
        return makeError(QStringLiteral("thumbnails.no_decoder"),
                         QStringLiteral("no decoder for the video codec %1; convert the file to a common codec first")
                             .arg(QString::fromUtf8(avcodec_get_name(st->codecpar->codec_id))),
                         path);
    g->m_dec = av::makeCodecContext(codec);
    avcodec_parameters_to_context(g->m_dec.get(), st->codecpar);
    g->m_dec->pkt_timebase = st->time_base;
    // Frame threading delays output by a frame per thread and buys nothing for one lone
    // picture; slice threads (if the stream has slices) cost no latency.
    g->m_dec->thread_count = std::max(1, decoderThreads);
    g->m_dec->thread_type = FF_THREAD_SLICE;
    if ((rc = avcodec_open2(g->m_dec.get(), codec, nullptr)) < 0)
        return av::avError(QStringLiteral("thumbnails.no_decoder"), rc, QStringLiteral("could not open the video decoder"), path);

    const double tb = av_q2d(st->time_base);
    if (st->start_time != AV_NOPTS_VALUE) g->m_origin = st->start_time;
    else if (raw->start_time != AV_NOPTS_VALUE) g->m_origin = av_rescale_q(raw->start_time, AV_TIME_BASE_Q, st->time_base);
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0) g->m_durationSeconds = st->duration * tb;
    else if (raw->duration != AV_NOPTS_VALUE && raw->duration > 0) g->m_durationSeconds = raw->duration / double(AV_TIME_BASE);
    if (!(g->m_durationSeconds > 0) || !std::isfinite(g->m_durationSeconds))
        return makeError(QStringLiteral("thumbnails.no_duration"),
                         QStringLiteral("the video has no known duration, so no timeline to sample; remux it into MP4 or MKV"),
                         path);

    // Index entries carry decode times; the first keyframe's presentation time is the
    // stream start, so their difference is the reorder delay to add (≥ 0, < 10 s).
    // A first seek makes lazy demuxers load their index (Matroska reads its cues then).
    // Matroska without cues (and AVI without idx1) builds it while reading, so it may be
    // partial: nearestKeyframe() trusts it only where a keyframe after the time is known.
    av_seek_frame(raw, index, g->m_origin, AVSEEK_FLAG_BACKWARD);
    g->m_hasIndex = hasTrustworthyIndex(raw->iformat) && avformat_index_get_entries_count(st) > 0;
    if (g->m_hasIndex && st->start_time != AV_NOPTS_VALUE) {
        const AVIndexEntry *first = avformat_index_get_entry(st, 0);
        const int64_t delta = st->start_time - first->timestamp;
        if (delta > 0 && delta * tb < 10.0) g->m_indexToPts = delta;
    }
    return g;
}

int KeyframeGrabber::width() const { return m_stream->codecpar->width; }
int KeyframeGrabber::height() const { return m_stream->codecpar->height; }

AVRational KeyframeGrabber::sampleAspectRatio() const
{
    AVRational sar = av_guess_sample_aspect_ratio(m_fmt.get(), m_stream, nullptr);
    if (sar.num <= 0 || sar.den <= 0) sar = AVRational{1, 1};
    return sar;
}

Error KeyframeGrabber::canceledError() const
{
    return makeError(QStringLiteral("canceled"), QStringLiteral("making thumbnails was canceled"), m_path);
}

int64_t KeyframeGrabber::toStreamTime(double seconds) const
{
    return m_origin + std::llround(seconds / av_q2d(m_stream->time_base));
}

double KeyframeGrabber::frameSeconds(const AVFrame *frame) const
{
    const int64_t pts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    if (pts == AV_NOPTS_VALUE) return -1;
    return (pts - m_origin) * av_q2d(m_stream->time_base);
}

int64_t KeyframeGrabber::nearestKeyframe(double seconds) const
{
    if (!m_hasIndex) return AV_NOPTS_VALUE;
    const int64_t target = toStreamTime(seconds) - m_indexToPts;
    // Without AVSEEK_FLAG_ANY both searches only return keyframe entries.
    const int before = av_index_search_timestamp(m_stream, target, AVSEEK_FLAG_BACKWARD);
    const int after = av_index_search_timestamp(m_stream, target, 0);
    const AVIndexEntry *b = before >= 0 ? avformat_index_get_entry(m_stream, before) : nullptr;
    const AVIndexEntry *a = after >= 0 ? avformat_index_get_entry(m_stream, after) : nullptr;
    if (!a) {
        // No keyframe known after the time: past the last keyframe if the index reaches that
        // far (mov indexes every sample), else past the part a demuxer-built index covers so
        // far — then let grab() search by time.
        const AVIndexEntry *last = avformat_index_get_entry(m_stream, avformat_index_get_entries_count(m_stream) - 1);
        return b && last->timestamp >= target ? b->timestamp : AV_NOPTS_VALUE;
    }
    if (!b) return a->timestamp;
    return (a->timestamp - target) < (target - b->timestamp) ? a->timestamp : b->timestamp;
}

Status KeyframeGrabber::seekTo(int64_t timestamp)
{
    int rc = -1;
    // At or before the start, a timestamp search (TS/PS) may land past the first keyframe:
    // go to the first byte instead where the demuxer allows it.
    if (timestamp <= m_origin && !(m_fmt->iformat->flags & AVFMT_NO_BYTE_SEEK))
        rc = av_seek_frame(m_fmt.get(), m_stream->index, 0, AVSEEK_FLAG_BYTE);
    if (rc < 0 && !m_cancel.isCanceled())
        rc = av_seek_frame(m_fmt.get(), m_stream->index, timestamp, AVSEEK_FLAG_BACKWARD);
    if (rc < 0 && !m_cancel.isCanceled()) // e.g. before the first keyframe: take the first one after
        rc = avformat_seek_file(m_fmt.get(), m_stream->index, INT64_MIN, timestamp, INT64_MAX, 0);
    if (m_cancel.isCanceled()) return canceledError();
    if (rc < 0)
        return av::avError(QStringLiteral("thumbnails.seek"), rc,
                           QStringLiteral("could not seek in the source; the file may be damaged or not seekable"), m_path);
    avcodec_flush_buffers(m_dec.get());
    return {};
}

Result<bool> KeyframeGrabber::readVideoPacket()
{
    for (;;) {
        if (m_cancel.isCanceled()) return canceledError();
        const int rc = av_read_frame(m_fmt.get(), m_packet.get());
        if (rc == AVERROR_EOF || (rc < 0 && m_fmt->pb && avio_feof(m_fmt->pb))) return false;
        if (rc < 0) {
            if (m_cancel.isCanceled()) return canceledError();
            return av::avError(QStringLiteral("thumbnails.decode"), rc, QStringLiteral("could not read the source"), m_path);
        }
        if (m_packet->stream_index == m_stream->index) return true;
        av_packet_unref(m_packet.get());
    }
}

void KeyframeGrabber::decode(const AVPacket *packet, av::FramePtr &first)
{
    avcodec_send_packet(m_dec.get(), packet); // a corrupt packet just yields no picture
    while (avcodec_receive_frame(m_dec.get(), m_scratch.get()) >= 0) {
        ++m_framesDecoded;
        if (!first) first = av::refFrame(m_scratch.get());
        av_frame_unref(m_scratch.get());
    }
}

Result<av::FramePtr> KeyframeGrabber::decodeKeyframeAlone(int64_t key)
{
    av::FramePtr first;
    for (;;) {
        Result<bool> more = readVideoPacket();
        if (!more) return more.error();
        if (!*more) return first;
        // Demuxers differ in how they read a seek time (mov subtracts its edit-list shift), so
        // the seek may land a keyframe early: skip to the wanted one by its index timestamp.
        // Indexes hold decode (mov) or presentation (mkv, PS) times: compare with the later of the two.
        const int64_t latest = std::max(m_packet->dts, m_packet->pts); // AV_NOPTS_VALUE is INT64_MIN
        const bool early = latest != AV_NOPTS_VALUE && latest < key;
        if ((m_packet->flags & AV_PKT_FLAG_KEY) && !early) break;
        av_packet_unref(m_packet.get()); // never reaches the decoder
    }
    return decodePacketAlone();
}

av::FramePtr KeyframeGrabber::decodePacketAlone()
{
    av::FramePtr first;
    const int64_t packetTime = m_packet->pts != AV_NOPTS_VALUE ? m_packet->pts : m_packet->dts;
    decode(m_packet.get(), first);
    av_packet_unref(m_packet.get());
    if (!first) decode(nullptr, first); // drain: the decoder's reorder delay releases the picture
    // Some containers (AVI) give no presentation time to a lone picture: use the packet's.
    if (first && first->best_effort_timestamp == AV_NOPTS_VALUE && first->pts == AV_NOPTS_VALUE)
        first->best_effort_timestamp = first->pts = packetTime;
    return first;
}

Result<av::FramePtr> KeyframeGrabber::decodeNearestKeyframeByTime(int64_t target, int64_t earliest)
{
    // The timestamp search of TS/PS lands only roughly: start a second early. Only packet
    // headers are read until the choice is made; one packet is decoded.
    if (Status s = seekTo(earliest - std::llround(1.0 / av_q2d(m_stream->time_base))); !s) return s.error();
    av::PacketPtr before; // last keyframe presented in [earliest, target)
    for (;;) {
        Result<bool> more = readVideoPacket();
        if (!more) return more.error();
        if (!*more) break;
        const int64_t pts = m_packet->pts != AV_NOPTS_VALUE ? m_packet->pts : m_packet->dts;
        if (!(m_packet->flags & AV_PKT_FLAG_KEY) || pts == AV_NOPTS_VALUE || pts < earliest) {
            av_packet_unref(m_packet.get());
            continue;
        }
        if (pts < target) {
            if (!before) before = av::makePacket();
            av_packet_unref(before.get());
            av_packet_move_ref(before.get(), m_packet.get());
            continue;
        }
        // The first keyframe at or after the target: it wins unless `before` is nearer (ties go before).
        if (before) {
            const int64_t beforePts = before->pts != AV_NOPTS_VALUE ? before->pts : before->dts;
            if (target - beforePts <= pts - target) {
                av_packet_unref(m_packet.get());
                av_packet_move_ref(m_packet.get(), before.get());
            }
        }
        return decodePacketAlone();
    }
    if (!before) return av::FramePtr();
    av_packet_move_ref(m_packet.get(), before.get());
    return decodePacketAlone();
}

Result<av::FramePtr> KeyframeGrabber::decodeLastKeyframeBefore(int64_t limit)
{
    const double tb = av_q2d(m_stream->time_base);
    for (double back = 1.0;; back *= 2) {
        const int64_t from = limit - std::llround(back / tb);
        if (Status s = seekTo(from); !s) return s.error();
        av::PacketPtr last;
        for (;;) {
            Result<bool> more = readVideoPacket();
            if (!more) return more.error();
            if (!*more) break;
            const int64_t t = m_packet->pts != AV_NOPTS_VALUE ? m_packet->pts : m_packet->dts;
            if (t != AV_NOPTS_VALUE && t > limit) {
                av_packet_unref(m_packet.get());
                break;
            }
            if (m_packet->flags & AV_PKT_FLAG_KEY) {
                if (!last) last = av::makePacket();
                av_packet_unref(last.get());
                av_packet_move_ref(last.get(), m_packet.get());
            } else {
                av_packet_unref(m_packet.get());
            }
        }
        if (last) {
            av_packet_move_ref(m_packet.get(), last.get());
            return decodePacketAlone();
        }
        if (from <= m_origin) return av::FramePtr(); // searched back to the start
    }
}

Result<av::FramePtr> KeyframeGrabber::decodeForward()
{
    av::FramePtr first;
    bool started = false;
    for (int sent = 0; sent < kMaxForwardPackets && !first;) {
        Result<bool> more = readVideoPacket();
        if (!more) return more.error();
        if (!*more) break;
        started = started || (m_packet->flags & AV_PKT_FLAG_KEY);
        if (started) {
            decode(m_packet.get(), first);
            ++sent;
        }
        av_packet_unref(m_packet.get());
    }
    if (!first) decode(nullptr, first);
    return first;
}

Result<av::FramePtr> KeyframeGrabber::grab(double seconds, double slackSeconds)
{
    if (m_cancel.isCanceled()) return canceledError();
    m_exactActive = false; // this grab moves the demuxer
    const int64_t key = nearestKeyframe(seconds);
    Result<av::FramePtr> frame = av::FramePtr();
    if (key != AV_NOPTS_VALUE) {
        // Seek to the keyframe's presentation time (index timestamps are decode times).
        if (Status s = seekTo(key + m_indexToPts); !s) return s.error();
        frame = decodeKeyframeAlone(key);
    } else {
        // By time: the nearest keyframe presented within [seconds − slack, next keyframe];
        // if there is none, the last keyframe at or before the time.
        frame = decodeNearestKeyframeByTime(toStreamTime(seconds), toStreamTime(std::max(0.0, seconds - slackSeconds)));
        if (frame && !*frame) frame = decodeLastKeyframeBefore(toStreamTime(seconds));
    }
    if (!frame || *frame) return frame;
    // The keyframe alone gave nothing (e.g. its second field is in the next packet):
    // decode forward from the keyframe before the time until the first picture comes out.
    if (Status s = seekTo(key != AV_NOPTS_VALUE ? key + m_indexToPts : toStreamTime(seconds)); !s) return s.error();
    frame = decodeForward();
    if (!frame || *frame) return frame;
    return makeError(QStringLiteral("thumbnails.decode"),
                     QStringLiteral("no picture could be decoded near %1 s; the file may be damaged").arg(seconds, 0, 'f', 3),
                     m_path);
}

double KeyframeGrabber::keyframeSeconds(int64_t key) const
{
    return (key + m_indexToPts - m_origin) * av_q2d(m_stream->time_base);
}

Result<av::FramePtr> KeyframeGrabber::grabExact(double seconds)
{
    constexpr int kMaxGopPackets = 3000; // ~50 s at 60 fps: beyond that the file is not a usable source
    if (m_cancel.isCanceled()) return canceledError();
    const int64_t target = toStreamTime(seconds);
    // Tiles come in time order: when the decoder already stands inside the GOP holding the
    // target and before it, keep decoding forward instead of seeking back to its keyframe,
    // so a long-GOP title is decoded at most once.
    const int keyIndex = m_hasIndex ? av_index_search_timestamp(m_stream, target - m_indexToPts, AVSEEK_FLAG_BACKWARD) : -1;
    const AVIndexEntry *keyEntry = keyIndex >= 0 ? avformat_index_get_entry(m_stream, keyIndex) : nullptr;
    const int64_t gopKey = keyEntry ? keyEntry->timestamp : AV_NOPTS_VALUE;
    const bool forward = m_exactActive && gopKey != AV_NOPTS_VALUE && gopKey == m_exactGopKey &&
                         m_lastDecodedPts != AV_NOPTS_VALUE && m_lastDecodedPts < target;
    if (!forward) {
        if (Status s = seekTo(target); !s) return s.error();
        m_lastDecodedPts = AV_NOPTS_VALUE;
    }
    m_exactActive = true;
    m_exactGopKey = gopKey;
    const AVRational rate = av_guess_frame_rate(m_fmt.get(), m_stream, nullptr);
    const int64_t halfFrame = rate.num > 0 ? av_rescale_q(1, av_inv_q(rate), m_stream->time_base) / 2 : 0;
    av::FramePtr best;  // the latest picture before the target, replaced by the first at/after it
    bool started = forward;
    auto consider = [&](const AVPacket *packet) {
        avcodec_send_packet(m_dec.get(), packet);
        while (avcodec_receive_frame(m_dec.get(), m_scratch.get()) >= 0) {
            ++m_framesDecoded;
            const int64_t pts = m_scratch->best_effort_timestamp;
            if (pts != AV_NOPTS_VALUE) m_lastDecodedPts = pts;
            const bool reached = pts != AV_NOPTS_VALUE && pts >= target - halfFrame;
            best = av::refFrame(m_scratch.get());
            av_frame_unref(m_scratch.get());
            if (reached) return true;
        }
        return false;
    };
    for (int sent = 0; sent < kMaxGopPackets; ++sent) {
        Result<bool> more = readVideoPacket();
        if (!more) return more.error();
        if (!*more) break;
        started = started || (m_packet->flags & AV_PKT_FLAG_KEY);
        const bool done = started && consider(m_packet.get());
        av_packet_unref(m_packet.get());
        if (done) return best;
    }
    m_exactActive = false; // drained: the next grab must seek
    consider(nullptr);     // the last pictures of the file
    if (best) return best;
    return makeError(QStringLiteral("thumbnails.decode"),
                     QStringLiteral("no picture could be decoded near %1 s; the file may be damaged").arg(seconds, 0, 'f', 3), m_path);
}

} // namespace rendition
