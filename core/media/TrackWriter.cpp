#include "core/media/TrackWriter.h"

#include "core/media/InitSegment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

extern "C" {
#include <libavutil/opt.h>
}

#include <algorithm>
#include <limits>
#include <numeric>

namespace rendition {

double TrackRecord::durationSeconds() const
{
    qint64 total = 0;
    for (const SegmentRecord &s : segments) total += s.durationTs;
    return total * av_q2d(timeBase);
}

double TrackRecord::averageBitrateBps() const
{
    const double d = durationSeconds();
    return d > 0 ? totalBytes * 8.0 / d : 0.0;
}

double TrackRecord::peakSegmentBitrateBps() const
{
    double peak = 0;
    for (const SegmentRecord &s : segments) {
        const double d = s.durationTs * av_q2d(timeBase);
        if (d > 0) peak = std::max(peak, s.bytes * 8.0 / d);
    }
    return peak;
}

namespace {

Status writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return makeError(QStringLiteral("package.write"), QStringLiteral("could not write the file: %1").arg(f.errorString()), path);
    return {};
}

QString segmentName(int number, const char *ext)
{
    return QStringLiteral("seg_%1.%2").arg(number, 5, 10, QLatin1Char('0')).arg(QLatin1String(ext));
}

// Tracks segment timing (earliest presentation time, latest end) for the packets written so
// far. Nothing is presented before `presentationStart` (an audio track's priming, cut by its
// edit list), so a segment's earliest presentation time is never earlier.
struct SegmentClock {
    qint64 minPts = std::numeric_limits<qint64>::max();
    qint64 maxEnd = std::numeric_limits<qint64>::min();
    void add(const AVPacket *p, qint64 presentationStart = std::numeric_limits<qint64>::min())
    {
        minPts = std::min<qint64>(minPts, std::max<qint64>(p->pts, presentationStart));
        maxEnd = std::max<qint64>(maxEnd, p->pts + std::max<qint64>(p->duration, 0));
    }
};

// Closes segments: durations run to the next segment's start; the last to its own end.
void closeSegment(TrackRecord &rec, const QString &file, qint64 bytes, const SegmentClock &clock)
{
    if (!rec.segments.isEmpty()) rec.segments.last().durationTs = clock.minPts - rec.segments.last().startPts;
    rec.segments.append(SegmentRecord{file, clock.minPts, clock.maxEnd - clock.minPts, bytes});
    rec.totalBytes += bytes;
}

class Fmp4TrackWriter final : public TrackWriter {
public:
    explicit Fmp4TrackWriter(QString dir) { m_rec.dir = std::move(dir); }

    Status open(const AVCodecContext *enc) override
    {
        AVFormatContext *raw = nullptr;
        int rc = avformat_alloc_output_context2(&raw, nullptr, "mp4", nullptr);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("no mp4 muxer"), m_rec.dir);
        m_ctx.reset(raw);
        AVStream *st = avformat_new_stream(raw, nullptr);
        avcodec_parameters_from_context(st->codecpar, enc);
        if (enc->codec_id == AV_CODEC_ID_HEVC) st->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');
        st->time_base = enc->time_base;
        st->avg_frame_rate = enc->framerate;
        m_encTb = enc->time_base;

        constexpr int kIoBuffer = 1 << 16;
        auto *buf = static_cast<unsigned char *>(av_malloc(kIoBuffer));
        m_io.reset(avio_alloc_context(buf, kIoBuffer, 1, this, nullptr, &Fmp4TrackWriter::onWrite, nullptr));
        raw->pb = m_io.get();
        raw->flags |= AVFMT_FLAG_CUSTOM_IO;
        // Our timeline is already non-negative and shared by every track: the muxer must
        // not shift tracks independently (that would break A/V sync across renditions).
        raw->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
        // The audio encoder's priming (AAC: 1024 samples) precedes the first audible sample;
        // the init segment's edit list says so (finishInitSegment).
        m_primingTicks = enc->codec_type == AVMEDIA_TYPE_AUDIO && enc->initial_padding > 0
                             ? av_rescale_q(enc->initial_padding, AVRational{1, enc->sample_rate}, enc->time_base) : 0;

        AVDictionary *opts = nullptr;
        // frag_discont + no FFmpeg edit list: tfdt carries our absolute decode times, so every
        // rendition of the package shares one timeline (as the MPD and playlists say). No
        // `cmaf` flag: it turns on negative composition offsets, and readers that shift pts by
        // the largest negative offset (FFmpeg) would then see rung-dependent times. Our dts
        // (RungWorker) keep every offset >= 0; the CMAF brand is set by finishInitSegment.
        av_dict_set(&opts, "movflags", "+frag_custom+empty_moov+default_base_moof+skip_trailer+frag_discont", 0);
        av_dict_set(&opts, "use_editlist", "0", 0);
        if (enc->codec_type == AVMEDIA_TYPE_VIDEO) av_dict_set(&opts, "video_track_timescale", "0", 0);
        rc = avformat_write_header(raw, &opts);
        av_dict_free(&opts);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not start the fMP4 track"), m_rec.dir);
        avio_flush(raw->pb);
        m_rec.timeBase = st->time_base;
        m_rec.initFile = QStringLiteral("init.mp4");
        m_header = std::exchange(m_pending, {});
        if (m_primingTicks == 0) return writeInit(0); // else: once the first packet says where audio starts
        return {};
    }

