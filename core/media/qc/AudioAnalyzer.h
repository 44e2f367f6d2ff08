#pragma once
// One pass over a decoded audio rendition: silent segments, loud sections, the EBU R128
// measurement of the encoded output (integrated, LRA, true peak) and its duration.
//
// Units and thresholds:
// - Times are program seconds (first sample's pts − startOffsetSeconds, then by sample
//   count). Samples before program time 0 (encoder priming in packages) are skipped.
// - Silence: RMS over consecutive 10 ms blocks, in dBFS = 20·log10(RMS) with full scale
//   ±1.0 (a full-scale sine is −3 dBFS), taken for the loudest channel. A block is silent
//   when below silenceDbfs; spans ≥ minSilenceSeconds are reported (±10 ms).
// - Loud sections: K-weighted (BS.1770) loudness of a 100 ms window slid in 10 ms steps;
//   each window's loudness stands for the 10 ms around its centre. A section is where it
//   exceeds reference + loudThresholdLu for ≥ minLoudSeconds; the reference is the target
//   (loudness normalisation on) or else the programme's typical loudness: the median of
//   the 100 ms windows above −70 LUFS (the integrated loudness would be pulled up by the
//   very sections looked for). Accurate to about ±30 ms at a 10 LU step.
// - LUFS, LU, dBTP as in media/Loudness.h (the LoudnessMeter measures the whole rendition).

#include "core/media/Loudness.h"
#include "core/media/qc/KWeighting.h"
#include "core/media/qc/SegmentTracker.h"
#include "core/media/qc/VideoAnalyzer.h" // MediaPosition

#include <optional>
#include <vector>

namespace rendition {

struct AudioAnalyzerOptions {
    double silenceDbfs = -60;
    double minSilenceSeconds = 0;
    std::optional<double> loudReferenceLufs; // empty: the programme's median loudness
    double loudThresholdLu = 8;
    double minLoudSeconds = 0;
    double startOffsetSeconds = 0;
};

struct LoudSpan {
    TimeSpan span;
    double maxLufs = -120; // loudest 100 ms window inside
};

struct AudioFindings {
    QList<TimeSpan> silence;
    QList<LoudSpan> loud;
    double loudReferenceLufs = -120;
    LoudnessStats loudness;       // of the encoded output
    double startSeconds = 0;      // program time of the first analysed sample
    double durationSeconds = 0;
    qint64 samples = 0;           // per channel
    int decodeErrors = 0;
    int channels = 0;
    int sampleRate = 0;
};

class AudioAnalyzer {
public:
    static Result<std::unique_ptr<AudioAnalyzer>> create(const AVChannelLayout &layout, int sampleRate,
                                                         const AudioAnalyzerOptions &options);
    ~AudioAnalyzer();

    // `frames` samples per channel, planar float, the first at program time startSeconds
    // (only the first call's time is used; later samples follow by count).
    Status addPlanar(const float *const *planes, int frames, double startSeconds);
    AudioFindings finish();

    // The whole rendition through a RenditionReader (any sample format). Errors: the
    // reader's (qc.open, …), "canceled".
    static Result<AudioFindings> analyze(const QStringList &files, const AudioAnalyzerOptions &options,
                                         const MediaPosition &position, const CancelToken &cancel);

private:
    AudioAnalyzer() = default;
    void closeBlock();

    AudioAnalyzerOptions m_options;
    std::unique_ptr<LoudnessMeter> m_meter;
    std::vector<KWeighting> m_filters;
    std::vector<double> m_weights;
    int m_sampleRate = 0;
    int m_blockSamples = 0;      // 10 ms
    bool m_started = false;
    double m_originSeconds = 0;
    qint64 m_samples = 0;
    // Current 10 ms block.
    int m_inBlock = 0;
    std::vector<double> m_squares;   // per channel, raw
    std::vector<double> m_weighted;  // per channel, K-weighted
    // Per finished block.
    std::vector<float> m_blockPeakMs;   // loudest channel's mean square
    std::vector<double> m_blockLoudMs;  // Σ weight × K-weighted mean square
};

} // namespace rendition
