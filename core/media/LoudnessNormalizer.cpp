// LoudnessNormalizer: static gain, then (when needed) a look-ahead true-peak limiter.
//
// Limiter, per input frame m (channels linked):
//   env   oversampled |x| (TruePeakDetector, 4× at 48 kHz) of the gained signal
//   r[m]  = min(1, T / peak of the interpolated signal over (m-1, m+1))   — required gain
//   h[m]  = min(r[m .. m+L-1])              — hold the requirement L frames ahead (look-ahead)
//   s[m]  = h[m] when falling, else a one-pole release towards h[m]       (s ≤ h always)
//   G[m]  = mean(s[m-L+1 .. m])             — box smoothing: a linear attack of L frames
// Every s in G[m]'s window is ≤ r[m] (each window of h covers m), so G[m] ≤ r[m]: the peak is
// caught exactly, with the gain already ramped down over the L frames before it. G changes by
// at most 1/L per frame, so the interpolated output between frames stays within ~0.01 dB of
// G·interpolated input; kSafetyDb covers that. Latency d + L - 1 frames (d = the
// interpolator's delay) is absorbed: output frames keep their input positions, and finish()
// flushes the tail by running the detector over zeros (the silence after the end).

#include "core/media/Loudness.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace rendition {

namespace {

constexpr double kLookaheadSeconds = 0.005;
constexpr double kReleaseSeconds = 0.150;
constexpr double kSafetyDb = 0.1; // interpolation of a changing gain, float rounding
constexpr int kChunkFrames = 4096;

double dbToLinear(double db)
{
    return std::pow(10.0, db / 20.0);
}

// Planar sample FIFO: append at the back, consume from the front.
struct PlanarFifo {
    std::vector<std::vector<float>> data;
    size_t start = 0;

    void reset(int channels) { data.assign(size_t(channels), {}); }
    size_t size() const { return data.empty() ? 0 : data[0].size() - start; }
    float *at(int channel, size_t i) { return data[size_t(channel)].data() + start + i; }
    void append(int channel, const float *src, size_t n)
    {
        data[size_t(channel)].insert(data[size_t(channel)].end(), src, src + n);
    }
    void consume(size_t n)
    {
        start += n;
        if (start < 65536 && start * 2 < data[0].size()) return;
        for (auto &v : data)
            v.erase(v.begin(), v.begin() + ptrdiff_t(start));
        start = 0;
    }
};

} // namespace

struct LoudnessNormalizer::Impl {
    int channels = 0;
    float gain = 1.0f;
    bool limiter = false;
    bool finished = false;
    PlanarFifo output;

    // Limiter state.
    float threshold = 1.0f;
    int lookahead = 1; // L
    double releaseCoef = 0;
    std::unique_ptr<TruePeakDetector> detector;
    PlanarFifo pending;     // gained input waiting for its gain
    qint64 inputFrames = 0; // real frames pushed
    qint64 envCount = 0;    // detector outputs seen (real + flush zeros)
    float previousEnv = 0;
    std::deque<std::pair<qint64, float>> holdMin; // monotonic: (index, r), increasing r
    float released = 1.0f;                        // s
    std::vector<float> box;                       // last L values of s
    size_t boxPos = 0;
    double boxSum = 0;
    qint64 gainCount = 0; // G values produced (= frames whose gain is known)
    float minGain = 1.0f;
    std::vector<float> ready;   // gains of the oldest pending frames, not yet applied
    std::vector<float> scratch; // gained block / envelope
    std::vector<float> envelope;

    void pushLimited(const float *const *planes, int frames);
    void detect(const float *const *planes, int frames);
    void onEnvelope(float env);
    void applyGains();
};

Result<std::unique_ptr<LoudnessNormalizer>> LoudnessNormalizer::create(int channels, int sampleRate,
                                                                       const NormalizationPlan &plan,
                                                                       double ceilingDbtp, double encoderMarginDb)
{
    if (channels < 1 || channels > 64 || sampleRate < 8000 || sampleRate > 768000 || !std::isfinite(plan.gainDb) ||
        !std::isfinite(ceilingDbtp) || plan.gainDb > 60.0 || !(encoderMarginDb >= 0.0 && encoderMarginDb <= 12.0))
        return makeError(QStringLiteral("loudness.normalizer"),
                         QStringLiteral("cannot normalize %1 channel(s) at %2 Hz with %3 dB gain under %4 dBTP; "
                                        "check the loudness plan")
                             .arg(channels)
                             .arg(sampleRate)
                             .arg(plan.gainDb)
                             .arg(ceilingDbtp));
    std::unique_ptr<LoudnessNormalizer> n(new LoudnessNormalizer);
    auto d = std::make_unique<Impl>();
    d->channels = channels;
    d->gain = float(dbToLinear(plan.gainDb));
    d->limiter = plan.limiter || plan.predictedTruePeakDbtp > ceilingDbtp - encoderMarginDb;
    d->output.reset(channels);
    if (d->limiter) {
        d->threshold = float(dbToLinear(ceilingDbtp - encoderMarginDb - kSafetyDb));
        d->lookahead = std::max(1, int(std::lround(kLookaheadSeconds * sampleRate)));
        d->releaseCoef = 1.0 - std::exp(-1.0 / (kReleaseSeconds * sampleRate));
        d->detector = std::make_unique<TruePeakDetector>(channels, sampleRate);
        d->pending.reset(channels);
        d->box.assign(size_t(d->lookahead), 1.0f);
        d->boxSum = d->lookahead;
    }
    n->d = std::move(d);
    return n;
}

