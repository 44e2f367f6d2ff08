#pragma once
// Subsample maps for 'cenc' video (ISO/IEC 23001-7 §9.5, ISO/IEC 14496-15 length-prefixed NAL units).
//
// Rule, per NAL unit of an H.264 / HEVC sample:
//   - VCL (slice) NAL units (H.264 types 1..5, HEVC types 0..31): clear = the length prefix + the NAL
//     header (1 byte H.264, 2 bytes HEVC) + (rest % 16); protected = the rest in whole 16-byte
//     blocks. A slice too small for one block stays entirely clear.
//   - every other NAL unit (SPS, PPS, SEI, AUD, filler, ...): entirely clear.
// Slice headers are therefore encrypted, as 'cenc' allows; 23001-7 recommends (SHOULD) keeping them
// clear for devices whose secure decoders parse them, which would need slice-header parsing
// (needed anyway for 'cbcs'; not implemented).
// Consecutive clear bytes are merged into the next subsample's BytesOfClearData. BytesOfClearData
// is 16 bits: a clear run longer than 65535 bytes is split into (65535, 0) entries. The sum of all
// entries always equals the sample size.
//
// Pure functions on caller-owned bytes; thread-safe. Failure: Error "cenc.bad_nal" when a NAL
// length runs past the sample or a NAL unit is shorter than its header (context names the byte).

#include "core/util/Result.h"

#include <QByteArrayView>
#include <QList>

namespace rendition::cenc {

struct Subsample {
    quint16 clearBytes = 0;
    quint32 protectedBytes = 0;
    bool operator==(const Subsample &) const = default;
};

enum class NalCodec { Invalid = 0, H264, Hevc };

// `nalLengthSize` is lengthSizeMinusOne + 1 from avcC/hvcC (1, 2 or 4).
Result<QList<Subsample>> nalSubsamples(QByteArrayView sample, NalCodec codec, int nalLengthSize);

bool isVclNal(NalCodec codec, quint8 firstHeaderByte);

} // namespace rendition::cenc
