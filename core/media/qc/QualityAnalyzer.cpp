#include "core/media/qc/QualityAnalyzer.h"

#include "core/media/SourceReader.h"
#include "core/media/RenditionReader.h"
#include "core/media/qc/RenditionTimeline.h"

#include <cmath>
#include <limits>

namespace rendition {

namespace {

// One rendition being compared: its reader, the frame waiting to be matched, the
// scalers and the running sums.
struct Comparison {
    QualityTarget target;
    std::unique_ptr<RenditionReader> reader;
    std::unique_ptr<VideoAnalyzer> analyzer;
    double shiftSeconds = 0;
    av::FramePtr pending;
    double pendingSeconds = 0;
    bool ended = false;
    av::SwsPtr sourceScaler;
    av::SwsPtr renditionScaler;
    av::FramePtr scaledSource;
    av::FramePtr scaledRendition;
    QualityFindings findings;
    double mseSum = 0;
    double ssimSum = 0;
};

av::FramePtr allocYuv420(int width, int height)
{
    av::FramePtr f = av::makeFrame();
    f->format = AV_PIX_FMT_YUV420P;
    f->width = width;
    f->height = height;
    if (av_frame_get_buffer(f.get(), 0) < 0) return {};
    return f;
}

// `in` scaled (bicubic) to W×H yuv420p into `out` (allocated on first use).
bool scaleTo(const AVFrame *in, int width, int height, av::SwsPtr &ctx, av::FramePtr &out)
{
    ctx.reset(sws_getCachedContext(ctx.release(), in->width, in->height, AVPixelFormat(in->format), width, height,
                                   AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!ctx) return false;
    if (!out) out = allocYuv420(width, height);
    if (!out) return false;
    return sws_scale(ctx.get(), in->data, in->linesize, 0, in->height, out->data, out->linesize) > 0;
}

// Advances the rendition until its pending frame is at or after `seconds − tolerance`.
Status advanceTo(Comparison &c, double seconds, double tolerance)
{
    while (!c.ended && (!c.pending || c.pendingSeconds < seconds - tolerance)) {
        auto next = c.reader->next();
        if (!next) return next.error();
        c.pending = std::move(next).value();
        if (!c.pending) {
            c.ended = true;
            break;
        }
        if (Status s = c.analyzer->addReaderFrame(c.pending.get(), c.reader->stream(), c.shiftSeconds); !s) return s;
        c.pendingSeconds = c.analyzer->lastFrameSeconds();
    }
    return {};
}

// Reads the rest of the rendition (for its duration, frame count and decode errors).
Status drain(Comparison &c, const CancelToken &cancel)
{
    while (!c.ended) {
        if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), c.target.name);
        if (Status s = advanceTo(c, std::numeric_limits<double>::infinity(), 0); !s) return s;
    }
    return {};
}

Status compare(Comparison &c, const AVFrame *source)
{
    const int w = c.target.width > 0 ? c.target.width : c.pending->width;
    const int h = c.target.height > 0 ? c.target.height : c.pending->height;
    if (!scaleTo(source, w, h, c.sourceScaler, c.scaledSource))
        return makeError(QStringLiteral("qc.scale"), QStringLiteral("could not scale the source picture for comparison"), c.target.name);
    const AVFrame *rendition = c.pending.get();
    if (rendition->format != AV_PIX_FMT_YUV420P || rendition->width != w || rendition->height != h) {
        if (!scaleTo(rendition, w, h, c.renditionScaler, c.scaledRendition))
            return makeError(QStringLiteral("qc.scale"), QStringLiteral("could not convert the rendition picture for comparison"), c.target.name);
        rendition = c.scaledRendition.get();
    }
    const PlaneView a{c.scaledSource->data[0], c.scaledSource->linesize[0], w, h};
    const PlaneView b{rendition->data[0], rendition->linesize[0], w, h};
    const double mse = meanSquaredError(a, b);
    const double psnr = psnrFromMse(mse);
    const double s = ssim(a, b);
    QualityFindings &f = c.findings;
    f.psnrMinDb = f.framesCompared == 0 ? psnr : std::min(f.psnrMinDb, psnr);
    f.ssimMin = f.framesCompared == 0 ? s : std::min(f.ssimMin, s);
    ++f.framesCompared;
    c.mseSum += mse;
    c.ssimSum += s;
    return {};
}

} // namespace

