// 'cenc' subsample maps for length-prefixed H.264 / HEVC samples. See Subsamples.h.

#include "core/media/cenc/Subsamples.h"

namespace rendition::cenc {

namespace {

constexpr quint32 kAesBlock = 16;
constexpr quint32 kMaxClear = 0xffff;

// Appends one (clear, protected) pair, splitting clear runs that do not fit 16 bits.
void emit(QList<Subsample> &out, quint64 clear, quint32 prot)
{
    while (clear > kMaxClear) {
        out.append({quint16(kMaxClear), 0});
        clear -= kMaxClear;
    }
    out.append({quint16(clear), prot});
}

} // namespace

bool isVclNal(NalCodec codec, quint8 firstHeaderByte)
{
    switch (codec) {
    case NalCodec::H264: {
        const int type = firstHeaderByte & 0x1f;
        return type >= 1 && type <= 5;
    }
    case NalCodec::Hevc:
        return ((firstHeaderByte >> 1) & 0x3f) < 32;
    case NalCodec::Invalid:
        break;
    }
    return false;
}

Result<QList<Subsample>> nalSubsamples(QByteArrayView sample, NalCodec codec, int nalLengthSize)
{
    if (codec == NalCodec::Invalid || (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4))
        return makeError(QStringLiteral("cenc.bad_nal"),
                         QStringLiteral("The NAL length size %1 is not 1, 2 or 4; the init segment's avcC/hvcC is "
                                        "malformed.")
                             .arg(nalLengthSize));
    const int headerBytes = codec == NalCodec::H264 ? 1 : 2;
    const auto *p = reinterpret_cast<const quint8 *>(sample.data());
    const qsizetype size = sample.size();
    QList<Subsample> out;
    quint64 pendingClear = 0;
    qsizetype pos = 0;
    while (pos < size) {
        if (size - pos < nalLengthSize)
            return makeError(QStringLiteral("cenc.bad_nal"),
                             QStringLiteral("A NAL length prefix is cut short by the end of the sample."),
                             QStringLiteral("byte %1 of the sample").arg(pos));
        quint64 nalSize = 0;
        for (int i = 0; i < nalLengthSize; ++i)
            nalSize = (nalSize << 8) | p[pos + i];
        const qsizetype nalStart = pos + nalLengthSize;
        if (nalSize > quint64(size - nalStart))
            return makeError(QStringLiteral("cenc.bad_nal"),
                             QStringLiteral("A NAL unit of %1 bytes runs past the end of the sample (%2 bytes left).")
                                 .arg(nalSize)
                                 .arg(size - nalStart),
                             QStringLiteral("byte %1 of the sample").arg(pos));
        if (nalSize < quint64(headerBytes))
            return makeError(QStringLiteral("cenc.bad_nal"),
                             QStringLiteral("A NAL unit of %1 bytes is shorter than its header.").arg(nalSize),
                             QStringLiteral("byte %1 of the sample").arg(pos));
        const quint64 payload = nalSize - quint64(headerBytes);
        const quint64 prot = payload - payload % kAesBlock;
        if (isVclNal(codec, p[nalStart]) && prot > 0) {
            const quint64 clear = pendingClear + quint64(nalLengthSize + headerBytes) + payload % kAesBlock;
            emit(out, clear, quint32(prot));
            pendingClear = 0;
        } else {
            pendingClear += quint64(nalLengthSize) + nalSize;
        }
        pos = nalStart + qsizetype(nalSize);
    }
    if (pendingClear > 0 || out.isEmpty()) emit(out, pendingClear, 0);
    return out;
}

} // namespace rendition::cenc
