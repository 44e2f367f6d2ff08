#include "core/preview/AudioEnvelope.h"

#include <algorithm>
#include <cmath>

namespace rendition {

namespace {

// Sample `i` of channel `ch` as float in [-1, 1]; NaN for formats we do not read.
float sampleAt(const AVFrame *f, int ch, int i, int channels)
{
    const auto fmt = AVSampleFormat(f->format);
    const bool planar = av_sample_fmt_is_planar(fmt);
    const int plane = planar ? ch : 0;
    const int index = planar ? i : i * channels + ch;
    const uint8_t *d = f->extended_data[plane];
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_FLT:
        return reinterpret_cast<const float *>(d)[index];
    case AV_SAMPLE_FMT_DBL:
        return float(reinterpret_cast<const double *>(d)[index]);
    case AV_SAMPLE_FMT_S16:
        return reinterpret_cast<const int16_t *>(d)[index] / 32768.0f;
    case AV_SAMPLE_FMT_S32:
        return float(reinterpret_cast<const int32_t *>(d)[index] / 2147483648.0);
    case AV_SAMPLE_FMT_U8:
        return (d[index] - 128) / 128.0f;
    default:
        return std::nanf("");
    }
}

float toDb(double linear)
{
    return linear > 1e-6 ? float(20.0 * std::log10(linear)) : kSilenceDbfs;
}

} // namespace

int AudioEnvelope::windowAt(double seconds) const
{
    if (seconds < 0 || windowSeconds <= 0) return -1;
    const int i = int(seconds / windowSeconds);
    return i < peakDbfs.size() ? i : -1;
}

Result<AudioEnvelope> computeAudioEnvelope(const QStringList &files, const RenditionKey &key, double windowSeconds,
                                           const CancelToken &cancel)
{
    Result<std::unique_ptr<RenditionReader>> opened =
        RenditionReader::open(files, RenditionReader::Media::Audio, cancel, key);
    if (!opened) {
        if (cancel.isCanceled())
            return makeError(QStringLiteral("canceled"), QStringLiteral("the level analysis was canceled"),
                             files.value(0));
        return opened.error();
    }
    RenditionReader &reader = **opened;
    AudioEnvelope env;
    env.windowSeconds = windowSeconds > 0 ? windowSeconds : 0.1;
    env.sampleRate = reader.decoder()->sample_rate;
    env.channels = reader.decoder()->ch_layout.nb_channels;
    const qint64 windowSamples = std::max<qint64>(1, std::llround(env.sampleRate * env.windowSeconds));
    double peak = 0, sumSquares = 0;
    qint64 inWindow = 0;
    auto closeWindow = [&] {
        env.peakDbfs.append(toDb(peak));
        env.rmsDbfs.append(toDb(std::sqrt(sumSquares / double(std::max<qint64>(1, inWindow * env.channels)))));
        peak = sumSquares = 0;
        inWindow = 0;
    };
    for (;;) {
        Result<av::FramePtr> frame = reader.next();
        if (!frame) return frame.error();
        const AVFrame *f = frame->get();
        if (!f) break;
        const int channels = std::min(env.channels, f->ch_layout.nb_channels);
        for (int i = 0; i < f->nb_samples; ++i) {
            for (int ch = 0; ch < channels; ++ch) {
                const float s = sampleAt(f, ch, i, f->ch_layout.nb_channels);
                if (std::isnan(s))
                    return makeError(QStringLiteral("preview.audio_format"),
                                     QStringLiteral("the audio sample format %1 is not supported by the level meter")
                                         .arg(QString::fromLatin1(av_get_sample_fmt_name(AVSampleFormat(f->format)))),
                                     reader.describe());
                peak = std::max(peak, double(std::fabs(s)));
                sumSquares += double(s) * s;
            }
            if (++inWindow == windowSamples) closeWindow();
        }
    }
    if (inWindow > 0) closeWindow();
    return env;
}

} // namespace rendition
