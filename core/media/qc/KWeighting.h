#pragma once
// ITU-R BS.1770-4 K-weighting (the high-shelf "pre-filter" followed by the RLB high-pass)
// for one channel at any sample rate, with the coefficient derivation libebur128 uses.
// Also the BS.1770 channel weights: 1.0 for front/centre, 1.41 (+1.5 dB) for surrounds,
// 0 for LFE. Loudness of a block = −0.691 + 10·log10(Σ weight × mean square of K-weighted samples).

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace rendition {

class KWeighting {
public:
    explicit KWeighting(int sampleRate);
    double process(double x); // one sample in, one K-weighted sample out

private:
    double m_b[2][3] = {};
    double m_a[2][3] = {};
    double m_z[2][2] = {}; // transposed direct form II state per stage
};

// BS.1770 weight of channel `index` of `layout`.
double bs1770ChannelWeight(const AVChannelLayout &layout, int index);

// Block loudness in LUFS from Σ weight × mean square; −120 for silence.
double blockLoudness(double weightedMeanSquare);

} // namespace rendition
