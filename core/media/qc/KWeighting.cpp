#include "core/media/qc/KWeighting.h"

#include <cmath>

namespace rendition {

KWeighting::KWeighting(int sampleRate)
{
    const double fs = sampleRate > 0 ? sampleRate : 48000;
    // Stage 1: high shelf (+4 dB above ~1.7 kHz).
    double f0 = 1681.974450955533, gain = 3.999843853973347, q = 0.7071752369554196;
    double k = std::tan(M_PI * f0 / fs);
    const double vh = std::pow(10.0, gain / 20.0);
    const double vb = std::pow(vh, 0.4996667741545416);
    double a0 = 1.0 + k / q + k * k;
    m_b[0][0] = (vh + vb * k / q + k * k) / a0;
    m_b[0][1] = 2.0 * (k * k - vh) / a0;
    m_b[0][2] = (vh - vb * k / q + k * k) / a0;
    m_a[0][1] = 2.0 * (k * k - 1.0) / a0;
    m_a[0][2] = (1.0 - k / q + k * k) / a0;
    // Stage 2: RLB high-pass (~38 Hz).
    f0 = 38.13547087602444;
    q = 0.5003270373238773;
    k = std::tan(M_PI * f0 / fs);
    a0 = 1.0 + k / q + k * k;
    m_b[1][0] = 1.0;
    m_b[1][1] = -2.0;
    m_b[1][2] = 1.0;
    m_a[1][1] = 2.0 * (k * k - 1.0) / a0;
    m_a[1][2] = (1.0 - k / q + k * k) / a0;
}

double KWeighting::process(double x)
{
    for (int s = 0; s < 2; ++s) {
        const double y = m_b[s][0] * x + m_z[s][0];
        m_z[s][0] = m_b[s][1] * x - m_a[s][1] * y + m_z[s][1];
        m_z[s][1] = m_b[s][2] * x - m_a[s][2] * y;
        x = y;
    }
    return x;
}

double bs1770ChannelWeight(const AVChannelLayout &layout, int index)
{
    switch (av_channel_layout_channel_from_index(&layout, unsigned(index))) {
    case AV_CHAN_LOW_FREQUENCY:
    case AV_CHAN_LOW_FREQUENCY_2:
        return 0.0;
    case AV_CHAN_SIDE_LEFT: case AV_CHAN_SIDE_RIGHT: case AV_CHAN_BACK_LEFT: case AV_CHAN_BACK_RIGHT:
    case AV_CHAN_BACK_CENTER: case AV_CHAN_SURROUND_DIRECT_LEFT: case AV_CHAN_SURROUND_DIRECT_RIGHT:
        return 1.41;
    default:
        return 1.0;
    }
}

double blockLoudness(double weightedMeanSquare)
{
    if (weightedMeanSquare <= 1e-12) return -120.0;
    return std::max(-120.0, -0.691 + 10.0 * std::log10(weightedMeanSquare));
}

} // namespace rendition
