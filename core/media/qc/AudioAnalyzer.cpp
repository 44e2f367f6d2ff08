#include "core/media/qc/AudioAnalyzer.h"

#include "core/media/RenditionReader.h"
#include "core/media/qc/RenditionTimeline.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace rendition {

namespace {

constexpr int kWindowBlocks = 10; // 100 ms of 10 ms blocks

Error canceledError(const QString &context)
{
    return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), context);
}

// Typical programme loudness: the median of the 100 ms windows above the absolute gate
// (−70 LUFS). Unlike the integrated loudness it is not pulled up by the loud sections
// being looked for.
double medianAudibleLufs(std::vector<double> windows)
{
    windows.erase(std::remove_if(windows.begin(), windows.end(), [](double l) { return l <= -70.0; }), windows.end());
    if (windows.empty()) return -120.0;
    const auto mid = windows.begin() + std::ptrdiff_t(windows.size() / 2);
    std::nth_element(windows.begin(), mid, windows.end());
    return *mid;
}

} // namespace

AudioAnalyzer::~AudioAnalyzer() = default;

Result<std::unique_ptr<AudioAnalyzer>> AudioAnalyzer::create(const AVChannelLayout &layout, int sampleRate,
                                                             const AudioAnalyzerOptions &options)
{
    const int channels = layout.nb_channels;
    if (channels <= 0 || sampleRate <= 0)
        return makeError(QStringLiteral("qc.audio_format"), QStringLiteral("the audio has no channels or no sample rate"));
    std::unique_ptr<AudioAnalyzer> a(new AudioAnalyzer);
    auto meter = LoudnessMeter::create(layout, sampleRate, true);
    if (!meter) return meter.error();
    a->m_meter = std::move(meter).value();
    a->m_options = options;
    a->m_sampleRate = sampleRate;
    a->m_blockSamples = std::max(1, int(std::lround(sampleRate / 100.0)));
    a->m_filters.assign(size_t(channels), KWeighting(sampleRate));
    for (int c = 0; c < channels; ++c) a->m_weights.push_back(bs1770ChannelWeight(layout, c));
    a->m_squares.assign(size_t(channels), 0.0);
    a->m_weighted.assign(size_t(channels), 0.0);
    return a;
}

Status AudioAnalyzer::addPlanar(const float *const *planes, int frames, double startSeconds)
{
    int skip = 0;
    if (!m_started) {
        // Encoder priming sits before program time 0: not part of the programme.
        if (startSeconds < 0) skip = std::min(frames, int(std::lround(-startSeconds * m_sampleRate)));
        if (skip == frames) return {};
        m_started = true;
        m_originSeconds = std::max(0.0, startSeconds);
    }
    const int channels = int(m_filters.size());
    std::vector<const float *> shifted(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c) shifted[size_t(c)] = planes[c] + skip;
    const int n = frames - skip;
    if (Status s = m_meter->addPlanar(shifted.data(), size_t(n)); !s) return s;
    for (int i = 0; i < n; ++i) {
        for (int c = 0; c < channels; ++c) {
            const double x = shifted[size_t(c)][i];
            const double k = m_filters[size_t(c)].process(x);
            m_squares[size_t(c)] += x * x;
            m_weighted[size_t(c)] += k * k;
        }
        if (++m_inBlock == m_blockSamples) closeBlock();
    }
    m_samples += n;
    return {};
}

void AudioAnalyzer::closeBlock()
{
    if (m_inBlock == 0) return;
    double peak = 0, loud = 0;
    for (size_t c = 0; c < m_squares.size(); ++c) {
        peak = std::max(peak, m_squares[c] / m_inBlock);
        loud += m_weights[c] * m_weighted[c] / m_inBlock;
        m_squares[c] = 0;
        m_weighted[c] = 0;
    }
    m_blockPeakMs.push_back(float(peak));
    m_blockLoudMs.push_back(loud);
    m_inBlock = 0;
}

