#include "ui/review/FrameView.h"

#include <QPainter>

namespace rendition::ui {

FrameView::FrameView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(160, 110);
}

void FrameView::setImage(const QImage &image, const QString &caption)
{
    m_image = image;
    m_caption = caption;
    update();
}

void FrameView::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void FrameView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    const int captionHeight = fontMetrics().height() + 4;
    const QRect area = rect().adjusted(0, 0, 0, -captionHeight);
    if (!m_image.isNull()) {
        QSize s = m_image.size();
        s.scale(area.size(), Qt::KeepAspectRatio);
        const QRect target(area.left() + (area.width() - s.width()) / 2, area.top() + (area.height() - s.height()) / 2,
                           s.width(), s.height());
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(target, m_image);
    }
    p.setPen(Qt::white);
    p.drawText(QRect(0, area.bottom(), width(), captionHeight), Qt::AlignCenter, m_caption);
}

} // namespace rendition::ui
