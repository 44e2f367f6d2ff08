#include "core/pipeline/QcRunner.h"

#include "core/media/RenditionReader.h"
#include "core/pipeline/QcRules.h"

#include <QFileInfo>
#include <QFuture>
#include <QMutex>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <vector>

namespace rendition {

namespace {

using namespace qccheck;

// Percent across concurrent analysers, each weighted; reports whole percents, in order.
class QcProgress {
public:
    QcProgress(const ProgressSink &sink, double mediaSeconds) : m_sink(sink), m_mediaSeconds(std::max(1.0, mediaSeconds)) {}
    int add(double weight)
    {
        m_weights.push_back(weight);
        m_done.push_back(0);
        return int(m_weights.size()) - 1;
    }
    MediaPosition positionFor(int task)
    {
        return [this, task](double seconds) { set(task, std::clamp(seconds / m_mediaSeconds, 0.0, 1.0)); };
    }
    void set(int task, double fraction)
    {
        if (!m_sink) return;
        QMutexLocker lock(&m_mutex);
        m_done[size_t(task)] = fraction;
        double total = 0, done = 0;
        for (size_t i = 0; i < m_weights.size(); ++i) total += m_weights[i], done += m_weights[i] * m_done[i];
        const double percent = std::floor(total > 0 ? 100.0 * done / total : 100.0);
        if (percent <= m_lastPercent) return;
        m_lastPercent = percent;
        ProgressEvent e;
        e.stage = QStringLiteral("qc");
        e.percent = percent;
        m_sink(e);
    }

private:
    ProgressSink m_sink;
    double m_mediaSeconds;
    QMutex m_mutex;
    std::vector<double> m_weights;
    std::vector<double> m_done;
    double m_lastPercent = -1;
};

qint64 totalBytes(const QStringList &files)
{
    qint64 n = 0;
    for (const QString &f : files) n += QFileInfo(f).size();
    return n;
}

// Renditions that share one file (a progressive MP4 holds every track): the reader decodes
// the stream FFmpeg picks by default, so only the rendition of that size can be checked.
void markSharedFiles(const QList<QcRendition> &renditions, QList<QcVideoFindings> &video, const CancelToken &cancel)
{
    for (int i = 0; i < video.size(); ++i) {
        QList<int> group;
        for (int j = 0; j < video.size(); ++j)
            if (renditions.at(j).files == renditions.at(i).files) group << j;
        if (group.size() < 2 || group.first() != i) continue;
        int chosen = group.first();
        if (auto r = RenditionReader::open(renditions.at(i).files, RenditionReader::Media::Video, cancel)) {
            for (int j : group)
                if (video[j].width == (*r)->decoder()->width && video[j].height == (*r)->decoder()->height) chosen = j;
        }
        for (int j : group)
            if (j != chosen)
                video[j].note = QStringLiteral("shares its file with %1, whose track is the one decoded; not checked").arg(video[chosen].name);
    }
}

// Options of the video analysis of rendition `i`: black/freeze only in the chosen one.
VideoAnalyzerOptions videoOptions(const QList<QcRule> &rules, bool blackFreeze, double startOffsetSeconds)
{
    VideoAnalyzerOptions o;
    o.startOffsetSeconds = startOffsetSeconds;
    const QcRule *black = firstRule(rules, Black), *freeze = firstRule(rules, Freeze);
    o.detectBlack = blackFreeze && black;
    o.detectFreeze = blackFreeze && freeze;
    if (black) o.blackLevel = black->threshold, o.minBlackSeconds = smallestMinDuration(rules, Black);
    if (freeze) o.freezeNoiseDb = freeze->threshold, o.minFreezeSeconds = smallestMinDuration(rules, Freeze);
    return o;
}

AudioAnalyzerOptions audioOptions(const QList<QcRule> &rules, const QcInput &input)
{
    AudioAnalyzerOptions o;
    o.startOffsetSeconds = input.startOffsetSeconds;
    if (const QcRule *r = firstRule(rules, Silence)) o.silenceDbfs = r->threshold, o.minSilenceSeconds = smallestMinDuration(rules, Silence);
    if (const QcRule *r = firstRule(rules, LoudSection)) o.loudThresholdLu = r->threshold, o.minLoudSeconds = smallestMinDuration(rules, LoudSection);
    if (input.loudnessEnabled) o.loudReferenceLufs = input.targetLufs;
    return o;
}

// Why PSNR/SSIM cannot be measured; empty when they can.
QString qualitySkipReason(const QcInput &input, const QList<QcRule> &rules)
{
    if (!firstRule(rules, Psnr) && !firstRule(rules, Ssim)) return QStringLiteral("no psnr or ssim rule");
    if (input.sourcePath.isEmpty()) return QStringLiteral("no source to compare with");
    if (!QFileInfo::exists(input.sourcePath)) return QStringLiteral("the source %1 is no longer there").arg(input.sourcePath);
    return {};
}

// Measured bitrate from the files when the caller has none (not for files shared by tracks).
void fillBitrate(double &measuredBps, const QcRendition &r, const QcInput &input, double analysedSeconds)
{
    const bool shared = std::count_if(input.renditions.begin(), input.renditions.end(),
                                      [&](const QcRendition &o) { return o.files == r.files; }) > 1;
    const double seconds = r.durationSeconds > 0 ? r.durationSeconds : analysedSeconds;
    if (measuredBps <= 0 && !shared && seconds > 0) measuredBps = totalBytes(r.files) * 8.0 / seconds;
}

} // namespace

Result<QcReport> runQc(const QcInput &input, const QList<QcRule> &rules, const ProgressSink &progress, const CancelToken &cancel)
{
    QList<QcRendition> videoIn, audioIn;
    for (const QcRendition &r : input.renditions) (r.type == u"audio" ? audioIn : videoIn).append(r);
    QcFindings findings;
    findings.sourceDecodeErrors = input.sourceDecodeErrors;
    for (const QcRendition &r : videoIn)
        findings.video.append(QcVideoFindings{r.name, r.width, r.height, r.targetBitrateKbps, r.measuredBitrateBps});
    for (const QcRendition &r : audioIn) findings.audio.append(QcAudioFindings{r.name, r.targetBitrateKbps, r.measuredBitrateBps});
    markSharedFiles(videoIn, findings.video, cancel);

    // Black and freeze are the same in every rung: look in the smallest one only.
    int blackFreeze = -1;
    QList<int> checkable;
    for (int i = 0; i < videoIn.size(); ++i) {
        if (!findings.video[i].note.isEmpty()) continue;
        checkable << i;
        if (blackFreeze < 0 || qint64(videoIn[i].width) * videoIn[i].height < qint64(videoIn[blackFreeze].width) * videoIn[blackFreeze].height)
            blackFreeze = i;
    }
    for (int i : checkable) {
        const VideoAnalyzerOptions o = videoOptions(rules, i == blackFreeze, input.startOffsetSeconds);
        findings.video[i].blackFreezeChecked = o.detectBlack || o.detectFreeze;
    }

    double mediaSeconds = input.sourceDurationSeconds;
    for (const QcRendition &r : input.renditions) mediaSeconds = std::max(mediaSeconds, r.durationSeconds);
    QcProgress meter(progress, mediaSeconds);
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    std::vector<QFuture<void>> tasks;

    // One video analysis per rendition, on its own decode (used when there is no quality pass).
    auto analyseVideo = [&](int i) {
        const int task = meter.add(std::max(0.2, videoIn[i].width * videoIn[i].height / (1920.0 * 1080.0)));
        QcVideoFindings *out = &findings.video[i];
        const VideoAnalyzerOptions o = videoOptions(rules, i == blackFreeze, input.startOffsetSeconds);
        const QStringList files = videoIn[i].files;
        tasks.push_back(QtConcurrent::run(&pool, [=, &meter] {
            auto r = VideoAnalyzer::analyze(files, o, meter.positionFor(task), cancel);
            if (r) out->video = std::move(r).value(), out->analysed = true;
            else out->error = r.error().toString();
            meter.set(task, 1.0);
        }));
    };
    for (int i = 0; i < audioIn.size(); ++i) {
        const int task = meter.add(0.2);
        QcAudioFindings *out = &findings.audio[i];
        const AudioAnalyzerOptions o = audioOptions(rules, input);
        const QStringList files = audioIn[i].files;
        tasks.push_back(QtConcurrent::run(&pool, [=, &meter] {
            auto r = AudioAnalyzer::analyze(files, o, meter.positionFor(task), cancel);
            if (r) out->audio = std::move(r).value(), out->analysed = true;
            else out->error = r.error().toString();
            meter.set(task, 1.0);
        }));
    }

    // PSNR/SSIM: one decode of the source for every rendition, each rendition decoded once
    // and analysed (black/freeze, duration, errors) on the way.
    findings.qualityNote = qualitySkipReason(input, rules);
    std::optional<Result<QualityResult>> quality;
    if (findings.qualityNote.isEmpty() && !checkable.isEmpty()) {
        QList<QualityTarget> targets;
        double pixels = 0;
        for (int i : checkable) {
            targets.append({videoIn[i].name, videoIn[i].files, videoIn[i].width, videoIn[i].height,
                            videoOptions(rules, i == blackFreeze, input.startOffsetSeconds)});
            pixels += videoIn[i].width * videoIn[i].height / (1920.0 * 1080.0);
        }
        QualityOptions o;
        o.samplesPerSecond = input.qualitySamplesPerSecond;
        o.startOffsetSeconds = input.startOffsetSeconds;
        o.deinterlaceSource = input.deinterlaceSource;
        findings.qualitySamplesPerSecond = o.samplesPerSecond;
        const int task = meter.add(1.0 + pixels);
        tasks.push_back(QtConcurrent::run(&pool, [&, targets, o, task] {
            quality = QualityAnalyzer::analyze(input.sourcePath, targets, o, meter.positionFor(task), cancel);
            meter.set(task, 1.0);
        }));
    } else {
        for (int i : checkable) analyseVideo(i);
    }
    for (QFuture<void> &t : tasks) t.waitForFinished();
    if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), input.sourcePath);

    if (quality && quality->ok()) {
        for (int k = 0; k < checkable.size(); ++k) {
            const QualityFindings &q = (*quality)->renditions.at(k);
            QcVideoFindings &v = findings.video[checkable[k]];
            v.error = q.error;
            v.analysed = q.error.isEmpty();
            v.video = q.video;
            if (q.error.isEmpty() && q.framesCompared > 0) v.quality = q;
        }
        findings.sourceDecodeErrors = std::max(findings.sourceDecodeErrors, (*quality)->sourceDecodeErrors);
    } else if (quality) {
        if (quality->error().code == u"canceled") return quality->error();
        // The source is unreadable now: QC the renditions on their own.
        findings.qualityNote = QStringLiteral("the source could not be decoded for comparison: %1").arg(quality->error().toString());
        tasks.clear();
        for (int i : checkable) analyseVideo(i);
        for (QFuture<void> &t : tasks) t.waitForFinished();
        if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), input.sourcePath);
    }

    for (int i = 0; i < videoIn.size(); ++i) fillBitrate(findings.video[i].measuredBitrateBps, videoIn[i], input, findings.video[i].video.durationSeconds);
    for (int i = 0; i < audioIn.size(); ++i) fillBitrate(findings.audio[i].measuredBitrateBps, audioIn[i], input, findings.audio[i].audio.durationSeconds);
    return evaluateRules(findings, rules, input);
}

} // namespace rendition
