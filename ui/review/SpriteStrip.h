#pragma once
// The QC review's sprite strip: every thumbnail tile of the version laid along the timeline
// (x proportional to the tile's cue time), with the play position as a line. The tiles are
// cut from the sprite sheets on a worker thread. Clicking emits the time under the mouse.

#include "core/preview/ThumbnailTrack.h"

#include <QImage>
#include <QList>
#include <QWidget>

namespace rendition::ui {

class SpriteStrip : public QWidget {
    Q_OBJECT
public:
    explicit SpriteStrip(QWidget *parent = nullptr);

    void setTrack(const ThumbnailTrack &track, qint64 durationMs);
    void setPositionMs(qint64 positionMs);
    int tileCount() const { return m_track.tiles().size(); }
    bool tilesReady() const { return !m_tiles.isEmpty(); }
    const QList<QImage> &tiles() const { return m_tiles; }
    QRect tileRect(int index) const; // where tile `index` is painted
    qint64 timeAtX(int x) const;
    QSize sizeHint() const override { return {640, 72}; }

Q_SIGNALS:
    void tilesLoaded();
    void timeClicked(qint64 positionMs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    ThumbnailTrack m_track;
    QList<QImage> m_tiles; // cut from the sheets, index = cue index
    qint64 m_durationMs = 0;
    qint64 m_positionMs = 0;
    int m_generation = 0;
};

} // namespace rendition::ui
