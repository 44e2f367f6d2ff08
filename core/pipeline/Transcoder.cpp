#include "core/pipeline/Transcoder.h"

#include "core/media/AudioEncoder.h"
#include "core/media/CodecString.h"
#include "core/media/SourceReader.h"
#include "core/pipeline/RungWorker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QThread>

#include <cmath>
#include <numeric>

namespace rendition {

namespace {

constexpr size_t kQueueDepth = 6;
constexpr int kProgressIntervalMs = 500;

struct AudioChain {
    AudioOutput out;
    std::unique_ptr<AudioEncoder> encoder;
    std::unique_ptr<TrackWriter> writer;
    int segmentIndex = 0; // segments started so far
    bool started = false;
};

// Adapts ProgressiveMp4 to TrackWriter (one track of the shared file).
class ProgressiveTrack final : public TrackWriter {
public:
    ProgressiveTrack(std::shared_ptr<ProgressiveMp4> file, int track) : m_file(std::move(file)), m_track(track) {}
    Status open(const AVCodecContext *) override { return {}; }
    Status write(AVPacket *pkt, bool) override
    {
        m_bytes += pkt->size;
        return m_file->write(m_track, pkt);
    }
    Result<TrackRecord> finish() override
    {
        TrackRecord r;
        r.totalBytes = m_bytes;
        return r;
    }

private:
    std::shared_ptr<ProgressiveMp4> m_file;
    int m_track;
    qint64 m_bytes = 0;
};

class TranscodeRun {
public:
    TranscodeRun(const TranscodeJob &job, const ProgressSink &progress, const CancelToken &cancel)
        : m_job(job), m_progress(progress), m_userCancel(cancel)
    {
    }
    Result<TranscodeResult> run();

private:
    Status openSource();
    Status openVideo();
    Status openAudio();
    void chooseTimelineOffset();
    std::unique_ptr<TrackWriter> makeWriter(const QString &dirName, const AVCodecContext *enc);
    Status handleVideo(const AVFrame *frame);
    Status handleAudio(const AVFrame *frame);
    Status finishAll();
    void reportProgress(bool force);

    const TranscodeJob &m_job;
    const ProgressSink &m_progress;
    CancelToken m_userCancel;
    CancelToken m_stop; // set on user cancel or on any failure
    TranscodeResult m_result;
    std::unique_ptr<SourceReader> m_reader;
    std::vector<std::unique_ptr<RungWorker>> m_rungs;
    std::vector<AudioChain> m_audio;
    std::shared_ptr<ProgressiveMp4> m_progressive;