AudioFindings AudioAnalyzer::finish()
{
    closeBlock();
    AudioFindings f;
    f.loudness = m_meter->result();
    f.startSeconds = m_originSeconds;
    f.samples = m_samples;
    f.sampleRate = m_sampleRate;
    f.channels = int(m_filters.size());
    f.durationSeconds = double(m_samples) / m_sampleRate;
    const double block = double(m_blockSamples) / m_sampleRate;
    const size_t blocks = m_blockPeakMs.size();

    SegmentTracker silence(m_options.minSilenceSeconds);
    const double silentMs = std::pow(10.0, m_options.silenceDbfs / 10.0);
    for (size_t i = 0; i < blocks; ++i) {
        const double start = m_originSeconds + double(i) * block;
        silence.update(m_blockPeakMs[i] < silentMs, start, std::min(start + block, m_originSeconds + f.durationSeconds));
    }
    silence.close();
    f.silence = silence.spans();

    std::vector<double> windowLufs;
    double sum = 0;
    for (size_t i = 0; i < blocks; ++i) {
        sum += m_blockLoudMs[i];
        if (i >= size_t(kWindowBlocks)) sum -= m_blockLoudMs[i - kWindowBlocks];
        if (i + 1 >= size_t(kWindowBlocks)) windowLufs.push_back(blockLoudness(std::max(0.0, sum) / kWindowBlocks));
    }
    f.loudReferenceLufs = m_options.loudReferenceLufs ? *m_options.loudReferenceLufs : medianAudibleLufs(windowLufs);
    const double limit = f.loudReferenceLufs + m_options.loudThresholdLu;
    SegmentTracker loud(m_options.minLoudSeconds);
    for (size_t w = 0; w < windowLufs.size(); ++w) {
        const double centre = m_originSeconds + double(w + kWindowBlocks / 2) * block;
        loud.update(windowLufs[w] > limit, centre - block / 2, centre + block / 2);
    }
    loud.close();
    for (const TimeSpan &s : loud.spans()) {
        LoudSpan section{s, -120};
        for (size_t w = 0; w < windowLufs.size(); ++w) {
            const double centre = m_originSeconds + double(w + kWindowBlocks / 2) * block;
            if (centre >= s.startSeconds && centre <= s.endSeconds) section.maxLufs = std::max(section.maxLufs, windowLufs[w]);
        }
        f.loud.append(section);
    }
    return f;
}

Result<AudioFindings> AudioAnalyzer::analyze(const QStringList &files, const AudioAnalyzerOptions &options,
                                             const MediaPosition &position, const CancelToken &cancel)
{
    auto reader = RenditionReader::open(files, RenditionReader::Media::Audio, cancel);
    if (!reader) return reader.error();
    const AVCodecContext *dec = (*reader)->decoder();
    const AVStream *st = (*reader)->stream();
    const double shift = renditionPtsShiftSeconds(files, RenditionReader::Media::Audio);
    auto analyzer = AudioAnalyzer::create(dec->ch_layout, dec->sample_rate, options);
    if (!analyzer) return makeError(analyzer.error().code, analyzer.error().message, files.first());

    av::SwrPtr swr;
    std::vector<std::vector<float>> converted;
    std::vector<float *> planes;
    double nextReport = 1.0;
    for (;;) {
        if (cancel.isCanceled()) return canceledError(files.first());
        auto next = (*reader)->next();
        if (!next) return next.error();
        const AVFrame *frame = next->get();
        if (!frame) break;
        const int channels = frame->ch_layout.nb_channels;
        if (channels != dec->ch_layout.nb_channels || frame->sample_rate != dec->sample_rate)
            return makeError(QStringLiteral("qc.audio_format"), QStringLiteral("the audio format changes mid-stream; QC cannot measure it"), files.first());
        const float *const *data = reinterpret_cast<const float *const *>(frame->extended_data);
        if (frame->format != AV_SAMPLE_FMT_FLTP) {
            if (!swr) {
                SwrContext *raw = nullptr;
                AVChannelLayout layout = frame->ch_layout; // the API wants it mutable; no allocation for native layouts
                if (swr_alloc_set_opts2(&raw, &layout, AV_SAMPLE_FMT_FLTP, frame->sample_rate, &layout,
                                        AVSampleFormat(frame->format), frame->sample_rate, 0, nullptr) < 0 || swr_init(raw) < 0) {
                    swr_free(&raw);
                    return makeError(QStringLiteral("qc.audio_format"), QStringLiteral("could not convert the audio samples for analysis"), files.first());
                }
                swr.reset(raw);
            }
            converted.resize(size_t(channels));
            planes.resize(size_t(channels));
            for (int c = 0; c < channels; ++c) {
                converted[size_t(c)].resize(size_t(frame->nb_samples));
                planes[size_t(c)] = converted[size_t(c)].data();
            }
            swr_convert(swr.get(), reinterpret_cast<uint8_t **>(planes.data()), frame->nb_samples,
                        const_cast<const uint8_t **>(frame->extended_data), frame->nb_samples);
            data = planes.data();
        }
        double t = frameProgramSeconds(frame, st->time_base, shift, options.startOffsetSeconds);
        if (std::isnan(t)) t = 0;
        if (Status s = (*analyzer)->addPlanar(data, frame->nb_samples, t); !s) return s.error();
        if (position && t >= nextReport) {
            position(t);
            nextReport = t + 1.0;
        }
    }
    AudioFindings f = (*analyzer)->finish();
    f.decodeErrors = (*reader)->decodeErrors();
    return f;
}

} // namespace rendition
