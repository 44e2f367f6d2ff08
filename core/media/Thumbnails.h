#pragma once
// Poster frame, sprite sheets and a WebVTT thumbnail track for scrubbing, made by seeking
// to the keyframe nearest each interval and decoding only up to the wanted frame — never
// by decoding the whole title — so the cost grows with the number of tiles, not duration.
//
// Choice: a tile shows the KEYFRAME NEAREST its cue start (picked from the demuxer's index,
// the closer of the keyframes before and after), decoded on its own — one decoded picture per
// distinct keyframe, never the frames between keyframes. Cue times stay exact (k × interval);
// ThumbnailCue::frameSeconds says which picture a tile really shows. Tiles that map to the same
// keyframe reuse one decoded picture. Sheets are yuvj420p (full range, BT.601) MJPEG; the last
// sheet is cropped to the rows it uses. Files are written under a temporary name and renamed,
// and on failure or cancel every file this call wrote is removed again.
// Thread-safe in the sense that concurrent calls share nothing; progress is called on the
// caller's thread with stage "thumbnails".

#include "core/util/Progress.h"
#include "core/util/Result.h"

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
    int decoderThreads = 1;       // slice threads per decode; 1 is fastest for lone keyframes
};

struct ThumbnailCue {
    double startSeconds = 0;
    double endSeconds = 0;
    int sheet = 0;
    int x = 0, y = 0, width = 0, height = 0;
    double frameSeconds = -1;     // time of the picture the tile shows (nearest keyframe), -1 if none
};

struct ThumbnailResult {
    QString poster;      // file names relative to the output dir: "poster.jpg"
    QStringList sheets;  // "sprite_0.jpg", "sprite_1.jpg" ...
    QString vtt;         // "thumbnails.vtt" with "sprite_0.jpg#xywh=x,y,w,h" cues
    QList<ThumbnailCue> cues;
    ThumbnailOptions options;
    double durationSeconds = 0;
    int framesDecoded = 0; // for the cost proof: ~tiles, not ~frames of the title
    int missingTiles = 0;  // tiles whose keyframe could not be decoded (previous picture or black)
    QJsonObject toJson() const;
};

// Writes poster.jpg, sprite_N.jpg and thumbnails.vtt into outDir (which must exist).
// Errors (context = the source or the file being written): thumbnails.options, thumbnails.open,
// thumbnails.no_video, thumbnails.no_duration, thumbnails.decode, thumbnails.encode,
// thumbnails.write, canceled.
Result<ThumbnailResult> makeThumbnails(const QString &source, const QString &outDir, const ThumbnailOptions &options,
                                       const ProgressSink &progress, const CancelToken &cancel);

} // namespace rendition
