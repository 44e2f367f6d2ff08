#pragma once
// RFC 6381 codec strings for HLS CODECS and DASH @codecs ("avc1.64001f", "hvc1.1.6.L93.B0",
// "av01.0.08M.08", "mp4a.40.2"), read from what was actually written: the fMP4 init
// segment's avcC/hvcC/av1C, or the encoder's Annex B headers for MPEG-TS.

#include <QByteArray>
#include <QString>

struct AVCodecContext;

namespace rendition {

QString codecString(const AVCodecContext *encoder, const QByteArray &initSegment);

} // namespace rendition
