#pragma once
// Poster frame, sprite sheets and a WebVTT thumbnail track for scrubbing, made by seeking
// to the keyframe nearest each interval and decoding only up to the wanted frame — never
// by decoding the whole title — so the cost grows with the number of tiles, not duration.

#include "util/Progress.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace rendition {

struct ThumbnailOptions {
    double intervalSeconds = 2.0; // one tile per interval
    int tileWidth = 160;
    int tileHeight = 90;          // tiles keep the display aspect inside this box (letterboxed)
    int columns = 10;
    int rows = 10;                // a new sheet every columns × rows tiles
    int jpegQuality = 80;         // 1..100
    double posterSeconds = -1;    // -1: at 10% of the duration
    int posterWidth = 1280;       // poster is scaled down to this width (never up)
};

struct ThumbnailCue {
    double startSeconds = 0;
    double endSeconds = 0;
    int sheet = 0;
    int x = 0, y = 0, width = 0, height = 0;
};

struct ThumbnailResult {
    QString poster;      // file names relative to the output dir: "poster.jpg"
    QStringList sheets;  // "sprite_0.jpg", "sprite_1.jpg" ...
    QString vtt;         // "thumbnails.vtt" with "sprite_0.jpg#xywh=x,y,w,h" cues
    QList<ThumbnailCue> cues;
    ThumbnailOptions options;
    double durationSeconds = 0;
    int framesDecoded = 0; // for the cost proof: ~tiles, not ~frames of the title
    QJsonObject toJson() const;
};

// Writes poster.jpg, sprite_N.jpg and thumbnails.vtt into outDir (which must exist).
Result<ThumbnailResult> makeThumbnails(const QString &source, const QString &outDir, const ThumbnailOptions &options,
                                       const ProgressSink &progress, const CancelToken &cancel);

} // namespace rendition
