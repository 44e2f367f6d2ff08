#include "core/media/qc/VideoAnalyzer.h"

#include "core/media/RenditionReader.h"
#include "core/media/qc/RenditionTimeline.h"

extern "C" {
#include <libavutil/pixdesc.h>
#include <libavutil/version.h>
}

#include <algorithm>
#include <cmath>

namespace rendition {

namespace {

bool directlyReadable(const AVPixFmtDescriptor *d)
{
    if (!d || (d->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL |
                           AV_PIX_FMT_FLAG_BE | AV_PIX_FMT_FLAG_FLOAT)))
        return false;
    const AVComponentDescriptor &y = d->comp[0];
    return y.plane == 0 && y.shift == 0 && y.offset == 0 && ((y.step == 1 && y.depth == 8) || (y.step == 2 && y.depth > 8));
}

bool isFullRange(const AVFrame *f)
{
    switch (f->format) {
    case AV_PIX_FMT_YUVJ420P: case AV_PIX_FMT_YUVJ422P: case AV_PIX_FMT_YUVJ444P: case AV_PIX_FMT_YUVJ440P:
    case AV_PIX_FMT_YUVJ411P:
        return true;
    default:
        return f->color_range == AVCOL_RANGE_JPEG;
    }
}

// Luma samples of a frame, 8 or 16 bits per sample.
template <typename Sample>
const Sample *row(const AVFrame *f, int y)
{
    return reinterpret_cast<const Sample *>(f->data[0] + ptrdiff_t(y) * f->linesize[0]);
}

// True when at least `needed` samples are ≤ level; stops as soon as the answer is known.
template <typename Sample>
bool countBlack(const AVFrame *f, int level, qint64 allowedBright)
{
    qint64 bright = 0;
    for (int y = 0; y < f->height; ++y) {
        const Sample *r = row<Sample>(f, y);
        for (int x = 0; x < f->width; ++x) bright += r[x] > level;
        if (bright > allowedBright) return false;
    }
    return true;
}

// True when the summed absolute difference stays ≤ limit; stops early when it cannot.
template <typename Sample>
bool sameAs(const AVFrame *a, const AVFrame *b, double limit)
{
    quint64 sum = 0;
    for (int y = 0; y < a->height; ++y) {
        const Sample *ra = row<Sample>(a, y), *rb = row<Sample>(b, y);
        for (int x = 0; x < a->width; ++x) sum += quint64(std::abs(int(ra[x]) - int(rb[x])));
        if (double(sum) > limit) return false;
    }
    return true;
}

double frameDurationSeconds(const AVFrame *f, const AVStream *st)
{
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 0, 0)
    const qint64 d = f->duration;
#else
    const qint64 d = f->pkt_duration;
#endif
    if (d > 0) return d * av_q2d(st->time_base);
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0) return av_q2d(av_inv_q(st->avg_frame_rate));
    return 0.04;
}

} // namespace

VideoAnalyzer::VideoAnalyzer(const VideoAnalyzerOptions &options)
    : m_options(options), m_black(options.minBlackSeconds)
{
}

VideoAnalyzer::~VideoAnalyzer() = default;

Result<av::FramePtr> VideoAnalyzer::lumaSource(const AVFrame *frame)
{
    if (directlyReadable(av_pix_fmt_desc_get(AVPixelFormat(frame->format)))) {
        av::FramePtr ref = av::refFrame(frame);
        if (!ref) return makeError(QStringLiteral("qc.memory"), QStringLiteral("out of memory while analysing video"));
        return ref;
    }
    m_toGray.reset(sws_getCachedContext(m_toGray.release(), frame->width, frame->height, AVPixelFormat(frame->format), frame->width,
                                        frame->height, AV_PIX_FMT_YUV420P, SWS_POINT, nullptr, nullptr, nullptr));
    av::FramePtr out = av::makeFrame();
    out->format = AV_PIX_FMT_YUV420P;
    out->width = frame->width;
    out->height = frame->height;
    if (!m_toGray || av_frame_get_buffer(out.get(), 0) < 0)
        return makeError(QStringLiteral("qc.pixel_format"), QStringLiteral("could not convert the picture for analysis"));
    sws_scale(m_toGray.get(), frame->data, frame->linesize, 0, frame->height, out->data, out->linesize);
    out->key_frame = frame->key_frame;
    out->pict_type = frame->pict_type;
    return out;
}

