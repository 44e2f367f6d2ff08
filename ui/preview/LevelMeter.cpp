#include "ui/preview/LevelMeter.h"

#include <QPainter>

#include <algorithm>

namespace rendition::ui {

namespace {
constexpr float kFloorDbfs = -60.0f;

// 0 at the floor, 1 at 0 dBFS.
double fraction(float dbfs)
{
    return std::clamp((double(dbfs) - kFloorDbfs) / -kFloorDbfs, 0.0, 1.0);
}
} // namespace

LevelMeter::LevelMeter(QWidget *parent) : QWidget(parent)
{
    setMinimumWidth(20);
    setToolTip(tr("Audio level: bar = RMS, line = peak (dBFS, 100 ms windows)"));
}

void LevelMeter::setEnvelope(const AudioEnvelope &envelope)
{
    m_envelope = envelope;
    setPositionMs(0);
}

void LevelMeter::clear()
{
    m_envelope = {};
    m_peak = m_rms = kSilenceDbfs;
    update();
}

void LevelMeter::setPositionMs(qint64 positionMs)
{
    const int i = m_envelope.windowAt(positionMs / 1000.0);
    m_peak = i < 0 ? kSilenceDbfs : m_envelope.peakDbfs.at(i);
    m_rms = i < 0 ? kSilenceDbfs : m_envelope.rmsDbfs.at(i);
    update();
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = rect().adjusted(2, 2, -2, -2);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (m_envelope.isEmpty()) return;
    const int rmsTop = r.bottom() - int(fraction(m_rms) * r.height());
    QLinearGradient g(r.bottomLeft(), r.topLeft());
    g.setColorAt(0.0, QColor(40, 170, 60));
    g.setColorAt(0.75, QColor(220, 200, 40));
    g.setColorAt(1.0, QColor(210, 50, 40));
    p.fillRect(QRect(QPoint(r.left(), rmsTop), r.bottomRight()), g);
    const int peakY = r.bottom() - int(fraction(m_peak) * r.height());
    p.setPen(QPen(palette().color(QPalette::Text), 2));
    p.drawLine(r.left(), peakY, r.right(), peakY);
    p.setPen(palette().color(QPalette::Mid));
    for (float db = kFloorDbfs; db <= 0.0f; db += 12.0f) {
        const int y = r.bottom() - int(fraction(db) * r.height());
        p.drawLine(r.right() - 4, y, r.right(), y);
    }
}

} // namespace rendition::ui
