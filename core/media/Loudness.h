#pragma once
// EBU R128 / ITU-R BS.1770 loudness with libebur128: measurement of a file in an
// audio-only pass (video packets are discarded, never decoded), a streaming meter for
// audio the pipeline already has, and static-gain normalization with a true-peak-safe
// limiter. Units: LUFS for loudness, LU for range, dBTP for true peak, dBFS for sample peak.
//
// Implementation: Loudness.cpp (meter, plan, JSON), LoudnessMeasure.cpp (file pass),
// TruePeakDetector.cpp (oversampling), LoudnessNormalizer.cpp (gain + limiter).

#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QJsonObject>
#include <QList>

#include <memory>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace rendition {

// True peak per BS.1770-4 Annex 2: 4× oversampling (2× from 96 kHz, none from 192 kHz) with
// the same 49-tap Hann-windowed-sinc polyphase interpolator as libebur128, so its values are
// libebur128's EBUR128_MODE_TRUE_PEAK values (to float rounding), computed ~10× faster
// (vectorised, planar). Used by LoudnessMeter and by the normalizer's limiter.
// Thread-compatible.
class TruePeakDetector {
public:
    TruePeakDetector(int channels, int sampleRate);
    ~TruePeakDetector();
    TruePeakDetector(const TruePeakDetector &) = delete;
    TruePeakDetector &operator=(const TruePeakDetector &) = delete;

    int channels() const { return m_channels; }
    int factor() const { return m_factor; }
    // The interpolator's group delay in input frames: envelope[i] describes the signal in
    // [i - delayFrames(), i - delayFrames() + 1).
    int delayFrames() const { return m_delay; }

    // Adds `frames` frames. When `envelope` is not null, envelope[i] receives the largest
    // absolute oversampled value over all channels for input frame i (see delayFrames()).
    void addPlanar(const float *const *planes, size_t frames, float *envelope = nullptr);
    void addInterleaved(const float *samples, size_t frames, float *envelope = nullptr);
    // Largest absolute oversampled value seen on `channel` (linear, 1.0 = 0 dBTP). The last
    // delayFrames() frames are only seen as samples; callers take max() with the sample peak.
    double peak(int channel) const { return m_peaks[size_t(channel)]; }

private:
    void processChannel(int channel, const float *in, size_t inStride, size_t frames, float *envelope);

    struct Phase {
        std::vector<int> index; // delay-line offsets, 0 = newest sample
        std::vector<float> coeff;
    };
    int m_channels = 0;
    int m_factor = 1;
    int m_delay = 0;
    int m_history = 0; // samples kept per channel between calls
    std::vector<Phase> m_phases;
    std::vector<std::vector<float>> m_tails; // last m_history samples per channel
    std::vector<float> m_work;               // history + block of one channel
    std::vector<float> m_scratch;            // per-frame maxima of one channel
    std::vector<double> m_peaks;
};

struct LoudnessPoint {
    double timeSeconds = 0;   // end of the window, from the start of the audio
    double momentaryLufs = 0; // 400 ms window (-inf → -120)
    double shortTermLufs = 0; // 3 s window
};

struct LoudnessStats {
    double integratedLufs = -120; // gated integrated loudness; -120 for digital silence
    double rangeLu = 0;
    double truePeakDbtp = -120;    // max over channels (when measured)
    bool truePeakMeasured = false; // false: truePeakDbtp is not meaningful (and not in the JSON)
    double samplePeakDbfs = -120;
    double durationSeconds = 0;
    int channels = 0;
    int sampleRate = 0;
    QList<LoudnessPoint> curve;               // one point per curve interval
    QJsonObject toJson(bool withCurve) const; // snake_case keys
};

// Streaming meter. Thread-compatible (one thread per meter). Samples are float, 1.0 = 0 dBFS.
class LoudnessMeter {
public:
    // `layout` decides BS.1770 channel weights (LFE ignored, surrounds +1.5 dB): FL/FR/FC and
    // front-of-centre 1.0; side channels 1.41; back channels 1.41 unless the layout also has
    // side channels (7.1: the backs sit behind ±120° → 1.0); a lone channel is weighted 1.0.
    // An unspecified layout is read as FFmpeg's default layout for its channel count.
    // curveIntervalSeconds is rounded to whole 100 ms blocks; 0 = no curve (cheapest).
    // The curve's momentary/short-term values are those of ebur128_loudness_momentary/
    // _shortterm at each point, computed from 100 ms block energies (30× cheaper than asking
    // libebur128 for a 3 s window every 100 ms).
    // Errors: "loudness.meter" (bad rate/channel count, out of memory).
    static Result<std::unique_ptr<LoudnessMeter>> create(const AVChannelLayout &layout, int sampleRate, bool truePeak,
                                                         double curveIntervalSeconds = 0.1);
    ~LoudnessMeter();
    Status addInterleaved(const float *samples, size_t frames);
    Status addPlanar(const float *const *planes, size_t frames);
    LoudnessStats result() const; // may be called at any time; measuring can continue

private:
    LoudnessMeter() = default;
    struct Impl;
    std::unique_ptr<Impl> d;
};

