#pragma once
// Where a packaged rendition's decoded timestamps sit relative to the package timeline.
//
// Current CMAF renditions (ARCHITECTURE.md, "One timeline") use version-0 `trun` with
// non-negative composition offsets: FFmpeg's decoded pts are the composition times, the
// shift is 0. Packages written before issue #17 used version-1 `trun` with signed offsets
// (first sample pts = dts = tfdt); FFmpeg's mov demuxer adds the largest negative offset
// (its `dts_shift`) to every pts of those, so their decoded pts are late by that amount. For
// them this helper reads the first packet of the chosen stream and returns that shift, so
// callers can subtract it. For MPEG-TS segments and single MP4 files the shift is 0.

#include "core/media/RenditionReader.h"

namespace rendition {

// Seconds to subtract from the reader's pts of `media` in `files` (≥ 0). Reads the first
// two files only. Unreadable input gives 0 (the real reader reports the error).
double renditionPtsShiftSeconds(const QStringList &files, RenditionReader::Media media);

// Program time (seconds) of a decoded frame: best-effort pts in the stream time base,
// minus the demuxer shift and the package start offset. NaN when the frame has no time.
double frameProgramSeconds(const AVFrame *frame, AVRational timeBase, double shiftSeconds, double startOffsetSeconds);

} // namespace rendition
