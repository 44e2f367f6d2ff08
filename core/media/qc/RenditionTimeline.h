#pragma once
// Where a packaged rendition's decoded timestamps sit relative to the package timeline.
//
// Our CMAF renditions (init.mp4 + .m4s segments, no edit list, version-1 `trun` with
// signed composition offsets) give the first sample pts = dts = tfdt (ARCHITECTURE.md,
// "One timeline"). FFmpeg's mov demuxer adds the largest negative composition offset
// (its `dts_shift`) to every pts, so decoded pts of such files are late by that amount
// (two frames with B-pyramids). This helper reads the first packet of the chosen stream
// and returns that shift, so callers can subtract it. For MPEG-TS segments and single
// MP4 files (edit lists, explicit pts) the shift is 0.

#include "core/media/RenditionReader.h"

namespace rendition {

// Seconds to subtract from the reader's pts of `media` in `files` (≥ 0). Reads the first
// two files only. Unreadable input gives 0 (the real reader reports the error).
double renditionPtsShiftSeconds(const QStringList &files, RenditionReader::Media media);

// Program time (seconds) of a decoded frame: best-effort pts in the stream time base,
// minus the demuxer shift and the package start offset. NaN when the frame has no time.
double frameProgramSeconds(const AVFrame *frame, AVRational timeBase, double shiftSeconds, double startOffsetSeconds);

} // namespace rendition
