#include "ui/review/SpriteStrip.h"

#include <QHash>
#include <QMouseEvent>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

SpriteStrip::SpriteStrip(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(48);
    setToolTip(tr("Thumbnails along the timeline; click to seek"));
}

void SpriteStrip::setTrack(const ThumbnailTrack &track, qint64 durationMs)
{
    m_track = track;
    m_durationMs = durationMs;
    m_tiles.clear();
    update();
    const int generation = ++m_generation;
    if (track.isEmpty()) return;
    QtConcurrent::run([track] {
        QHash<QString, QImage> sheets;
        QList<QImage> tiles;
        for (const ThumbnailTile &t : track.tiles()) {
            if (!sheets.contains(t.sheetPath)) sheets.insert(t.sheetPath, QImage(t.sheetPath));
            tiles.append(sheets.value(t.sheetPath).copy(t.x, t.y, t.width, t.height));
        }
        return tiles;
    }).then(this, [this, generation](const QList<QImage> &tiles) {
        if (generation != m_generation) return;
        m_tiles = tiles;
        update();
        Q_EMIT tilesLoaded();
    });
}

void SpriteStrip::setPositionMs(qint64 positionMs)
{
    m_positionMs = positionMs;
    update();
}

QRect SpriteStrip::tileRect(int index) const
{
    if (index < 0 || index >= m_track.tiles().size() || m_durationMs <= 0) return {};
    const ThumbnailTile &t = m_track.tiles().at(index);
    const int x0 = int(double(t.startMs) / m_durationMs * width());
    const int x1 = int(double(std::min(t.endMs, m_durationMs)) / m_durationMs * width());
    return QRect(x0, 0, std::max(1, x1 - x0), height());
}

qint64 SpriteStrip::timeAtX(int x) const
{
    if (width() <= 0) return 0;
    return std::clamp<qint64>(qint64(double(x) / width() * m_durationMs), 0, m_durationMs);
}

void SpriteStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Dark));
    for (int i = 0; i < m_tiles.size(); ++i) {
        const QRect r = tileRect(i);
        const QImage &img = m_tiles.at(i);
        if (img.isNull() || r.isEmpty()) continue;
        // Cover the tile's time span (aspect kept, centred, cropped): no gaps between tiles.
        const QSizeF size = QSizeF(img.size()).scaled(QSizeF(r.size()), Qt::KeepAspectRatioByExpanding);
        const QRectF target(r.center().x() - size.width() / 2 + 0.5, r.center().y() - size.height() / 2 + 0.5,
                            size.width(), size.height());
        p.save();
        p.setClipRect(r);
        p.drawImage(target, img); // the painter scales: no copies per paint
        p.restore();
        p.setPen(palette().color(QPalette::Shadow));
        p.drawLine(r.topLeft(), r.bottomLeft());
    }
    if (m_durationMs > 0) {
        const int x = int(double(m_positionMs) / m_durationMs * width());
        p.setPen(QPen(QColor(255, 210, 0), 2));
        p.drawLine(x, 0, x, height());
    }
}

void SpriteStrip::mousePressEvent(QMouseEvent *event)
{
    Q_EMIT timeClicked(timeAtX(int(event->position().x())));
}

} // namespace rendition::ui
