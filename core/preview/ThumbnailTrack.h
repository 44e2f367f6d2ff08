#pragma once
// The scrub-thumbnail track of a version: the WebVTT file written by makeThumbnails
// ("sprite_0.jpg#xywh=x,y,w,h" cues) parsed into cues, and the lookup "which tile shows
// time t". Pure data, no I/O besides load(); safe to copy between threads.

#include "core/util/Result.h"

#include <QList>
#include <QString>

namespace rendition {

struct ThumbnailTile {
    qint64 startMs = 0;                      // cue start (inclusive)
    qint64 endMs = 0;                        // cue end (exclusive)
    QString sheetPath;                       // absolute path of the sprite sheet (JPEG)
    int x = 0, y = 0, width = 0, height = 0; // the tile inside the sheet, pixels
};

class ThumbnailTrack {
public:
    // Parses WebVTT text; sheet names are resolved against `baseDir`. Errors
    // ("thumbnails.vtt", context = `sourceName`, line N): missing WEBVTT header, a malformed
    // timing line, a cue payload that is not "<file>#xywh=x,y,w,h".
    static Result<ThumbnailTrack> parse(const QByteArray &text, const QString &baseDir, const QString &sourceName);
    // Reads and parses a .vtt file (error "thumbnails.read" when it cannot be read).
    static Result<ThumbnailTrack> load(const QString &vttPath);

    const QList<ThumbnailTile> &tiles() const { return m_tiles; }
    bool isEmpty() const { return m_tiles.isEmpty(); }
    // Index of the tile whose cue covers `timeMs`; times before the first cue give the first
    // tile, after the last cue the last tile; -1 when the track is empty.
    int indexAt(qint64 timeMs) const;
    const ThumbnailTile *tileAt(qint64 timeMs) const;
    QStringList sheetPaths() const; // distinct sheets in cue order

private:
    QList<ThumbnailTile> m_tiles; // sorted by start
};

} // namespace rendition
