#include "core/media/SpriteSheet.h"

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

#include <cmath>
#include <cstring>

namespace rendition {

namespace {

int evenRound(double v) { return std::max(2, int(std::lround(v / 2.0)) * 2); }

// swscale wants the plain formats; the J variants only say "full range".
AVPixelFormat plainFormat(AVPixelFormat f, bool &fullRange)
{
    switch (f) {
    case AV_PIX_FMT_YUVJ420P: fullRange = true; return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P: fullRange = true; return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P: fullRange = true; return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUVJ440P: fullRange = true; return AV_PIX_FMT_YUV440P;
    case AV_PIX_FMT_YUVJ411P: fullRange = true; return AV_PIX_FMT_YUV411P;
    default: return f;
    }
}

int swsColorspace(const AVFrame *f)
{
    switch (f->colorspace) {
    case AVCOL_SPC_BT709: return SWS_CS_ITU709;
    case AVCOL_SPC_FCC: return SWS_CS_FCC;
    case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M: return SWS_CS_ITU601;
    default: return f->height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601; // untagged: guess by size
    }
}

} // namespace

PictureRect letterbox(int sourceWidth, int sourceHeight, AVRational sar, int boxWidth, int boxHeight)
{
    if (sar.num <= 0 || sar.den <= 0) sar = AVRational{1, 1};
    const double dar = double(sourceWidth) * sar.num / (double(sourceHeight) * sar.den);
    PictureRect r;
    if (dar >= double(boxWidth) / boxHeight) {
        r.width = boxWidth;
        r.height = std::min(boxHeight, evenRound(boxWidth / dar));
    } else {
        r.height = boxHeight;
        r.width = std::min(boxWidth, evenRound(boxHeight * dar));
    }
    r.x = (boxWidth - r.width) / 4 * 2;
    r.y = (boxHeight - r.height) / 4 * 2;
    return r;
}

av::FramePtr makeBlackPicture(int width, int height)
{
    av::FramePtr f = av::makeFrame();
    if (!f) return f;
    f->format = AV_PIX_FMT_YUVJ420P;
    f->width = width;
    f->height = height;
    f->color_range = AVCOL_RANGE_JPEG;
    f->colorspace = AVCOL_SPC_BT470BG;
    if (av_frame_get_buffer(f.get(), 0) < 0) return {};
    for (int y = 0; y < height; ++y) std::memset(f->data[0] + y * f->linesize[0], 0, width);
    for (int p = 1; p <= 2; ++p)
        for (int y = 0; y < (height + 1) / 2; ++y) std::memset(f->data[p] + y * f->linesize[p], 128, (width + 1) / 2);
    return f;
}

Status PictureScaler::draw(const AVFrame *source, AVFrame *target, const PictureRect &rect)
{
    bool srcFull = source->color_range == AVCOL_RANGE_JPEG;
    const AVPixelFormat srcFormat = plainFormat(AVPixelFormat(source->format), srcFull);
    m_raw = sws_getCachedContext(m_raw, source->width, source->height, srcFormat, rect.width, rect.height,
                                 AV_PIX_FMT_YUV420P, SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
    if (m_sws.get() != m_raw) {
        (void)m_sws.release(); // sws_getCachedContext already freed the old context
        m_sws.reset(m_raw);
    }
    if (!m_raw)
        return makeError(QStringLiteral("thumbnails.scale"),
                         QStringLiteral("cannot scale %1x%2 %3 pictures")
                             .arg(source->width).arg(source->height)
                             .arg(QString::fromUtf8(av_get_pix_fmt_name(AVPixelFormat(source->format)))));
    // Source matrix and range as tagged; output BT.601 full range, which is what JPEG means.
    sws_setColorspaceDetails(m_raw, sws_getCoefficients(swsColorspace(source)), srcFull ? 1 : 0,
                             sws_getCoefficients(SWS_CS_ITU601), 1, 0, 1 << 16, 1 << 16);
    uint8_t *dst[4] = {target->data[0] + rect.y * target->linesize[0] + rect.x,
                       target->data[1] + rect.y / 2 * target->linesize[1] + rect.x / 2,
                       target->data[2] + rect.y / 2 * target->linesize[2] + rect.x / 2, nullptr};
    const int dstStride[4] = {target->linesize[0], target->linesize[1], target->linesize[2], 0};
    sws_scale(m_raw, source->data, source->linesize, 0, source->height, dst, dstStride);
    return {};
}

SpriteSheet::SpriteSheet(int columns, int rows, int tileWidth, int tileHeight)
    : m_columns(columns), m_rows(rows), m_tileWidth(tileWidth), m_tileHeight(tileHeight)
{
}

Status SpriteSheet::begin()
{
    m_sheet = makeBlackPicture(m_columns * m_tileWidth, m_rows * m_tileHeight);
    if (!m_sheet) return makeError(QStringLiteral("thumbnails.memory"), QStringLiteral("out of memory for a sprite sheet"));
    return {};
}

PictureRect SpriteSheet::tileRect(int slot) const
{
    return PictureRect{slot % m_columns * m_tileWidth, slot / m_columns * m_tileHeight, m_tileWidth, m_tileHeight};
}

Status SpriteSheet::put(int slot, const AVFrame *source, AVRational sar)
{
    const PictureRect tile = tileRect(slot);
    PictureRect active = letterbox(source->width, source->height, sar, m_tileWidth, m_tileHeight);
    active.x += tile.x;
    active.y += tile.y;
    return m_scaler.draw(source, m_sheet.get(), active);
}

av::FramePtr SpriteSheet::finish(int tilesUsed)
{
    const int rowsUsed = std::clamp((tilesUsed + m_columns - 1) / m_columns, 1, m_rows);
    m_sheet->height = rowsUsed * m_tileHeight; // the planes stay valid: the encoder reads fewer rows
    return std::move(m_sheet);
}

} // namespace rendition
