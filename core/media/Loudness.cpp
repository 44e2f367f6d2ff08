// LoudnessMeter (libebur128 + TruePeakDetector), LoudnessStats/NormalizationPlan JSON and
// planNormalization. measureLoudness lives in LoudnessMeasure.cpp, the normalizer in
// LoudnessNormalizer.cpp, the oversampling peak detector in TruePeakDetector.cpp.

#include "core/media/Loudness.h"

#include <ebur128.h>

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>

namespace rendition {

namespace {

constexpr double kFloorDb = -120.0;
constexpr size_t kScratchFrames = 8192; // planar → interleaved in blocks of this size
constexpr int kMomentaryBlocks = 4;     // 400 ms
constexpr int kShortTermBlocks = 30;    // 3 s

double linearToDb(double linear)
{
    return linear > 0 ? std::max(kFloorDb, 20.0 * std::log10(linear)) : kFloorDb;
}

// libebur128 reports -HUGE_VAL for silence; the API promises -120.
double clampLufs(double lufs)
{
    return std::isfinite(lufs) ? std::max(kFloorDb, lufs) : kFloorDb;
}

double energyToLufs(double energy)
{
    return energy > 0 ? clampLufs(10.0 * std::log10(energy) - 0.691) : kFloorDb;
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

struct Ebur128Deleter {
    void operator()(ebur128_state *s) const { ebur128_destroy(&s); }
};

// BS.1770-4 weights through libebur128's channel codes: 1.41 for loudspeakers at 60°–120°
// azimuth, 1.0 elsewhere, LFE ignored.
int ebur128Channel(AVChannel ch, bool layoutHasSides)
{
    switch (ch) {
    case AV_CHAN_FRONT_LEFT:
    case AV_CHAN_FRONT_LEFT_OF_CENTER:
        return EBUR128_LEFT;
    case AV_CHAN_FRONT_RIGHT:
    case AV_CHAN_FRONT_RIGHT_OF_CENTER:
        return EBUR128_RIGHT;
    case AV_CHAN_FRONT_CENTER:
        return EBUR128_CENTER;
    case AV_CHAN_LOW_FREQUENCY:
    case AV_CHAN_LOW_FREQUENCY_2:
        return EBUR128_UNUSED;
    case AV_CHAN_SIDE_LEFT:
        return EBUR128_LEFT_SURROUND;
    case AV_CHAN_SIDE_RIGHT:
        return EBUR128_RIGHT_SURROUND;
    // 5.x "back" channels are the ±110° surrounds; beside side channels (7.1) they are ±135°.
    case AV_CHAN_BACK_LEFT:
        return layoutHasSides ? EBUR128_Mp135 : EBUR128_LEFT_SURROUND;
    case AV_CHAN_BACK_RIGHT:
        return layoutHasSides ? EBUR128_Mm135 : EBUR128_RIGHT_SURROUND;
    case AV_CHAN_WIDE_LEFT:
        return EBUR128_Mp060;
    case AV_CHAN_WIDE_RIGHT:
        return EBUR128_Mm060;
    case AV_CHAN_BACK_CENTER:
        return EBUR128_Mp180;
    default:
        return EBUR128_Mp000; // height and unknown channels: weight 1.0
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------
// JSON

QJsonObject LoudnessStats::toJson(bool withCurve) const
{
    QJsonObject o{{QStringLiteral("integrated_lufs"), round2(integratedLufs)},
                  {QStringLiteral("range_lu"), round2(rangeLu)},
                  {QStringLiteral("sample_peak_dbfs"), round2(samplePeakDbfs)},
                  {QStringLiteral("duration_s"), std::round(durationSeconds * 1000.0) / 1000.0},
                  {QStringLiteral("channels"), channels},
                  {QStringLiteral("sample_rate"), sampleRate}};
    if (truePeakMeasured) o.insert(QStringLiteral("true_peak_dbtp"), round2(truePeakDbtp));
    if (withCurve) {
        QJsonArray times, momentary, shortTerm;
        for (const LoudnessPoint &p : curve) {
            times.append(std::round(p.timeSeconds * 1000.0) / 1000.0);
            momentary.append(round2(p.momentaryLufs));
            shortTerm.append(round2(p.shortTermLufs));
        }
        o.insert(QStringLiteral("curve"), QJsonObject{{QStringLiteral("time_s"), times},
                                                      {QStringLiteral("momentary_lufs"), momentary},
                                                      {QStringLiteral("short_term_lufs"), shortTerm}});
    }
    return o;
}

QJsonObject NormalizationPlan::toJson() const
{
    QJsonObject o{{QStringLiteral("gain_db"), round2(gainDb)},
                  {QStringLiteral("limiter"), limiter},
                  {QStringLiteral("predicted_true_peak_dbtp"), round2(predictedTruePeakDbtp)}};
    if (!note.isEmpty()) o.insert(QStringLiteral("note"), note);
    return o;
}

// ---------------------------------------------------------------------------------------------
// LoudnessMeter

struct LoudnessMeter::Impl {
    std::unique_ptr<ebur128_state, Ebur128Deleter> state;
    std::unique_ptr<TruePeakDetector> truePeak;
    int channels = 0;
    int sampleRate = 0;
    quint64 frames = 0;
    std::vector<float> interleaved; // scratch for planar input

    // Curve: energies of the last 30 blocks of 100 ms (ring), one point every blocksPerPoint.
    size_t blockFrames = 0;
    size_t framesInBlock = 0;
    int blocksPerPoint = 0; // 0: no curve
    quint64 blocks = 0;
    std::array<double, kShortTermBlocks> energies{};
    QList<LoudnessPoint> curve;

    Status add(const float *interleavedIn, const float *const *planes, size_t count);
    Status feed(const float *interleavedChunk, const float *const *planarChunk, size_t offset, size_t count);
    void closeBlock();
};

Result<std::unique_ptr<LoudnessMeter>> LoudnessMeter::create(const AVChannelLayout &layout, int sampleRate,
                                                             bool truePeak, double curveIntervalSeconds)
{
    const int channels = layout.nb_channels;
    if (channels < 1 || channels > 64 || sampleRate < 8000 || sampleRate > 768000)
        return makeError(
            QStringLiteral("loudness.meter"),
            QStringLiteral("cannot meter %1 channel(s) at %2 Hz; the meter takes 1–64 channels at 8–768 kHz")
                .arg(channels)
                .arg(sampleRate));
    AVChannelLayout effective{};
    if (layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&effective, channels);
    else
        av_channel_layout_copy(&effective, &layout);

    std::unique_ptr<LoudnessMeter> meter(new LoudnessMeter);
    auto d = std::make_unique<Impl>();
    d->channels = channels;
    d->sampleRate = sampleRate;
    const int mode = EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_SAMPLE_PEAK | EBUR128_MODE_M | EBUR128_MODE_S;
    d->state.reset(ebur128_init(unsigned(channels), static_cast<unsigned long>(sampleRate), mode));
    if (!d->state) {
        av_channel_layout_uninit(&effective);
        return makeError(QStringLiteral("loudness.meter"),
                         QStringLiteral("could not create the loudness meter (out of memory)"));
    }
    const bool hasSides = av_channel_layout_index_from_channel(&effective, AV_CHAN_SIDE_LEFT) >= 0 ||
                          av_channel_layout_index_from_channel(&effective, AV_CHAN_SIDE_RIGHT) >= 0;
    for (int c = 0; c < channels; ++c) {
        const int code = channels == 1
                             ? EBUR128_CENTER
                             : ebur128Channel(av_channel_layout_channel_from_index(&effective, unsigned(c)), hasSides);
        ebur128_set_channel(d->state.get(), unsigned(c), code);
    }
    av_channel_layout_uninit(&effective);

    if (truePeak) d->truePeak = std::make_unique<TruePeakDetector>(channels, sampleRate);
    if (curveIntervalSeconds > 0) {
        d->blockFrames = size_t(sampleRate) / 10; // what ebur128_loudness_window(100 ms) reads
        d->blocksPerPoint = std::max(1, int(std::lround(curveIntervalSeconds * 10.0)));
    }
    meter->d = std::move(d);
    return meter;
}

LoudnessMeter::~LoudnessMeter() = default;

Status LoudnessMeter::addInterleaved(const float *samples, size_t frames)
{
    return d->add(samples, nullptr, frames);
}

Status LoudnessMeter::addPlanar(const float *const *planes, size_t frames)
{
    return d->add(nullptr, planes, frames);
}

Status LoudnessMeter::Impl::add(const float *interleavedIn, const float *const *planes, size_t count)
{
    size_t offset = 0;
    while (offset < count) {
        size_t n = count - offset;
        if (blocksPerPoint > 0) n = std::min(n, blockFrames - framesInBlock);
        if (planes) n = std::min(n, kScratchFrames);
        if (Status s = feed(interleavedIn, planes, offset, n); !s) return s;
        offset += n;
        frames += n;
        if (blocksPerPoint > 0 && (framesInBlock += n) == blockFrames) closeBlock();
    }
    return {};
}

Status LoudnessMeter::Impl::feed(const float *interleavedIn, const float *const *planes, size_t offset, size_t n)
{
    const size_t ch = size_t(channels);
    const float *chunk = nullptr;
    if (interleavedIn) {
        chunk = interleavedIn + offset * ch;
        if (truePeak) truePeak->addInterleaved(chunk, n);
    } else {
        interleaved.resize(n * ch);
        for (size_t c = 0; c < ch; ++c) {
            const float *src = planes[c] + offset;
            float *dst = interleaved.data() + c;
            for (size_t i = 0; i < n; ++i)
                dst[i * ch] = src[i];
        }
        chunk = interleaved.data();
        if (truePeak) {
            std::array<const float *, 64> at{};
            for (size_t c = 0; c < ch; ++c)
                at[c] = planes[c] + offset;
            truePeak->addPlanar(at.data(), n);
        }
    }
    if (ebur128_add_frames_float(state.get(), chunk, n) != EBUR128_SUCCESS)
        return makeError(QStringLiteral("loudness.meter"), QStringLiteral("the loudness meter ran out of memory"));
    return {};
}

void LoudnessMeter::Impl::closeBlock()
{
    framesInBlock = 0;
    double lufs = -HUGE_VAL;
    ebur128_loudness_window(state.get(), 100, &lufs);
    energies[size_t(blocks % kShortTermBlocks)] = std::isfinite(lufs) ? std::pow(10.0, (lufs + 0.691) / 10.0) : 0.0;
    ++blocks;
    if (blocks % quint64(blocksPerPoint) != 0) return;
    // Blocks before the start count as silence, as in libebur128's zero-filled window.
    double momentary = 0, shortTerm = 0;
    for (int k = 0; k < kShortTermBlocks; ++k) {
        if (quint64(k) >= blocks) break;
        const double e = energies[size_t((blocks - 1 - quint64(k)) % kShortTermBlocks)];
        if (k < kMomentaryBlocks) momentary += e;
        shortTerm += e;
    }
    curve.append({double(frames) / sampleRate, energyToLufs(momentary / kMomentaryBlocks),
                  energyToLufs(shortTerm / kShortTermBlocks)});
}

LoudnessStats LoudnessMeter::result() const
{
    LoudnessStats s;
    s.channels = d->channels;
    s.sampleRate = d->sampleRate;
    s.durationSeconds = double(d->frames) / d->sampleRate;
    s.curve = d->curve;
    double v = -HUGE_VAL;
    if (ebur128_loudness_global(d->state.get(), &v) == EBUR128_SUCCESS) s.integratedLufs = clampLufs(v);
    v = 0;
    if (ebur128_loudness_range(d->state.get(), &v) == EBUR128_SUCCESS && std::isfinite(v)) s.rangeLu = std::max(0.0, v);
    double samplePeak = 0, truePeak = 0;
    for (int c = 0; c < d->channels; ++c) {
        double p = 0;
        if (ebur128_sample_peak(d->state.get(), unsigned(c), &p) == EBUR128_SUCCESS)
            samplePeak = std::max(samplePeak, p);
        if (d->truePeak) truePeak = std::max({truePeak, p, d->truePeak->peak(c)});
    }
    s.samplePeakDbfs = linearToDb(samplePeak);
    s.truePeakMeasured = bool(d->truePeak);
    if (d->truePeak) s.truePeakDbtp = linearToDb(truePeak);
    return s;
}

// ---------------------------------------------------------------------------------------------
// planNormalization

NormalizationPlan planNormalization(const LoudnessStats &measured, double targetLufs, double ceilingDbtp,
                                    OverCeiling mode)
{
    NormalizationPlan plan;
    const double peak = measured.truePeakMeasured ? measured.truePeakDbtp : measured.samplePeakDbfs;
    plan.predictedTruePeakDbtp = peak;
    // -70 LUFS is BS.1770's absolute gate: nothing below it counts as programme loudness.
    if (measured.integratedLufs <= -70.0) {
        plan.note = QStringLiteral("the audio is silent (no block above the -70 LUFS gate); no gain applied");
        return plan;
    }
    plan.gainDb = targetLufs - measured.integratedLufs;
    plan.predictedTruePeakDbtp = peak + plan.gainDb;
    if (plan.predictedTruePeakDbtp <= ceilingDbtp) return plan;

    const QString ceiling = QString::number(ceilingDbtp, 'f', 1);
    if (mode == OverCeiling::ReduceGain) {
        const double givenUp = plan.predictedTruePeakDbtp - ceilingDbtp;
        plan.gainDb -= givenUp;
        plan.predictedTruePeakDbtp = ceilingDbtp;
        plan.note =
            QStringLiteral("gain reduced by %1 dB to keep true peak under %2 dBTP; the output will be %3 LUFS, not %4")
                .arg(QString::number(givenUp, 'f', 1), ceiling,
                     QString::number(measured.integratedLufs + plan.gainDb, 'f', 1),
                     QString::number(targetLufs, 'f', 1));
    } else {
        plan.limiter = true;
        plan.note = QStringLiteral("true peak would reach %1 dBTP; the limiter holds it under %2 dBTP")
                        .arg(QString::number(plan.predictedTruePeakDbtp, 'f', 1), ceiling);
    }
    return plan;
}

} // namespace rendition
