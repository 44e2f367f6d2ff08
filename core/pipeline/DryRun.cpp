// Dry-run planning and estimates; the models are documented in DryRun.h.

#include "core/pipeline/DryRun.h"

#include "core/media/Probe.h"

#include <QHash>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace rendition {

namespace {

constexpr double kRefPixels = 1920.0 * 1080.0;
constexpr double kX264MediumPixelsPerCoreSecond = 20e6;
constexpr double kHardwarePixelsPerSecond = 250e6;
constexpr double kDecodePixelsPerSecond = 400e6;
constexpr double kFallbackFrameRate = 25.0;
constexpr double kFmp4Overhead = 1.02;
constexpr double kMpegTsOverhead = 1.06;

struct CrfModel {
    int refCrf;
    double refBpp;
    double crfPerDoubling;
};

CrfModel crfModel(VideoCodec codec)
{
    switch (codec) {
    case VideoCodec::Hevc:
        return {28, 0.045, 6};
    case VideoCodec::Av1:
        return {35, 0.035, 8};
    case VideoCodec::H264:
    case VideoCodec::Invalid:
        break;
    }
    return {23, 0.080, 6};
}

// x264/x265 presets relative to "medium" (the encoders' default).
double x26xSpeedFactor(const QString &speed)
{
    static const QHash<QString, double> kFactors{{QStringLiteral("ultrafast"), 8.0}, {QStringLiteral("superfast"), 5.0},
                                                 {QStringLiteral("veryfast"), 3.0},  {QStringLiteral("faster"), 1.8},
                                                 {QStringLiteral("fast"), 1.4},      {QStringLiteral("medium"), 1.0},
                                                 {QStringLiteral("slow"), 0.5},      {QStringLiteral("slower"), 0.25},
                                                 {QStringLiteral("veryslow"), 0.1},  {QStringLiteral("placebo"), 0.03}};
    return kFactors.value(speed, 1.0);
}

// SVT-AV1 presets 0 (slowest) .. 13 relative to x264 medium; "" = the library default (10).
double svtAv1SpeedFactor(const QString &speed)
{
    static const double kFactors[] = {0.002, 0.004, 0.008, 0.015, 0.03, 0.06, 0.1, 0.18, 0.3, 0.5, 0.75, 1.0, 1.5, 2.2};
    bool ok = false;
    const int preset = speed.toInt(&ok);
    return kFactors[ok && preset >= 0 && preset <= 13 ? preset : 10];
}

double containerOverhead(const Packaging &p)
{
    const bool ts = !p.progressiveMp4 && p.hls && !p.dash && p.hlsSegmentFormat == HlsSegmentFormat::MpegTs;
    return ts ? kMpegTsOverhead : kFmp4Overhead;
}

qint64 bytesFor(double kbps, double seconds, double overhead)
{
    return qint64(std::llround(kbps * 1000.0 / 8.0 * seconds * overhead));
}

} // namespace

double estimateCrfKbps(VideoCodec codec, int crf, int width, int height, double frameRate)
{
    const double pixels = double(std::max(1, width)) * std::max(1, height);
    const CrfModel m = crfModel(codec);
    const double bpp =
        m.refBpp * std::pow(2.0, (m.refCrf - crf) / m.crfPerDoubling) * std::pow(kRefPixels / pixels, 0.25);
    return bpp * pixels * frameRate / 1000.0;
}

double estimateRungKbps(const RateControl &rc, VideoCodec codec, int width, int height, double frameRate)
{
    switch (rc.mode) {
    case RateControlMode::Vbr:
    case RateControlMode::Cbr:
        return rc.bitrateKbps;
    case RateControlMode::Crf:
        return estimateCrfKbps(codec, rc.crf, width, height, frameRate);
    case RateControlMode::CappedCrf: {
        const double crfKbps = estimateCrfKbps(codec, rc.crf, width, height, frameRate);
        return rc.maxKbps > 0 ? std::min(crfKbps, double(rc.maxKbps)) : crfKbps;
    }
    case RateControlMode::Invalid:
        break;
    }
    return 0;
}

