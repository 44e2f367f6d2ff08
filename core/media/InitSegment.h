#pragma once
// Final touches to a CMAF header (init.mp4) written by FFmpeg's mp4 muxer, done with our own
// box writer (core/media/cenc/Box) because FFmpeg 5.1 cannot express them in frag_custom mode:
//
//  - ftyp: major brand 'iso6', compatible 'iso6', 'cmfc', 'mp41' (the CMAF structural brand;
//    FFmpeg only writes it with its `cmaf` flag, which also turns on negative composition
//    offsets, which we do not want: see ARCHITECTURE.md "One timeline for every track").
//  - mvhd timescale = the track's media timescale (durations rescaled), so edit durations are
//    exact (FFmpeg writes 1000).
//  - Audio priming: when `mediaStartTicks` > 0 (media timescale), an edts/elst is added:
//      entry 1: empty edit, duration = mediaStartTicks   (nothing is presented before it)
//      entry 2: media_time = mediaStartTicks, duration 0 (the rest of the fragmented track)
//    The first audible sample (composition time mediaStartTicks) is thus presented at the same
//    time whether a reader applies the whole edit list (FFmpeg, which also discards the
//    priming) or, like Chromium's MSE parser, ignores an initial empty edit, or ignores edit
//    lists altogether; the encoder's priming samples lie before it and are not presented.
//
// Failure: input that is not a header with exactly one trak gives an Error naming `context`.

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>

namespace rendition {

Result<QByteArray> finishInitSegment(const QByteArray &init, qint64 mediaStartTicks, const QString &context);

// The media timescale (mdhd) of the single track in `init`, or 0 when it cannot be read.
quint32 initMediaTimescale(const QByteArray &init);

} // namespace rendition
