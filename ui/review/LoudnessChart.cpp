#include "ui/review/LoudnessChart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace rendition::ui {

namespace {
constexpr double kFloorLufs = -60; // values below (silence is -inf or -70) are drawn at the floor
constexpr int kMarginLeft = 44, kMarginRight = 8, kMarginTop = 8, kMarginBottom = 20;
} // namespace

LoudnessChart::LoudnessChart(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(120);
    setToolTip(tr("Loudness: momentary (thin), short-term (thick), target band (shaded)"));
}

void LoudnessChart::setCurve(const LoudnessCurve &curve, double targetLufs, double toleranceLu, double durationSeconds)
{
    m_curve = curve;
    m_target = targetLufs;
    m_tolerance = toleranceLu;
    m_durationSeconds = std::max(durationSeconds, curve.timeSeconds.isEmpty() ? 0.0 : curve.timeSeconds.last());
    double lo = targetLufs - toleranceLu - 6, hi = targetLufs + toleranceLu + 6;
    for (const QList<double> *values : {&curve.momentaryLufs, &curve.shortTermLufs})
        for (double v : *values)
            if (std::isfinite(v)) {
                lo = std::min(lo, std::max(v, kFloorLufs));
                hi = std::max(hi, v);
            }
    m_minLufs = std::floor(lo / 6) * 6;
    m_maxLufs = std::ceil(hi / 6) * 6;
    update();
}

void LoudnessChart::clear()
{
    m_curve = {};
    m_durationSeconds = 0;
    update();
}

void LoudnessChart::setPositionMs(qint64 positionMs)
{
    m_positionMs = positionMs;
    update();
}

QRectF LoudnessChart::plotRect() const
{
    return QRectF(kMarginLeft, kMarginTop, std::max(1, width() - kMarginLeft - kMarginRight),
                  std::max(1, height() - kMarginTop - kMarginBottom));
}

QPointF LoudnessChart::mapToWidget(double seconds, double lufs) const
{
    const QRectF r = plotRect();
    const double v = std::clamp(std::isfinite(lufs) ? lufs : kFloorLufs, m_minLufs, m_maxLufs);
    const double x = m_durationSeconds > 0 ? r.left() + seconds / m_durationSeconds * r.width() : r.left();
    const double y = r.bottom() - (v - m_minLufs) / (m_maxLufs - m_minLufs) * r.height();
    return {x, y};
}

void LoudnessChart::paintAxes(QPainter &p, const QRectF &plot) const
{
    p.setPen(palette().color(QPalette::Mid));
    for (double v = m_minLufs; v <= m_maxLufs + 1e-9; v += 6) {
        const double y = mapToWidget(0, v).y();
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.drawText(QRectF(0, y - 8, kMarginLeft - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(v, 'f', 0));
    }
    const double step = m_durationSeconds > 120 ? 30 : m_durationSeconds > 30 ? 10 : m_durationSeconds > 10 ? 5 : 1;
    for (double t = 0; t <= m_durationSeconds + 1e-9 && step > 0; t += step) {
        const double x = mapToWidget(t, m_minLufs).x();
        p.drawText(QRectF(x - 20, plot.bottom() + 2, 40, kMarginBottom - 2), Qt::AlignCenter, tr("%1 s").arg(t));
    }
}

void LoudnessChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF plot = plotRect();
    if (m_curve.timeSeconds.isEmpty()) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter, tr("No loudness curve in this version"));
        return;
    }
    paintAxes(p, plot);
    const QPointF top = mapToWidget(0, m_target + m_tolerance),
                  bottom = mapToWidget(m_durationSeconds, m_target - m_tolerance);
    p.fillRect(QRectF(QPointF(plot.left(), top.y()), QPointF(plot.right(), bottom.y())), QColor(60, 160, 80, 60));
    p.setPen(QPen(QColor(60, 160, 80), 1, Qt::DashLine));
    const double targetY = mapToWidget(0, m_target).y();
    p.drawLine(QPointF(plot.left(), targetY), QPointF(plot.right(), targetY));
    auto drawSeries = [&](const QList<double> &values, const QPen &pen) {
        QPainterPath path;
        for (int i = 0; i < values.size() && i < m_curve.timeSeconds.size(); ++i) {
            const QPointF pt = mapToWidget(m_curve.timeSeconds.at(i), values.at(i));
            if (i == 0)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        p.setPen(pen);
        p.drawPath(path);
    };
    drawSeries(m_curve.momentaryLufs, QPen(QColor(70, 130, 220), 1));
    drawSeries(m_curve.shortTermLufs, QPen(QColor(230, 120, 30), 2.5));
    if (m_positionMs >= 0 && m_durationSeconds > 0) {
        const double x = mapToWidget(m_positionMs / 1000.0, m_minLufs).x();
        p.setPen(QPen(palette().color(QPalette::Text), 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
}

} // namespace rendition::ui