LoudnessNormalizer::~LoudnessNormalizer() = default;

void LoudnessNormalizer::push(const float *const *planes, int frames)
{
    if (d->finished || frames <= 0) return;
    for (int done = 0; done < frames; done += kChunkFrames) {
        const int n = std::min(kChunkFrames, frames - done);
        if (!d->limiter) {
            for (int c = 0; c < d->channels; ++c) {
                std::vector<float> &dst = d->output.data[size_t(c)];
                const float *src = planes[c] + done;
                const size_t at = dst.size();
                dst.resize(at + size_t(n));
                for (int i = 0; i < n; ++i)
                    dst[at + size_t(i)] = src[i] * d->gain;
            }
            continue;
        }
        std::vector<const float *> at(size_t(d->channels));
        for (int c = 0; c < d->channels; ++c)
            at[size_t(c)] = planes[c] + done;
        d->pushLimited(at.data(), n);
    }
}

void LoudnessNormalizer::Impl::pushLimited(const float *const *planes, int frames)
{
    // Gain first, into the pending FIFO (the delay line) and a planar scratch for the detector.
    scratch.resize(size_t(frames) * size_t(channels));
    std::vector<const float *> gained(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c) {
        float *dst = scratch.data() + size_t(c) * size_t(frames);
        for (int i = 0; i < frames; ++i)
            dst[i] = planes[c][i] * gain;
        pending.append(c, dst, size_t(frames));
        gained[size_t(c)] = dst;
    }
    inputFrames += frames;
    detect(gained.data(), frames);
}

void LoudnessNormalizer::Impl::detect(const float *const *planes, int frames)
{
    envelope.resize(size_t(frames));
    detector->addPlanar(planes, size_t(frames), envelope.data());
    for (int i = 0; i < frames; ++i)
        onEnvelope(envelope[size_t(i)]);
    applyGains();
}

// env[i] covers [i-d, i-d+1); r[m] needs the intervals either side of frame m = i - d.
void LoudnessNormalizer::Impl::onEnvelope(float env)
{
    const qint64 i = envCount++;
    const float around = std::max(previousEnv, env);
    previousEnv = env;
    const qint64 m = i - detector->delayFrames();
    if (m < 0) return;
    const float r = around > threshold ? threshold / around : 1.0f;
    while (!holdMin.empty() && holdMin.back().second >= r)
        holdMin.pop_back();
    holdMin.emplace_back(m, r);
    // h[k] = min r[k .. m], from k = -(L-1): the silence before the start has r = 1, so those
    // h are min r[0 .. m], and G[0]'s window holds only values that already know r[0].
    const qint64 k = m - lookahead + 1;
    while (holdMin.front().first < k)
        holdMin.pop_front();
    const float h = holdMin.front().second;
    released = h < released ? h : released + float(releaseCoef) * (h - released);
    boxSum += double(released) - double(box[boxPos]);
    box[boxPos] = released;
    boxPos = (boxPos + 1) % box.size();
    if (k < 0) return;
    if (gainCount++ < inputFrames)
        ready.push_back(float(std::min(1.0, boxSum / double(lookahead)))); // else: flush zeros
}

void LoudnessNormalizer::Impl::applyGains()
{
    const size_t n = ready.size();
    if (n == 0) return;
    for (int c = 0; c < channels; ++c) {
        std::vector<float> &dst = output.data[size_t(c)];
        const float *src = pending.at(c, 0);
        const size_t at = dst.size();
        dst.resize(at + n);
        for (size_t i = 0; i < n; ++i)
            dst[at + i] = src[i] * ready[i];
    }
    minGain = std::min(minGain, *std::min_element(ready.begin(), ready.end()));
    pending.consume(n);
    ready.clear();
}

void LoudnessNormalizer::finish()
{
    if (d->finished) return;
    d->finished = true;
    if (!d->limiter) return;
    // Run the detector over silence until every real frame has its gain.
    std::vector<float> zeros(size_t(kChunkFrames), 0.0f);
    std::vector<const float *> planes(size_t(d->channels), zeros.data());
    while (d->gainCount < d->inputFrames) {
        const qint64 missing = d->inputFrames - d->gainCount;
        d->detect(planes.data(), int(std::min<qint64>(missing, kChunkFrames)));
    }
}

int LoudnessNormalizer::available() const
{
    return int(d->output.size());
}

int LoudnessNormalizer::pull(float *const *out, int maxFrames)
{
    const int n = std::min(maxFrames, available());
    if (n <= 0) return 0;
    for (int c = 0; c < d->channels; ++c)
        std::copy_n(d->output.at(c, 0), n, out[c]);
    d->output.consume(size_t(n));
    return n;
}

double LoudnessNormalizer::maxGainReductionDb() const
{
    return d->minGain < 1.0f ? -20.0 * std::log10(double(d->minGain)) : 0.0;
}

int LoudnessNormalizer::latencyFrames() const
{
    return d->limiter ? d->detector->delayFrames() + d->lookahead - 1 : 0;
}

bool LoudnessNormalizer::limiting() const
{
    return d->limiter;
}

} // namespace rendition
