#pragma once
// Pictures for thumbnails: letterbox geometry, a scaler that draws a decoded frame into a
// rectangle of a full-range 4:2:0 picture (what MJPEG wants), and a sprite sheet of
// columns × rows tiles. All pictures here are AV_PIX_FMT_YUVJ420P, BT.601, full range,
// with even dimensions and offsets. Single-threaded; objects own their FFmpeg state.

#include "core/media/FFmpegPtr.h"

namespace rendition {

struct PictureRect {
    int x = 0, y = 0, width = 0, height = 0;
};

// The largest rectangle with the source's display aspect (width × SAR : height) inside a
// box, centred, even sizes and offsets. The box must have even sizes ≥ 2.
PictureRect letterbox(int sourceWidth, int sourceHeight, AVRational sar, int boxWidth, int boxHeight);

// A black full-range yuvj420p picture (Y 0, chroma 128); null when out of memory.
av::FramePtr makeBlackPicture(int width, int height);

class PictureScaler {
public:
    // Scales `source` (any format swscale reads; its range and matrix are honoured) into
    // `rect` of `target` (a makeBlackPicture() picture). Errors: thumbnails.scale.
    Status draw(const AVFrame *source, AVFrame *target, const PictureRect &rect);

private:
    av::SwsPtr m_sws;
    SwsContext *m_raw = nullptr; // same object as m_sws, for sws_getCachedContext
};

class SpriteSheet {
public:
    SpriteSheet(int columns, int rows, int tileWidth, int tileHeight);

    // Starts a new black sheet. Errors: thumbnails.memory.
    Status begin();
    // Draws `source` letterboxed into tile `slot` (0 .. columns×rows−1, row major).
    Status put(int slot, const AVFrame *source, AVRational sar);
    // The sheet cropped to the rows holding `tilesUsed` tiles; the sheet is handed over.
    av::FramePtr finish(int tilesUsed);

    PictureRect tileRect(int slot) const;
    int capacity() const { return m_columns * m_rows; }

private:
    int m_columns, m_rows, m_tileWidth, m_tileHeight;
    av::FramePtr m_sheet;
    PictureScaler m_scaler;
};

} // namespace rendition