    Status write(AVPacket *pkt, bool segmentStart) override
    {
        if (segmentStart && m_inSegment) {
            if (Status s = flushSegment(); !s) return s;
        }
        if (m_rec.initBytes.isEmpty()) { // first packet of a primed track: content starts after the priming
            m_presentationStart = av_rescale_q(pkt->pts + m_primingTicks, m_encTb, m_ctx->streams[0]->time_base);
            if (Status s = writeInit(m_presentationStart); !s) return s;
        }
        av_packet_rescale_ts(pkt, m_encTb, m_ctx->streams[0]->time_base);
        pkt->stream_index = 0;
        m_clock.add(pkt, m_presentationStart);
        m_inSegment = true;
        ++m_rec.packets;
        const int rc = av_write_frame(m_ctx.get(), pkt);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not write a sample"), m_rec.dir);
        return {};
    }

    Result<TrackRecord> finish() override
    {
        if (m_rec.initBytes.isEmpty()) {
            if (Status s = writeInit(0); !s) return s.error();
        }
        if (m_inSegment) {
            if (Status s = flushSegment(); !s) return s.error();
        }
        av_write_trailer(m_ctx.get()); // skip_trailer: nothing of substance; bytes are dropped
        m_pending.clear();
        return m_rec;
    }

private:
    static int onWrite(void *opaque, uint8_t *data, int size)
    {
        static_cast<Fmp4TrackWriter *>(opaque)->m_pending.append(reinterpret_cast<const char *>(data), size);
        return size;
    }

    // `mediaStart`: composition time (track timescale) of the first presented sample, for the
    // edit list; 0 = none needed.
    Status writeInit(qint64 mediaStart)
    {
        const QString path = QDir(m_rec.dir).filePath(m_rec.initFile);
        Result<QByteArray> init = finishInitSegment(m_header, mediaStart, path);
        if (!init) return init.error();
        m_rec.initBytes = std::move(init).value();
        return writeFile(path, m_rec.initBytes);
    }

    Status flushSegment()
    {
        const int rc = av_write_frame(m_ctx.get(), nullptr); // frag_custom: close the fragment
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not close a fragment"), m_rec.dir);
        avio_flush(m_ctx->pb);
        const QString name = segmentName(m_rec.segments.size() + 1, "m4s");
        if (Status s = writeFile(QDir(m_rec.dir).filePath(name), m_pending); !s) return s;
        closeSegment(m_rec, name, m_pending.size(), m_clock);
        m_pending.clear();
        m_clock = {};
        m_inSegment = false;
        return {};
    }

    TrackRecord m_rec;
    av::FormatOutputPtr m_ctx;
    av::IoContextPtr m_io;
    QByteArray m_pending;
    QByteArray m_header; // ftyp+moov as FFmpeg wrote them
    AVRational m_encTb{1, 1};
    SegmentClock m_clock;
    qint64 m_primingTicks = 0;                                         // encoder time base
    qint64 m_presentationStart = std::numeric_limits<qint64>::min();   // stream time base
    bool m_inSegment = false;
};

class TsTrackWriter final : public TrackWriter {
public:
    explicit TsTrackWriter(QString dir) { m_rec.dir = std::move(dir); }
    ~TsTrackWriter() override { closeContext(); }

    Status open(const AVCodecContext *enc) override
    {
        m_params.reset(avcodec_parameters_alloc());
        avcodec_parameters_from_context(m_params.get(), enc);
        m_encTb = enc->time_base;
        m_rec.timeBase = AVRational{1, 90000};
        return {};
    }

    Status write(AVPacket *pkt, bool segmentStart) override
    {
        if (!m_ctx || segmentStart) {
            if (Status s = startSegment(); !s) return s;
        }
        av_packet_rescale_ts(pkt, m_encTb, AVRational{1, 90000});
        m_clock.add(pkt);
        ++m_rec.packets;
        av_packet_rescale_ts(pkt, AVRational{1, 90000}, m_ctx->streams[0]->time_base);
        pkt->stream_index = 0;
        const int rc = av_write_frame(m_ctx.get(), pkt);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not write a TS packet"), m_rec.dir);
        return {};
    }

    Result<TrackRecord> finish() override
    {
        if (Status s = endSegment(); !s) return s.error();
        return m_rec;
    }

private:
    struct ParamsDeleter {
        void operator()(AVCodecParameters *p) const { avcodec_parameters_free(&p); }
    };

    void closeContext()
    {
        if (m_ctx && m_ctx->pb) avio_closep(&m_ctx->pb);
        m_ctx.reset();
    }

