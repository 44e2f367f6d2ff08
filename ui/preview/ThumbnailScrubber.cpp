#include "ui/preview/ThumbnailScrubber.h"

#include <QLabel>
#include <QMouseEvent>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QTime>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

namespace {

QString formatTime(qint64 ms)
{
    return QTime::fromMSecsSinceStartOfDay(int(std::max<qint64>(0, ms)))
        .toString(ms >= 3600000 ? QStringLiteral("h:mm:ss.zzz") : QStringLiteral("mm:ss.zzz"));
}

} // namespace

ThumbnailScrubber::ThumbnailScrubber(QWidget *parent)
    : QSlider(Qt::Horizontal, parent), m_popup(new QLabel(this, Qt::ToolTip))
{
    setMouseTracking(true);
    setRange(0, 0);
    setSingleStep(40);
    setPageStep(5000);
    m_popup->setAlignment(Qt::AlignCenter);
    m_popup->setFrameShape(QFrame::Box);
    m_popup->hide();
    setToolTip(tr("Position; hover to see the thumbnail of a time"));
}

void ThumbnailScrubber::setDurationMs(qint64 durationMs)
{
    setRange(0, int(std::max<qint64>(0, durationMs)));
}

void ThumbnailScrubber::setThumbnails(const ThumbnailTrack &track)
{
    m_track = track;
    m_sheets.clear();
    const int generation = ++m_loadGeneration;
    const QStringList paths = track.sheetPaths();
    if (paths.isEmpty()) return;
    QtConcurrent::run([paths] {
        QHash<QString, QImage> sheets;
        for (const QString &p : paths)
            sheets.insert(p, QImage(p));
        return sheets;
    }).then(this, [this, generation](const QHash<QString, QImage> &sheets) {
        if (generation != m_loadGeneration) return; // a newer track was set meanwhile
        m_sheets = sheets;
        Q_EMIT thumbnailsLoaded();
    });
}

qint64 ThumbnailScrubber::timeAtX(int x) const
{
    QStyleOptionSlider opt;
    initStyleOption(&opt);
    const QRect groove = style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderGroove, this);
    const QRect handle = style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, this);
    const int span = std::max(1, groove.width() - handle.width());
    return QStyle::sliderValueFromPosition(minimum(), maximum(), x - groove.x() - handle.width() / 2, span);
}

QImage ThumbnailScrubber::thumbnailAt(qint64 timeMs) const
{
    const ThumbnailTile *tile = m_track.tileAt(timeMs);
    if (!tile) return {};
    const QImage sheet = m_sheets.value(tile->sheetPath);
    if (sheet.isNull()) return {};
    return sheet.copy(tile->x, tile->y, tile->width, tile->height);
}

void ThumbnailScrubber::showHoverAt(int x)
{
    const qint64 t = timeAtX(x);
    const QImage tile = thumbnailAt(t);
    if (tile.isNull()) {
        m_popup->setPixmap({});
        m_popup->setText(formatTime(t));
    } else {
        m_popup->setPixmap(QPixmap::fromImage(tile));
        m_popup->setToolTip(formatTime(t));
    }
    m_popup->adjustSize();
    const QPoint global = mapToGlobal(QPoint(x - m_popup->width() / 2, -m_popup->height() - 4));
    m_popup->move(global);
    m_popup->show();
}

void ThumbnailScrubber::mouseMoveEvent(QMouseEvent *event)
{
    showHoverAt(int(event->position().x()));
    QSlider::mouseMoveEvent(event);
}

void ThumbnailScrubber::leaveEvent(QEvent *event)
{
    m_popup->hide();
    QSlider::leaveEvent(event);
}

} // namespace rendition::ui
