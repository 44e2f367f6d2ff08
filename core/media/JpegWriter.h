#pragma once
// Encodes one yuvj420p picture (see SpriteSheet.h) with FFmpeg's MJPEG encoder and writes it
// atomically: the bytes go to a temporary file in the same folder, renamed over `path` only
// when complete, so no half-written JPEG ever carries a final name.

#include "core/media/FFmpegPtr.h"

namespace rendition {

// jpegQuality 1..100 (100 best) → MJPEG qscale 31..2 (2 best), linear.
int jpegQscale(int jpegQuality);

// Errors: thumbnails.encode (encoder), thumbnails.write (context = path).
Status writeJpeg(const AVFrame *picture, const QString &path, int jpegQuality);

} // namespace rendition
