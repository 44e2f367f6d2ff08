#pragma once
// EBU R128 / ITU-R BS.1770 loudness with libebur128: measurement of a file in an
// audio-only pass (video packets are discarded, never decoded), a streaming meter for
// audio the pipeline already has, and static-gain normalization with a true-peak-safe
// limiter. Units: LUFS for loudness, LU for range, dBTP for true peak, dBFS for sample peak.

#include "util/Progress.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QList>

#include <memory>

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace rendition {

struct LoudnessPoint {
    double timeSeconds = 0;    // end of the window, from the start of the audio
    double momentaryLufs = 0;  // 400 ms window (-inf → -120)
    double shortTermLufs = 0;  // 3 s window
};

struct LoudnessStats {
    double integratedLufs = -120; // gated integrated loudness; -120 for digital silence
    double rangeLu = 0;
    double truePeakDbtp = -120;   // max over channels (when measured)
    double samplePeakDbfs = -120;
    double durationSeconds = 0;
    int channels = 0;
    int sampleRate = 0;
    QList<LoudnessPoint> curve;   // one point per curve interval
    QJsonObject toJson(bool withCurve) const; // snake_case keys
};

// Streaming meter. Thread-compatible (one thread per meter).
class LoudnessMeter {
public:
    // `layout` decides BS.1770 channel weights (LFE ignored, surrounds +1.5 dB).
    static Result<std::unique_ptr<LoudnessMeter>> create(const AVChannelLayout &layout, int sampleRate, bool truePeak,
                                                         double curveIntervalSeconds = 0.1);
    ~LoudnessMeter();
    Status addInterleaved(const float *samples, size_t frames);
    Status addPlanar(const float *const *planes, size_t frames);
    LoudnessStats result() const;

private:
    LoudnessMeter() = default;
    struct Impl;
    std::unique_ptr<Impl> d;
};

struct LoudnessMeasureOptions {
    bool truePeak = true;
    double curveIntervalSeconds = 0.1;
    int streamIndex = -1;     // -1: the best audio stream
    int downmixChannels = 0;  // 0: measure the native layout; 1/2: measure after downmix
};

// Measures a file's audio in one pass: demux, decode audio only, meter.
Result<LoudnessStats> measureLoudness(const QString &path, const LoudnessMeasureOptions &options,
                                      const ProgressSink &progress, const CancelToken &cancel);

enum class OverCeiling { Invalid = 0, Limit, ReduceGain };

struct NormalizationPlan {
    double gainDb = 0;           // static gain to apply
    bool limiter = false;        // a true-peak limiter is needed at the ceiling
    double predictedTruePeakDbtp = 0;
    QString note;                // e.g. "gain reduced by 3.2 dB to keep true peak under -1 dBTP"
    QJsonObject toJson() const;
};

NormalizationPlan planNormalization(const LoudnessStats &measured, double targetLufs, double ceilingDbtp, OverCeiling mode);

// Static gain + (optional) look-ahead true-peak limiter on planar float audio.
// No net delay: what goes in comes out sample-aligned (the look-ahead is absorbed inside;
// push() may return fewer samples than given until finish()).
class LoudnessNormalizer {
public:
    static Result<std::unique_ptr<LoudnessNormalizer>> create(int channels, int sampleRate, const NormalizationPlan &plan,
                                                              double ceilingDbtp);
    ~LoudnessNormalizer();
    // Appends `frames` samples per channel; processed output becomes available to pull().
    void push(const float *const *planes, int frames);
    // Signals end of input: the remaining look-ahead becomes available.
    void finish();
    int available() const;
    // Copies up to maxFrames processed samples per channel into out; returns how many.
    int pull(float *const *out, int maxFrames);
    double maxGainReductionDb() const; // how hard the limiter worked

private:
    LoudnessNormalizer() = default;
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace rendition
