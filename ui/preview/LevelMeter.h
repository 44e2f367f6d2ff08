#pragma once
// Audio level meter of the preview: shows the peak and RMS (dBFS) of the 100 ms window under
// the play position, from an envelope computed off-thread (core computeAudioEnvelope).
// Painted with QPainter: a bar for RMS, a line for peak, a scale from -60 to 0 dBFS.

#include "core/preview/AudioEnvelope.h"

#include <QWidget>

namespace rendition::ui {

class LevelMeter : public QWidget {
    Q_OBJECT
public:
    explicit LevelMeter(QWidget *parent = nullptr);

    void setEnvelope(const AudioEnvelope &envelope);
    void clear();
    const AudioEnvelope &envelope() const { return m_envelope; }
    // Shows the window covering positionMs; nothing when outside the envelope.
    void setPositionMs(qint64 positionMs);
    float peakDbfs() const { return m_peak; }
    float rmsDbfs() const { return m_rms; }
    QSize sizeHint() const override { return {28, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    AudioEnvelope m_envelope;
    float m_peak = kSilenceDbfs;
    float m_rms = kSilenceDbfs;
};

} // namespace rendition::ui
