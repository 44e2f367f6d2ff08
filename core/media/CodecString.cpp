#include "core/media/CodecString.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace rendition {

namespace {

// Bytes following the fourcc `type` in `data` (a box's payload start), or empty.
QByteArray boxPayload(const QByteArray &data, const char *type, int minSize)
{
    const int at = data.indexOf(QByteArray(type, 4));
    if (at < 0 || at + 4 + minSize > data.size()) return {};
    return data.mid(at + 4);
}

quint8 byteAt(const QByteArray &b, int i) { return quint8(b.at(i)); }

QString avcString(quint8 profile, quint8 compat, quint8 level)
{
    return QStringLiteral("avc1.%1%2%3").arg(profile, 2, 16, QLatin1Char('0')).arg(compat, 2, 16, QLatin1Char('0')).arg(level, 2, 16, QLatin1Char('0'));
}

// profile_tier_level (12 bytes, as in hvcC bytes 1..12 and the SPS) → hvc1 string.
QString hevcString(const QByteArray &ptl)
{
    const quint8 b0 = byteAt(ptl, 0);
    const int space = b0 >> 6;
    const bool tier = (b0 >> 5) & 1;
    const int profileIdc = b0 & 0x1f;
    quint32 compat = (quint32(byteAt(ptl, 1)) << 24) | (quint32(byteAt(ptl, 2)) << 16) | (quint32(byteAt(ptl, 3)) << 8) | byteAt(ptl, 4);
    quint32 reversed = 0;
    for (int i = 0; i < 32; ++i) reversed |= ((compat >> i) & 1u) << (31 - i);
    QString s = QStringLiteral("hvc1.%1%2.%3.%4%5")
                    .arg(space ? QString(QChar(u'A' + space - 1)) : QString())
                    .arg(profileIdc)
                    .arg(reversed, 0, 16)
                    .arg(QChar(tier ? u'H' : u'L'))
                    .arg(byteAt(ptl, 11));
    int last = 10; // constraint bytes 5..10, trailing zero bytes omitted
    while (last >= 5 && byteAt(ptl, last) == 0) --last;
    for (int i = 5; i <= last; ++i) s += QStringLiteral(".%1").arg(byteAt(ptl, i), 0, 16).toUpper();
    return s;
}

QString av1String(const QByteArray &av1c)
{
    const quint8 b1 = byteAt(av1c, 1), b2 = byteAt(av1c, 2);
    const int profile = b1 >> 5, level = b1 & 0x1f;
    const bool highTier = b2 & 0x80, high = b2 & 0x40, twelve = b2 & 0x20;
    const int depth = twelve ? 12 : high ? 10 : 8;
    return QStringLiteral("av01.%1.%2%3.%4").arg(profile).arg(level, 2, 10, QLatin1Char('0')).arg(QChar(highTier ? u'H' : u'M')).arg(depth, 2, 10, QLatin1Char('0'));
}

// The first NAL unit of `type` in Annex B data, emulation-prevention bytes removed.
QByteArray annexBNal(const QByteArray &data, int type, bool hevc)
{
    for (int i = 0; i + 3 < data.size(); ++i) {
        if (!(data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1)) continue;
        const int start = i + 3;
        const int nalType = hevc ? (byteAt(data, start) >> 1) & 0x3f : byteAt(data, start) & 0x1f;
        if (nalType != type) continue;
        QByteArray out;
        int zeros = 0;
        for (int j = start; j < data.size() && out.size() < 64; ++j) {
            const quint8 c = byteAt(data, j);
            if (zeros >= 2 && c == 3) { zeros = 0; continue; }
            zeros = c == 0 ? zeros + 1 : 0;
            out.append(char(c));
        }
        return out;
    }
    return {};
}

QString videoString(const AVCodecContext *enc, const QByteArray &init)
{
    const QByteArray extradata(reinterpret_cast<const char *>(enc->extradata), enc->extradata_size);
    if (enc->codec_id == AV_CODEC_ID_H264) {
        if (QByteArray p = boxPayload(init, "avcC", 4); !p.isEmpty()) return avcString(byteAt(p, 1), byteAt(p, 2), byteAt(p, 3));
        if (QByteArray sps = annexBNal(extradata, 7, false); sps.size() >= 4) return avcString(byteAt(sps, 1), byteAt(sps, 2), byteAt(sps, 3));
        return QStringLiteral("avc1.640028");
    }
    if (enc->codec_id == AV_CODEC_ID_HEVC) {
        if (QByteArray p = boxPayload(init, "hvcC", 13); !p.isEmpty()) return hevcString(p.mid(1, 12));
        if (QByteArray sps = annexBNal(extradata, 33, true); sps.size() >= 15) return hevcString(sps.mid(3, 12));
        return QStringLiteral("hvc1.1.6.L120.90");
    }
    if (enc->codec_id == AV_CODEC_ID_AV1) {
        if (QByteArray p = boxPayload(init, "av1C", 4); !p.isEmpty()) return av1String(p);
        return QStringLiteral("av01.0.08M.08");
    }
    return QString::fromUtf8(avcodec_get_name(enc->codec_id));
}

} // namespace

QString codecString(const AVCodecContext *enc, const QByteArray &init)
{
    if (enc->codec_type == AVMEDIA_TYPE_VIDEO) return videoString(enc, init);
    if (enc->codec_id == AV_CODEC_ID_AAC) {
        const int aot = enc->profile == FF_PROFILE_AAC_HE ? 5 : enc->profile == FF_PROFILE_AAC_HE_V2 ? 29 : 2;
        return QStringLiteral("mp4a.40.%1").arg(aot);
    }
    if (enc->codec_id == AV_CODEC_ID_OPUS) return QStringLiteral("Opus");
    return QString::fromUtf8(avcodec_get_name(enc->codec_id));
}

} // namespace rendition
