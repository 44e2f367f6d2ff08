#pragma once
// The QC review's loudness curve: momentary (thin) and short-term (thick) loudness in LUFS
// over time, against the target band (target ± the QC loudness tolerance), painted with
// QPainter. One curve at a time (the source or an encoded rendition).

#include "core/preview/VersionPackage.h"

#include <QWidget>

namespace rendition::ui {

class LoudnessChart : public QWidget {
    Q_OBJECT
public:
    explicit LoudnessChart(QWidget *parent = nullptr);

    void setCurve(const LoudnessCurve &curve, double targetLufs, double toleranceLu, double durationSeconds);
    void clear();
    const LoudnessCurve &curve() const { return m_curve; }
    int pointCount() const { return m_curve.timeSeconds.size(); }
    double targetLufs() const { return m_target; }
    double toleranceLu() const { return m_tolerance; }
    // Widget coordinates of a (time, loudness) point; the band's top and bottom are
    // mapToWidget(t, target ± tolerance).
    QPointF mapToWidget(double seconds, double lufs) const;
    void setPositionMs(qint64 positionMs);
    QSize sizeHint() const override { return {640, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF plotRect() const;
    void paintAxes(QPainter &p, const QRectF &plot) const;

    LoudnessCurve m_curve;
    double m_target = -23;
    double m_tolerance = 1;
    double m_durationSeconds = 0;
    double m_minLufs = -40; // y range, from the data and the band
    double m_maxLufs = 0;
    qint64 m_positionMs = -1;
};

} // namespace rendition::ui