double encodePixelsPerSecond(const EncoderChoice &encoder, VideoCodec codec, const QString &speed)
{
    if (encoder.hardware) return kHardwarePixelsPerSecond;
    if (encoder.encoder == u"libaom-av1") return kX264MediumPixelsPerCoreSecond * 0.03;
    switch (codec) {
    case VideoCodec::Hevc:
        return kX264MediumPixelsPerCoreSecond * 0.12 * x26xSpeedFactor(speed);
    case VideoCodec::Av1:
        return kX264MediumPixelsPerCoreSecond * svtAv1SpeedFactor(speed);
    case VideoCodec::H264:
    case VideoCodec::Invalid:
        break;
    }
    return kX264MediumPixelsPerCoreSecond * x26xSpeedFactor(speed);
}

DryRunResult estimateDryRun(const Preset &preset, const ProbeResult &probe, const DryRunOptions &options)
{
    DryRunResult out;
    out.sourcePath = probe.path;
    if (probe.hasFatal()) {
        out.error = probe.rejection();
        return out;
    }
    out.durationSeconds = probe.durationSeconds;
    const LadderPlan plan = planLadder(preset, probe);
    out.skipped = plan.skipped;
    const StreamInfo *video = probe.bestVideo();
    if (video && video->width > 0 && video->height > 0) displaySize(*video, &out.sourceWidth, &out.sourceHeight);
    out.sourceFrameRate = video && video->frameRate() > 0 ? video->frameRate() : kFallbackFrameRate;

    const int cores = std::max(1, options.cpuThreads > 0 ? options.cpuThreads : QThread::idealThreadCount());
    const EncoderResolver resolve = options.resolveEncoder ? options.resolveEncoder : EncoderResolver(chooseEncoder);
    const double overhead = containerOverhead(preset.packaging);
    const double frames = out.durationSeconds * out.sourceFrameRate;
    double softwareSeconds = 0, hardwareSeconds = 0;
    for (const PlannedRung &p : plan.rungs) {
        RungEstimate e;
        e.planned = p;
        e.encoder = resolve(p.rung.codec, p.rung.encoder);
        e.frameRate = out.sourceFrameRate;
        e.bitrateFromPreset =
            p.rung.rateControl.mode == RateControlMode::Vbr || p.rung.rateControl.mode == RateControlMode::Cbr;
        e.videoKbps = estimateRungKbps(p.rung.rateControl, p.rung.codec, p.width, p.height, e.frameRate);
        e.estimatedBytes = bytesFor(e.videoKbps, out.durationSeconds, overhead);
        const double work = double(p.width) * p.height * frames;
        const double rate = encodePixelsPerSecond(e.encoder, p.rung.codec, p.rung.speed);
        e.estimatedSeconds = e.encoder.hardware ? work / rate : work / (rate * cores);
        (e.encoder.hardware ? hardwareSeconds : softwareSeconds) += e.estimatedSeconds;
        out.estimatedBytes += e.estimatedBytes;
        out.rungs.append(e);
    }
    if (probe.bestAudio()) {
        for (const AudioRendition &a : preset.audio) {
            const qint64 bytes = bytesFor(a.bitrateKbps, out.durationSeconds, overhead);
            out.audio.append({a.name, a.bitrateKbps, bytes});
            out.estimatedBytes += bytes;
        }
    }
    if (!out.rungs.isEmpty())
        out.decodeSeconds = double(out.sourceWidth) * out.sourceHeight * frames / kDecodePixelsPerSecond;
    out.estimatedSeconds = out.decodeSeconds + std::max(softwareSeconds, hardwareSeconds);
    return out;
}

DryRunResult dryRunFile(const QString &path, const Preset &preset, const DryRunOptions &options,
                        const CancelToken &cancel)
{
    ProbeOptions probeOptions;
    probeOptions.hash = HashMode::Skip;
    const ProbeResult probed = probe(path, probeOptions, cancel);
    if (cancel.isCanceled()) {
        DryRunResult out;
        out.sourcePath = path;
        out.error = makeError(QStringLiteral("canceled"), QStringLiteral("The dry run was canceled."), path);
        return out;
    }
    DryRunResult out = estimateDryRun(preset, probed, options);
    if (out.sourcePath.isEmpty()) out.sourcePath = path;
    return out;
}

} // namespace rendition