    Status endSegment()
    {
        if (!m_ctx) return {};
        const int rc = av_write_trailer(m_ctx.get());
        closeContext();
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not finish a TS segment"), m_current);
        closeSegment(m_rec, QFileInfo(m_current).fileName(), QFileInfo(m_current).size(), m_clock);
        m_clock = {};
        return {};
    }

    Status startSegment()
    {
        if (Status s = endSegment(); !s) return s;
        m_current = QDir(m_rec.dir).filePath(segmentName(m_rec.segments.size() + 1, "ts"));
        AVFormatContext *raw = nullptr;
        int rc = avformat_alloc_output_context2(&raw, nullptr, "mpegts", nullptr);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("no mpegts muxer"), m_current);
        m_ctx.reset(raw);
        AVStream *st = avformat_new_stream(raw, nullptr);
        avcodec_parameters_copy(st->codecpar, m_params.get());
        st->time_base = AVRational{1, 90000};
        raw->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
        rc = avio_open(&raw->pb, QFile::encodeName(m_current).constData(), AVIO_FLAG_WRITE);
        if (rc >= 0) rc = avformat_write_header(raw, nullptr);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not start a TS segment"), m_current);
        return {};
    }

    TrackRecord m_rec;
    std::unique_ptr<AVCodecParameters, ParamsDeleter> m_params;
    av::FormatOutputPtr m_ctx;
    AVRational m_encTb{1, 1};
    QString m_current;
    SegmentClock m_clock;
};

} // namespace

std::unique_ptr<TrackWriter> makeFmp4TrackWriter(const QString &dir) { return std::make_unique<Fmp4TrackWriter>(dir); }
std::unique_ptr<TrackWriter> makeTsTrackWriter(const QString &dir) { return std::make_unique<TsTrackWriter>(dir); }

ProgressiveMp4::ProgressiveMp4(QString path) : m_path(std::move(path)) {}

ProgressiveMp4::~ProgressiveMp4()
{
    if (m_ctx && m_ctx->pb) avio_closep(&m_ctx->pb);
}

Result<int> ProgressiveMp4::addTrack(const AVCodecContext *enc)
{
    if (!m_ctx) {
        AVFormatContext *raw = nullptr;
        const int rc = avformat_alloc_output_context2(&raw, nullptr, "mp4", nullptr);
        if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("no mp4 muxer"), m_path);
        m_ctx.reset(raw);
    }
    AVStream *st = avformat_new_stream(m_ctx.get(), nullptr);
    avcodec_parameters_from_context(st->codecpar, enc);
    if (enc->codec_id == AV_CODEC_ID_HEVC) st->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');
    st->time_base = enc->time_base;
    m_encoderTimeBases.append(enc->time_base);
    return st->index;
}

Status ProgressiveMp4::start()
{
    // faststart re-reads the file by its URL when it moves the moov to the front.
    av_freep(&m_ctx->url);
    m_ctx->url = av_strdup(QFile::encodeName(m_path).constData());
    int rc = avio_open(&m_ctx->pb, QFile::encodeName(m_path).constData(), AVIO_FLAG_WRITE);
    AVDictionary *opts = nullptr;
    av_dict_set(&opts, "movflags", "+faststart", 0);
    // Edit lists (B-frame delay, audio priming) are in the movie timescale: FFmpeg's 1000 rounds
    // them to whole milliseconds and readers then shift tracks by up to 0.5 ms each. A movie
    // timescale that every track timescale divides keeps them exact. (The muxer raises a track
    // timescale below 10000 by doubling; the same is done here.)
    qint64 movieScale = 1;
    for (AVRational tb : m_encoderTimeBases) {
        qint64 t = std::max(1, tb.den);
        while (t < 10000) t *= 2;
        movieScale = std::lcm(movieScale, t);
        if (movieScale > std::numeric_limits<int>::max()) break;
    }
    if (movieScale <= std::numeric_limits<int>::max()) av_dict_set_int(&opts, "movie_timescale", movieScale, 0);
    if (rc >= 0) rc = avformat_write_header(m_ctx.get(), &opts);
    av_dict_free(&opts);
    if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not start the MP4"), m_path);
    m_started = true;
    return {};
}

Status ProgressiveMp4::write(int track, AVPacket *pkt)
{
    QMutexLocker lock(&m_mutex);
    av_packet_rescale_ts(pkt, m_encoderTimeBases.at(track), m_ctx->streams[track]->time_base);
    pkt->stream_index = track;
    const int rc = av_interleaved_write_frame(m_ctx.get(), pkt);
    if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not write a sample"), m_path);
    return {};
}

Status ProgressiveMp4::finish()
{
    QMutexLocker lock(&m_mutex);
    const int rc = av_write_trailer(m_ctx.get());
    avio_closep(&m_ctx->pb);
    if (rc < 0) return av::avError(QStringLiteral("package.mux"), rc, QStringLiteral("could not finish the MP4"), m_path);
    return {};
}

} // namespace rendition
