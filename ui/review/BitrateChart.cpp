#include "ui/review/BitrateChart.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace rendition::ui {

namespace {
constexpr int kMarginLeft = 80, kMarginRight = 8, kMarginTop = 22, kMarginBottom = 20;

QColor seriesColor(int i)
{
    return QColor::fromHsv((i * 67) % 360, 160, 210);
}
} // namespace

BitrateChart::BitrateChart(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(120);
    setToolTip(tr("Bitrate per segment and rendition (size on disk ÷ duration); dashed: target"));
}

void BitrateChart::setRenditions(const QList<PackageRendition> &renditions)
{
    m_series.clear();
    m_maxBps = 0;
    for (const PackageRendition &r : renditions) {
        if (r.segments.isEmpty()) continue;
        Series s{r.name, {}, r.targetBitrateKbps * 1000.0};
        for (const PackageSegment &seg : r.segments)
            s.bitrateBps.append(seg.bitrateBps());
        m_maxBps = std::max({m_maxBps, s.targetBps, *std::max_element(s.bitrateBps.cbegin(), s.bitrateBps.cend())});
        m_series.append(s);
    }
    update();
}

int BitrateChart::segmentCount() const
{
    int n = 0;
    for (const Series &s : m_series)
        n = std::max(n, int(s.bitrateBps.size()));
    return n;
}

QRectF BitrateChart::plotRect() const
{
    return QRectF(kMarginLeft, kMarginTop, std::max(1, width() - kMarginLeft - kMarginRight),
                  std::max(1, height() - kMarginTop - kMarginBottom));
}

QRectF BitrateChart::barRect(int series, int segment) const
{
    if (series < 0 || series >= m_series.size() || segment < 0 || segment >= m_series.at(series).bitrateBps.size() ||
        m_maxBps <= 0)
        return {};
    const QRectF plot = plotRect();
    const double groupWidth = plot.width() / segmentCount();
    const double barWidth = groupWidth * 0.8 / m_series.size();
    const double x = plot.left() + segment * groupWidth + groupWidth * 0.1 + series * barWidth;
    const double h = m_series.at(series).bitrateBps.at(segment) / (m_maxBps * 1.1) * plot.height();
    return QRectF(x, plot.bottom() - h, barWidth, h);
}

void BitrateChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (m_series.isEmpty()) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter, tr("No segmented renditions in this version"));
        return;
    }
    const QRectF plot = plotRect();
    const double top = m_maxBps * 1.1;
    const double step = std::pow(10.0, std::floor(std::log10(top / 4)));
    p.setPen(palette().color(QPalette::Mid));
    for (double v = 0; v <= top; v += step * std::ceil(top / 4 / step)) {
        const double y = plot.bottom() - v / top * plot.height();
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.drawText(QRectF(0, y - 8, kMarginLeft - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                   tr("%1 kb/s").arg(std::lround(v / 1000)));
    }
    for (int s = 0; s < m_series.size(); ++s) {
        const QColor c = seriesColor(s);
        for (int i = 0; i < m_series.at(s).bitrateBps.size(); ++i)
            p.fillRect(barRect(s, i), c);
        if (m_series.at(s).targetBps > 0) {
            const double y = plot.bottom() - m_series.at(s).targetBps / top * plot.height();
            p.setPen(QPen(c.darker(140), 1, Qt::DashLine));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
        p.fillRect(QRectF(kMarginLeft + s * 90, 4, 10, 10), c); // legend
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPointF(kMarginLeft + s * 90 + 14, 14), m_series.at(s).rendition);
    }
    p.setPen(palette().color(QPalette::Text));
    const int labelEvery = std::max(1, segmentCount() / 20); // long titles: not every segment number
    for (int i = 0; i < segmentCount(); i += labelEvery) {
        const double groupWidth = plot.width() / segmentCount();
        p.drawText(QRectF(plot.left() + i * groupWidth, plot.bottom() + 2, groupWidth, kMarginBottom - 2),
                   Qt::AlignCenter, QString::number(i + 1));
    }
}

} // namespace rendition::ui
