#include "core/preview/RenditionFrameSource.h"

#include "core/media/qc/RenditionTimeline.h"

extern "C" {
#include <libavutil/imgutils.h>
}

#include <cmath>

namespace rendition {

namespace {
constexpr double kForwardDecodeLimitSeconds = 2.0; // a jump shorter than this keeps decoding
}

RenditionFrameSource::~RenditionFrameSource() = default;

Result<std::unique_ptr<RenditionFrameSource>> RenditionFrameSource::open(const PackageRendition &rendition,
                                                                         const RenditionKey &key,
                                                                         double startOffsetSeconds,
                                                                         const CancelToken &cancel, int maxWidth)
{
    if (!rendition.isVideo())
        return makeError(QStringLiteral("preview.not_video"),
                         QStringLiteral("rendition \"%1\" has no pictures to show").arg(rendition.name),
                         rendition.filesFrom(0).value(0));
    std::unique_ptr<RenditionFrameSource> s(new RenditionFrameSource);
    s->m_rendition = rendition;
    s->m_key = key;
    s->m_cancel = cancel;
    s->m_startOffsetSeconds = startOffsetSeconds;
    s->m_maxWidth = maxWidth;
    if (rendition.frameRate > 0) s->m_frameSeconds = 1.0 / rendition.frameRate;
    if (Status st = s->openAt(0); !st) return st.error();
    return s;
}

Status RenditionFrameSource::openAt(int segment)
{
    m_reader.reset();
    const QStringList files = m_rendition.filesFrom(segment);
    RenditionKey key = m_key;
    key.firstSequence =
        m_rendition.initPath.isEmpty() && m_rendition.progressivePath.isEmpty() ? segment : 0; // TS: IV = sequence
    Result<std::unique_ptr<RenditionReader>> reader =
        RenditionReader::open(files, RenditionReader::Media::Video, m_cancel, key);
    if (!reader && m_cancel.isCanceled())
        return makeError(QStringLiteral("canceled"), QStringLiteral("the preview was canceled"), files.value(0));
    if (!reader) return reader.error();
    m_reader = std::move(reader).value();
    m_shiftSeconds = renditionPtsShiftSeconds(files, RenditionReader::Media::Video);
    if (m_rendition.frameRate <= 0) {
        const AVRational rate = m_reader->stream()->avg_frame_rate;
        if (rate.num > 0 && rate.den > 0) m_frameSeconds = av_q2d(av_inv_q(rate));
    }
    m_lastSeconds = -1;
    return {};
}

Result<av::FramePtr> RenditionFrameSource::decodeOne(double *seconds)
{
    if (!m_reader) return av::FramePtr{};
    Result<av::FramePtr> frame = m_reader->next();
    m_decodeErrors = m_reader->decodeErrors();
    if (!frame || !*frame) return frame;
    const double t =
        frameProgramSeconds(frame->get(), m_reader->stream()->time_base, m_shiftSeconds, m_startOffsetSeconds);
    *seconds = std::isnan(t) ? m_lastSeconds + m_frameSeconds : t;
    return frame;
}

Result<PreviewPicture> RenditionFrameSource::seek(double seconds)
{
    const double tolerance = m_frameSeconds / 2;
    const bool forward = m_reader && m_lastSeconds >= 0 && seconds > m_lastSeconds &&
                         seconds - m_lastSeconds < kForwardDecodeLimitSeconds;
    int segment = m_rendition.segmentIndexAt(seconds);
    if (!forward)
        if (Status s = openAt(segment); !s) return s.error();
    av::FramePtr previous;
    double previousSeconds = -1;
    for (;;) {
        double t = 0;
        Result<av::FramePtr> frame = decodeOne(&t);
        if (!frame) return frame.error();
        if (!*frame) break; // end: show the last frame
        if (!previous && !forward && segment > 0 && t > seconds + tolerance) {
            // The manifest's segment times are nominal; this segment starts after the wanted time.
            if (Status s = openAt(--segment); !s) return s.error();
            continue;
        }
        previous = std::move(frame).value();
        previousSeconds = t;
        if (t >= seconds - tolerance) break;
    }
    if (!previous) {
        if (forward) { // the reader had reached the end: start again from the segment
            m_reader.reset();
            return seek(seconds);
        }
        return makeError(QStringLiteral("preview.decode"),
                         QStringLiteral("no picture could be decoded (damaged file or wrong key)"),
                         m_rendition.filesFrom(0).value(0));
    }
    return toPicture(previous.get(), previousSeconds);
}

Result<PreviewPicture> RenditionFrameSource::next()
{
    double t = 0;
    Result<av::FramePtr> frame = decodeOne(&t);
    if (!frame) return frame.error();
    if (!*frame) return PreviewPicture{};
    return toPicture(frame->get(), t);
}

Result<PreviewPicture> RenditionFrameSource::toPicture(const AVFrame *frame, double seconds)
{
    const AVRational sar = frame->sample_aspect_ratio.num > 0 ? frame->sample_aspect_ratio : AVRational{1, 1};
    int width = int(std::lround(frame->width * av_q2d(sar)));
    int height = frame->height;
    if (m_maxWidth > 0 && width > m_maxWidth) {
        height = int(std::lround(double(height) * m_maxWidth / width));
        width = m_maxWidth;
    }
    width &= ~1;
    height &= ~1;
    m_sws.reset(sws_getCachedContext(m_sws.release(), frame->width, frame->height, AVPixelFormat(frame->format), width,
                                     height, AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (!m_sws || width <= 0 || height <= 0)
        return makeError(QStringLiteral("preview.convert"), QStringLiteral("cannot convert the picture for display"),
                         m_rendition.filesFrom(0).value(0));
    PreviewPicture p;
    p.width = width;
    p.height = height;
    p.seconds = seconds;
    p.rgba.resize(qsizetype(width) * height * 4);
    uint8_t *dst[4] = {reinterpret_cast<uint8_t *>(p.rgba.data()), nullptr, nullptr, nullptr};
    const int dstStride[4] = {width * 4, 0, 0, 0};
    sws_scale(m_sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    m_lastSeconds = seconds;
    return p;
}

} // namespace rendition
