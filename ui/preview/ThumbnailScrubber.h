#pragma once
// The preview's position slider (milliseconds) that shows the sprite thumbnail of the time
// under the mouse in a small popup while hovering. The sprite sheets named by the version's
// WebVTT track are loaded on a worker thread when the track is set; until they are there,
// hovering shows the time only.

#include "core/preview/ThumbnailTrack.h"

#include <QHash>
#include <QImage>
#include <QSlider>

class QLabel;

namespace rendition::ui {

class ThumbnailScrubber : public QSlider {
    Q_OBJECT
public:
    explicit ThumbnailScrubber(QWidget *parent = nullptr);

    void setDurationMs(qint64 durationMs);
    // Replaces the track (an empty track turns thumbnails off) and loads its sheets off-thread.
    void setThumbnails(const ThumbnailTrack &track);
    const ThumbnailTrack &thumbnails() const { return m_track; }
    bool thumbnailsReady() const { return !m_sheets.isEmpty(); }

    qint64 timeAtX(int x) const;             // slider time under widget x (clamped)
    QImage thumbnailAt(qint64 timeMs) const; // the tile for that time; null when not loaded
    // Shows the hover popup for widget x as a mouse move would (also used by tests).
    void showHoverAt(int x);
    QLabel *hoverPopup() const { return m_popup; }

Q_SIGNALS:
    void thumbnailsLoaded();

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    ThumbnailTrack m_track;
    QHash<QString, QImage> m_sheets; // sheet path → decoded JPEG
    int m_loadGeneration = 0;
    QLabel *m_popup = nullptr;
};

} // namespace rendition::ui