Result<QualityResult> QualityAnalyzer::analyze(const QString &sourcePath, const QList<QualityTarget> &targets,
                                               const QualityOptions &options, const MediaPosition &position,
                                               const CancelToken &cancel)
{
    SourceReaderOptions so;
    so.audio = false;
    so.deinterlace = options.deinterlaceSource;
    auto source = SourceReader::open(sourcePath, so, cancel);
    if (!source) return makeError(QStringLiteral("qc.source_open"), source.error().message, sourcePath);
    const AVStream *vs = (*source)->videoStream();
    if (!vs) return makeError(QStringLiteral("qc.source_no_video"), QStringLiteral("the source has no video to compare with"), sourcePath);
    const AVRational rate = (*source)->videoFrameRate();
    const double frameSeconds = rate.num > 0 && rate.den > 0 ? av_q2d(av_inv_q(rate)) : 0.04;
    const double tolerance = 0.5 * frameSeconds;

    std::vector<Comparison> comparisons(size_t(targets.size()));
    for (int i = 0; i < targets.size(); ++i) {
        Comparison &c = comparisons[size_t(i)];
        c.target = targets.at(i);
        c.findings.name = c.target.name;
        auto reader = RenditionReader::open(c.target.files, RenditionReader::Media::Video, cancel);
        if (!reader) {
            c.findings.error = reader.error().toString();
            c.ended = true;
            continue;
        }
        c.reader = std::move(reader).value();
        VideoAnalyzerOptions analysis = c.target.analysis;
        analysis.startOffsetSeconds = options.startOffsetSeconds;
        c.analyzer = std::make_unique<VideoAnalyzer>(analysis);
        c.shiftSeconds = renditionPtsShiftSeconds(c.target.files, RenditionReader::Media::Video);
    }

    qint64 lastSlot = std::numeric_limits<qint64>::min();
    double nextReport = 1.0, lastSeconds = 0;
    for (;;) {
        if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), sourcePath);
        auto decoded = (*source)->next();
        if (!decoded) return decoded.error();
        if (decoded->kind == DecodedFrame::Kind::End) break;
        if (decoded->kind != DecodedFrame::Kind::Video || !decoded->frame) continue;
        const AVFrame *frame = decoded->frame.get();
        const qint64 ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        const double t = ts == AV_NOPTS_VALUE ? lastSeconds + frameSeconds : ts * av_q2d(vs->time_base) - (*source)->originSeconds();
        lastSeconds = t;
        if (position && t >= nextReport) {
            position(t);
            nextReport = t + 1.0;
        }
        const qint64 slot = options.samplesPerSecond > 0 ? qint64(std::floor(t * options.samplesPerSecond + 1e-6)) : lastSlot + 1;
        if (slot == lastSlot) continue;
        lastSlot = slot;
        for (Comparison &c : comparisons) {
            if (c.ended && !c.pending) continue;
            if (Status s = advanceTo(c, t, tolerance); !s) {
                if (s.error().code == u"canceled") return s.error();
                c.findings.error = s.error().toString();
                c.ended = true;
                c.pending.reset();
                continue;
            }
            if (!c.pending || std::abs(c.pendingSeconds - t) > tolerance) continue; // no rendition frame at this time
            if (Status s = compare(c, frame); !s) return s.error();
        }
    }

    for (Comparison &c : comparisons) {
        if (Status s = drain(c, cancel); !s) {
            if (s.error().code == u"canceled") return s.error();
            c.findings.error = s.error().toString();
        }
    }
    QualityResult result;
    result.sourceDecodeErrors = (*source)->decodeErrors();
    for (Comparison &c : comparisons) {
        if (c.findings.framesCompared > 0) {
            c.findings.psnrAverageDb = psnrFromMse(c.mseSum / c.findings.framesCompared);
            c.findings.ssimAverage = c.ssimSum / c.findings.framesCompared;
        }
        if (c.analyzer) {
            c.findings.video = c.analyzer->finish();
            c.findings.video.decodeErrors = c.reader->decodeErrors();
        }
        result.renditions.append(c.findings);
    }
    return result;
}

} // namespace rendition