Status VideoAnalyzer::addFrame(const AVFrame *frame, double startSeconds, double durationSeconds)
{
    auto luma = lumaSource(frame);
    if (!luma) return luma.error();
    av::FramePtr cur = std::move(luma).value();
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(AVPixelFormat(cur->format));
    const int depth = desc->comp[0].depth;
    const bool wide = depth > 8;
    const double endSeconds = startSeconds + durationSeconds;
    if (m_findings.frames == 0) {
        m_findings.startSeconds = startSeconds;
        m_findings.width = frame->width;
        m_findings.height = frame->height;
    }
    ++m_findings.frames;
    m_endSeconds = std::max(m_endSeconds, endSeconds);
    const qint64 samples = qint64(cur->width) * cur->height;
    const double maxValue = double((1 << depth) - 1);

    bool black = false;
    if (m_options.detectBlack) {
        const double level = isFullRange(cur.get()) ? m_options.blackLevel * maxValue
                                                : (16 + m_options.blackLevel * 219) * double(1 << (depth - 8));
        const qint64 allowedBright = qint64(std::floor(samples * (1.0 - m_options.blackPixelRatio)));
        const int lv = int(std::floor(level));
        black = wide ? countBlack<uint16_t>(cur.get(), lv, allowedBright) : countBlack<uint8_t>(cur.get(), lv, allowedBright);
        m_black.update(black, startSeconds, endSeconds);
    }
    if (m_options.detectFreeze) {
        // 0: moving, 1: nearly still, 2: still.
        int level = 0;
        if (!black && m_previous && m_previous->width == cur->width && m_previous->height == cur->height && m_previous->format == cur->format) {
            const bool key = frame->key_frame || frame->pict_type == AV_PICTURE_TYPE_I;
            const double tolerance = std::pow(10.0, m_options.freezeNoiseDb / 20.0) * maxValue * double(samples);
            const double loose = tolerance * std::pow(10.0, kKeyframeFreezeSlackDb / 20.0);
            auto within = [&](double limit) {
                return wide ? sameAs<uint16_t>(cur.get(), m_previous.get(), limit) : sameAs<uint8_t>(cur.get(), m_previous.get(), limit);
            };
            if (within(loose)) level = (key || within(tolerance)) ? 2 : 1;
        }
        if (level == 0) {
            closeFreezeRun();
        } else {
            if (m_run.empty()) m_runPreviousStart = m_previousStart;
            m_run.push_back({startSeconds, endSeconds, level == 2});
        }
        m_previous = std::move(cur);
        m_previousStart = startSeconds;
    }
    return {};
}

Status VideoAnalyzer::addReaderFrame(const AVFrame *frame, const AVStream *stream, double shiftSeconds)
{
    double t = frameProgramSeconds(frame, stream->time_base, shiftSeconds, m_options.startOffsetSeconds);
    if (std::isnan(t)) t = m_lastStart + m_lastDuration; // no timestamp: assume it follows on
    const double d = frameDurationSeconds(frame, stream);
    m_lastStart = t;
    m_lastDuration = d;
    return addFrame(frame, t, d);
}

void VideoAnalyzer::closeFreezeRun()
{
    std::vector<FreezeFrame> run;
    run.swap(m_run);
    const auto firstStill = std::find_if(run.begin(), run.end(), [](const FreezeFrame &f) { return f.still; });
    if (firstStill == run.end()) return;
    const auto lastStill = std::find_if(run.rbegin(), run.rend(), [](const FreezeFrame &f) { return f.still; });
    // Nearly-still frames count only within the settle time of the still ones.
    size_t begin = size_t(firstStill - run.begin());
    while (begin > 0 && run[begin - 1].startSeconds >= firstStill->startSeconds - kFreezeSettleSeconds) --begin;
    size_t end = size_t(run.rend() - lastStill); // one past the last still frame
    while (end < run.size() && run[end].startSeconds <= lastStill->endSeconds + kFreezeSettleSeconds) ++end;
    // The span starts with the frame the first counted frame repeats.
    const TimeSpan span{begin == 0 ? m_runPreviousStart : run[begin - 1].startSeconds, run[end - 1].endSeconds};
    if (span.durationSeconds() >= m_options.minFreezeSeconds - 1e-9) m_frozen.append(span);
}

VideoFindings VideoAnalyzer::finish()
{
    m_black.close();
    closeFreezeRun();
    m_findings.black = m_black.spans();
    m_findings.frozen = m_frozen;
    m_findings.durationSeconds = m_findings.frames > 0 ? m_endSeconds - m_findings.startSeconds : 0;
    return m_findings;
}

Result<VideoFindings> VideoAnalyzer::analyze(const QStringList &files, const VideoAnalyzerOptions &options,
                                             const MediaPosition &position, const CancelToken &cancel)
{
    auto reader = RenditionReader::open(files, RenditionReader::Media::Video, cancel);
    if (!reader) return reader.error();
    const AVStream *st = (*reader)->stream();
    const double shift = renditionPtsShiftSeconds(files, RenditionReader::Media::Video);
    VideoAnalyzer analyzer(options);
    double nextReport = 1.0;
    for (;;) {
        if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), files.first());
        auto frame = (*reader)->next();
        if (!frame) return frame.error();
        if (!*frame) break;
        if (Status s = analyzer.addReaderFrame(frame->get(), st, shift); !s) return s.error();
        if (position && analyzer.lastFrameSeconds() >= nextReport) {
            position(analyzer.lastFrameSeconds());
            nextReport = analyzer.lastFrameSeconds() + 1.0;
        }
    }
    VideoFindings f = analyzer.finish();
    f.decodeErrors = (*reader)->decodeErrors();
    return f;
}

} // namespace rendition
