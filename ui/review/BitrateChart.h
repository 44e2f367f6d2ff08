#pragma once
// The QC review's bitrate chart: the bitrate of every segment of every rendition (segment
// file size on disk × 8 / segment duration), one bar group per segment, one colour per
// rendition, with each rendition's target as a dashed line. Painted with QPainter.

#include "core/preview/VersionPackage.h"

#include <QWidget>

namespace rendition::ui {

class BitrateChart : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString rendition;
        QList<double> bitrateBps; // per segment
        double targetBps = 0;     // 0: no target
    };

    explicit BitrateChart(QWidget *parent = nullptr);

    // Renditions without segments (progressive MP4) are left out.
    void setRenditions(const QList<PackageRendition> &renditions);
    const QList<Series> &series() const { return m_series; }
    double maxBitrateBps() const { return m_maxBps; }
    // The bar of segment `segment` of series `series` in widget coordinates (empty when absent).
    QRectF barRect(int series, int segment) const;
    QSize sizeHint() const override { return {640, 180}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF plotRect() const;
    int segmentCount() const;

    QList<Series> m_series;
    double m_maxBps = 0;
};

} // namespace rendition::ui