struct LoudnessMeasureOptions {
    bool truePeak = true;
    double curveIntervalSeconds = 0.1;
    int streamIndex = -1;    // -1: the best audio stream
    int downmixChannels = 0; // 0: measure the native layout; 1/2: measure after downmix
};

// Measures a file's audio in one pass: demux, decode audio only, meter. Other streams are
// discarded at the demuxer. Decoding and metering run pipelined on two threads (the caller's
// and one helper, joined before returning). Progress: stage "loudness", at most every 250 ms.
// Errors (context = path): "loudness.open", "loudness.no_audio", "loudness.decoder",
// "loudness.read", "loudness.decode", "loudness.meter", and "canceled".
Result<LoudnessStats> measureLoudness(const QString &path, const LoudnessMeasureOptions &options,
                                      const ProgressSink &progress, const CancelToken &cancel);

enum class OverCeiling { Invalid = 0, Limit, ReduceGain };

struct NormalizationPlan {
    double gainDb = 0;    // static gain to apply
    bool limiter = false; // a true-peak limiter is needed at the ceiling
    double predictedTruePeakDbtp = 0;
    QString note; // e.g. "gain reduced by 3.2 dB to keep true peak under -1 dBTP"
    QJsonObject toJson() const;
};

// gain = target − I; predicted TP = TP + gain. Above the ceiling: Limit keeps the gain and
// sets limiter; ReduceGain lowers the gain to ceiling − TP (the note says by how much).
// Silence or loudness below the absolute gate (I == -120): gain 0, with a note.
NormalizationPlan planNormalization(const LoudnessStats &measured, double targetLufs, double ceilingDbtp,
                                    OverCeiling mode);

// Static gain + (optional) look-ahead true-peak limiter on planar float audio.
// No net delay: what goes in comes out sample-aligned (the look-ahead is absorbed inside;
// available() may lag push() by latencyFrames() until finish()). The limiter runs when the
// plan asks for it, or when the plan's predicted true peak is above ceiling − encoderMarginDb
// (a safety net for ReduceGain plans); it holds the oversampled (true) peak of the output at
// or under ceiling − encoderMarginDb, so that the lossy encoder's overshoot stays under the
// ceiling. Look-ahead 5 ms, attack within the look-ahead, release 150 ms, linked channels.
// Thread-compatible.
class LoudnessNormalizer {
public:
    // Room left for the encoder. FFmpeg's AAC-LC at 128 kb/s stereo overshoots the true peak of
    // its input by up to ~0.8 dB on sharp transients (measured in tst_loudnessnorm, "hot, high
    // crest"; tonal material ~0.1 dB), hence 1 dB — the usual "-2 dBTP for AAC at 128k" advice
    // for a -1 dBTP ceiling. High-rate encodes may pass less.
    static constexpr double kEncoderMarginDb = 1.0;

    static Result<std::unique_ptr<LoudnessNormalizer>> create(int channels, int sampleRate,
                                                              const NormalizationPlan &plan, double ceilingDbtp,
                                                              double encoderMarginDb = kEncoderMarginDb);
    ~LoudnessNormalizer();
    // Appends `frames` samples per channel; processed output becomes available to pull().
    void push(const float *const *planes, int frames);
    // Signals end of input: the remaining look-ahead becomes available.
    void finish();
    int available() const;
    // Copies up to maxFrames processed samples per channel into out; returns how many.
    int pull(float *const *out, int maxFrames);
    double maxGainReductionDb() const; // how hard the limiter worked
    int latencyFrames() const;         // internal look-ahead (0 without the limiter)
    bool limiting() const;             // the limiter is in the chain

private:
    LoudnessNormalizer() = default;
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace rendition