    AVRational m_encTb{1, 25};
    AVRational m_frameRate{25, 1};
    bool m_cfr = true;
    double m_gopSeconds = 4;
    double m_scheduleOrigin = 0; // seconds: GOP and segment boundaries are counted from here
    int m_gopFrames = 100;
    int m_gopIndex = 0;
    qint64 m_shiftTicks = 0;   // the program offset (startOffsetSeconds) in m_encTb
    int m_reorderFrames = 0;   // program-wide decode delay given to every rung (B-frames)
    qint64 m_lastPts = INT64_MIN;
    qint64 m_expectedFrames = 1;
    QElapsedTimer m_clock;
    qint64 m_lastReportMs = -kProgressIntervalMs;
};

Status TranscodeRun::openSource()
{
    SourceReaderOptions opt;
    opt.video = !m_job.plan.rungs.isEmpty();
    opt.audio = !m_job.preset.audio.isEmpty();
    const StreamInfo *v = m_job.probe.bestVideo();
    const Deinterlace d = m_job.preset.deinterlace;
    opt.deinterlace = opt.video && (d == Deinterlace::On || (d == Deinterlace::Auto && v && v->isInterlaced()));
    m_result.deinterlaced = opt.deinterlace;
    auto reader = SourceReader::open(m_job.sourcePath, opt, m_stop);
    if (!reader) return reader.error();
    m_reader = std::move(reader).value();

    if (m_reader->videoStream()) {
        m_frameRate = m_reader->videoFrameRate();
        m_cfr = !(v && v->variableFrameRate);
        m_encTb = m_cfr ? av_inv_q(m_frameRate) : m_reader->videoStream()->time_base;
    }
    const double fps = av_q2d(m_frameRate);
    const Packaging &pk = m_job.preset.packaging;
    m_gopSeconds = pk.segmentDurationSeconds / std::max(1, m_job.preset.gop.keyframesPerSegment);
    m_gopFrames = std::max(1, int(std::lround(m_gopSeconds * fps)));
    m_expectedFrames = std::max<qint64>(1, std::llround(m_job.probe.durationSeconds * fps));
    // Boundaries count from the first video frame (a source whose video starts after its
    // audio would otherwise get a short first segment and a one-frame last one).
    // Refined to the first frame's exact output time when it arrives.
    if (const AVStream *vs = m_reader->videoStream(); vs && vs->start_time != AV_NOPTS_VALUE)
        m_scheduleOrigin = std::max(0.0, vs->start_time * av_q2d(vs->time_base) - m_reader->originSeconds());
    return {};
}

// The program offset O: every track's composition time is program time + O, the same for
// every rung and every audio rendition. It must cover the program-wide decode delay (the
// preset's B-frame count: every rung's dts is derived from it, so the first dts is ≥ 0) and
// the audio encoders' priming (AAC 1024 samples: the priming packet sits before the first
// audible sample). O is a whole number of ticks of the video time base that is also a whole
// number of samples at every audio rate, so every track states it exactly.
void TranscodeRun::chooseTimelineOffset()
{
    m_reorderFrames = m_rungs.empty() ? 0 : std::max(0, m_job.preset.gop.bFrames);
    const qint64 frameTicks = m_cfr ? 1 : std::max<qint64>(1, std::llround(1.0 / av_q2d(m_frameRate) / av_q2d(m_encTb)));
    qint64 needTicks = m_reorderFrames * frameTicks;
    qint64 step = 1; // ticks: smallest O that is whole at every audio rate
    for (const AudioChain &c : m_audio) {
        const AVCodecContext *ctx = c.encoder->context();
        const qint64 rate = ctx->sample_rate;
        // ticks * num/den seconds * rate samples must be whole: ticks multiple of den / gcd(num*rate, den)
        const qint64 den = m_encTb.den, num = m_encTb.num;
        const qint64 need = den / std::gcd(num * rate, den);
        step = std::lcm(step, need);
        const qint64 priming = std::max(0, ctx->initial_padding);
        needTicks = std::max<qint64>(needTicks, (priming * den + rate * num - 1) / (rate * num));
    }
    m_shiftTicks = (needTicks + step - 1) / step * step;
    m_result.startOffsetSeconds = m_shiftTicks * av_q2d(m_encTb);
}

std::unique_ptr<TrackWriter> TranscodeRun::makeWriter(const QString &dirName, const AVCodecContext *enc)
{
    const Packaging &pk = m_job.preset.packaging;
    if (pk.progressiveMp4) {
        auto track = m_progressive->addTrack(enc);
        if (!track) return nullptr;
        return std::make_unique<ProgressiveTrack>(m_progressive, *track);
    }
    const QString dir = QDir(m_job.packageDir).filePath(dirName);
    QDir().mkpath(dir);
    const bool ts = pk.hls && !pk.dash && pk.hlsSegmentFormat == HlsSegmentFormat::MpegTs;
    return ts ? makeTsTrackWriter(dir) : makeFmp4TrackWriter(dir);
}

// Encoder threads per rung. The rungs already run concurrently, so instead of every
// encoder sizing itself for the whole machine (N × 1.5 × cores threads, each with its
// frames in flight) the machine's budget is shared in proportion to each rung's pixels.
int threadsFor(const PlannedRung &p, const QList<PlannedRung> &all)
{
    if (all.size() <= 1) return 0; // one rung: let the encoder decide
    double total = 0;
    for (const PlannedRung &r : all) total += double(r.width) * r.height;
    const double budget = 1.5 * std::max(1, QThread::idealThreadCount());
    return std::max(1, int(std::lround(budget * p.width * p.height / total)));
}

Status TranscodeRun::openVideo()
{
    if (!m_reader->videoStream()) return {};
    const GopPolicy &gop = m_job.preset.gop;
    for (const PlannedRung &p : m_job.plan.rungs) {
        VideoEncoderConfig cfg;
        cfg.codec = p.rung.codec;
        cfg.width = p.width;
        cfg.height = p.height;
        cfg.timeBase = m_encTb;
        cfg.frameRate = m_frameRate;
        cfg.rateControl = p.rung.rateControl;
        cfg.profile = p.rung.profile;
        cfg.level = p.rung.level;
        cfg.speed = p.rung.speed;
        cfg.gopFrames = m_cfr ? m_gopFrames * 2 : m_gopFrames * 4; // forced keyframes come first
        cfg.bFrames = gop.bFrames;
        cfg.sceneCut = gop.sceneCut;
        cfg.tenBit = p.rung.profile.contains(u"10");
        cfg.threads = threadsFor(p, m_job.plan.rungs);

        VideoOutput out{p, chooseEncoder(p.rung.codec, p.rung.encoder), {}, m_frameRate, {}};
        auto enc = VideoEncoder::open(out.encoder.encoder, cfg);
        if (!enc && out.encoder.hardware) { // probed fine but fails at this size: fall back
            out.encoder.fallbackReason = QStringLiteral("%1 failed at %2x%3 (%4), used software")
                                             .arg(out.encoder.encoder).arg(p.width).arg(p.height).arg(enc.error().message);
            out.encoder.encoder = softwareEncoderFor(p.rung.codec);
            out.encoder.hardware = false;
            enc = VideoEncoder::open(out.encoder.encoder, cfg);
        }
        if (!enc) return Error{enc.error().code, enc.error().message, p.rung.name + QStringLiteral(" (") + enc.error().context + u')'};
        auto writer = makeWriter(p.dirName, (*enc)->context());
        if (!writer) return makeError(QStringLiteral("package.mux"), QStringLiteral("could not add the video track"), p.rung.name);
        if (Status s = writer->open((*enc)->context()); !s) return s;
        m_result.video.append(out);
        m_rungs.push_back(std::make_unique<RungWorker>(p.rung.name, std::move(enc).value(), std::move(writer), m_stop, kQueueDepth));
    }
    return {};
}

Status TranscodeRun::openAudio()
{
    if (!m_reader->audioStream()) return {};
    const StreamInfo *a = m_job.probe.bestAudio();
    for (const AudioRendition &r : m_job.preset.audio) {
        AudioChain chain;
        chain.out.rendition = r;
        chain.out.dirName = expandName(m_job.preset.naming.rendition, {{QStringLiteral("name"), r.name},
                                                                       {QStringLiteral("codec"), audioCodecName(r.codec)},
                                                                       {QStringLiteral("width"), QStringLiteral("0")},
                                                                       {QStringLiteral("height"), QStringLiteral("0")}});
        chain.out.language = !r.language.isEmpty() ? r.language : (a && !a->language.isEmpty() ? a->language : QStringLiteral("und"));
        auto enc = AudioEncoder::open(r);
        if (!enc) return enc.error();
        chain.encoder = std::move(enc).value();
        if (m_job.normalization) {
            if (Status s = chain.encoder->setNormalization(*m_job.normalization, m_job.ceilingDbtp); !s) return s;
        }
        chain.out.encoder = QString::fromUtf8(chain.encoder->context()->codec->name);
        chain.writer = makeWriter(chain.out.dirName, chain.encoder->context());
        if (!chain.writer) return makeError(QStringLiteral("package.mux"), QStringLiteral("could not add the audio track"), r.name);
        if (Status s = chain.writer->open(chain.encoder->context()); !s) return s;
        m_audio.push_back(std::move(chain));
    }
    return {};
}

Status TranscodeRun::handleVideo(const AVFrame *src)
{
    const AVStream *st = m_reader->videoStream();
    qint64 ts = src->best_effort_timestamp != AV_NOPTS_VALUE ? src->best_effort_timestamp : src->pts;
    const double t = ts == AV_NOPTS_VALUE ? (m_lastPts == INT64_MIN ? 0.0 : (m_lastPts + 1 - m_shiftTicks) * av_q2d(m_encTb))
                                          : ts * av_q2d(st->time_base) - m_reader->originSeconds();
    qint64 pts = std::llround(t / av_q2d(m_encTb)) + m_shiftTicks;
    if (pts <= m_lastPts) pts = m_lastPts + 1; // encoders need strictly increasing pts
    m_lastPts = pts;

    FanFrame f;
    f.pts = pts;
    f.duration = m_cfr ? 1 : std::max<qint64>(1, std::llround(1.0 / av_q2d(m_frameRate) / av_q2d(m_encTb)));
    const double halfFrame = 0.5 / av_q2d(m_frameRate);
    if (m_result.framesDecoded == 0) m_scheduleOrigin = (pts - m_shiftTicks) * av_q2d(m_encTb);
    const double tOut = (pts - m_shiftTicks) * av_q2d(m_encTb) - m_scheduleOrigin;
    if (m_result.framesDecoded == 0 || tOut + halfFrame >= m_gopIndex * m_gopSeconds) {
        const int kps = std::max(1, m_job.preset.gop.keyframesPerSegment);
        while (tOut + halfFrame >= m_gopIndex * m_gopSeconds) ++m_gopIndex;
        f.keyframe = true;
        f.segmentStart = m_result.framesDecoded == 0 || (m_gopIndex - 1) % kps == 0;
    }
    f.frame = std::shared_ptr<const AVFrame>(av::refFrame(src).release(), [](const AVFrame *p) {
        AVFrame *m = const_cast<AVFrame *>(p);
        av_frame_free(&m);
    });
    ++m_result.framesDecoded;
    for (auto &rung : m_rungs)
        if (!rung->push(f)) break; // stopped: the loop notices
    return {};
}

Status TranscodeRun::handleAudio(const AVFrame *frame)
{
    const AVStream *st = m_reader->audioStream();
    const qint64 ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    const double t = (ts == AV_NOPTS_VALUE ? 0.0 : ts * av_q2d(st->time_base) - m_reader->originSeconds()) + m_result.startOffsetSeconds;
    for (AudioChain &c : m_audio) {
        auto write = [&c, this](AVPacket *pkt) -> Status {
            // Audio segments start at the first packet at or after the video's boundaries.
            const double seg = m_job.preset.packaging.segmentDurationSeconds;
            const int rate = c.encoder->context()->sample_rate;
            auto boundary = [&](int k) { return std::llround((m_result.startOffsetSeconds + m_scheduleOrigin + k * seg) * rate); };
            bool start = !c.started;
            while (pkt->pts >= boundary(c.segmentIndex + 1)) {
                ++c.segmentIndex;
                start = true;
            }
            c.started = true;
            if (m_progressive) pkt->flags |= AV_PKT_FLAG_KEY;
            return c.writer->write(pkt, start);
        };
        if (Status s = c.encoder->push(frame, t, write); !s) return s;
    }
    return {};
}

void TranscodeRun::reportProgress(bool force)
{
    if (!m_progress) return;
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastReportMs < kProgressIntervalMs) return;
    m_lastReportMs = now;
    qint64 slowest = m_result.framesDecoded;
    for (const auto &r : m_rungs) slowest = std::min(slowest, r->framesEncoded());
    const double seconds = std::max(0.001, now / 1000.0);
    ProgressEvent e;
    e.stage = QStringLiteral("transcode");
    e.percent = force ? 100.0 : std::min(99.9, 100.0 * slowest / m_expectedFrames);
    e.fps = slowest / seconds;
    e.etaSeconds = e.fps > 0 ? std::max<qint64>(0, m_expectedFrames - slowest) / e.fps : -1;
    m_progress(e);
}

Status TranscodeRun::finishAll()
{
    for (auto &r : m_rungs) r->endOfInput();
    std::optional<Error> firstError;
    for (size_t i = 0; i < m_rungs.size(); ++i) {
        Result<TrackRecord> rec = m_rungs[i]->join();
        if (!rec) {
            if (!firstError || firstError->code == u"canceled") firstError = rec.error();
            continue;
        }
        VideoOutput &out = m_result.video[int(i)];
        out.track = std::move(rec).value();
        out.codecString = codecString(m_rungs[i]->encoder().context(), out.track.initBytes);
    }
    if (firstError) return *firstError;
    for (AudioChain &c : m_audio) {
        Status s = c.encoder->flush([&c](AVPacket *pkt) { return c.writer->write(pkt, false); });
        if (!s) return s;
        auto rec = c.writer->finish();
        if (!rec) return rec.error();
        c.out.track = std::move(rec).value();
        c.out.codecString = codecString(c.encoder->context(), c.out.track.initBytes);
        c.out.limiterReductionDb = c.encoder->limiterReductionDb();
        m_result.audio.append(c.out);
    }
    if (m_progressive) {
        if (Status s = m_progressive->finish(); !s) return s;
    }
    return {};
}

Result<TranscodeResult> TranscodeRun::run()
{
    m_clock.start();
    if (Status s = openSource(); !s) return s.error();
    if (m_job.preset.packaging.progressiveMp4 && !m_job.plan.rungs.isEmpty()) {
        m_result.progressiveFile = m_job.plan.rungs.first().dirName + QStringLiteral(".mp4");
        m_progressive = std::make_shared<ProgressiveMp4>(QDir(m_job.packageDir).filePath(m_result.progressiveFile));
    }
    if (Status s = openVideo(); !s) return s.error();
    if (Status s = openAudio(); !s) return s.error();
    chooseTimelineOffset();
    for (auto &r : m_rungs) r->setDecodeDelay(m_reorderFrames, m_cfr ? 1 : std::max<qint64>(1, std::llround(1.0 / av_q2d(m_frameRate) / av_q2d(m_encTb))));
    if (m_progressive) {
        if (Status s = m_progressive->start(); !s) return s.error();
    }
    if (m_rungs.empty() && m_audio.empty())
        return makeError(QStringLiteral("transcode.nothing"), QStringLiteral("nothing to encode: no usable video or audio for this preset"), m_job.sourcePath);
    for (auto &r : m_rungs) r->start();

    Status status;
    while (status.ok()) {
        if (m_userCancel.isCanceled()) m_stop.cancel();
        if (m_stop.isCanceled()) break;
        Result<DecodedFrame> f = m_reader->next();
        if (!f) { status = f.error(); break; }
        if (f->kind == DecodedFrame::Kind::End) break;
        status = f->kind == DecodedFrame::Kind::Video ? handleVideo(f->frame.get()) : handleAudio(f->frame.get());
        reportProgress(false);
    }
    if (!status.ok()) m_stop.cancel();
    Status finished = finishAll();
    m_result.decodeErrors = m_reader->decodeErrors();
    if (m_userCancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), m_job.sourcePath);
    if (!status.ok() && status.error().code != u"canceled") return status.error();
    if (!finished.ok()) return finished.error();
    if (!m_rungs.empty() && m_result.framesDecoded == 0)
        return makeError(QStringLiteral("transcode.no_frames"), QStringLiteral("no video frame could be decoded"), m_job.sourcePath);
    reportProgress(true);
    return m_result;
}

} // namespace

Result<TranscodeResult> transcode(const TranscodeJob &job, const ProgressSink &progress, const CancelToken &cancel)
{
    TranscodeRun run(job, progress, cancel);
    return run.run();
}

} // namespace rendition
