#include "core/media/qc/RenditionTimeline.h"
#include "core/media/InputOpen.h"

#include "core/media/cenc/Box.h"

#include <QByteArray>
#include <QFile>

#include <cmath>
#include <limits>

namespace rendition {

namespace {

struct MemoryInput {
    QByteArray bytes;
    qint64 position = 0;
};

int readMemory(void *opaque, uint8_t *buf, int size)
{
    auto *in = static_cast<MemoryInput *>(opaque);
    const qint64 left = in->bytes.size() - in->position;
    if (left <= 0) return AVERROR_EOF;
    const int n = int(std::min<qint64>(left, size));
    memcpy(buf, in->bytes.constData() + in->position, size_t(n));
    in->position += n;
    return n;
}

// True when the first media segment's first trun is version 1 (signed composition offsets):
// only then does FFmpeg's mov demuxer shift pts by the largest negative offset.
bool firstTrunIsSigned(const QByteArray &segment)
{
    auto roots = cenc::parseBoxes(segment);
    if (!roots) return false;
    const cenc::Box *trun = cenc::findPath(*roots, {cenc::fourcc("moof"), cenc::fourcc("traf"), cenc::fourcc("trun")});
    return trun && trun->version() == 1;
}

} // namespace

double renditionPtsShiftSeconds(const QStringList &files, RenditionReader::Media media)
{
    // Only segmented fMP4 (an init segment followed by media segments) has the shift.
    if (files.size() < 2 || !files.first().endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive)) return 0;
    MemoryInput in;
    QByteArray firstSegment;
    for (int i = 0; i < 2; ++i) {
        QFile f(files.at(i));
        if (!f.open(QIODevice::ReadOnly)) return 0;
        const QByteArray bytes = f.readAll();
        if (i == 1) firstSegment = bytes;
        in.bytes += bytes;
    }
    // Packages written since issue #17 use non-negative offsets (version-0 trun): no shift.
    if (!firstTrunIsSigned(firstSegment)) return 0;
    constexpr int kIoBuffer = 1 << 16;
    auto *buf = static_cast<unsigned char *>(av_malloc(kIoBuffer));
    av::IoContextPtr io(avio_alloc_context(buf, kIoBuffer, 0, &in, &readMemory, nullptr, nullptr));
    InputOpenOptions open; // the init segment from memory
    open.source = InputSource::CustomIo;
    open.customIo = io.get();
    av::FormatInputPtr fmt;
    if (openMediaInput(QString(), open, &fmt) < 0) return 0;
    if (!QByteArray(fmt->iformat->name).contains("mp4")) return 0;
    const AVMediaType type = media == RenditionReader::Media::Video ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO;
    int index = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        if (index < 0 && fmt->streams[i]->codecpar->codec_type == type) index = int(i);
    if (index < 0) return 0;
    av::PacketPtr pkt = av::makePacket();
    while (av_read_frame(fmt.get(), pkt.get()) >= 0) {
        if (pkt->stream_index != index) {
            av_packet_unref(pkt.get());
            continue;
        }
        const qint64 shift = pkt->pts != AV_NOPTS_VALUE && pkt->dts != AV_NOPTS_VALUE ? pkt->pts - pkt->dts : 0;
        const double seconds = std::max<qint64>(0, shift) * av_q2d(fmt->streams[index]->time_base);
        av_packet_unref(pkt.get());
        return seconds;
    }
    return 0;
}

double frameProgramSeconds(const AVFrame *frame, AVRational timeBase, double shiftSeconds, double startOffsetSeconds)
{
    const qint64 ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    if (ts == AV_NOPTS_VALUE) return std::numeric_limits<double>::quiet_NaN();
    return ts * av_q2d(timeBase) - shiftSeconds - startOffsetSeconds;
}

} // namespace rendition
