#include "core/media/JpegWriter.h"

#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace rendition {

int jpegQscale(int jpegQuality)
{
    const int q = std::clamp(jpegQuality, 1, 100);
    return int(std::lround(31.0 - (q - 1) * 29.0 / 99.0));
}

namespace {

Result<QByteArray> encodeJpeg(const AVFrame *picture, int jpegQuality, const QString &path)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (!codec)
        return makeError(QStringLiteral("thumbnails.encode"),
                         QStringLiteral("this FFmpeg has no MJPEG encoder; install a full FFmpeg build"), path);
    av::CodecContextPtr enc = av::makeCodecContext(codec);
    enc->width = picture->width;
    enc->height = picture->height;
    enc->pix_fmt = AV_PIX_FMT_YUVJ420P;
    enc->color_range = AVCOL_RANGE_JPEG;
    enc->colorspace = AVCOL_SPC_BT470BG;
    enc->time_base = AVRational{1, 25};
    enc->thread_count = 1;
    enc->flags |= AV_CODEC_FLAG_QSCALE;
    enc->global_quality = FF_QP2LAMBDA * jpegQscale(jpegQuality);
    int rc = avcodec_open2(enc.get(), codec, nullptr);
    if (rc < 0) return av::avError(QStringLiteral("thumbnails.encode"), rc, QStringLiteral("could not open the JPEG encoder"), path);

    av::FramePtr frame = av::refFrame(picture); // a new reference: quality and pts are ours to set
    if (!frame) return makeError(QStringLiteral("thumbnails.encode"), QStringLiteral("out of memory"), path);
    frame->quality = enc->global_quality; // with AV_CODEC_FLAG_QSCALE the encoder takes the frame's
    frame->pts = 0;
    av::PacketPtr packet = av::makePacket();
    QByteArray bytes;
    rc = avcodec_send_frame(enc.get(), frame.get());
    if (rc >= 0) rc = avcodec_send_frame(enc.get(), nullptr);
    while (rc >= 0) {
        rc = avcodec_receive_packet(enc.get(), packet.get());
        if (rc < 0) break;
        bytes.append(reinterpret_cast<const char *>(packet->data), packet->size);
        av_packet_unref(packet.get());
    }
    if (rc != AVERROR_EOF || bytes.isEmpty())
        return av::avError(QStringLiteral("thumbnails.encode"), rc, QStringLiteral("the JPEG encoder failed"), path);
    return bytes;
}

} // namespace

Status writeJpeg(const AVFrame *picture, const QString &path, int jpegQuality)
{
    Result<QByteArray> bytes = encodeJpeg(picture, jpegQuality, path);
    if (!bytes) return bytes.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit())
        return makeError(QStringLiteral("thumbnails.write"),
                         QStringLiteral("could not write the image (%1); check that the output folder exists and is writable")
                             .arg(file.errorString()),
                         path);
    return {};
}

} // namespace rendition
