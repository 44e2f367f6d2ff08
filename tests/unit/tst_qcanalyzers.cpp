// The QC analysers on their own: picture metrics on hand-made planes, VideoAnalyzer and
// AudioAnalyzer on synthetic frames and on lavfi-generated files read through
// RenditionReader, QualityAnalyzer against a lossless source, the rule evaluation on
// hand-made findings, and runQc's cancel, bad-input and progress paths.

#include "core/media/qc/AudioAnalyzer.h"
#include "core/media/qc/PictureMetrics.h"
#include "core/media/qc/QualityAnalyzer.h"
#include "core/media/qc/VideoAnalyzer.h"
#include "core/pipeline/QcRules.h"
#include "core/pipeline/QcRunner.h"

#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace rendition;

Q_DECLARE_METATYPE(rendition::QcRule)
Q_DECLARE_METATYPE(rendition::QcFindings)

namespace {

constexpr double kFrame = 0.04;    // 25 fps
constexpr double kAudioTol = 0.02; // silence: ±20 ms
constexpr double kLoudTol = 0.05;  // loud sections: ±50 ms

bool ffmpeg(const QStringList &args, QByteArray *log = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                                 log ? QStringLiteral("info") : QStringLiteral("error"), QStringLiteral("-y")} + args);
    const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (log) *log = p.readAllStandardError();
    return ok;
}

// FFmpeg's own ssim and psnr filters on the luma of `distorted` against `reference`
// (a tool we did not write): {SSIM Y, PSNR y}; {-1, -1} when they cannot be read.
std::pair<double, double> ffmpegSsimPsnr(const QString &distorted, const QString &reference)
{
    QByteArray log;
    if (!ffmpeg({QStringLiteral("-i"), distorted, QStringLiteral("-i"), reference, QStringLiteral("-lavfi"),
                 QStringLiteral("[0][1]ssim;[0][1]psnr"), QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")}, &log))
        return {-1, -1};
    const auto ssimMatch = QRegularExpression(QStringLiteral("SSIM Y:([0-9.]+)")).match(QString::fromUtf8(log));
    const auto psnrMatch = QRegularExpression(QStringLiteral("PSNR y:([0-9.]+)")).match(QString::fromUtf8(log));
    if (!ssimMatch.hasMatch() || !psnrMatch.hasMatch()) return {-1, -1};
    return {ssimMatch.captured(1).toDouble(), psnrMatch.captured(1).toDouble()};
}

av::FramePtr plainFrame(AVPixelFormat format, int width, int height, int luma, AVColorRange range = AVCOL_RANGE_MPEG)
{
    av::FramePtr f = av::makeFrame();
    f->format = format;
    f->width = width;
    f->height = height;
    f->color_range = range;
    if (av_frame_get_buffer(f.get(), 0) < 0) return {};
    const bool wide = av_pix_fmt_desc_get(format)->comp[0].depth > 8;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            if (wide) reinterpret_cast<uint16_t *>(f->data[0] + y * f->linesize[0])[x] = uint16_t(luma);
            else f->data[0][y * f->linesize[0] + x] = uint8_t(luma);
        }
    return f;
}

av::FramePtr noiseFrame(std::mt19937 &rng, int width = 64, int height = 36)
{
    av::FramePtr f = plainFrame(AV_PIX_FMT_YUV420P, width, height, 0);
    std::uniform_int_distribution<int> d(40, 200);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) f->data[0][y * f->linesize[0] + x] = uint8_t(d(rng));
    return f;
}

AVChannelLayout stereo()
{
    AVChannelLayout l{};
    av_channel_layout_default(&l, 2);
    return l;
}

// Feeds `seconds` of a 1 kHz stereo sine with peak `dbfs` (−200: digital silence) from t0.
void feedSine(AudioAnalyzer &a, double &t, double seconds, double dbfs)
{
    const int rate = 48000, chunk = 1024;
    const double amplitude = dbfs <= -200 ? 0.0 : std::pow(10.0, dbfs / 20.0);
    std::vector<float> l(chunk), r(chunk);
    const float *planes[2] = {l.data(), r.data()};
    const qint64 total = std::llround(seconds * rate);
    for (qint64 done = 0; done < total; done += chunk) {
        const int n = int(std::min<qint64>(chunk, total - done));
        for (int i = 0; i < n; ++i) {
            const double s = amplitude * std::sin(2 * M_PI * 1000.0 * (t + double(i) / rate));
            l[size_t(i)] = r[size_t(i)] = float(s);
        }
        QVERIFY(a.addPlanar(planes, n, t).ok());
        t += double(n) / rate;
    }
}

QcRule rule(const char *check, double threshold, double minDuration = 0, QcSeverity s = QcSeverity::Fail)
{
    return QcRule{QString::fromLatin1(check), threshold, minDuration, s};
}

} // namespace

class TestQcAnalyzers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void pictureMetrics_data();
    void pictureMetrics();
    void blackFrameLevels_data();
    void blackFrameLevels();
    void frozenSpanFromSyntheticFrames();
    void videoFile_data();
    void videoFile();
    void silenceAndLoudSectionFromSamples();
    void audioFile_data();
    void audioFile();
    void qualityAgainstSource();
    void rules_data();
    void rules();
    void badFileIsAnError();
    void canceledAnalysisStops();
    void runQcUnreadableRenditionFails();
    void runQcReportsProgressAndCancels();

private:
    QString path(const QString &name) const { return m_tmp.filePath(name); }
    QTemporaryDir m_tmp;
};

void TestQcAnalyzers::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString v = QStringLiteral("testsrc2=size=320x180:rate=25:duration=12,noise=alls=12:allf=t+u");
    const QString a = QStringLiteral("sine=frequency=1000:sample_rate=48000:samples_per_frame=480:duration=12,volume=-2dB");
    const QStringList x264{QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                           QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")};
    const QStringList aac{QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-ac"), QStringLiteral("2")};
    // Black 4–7 s, frozen 9–11 s (frames 225..274), silence 3–7 s, 10 LU louder 8–10 s.
    QVERIFY(ffmpeg(QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                               v + QStringLiteral(",drawbox=enable='between(t,4,6.999)':color=black:t=fill,split[a][b];[a][b]freezeframes=first=225:last=274:replace=225"),
                               QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                               a + QStringLiteral(",volume=enable='between(t,3,6.999)':volume=0,volume=enable='between(t,8,9.999)':volume=10dB")}
                   + x264 + aac + QStringList{path(QStringLiteral("faults.mp4"))}));
    QVERIFY(ffmpeg(QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), v, QStringLiteral("-f"), QStringLiteral("lavfi"),
                               QStringLiteral("-i"), a} + x264 + aac + QStringList{path(QStringLiteral("clean.mp4"))}));
    // Quality: a lossless 4 s source and encodes of it.
    QVERIFY(ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                    QStringLiteral("testsrc2=size=320x180:rate=25:duration=4,format=yuv420p"), QStringLiteral("-c:v"), QStringLiteral("ffv1"),
                    path(QStringLiteral("source.mkv"))}));
    for (const auto &[name, crf, size] : {std::tuple{"good.mp4", "18", "320x180"}, std::tuple{"poor.mp4", "45", "320x180"},
                                          std::tuple{"small.mp4", "18", "160x90"}})
        QVERIFY(ffmpeg({QStringLiteral("-i"), path(QStringLiteral("source.mkv")), QStringLiteral("-s"), QString::fromLatin1(size),
                        QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-crf"), QString::fromLatin1(crf),
                        QStringLiteral("-preset"), QStringLiteral("veryfast"), path(QString::fromLatin1(name))}));
    QFile text(path(QStringLiteral("notes.mp4")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("not a video\n");
}

void TestQcAnalyzers::pictureMetrics_data()
{
    QTest::addColumn<int>("noise"); // ± amplitude added to the second plane
    QTest::addColumn<double>("minPsnr");
    QTest::addColumn<double>("maxPsnr");
    QTest::addColumn<double>("minSsim");
    QTest::addColumn<double>("maxSsim");
    QTest::newRow("identical") << 0 << kPsnrCapDb << kPsnrCapDb << 1.0 << 1.0;
    QTest::newRow("±2 noise") << 2 << 40.0 << 50.0 << 0.99 << 0.9999;
    QTest::newRow("±20 noise") << 20 << 18.0 << 30.0 << 0.80 << 0.99;
}

void TestQcAnalyzers::pictureMetrics()
{
    QFETCH(int, noise);
    std::mt19937 rng(7);
    const int w = 64, h = 48;
    std::vector<uint8_t> a(size_t(w * h)), b(size_t(w * h));
    std::uniform_int_distribution<int> content(60, 190), delta(-noise, noise);
    for (size_t i = 0; i < a.size(); ++i) {
        a[i] = uint8_t(content(rng) / 8 * 8); // blocky, textured content
        b[i] = uint8_t(std::clamp(int(a[i]) + delta(rng), 0, 255));
    }
    const PlaneView pa{a.data(), w, w, h}, pb{b.data(), w, w, h};
    const double psnr = psnrFromMse(meanSquaredError(pa, pb));
    const double s = ssim(pa, pb);
    QFETCH(double, minPsnr);
    QFETCH(double, maxPsnr);
    QFETCH(double, minSsim);
    QFETCH(double, maxSsim);
    QVERIFY2(psnr >= minPsnr - 1e-9 && psnr <= maxPsnr + 1e-9, qPrintable(QString::number(psnr)));
    QVERIFY2(s >= minSsim - 1e-9 && s <= maxSsim + 1e-9, qPrintable(QString::number(s)));
}

void TestQcAnalyzers::blackFrameLevels_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("range");
    QTest::addColumn<int>("luma");
    QTest::addColumn<bool>("black");
    // Level 0.1: limited range ≤ 16 + 21.9, full range ≤ 25.5 (8-bit code values).
    QTest::newRow("limited 16") << int(AV_PIX_FMT_YUV420P) << int(AVCOL_RANGE_MPEG) << 16 << true;
    QTest::newRow("limited 37") << int(AV_PIX_FMT_YUV420P) << int(AVCOL_RANGE_MPEG) << 37 << true;
    QTest::newRow("limited 40") << int(AV_PIX_FMT_YUV420P) << int(AVCOL_RANGE_MPEG) << 40 << false;
    QTest::newRow("full 25") << int(AV_PIX_FMT_YUV420P) << int(AVCOL_RANGE_JPEG) << 25 << true;
    QTest::newRow("full 30") << int(AV_PIX_FMT_YUV420P) << int(AVCOL_RANGE_JPEG) << 30 << false;
    QTest::newRow("yuvj 30") << int(AV_PIX_FMT_YUVJ420P) << int(AVCOL_RANGE_UNSPECIFIED) << 30 << false;
    QTest::newRow("10-bit limited 148") << int(AV_PIX_FMT_YUV420P10LE) << int(AVCOL_RANGE_MPEG) << 148 << true;
    QTest::newRow("10-bit limited 160") << int(AV_PIX_FMT_YUV420P10LE) << int(AVCOL_RANGE_MPEG) << 160 << false;
    QTest::newRow("rgb converted") << int(AV_PIX_FMT_RGB24) << int(AVCOL_RANGE_JPEG) << 0 << true;
}

void TestQcAnalyzers::blackFrameLevels()
{
    QFETCH(int, format);
    QFETCH(int, range);
    QFETCH(int, luma);
    QFETCH(bool, black);
    VideoAnalyzerOptions o;
    o.detectFreeze = false;
    VideoAnalyzer analyzer(o);
    for (int i = 0; i < 10; ++i) {
        av::FramePtr f = plainFrame(AVPixelFormat(format), 64, 36, luma, AVColorRange(range));
        QVERIFY(f);
        if (format == AV_PIX_FMT_RGB24) {
            const ptrdiff_t linesizes[4] = {f->linesize[0], 0, 0, 0};
            QVERIFY(av_image_fill_black(f->data, linesizes, AV_PIX_FMT_RGB24, AVCOL_RANGE_JPEG, 64, 36) >= 0);
        }
        QVERIFY(analyzer.addFrame(f.get(), i * kFrame, kFrame).ok());
    }
    const VideoFindings found = analyzer.finish();
    QCOMPARE(found.frames, qint64(10));
    QCOMPARE(found.black.size(), black ? 1 : 0);
    if (black) {
        QCOMPARE(found.black.first().startSeconds, 0.0);
        QVERIFY(std::abs(found.black.first().endSeconds - 0.4) < 1e-9);
    }
}

void TestQcAnalyzers::frozenSpanFromSyntheticFrames()
{
    std::mt19937 rng(1);
    VideoAnalyzerOptions o;
    o.minFreezeSeconds = 0.5;
    VideoAnalyzer analyzer(o);
    av::FramePtr still = noiseFrame(rng);
    for (int i = 0; i < 60; ++i) {
        av::FramePtr moving = noiseFrame(rng);
        const AVFrame *f = (i >= 20 && i < 50) ? still.get() : moving.get();
        QVERIFY(analyzer.addFrame(f, i * kFrame, kFrame).ok());
    }
    const VideoFindings found = analyzer.finish();
    QCOMPARE(found.frozen.size(), 1);
    QVERIFY(std::abs(found.frozen.first().startSeconds - 0.8) < 1e-9); // frame 20: the first of the repeated frames
    QVERIFY(std::abs(found.frozen.first().endSeconds - 2.0) < 1e-9);   // end of frame 49
    QVERIFY(found.black.isEmpty());
    QVERIFY(std::abs(found.durationSeconds - 2.4) < 1e-9);
}

void TestQcAnalyzers::videoFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<double>>("black");  // start, end
    QTest::addColumn<QList<double>>("frozen"); // start, end
    QTest::newRow("faults") << QStringLiteral("faults.mp4") << QList<double>{4.0, 7.0} << QList<double>{9.0, 11.0};
    QTest::newRow("clean") << QStringLiteral("clean.mp4") << QList<double>{} << QList<double>{};
}

void TestQcAnalyzers::videoFile()
{
    QFETCH(QString, file);
    QFETCH(QList<double>, black);
    QFETCH(QList<double>, frozen);
    VideoAnalyzerOptions o;
    o.minBlackSeconds = 1.0;
    o.minFreezeSeconds = 1.0;
    auto found = VideoAnalyzer::analyze({path(file)}, o, {}, CancelToken());
    QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().toString()));
    QCOMPARE(found->frames, qint64(300));
    QVERIFY(std::abs(found->durationSeconds - 12.0) < 1e-6);
    QCOMPARE(found->decodeErrors, 0);
    QCOMPARE(found->black.size(), black.size() / 2);
    QCOMPARE(found->frozen.size(), frozen.size() / 2);
    if (!black.isEmpty()) {
        QVERIFY2(std::abs(found->black.first().startSeconds - black[0]) <= kFrame + 1e-6, qPrintable(QString::number(found->black.first().startSeconds)));
        QVERIFY2(std::abs(found->black.first().endSeconds - black[1]) <= kFrame + 1e-6, qPrintable(QString::number(found->black.first().endSeconds)));
    }
    if (!frozen.isEmpty()) {
        QVERIFY2(std::abs(found->frozen.first().startSeconds - frozen[0]) <= kFrame + 1e-6, qPrintable(QString::number(found->frozen.first().startSeconds)));
        QVERIFY2(std::abs(found->frozen.first().endSeconds - frozen[1]) <= kFrame + 1e-6, qPrintable(QString::number(found->frozen.first().endSeconds)));
    }
}

void TestQcAnalyzers::silenceAndLoudSectionFromSamples()
{
    AudioAnalyzerOptions o;
    o.minSilenceSeconds = 1.0;
    o.minLoudSeconds = 1.0;
    o.loudThresholdLu = 6;
    o.loudReferenceLufs = -23.0;
    auto a = AudioAnalyzer::create(stereo(), 48000, o);
    QVERIFY(a.ok());
    double t = 0;
    feedSine(**a, t, 3, -23);   // 0–3: −23 LUFS (EBU Tech 3341 case 1 level)
    feedSine(**a, t, 2, -200);  // 3–5: digital silence
    feedSine(**a, t, 3, -23);   // 5–8
    feedSine(**a, t, 2, -13);   // 8–10: 10 LU louder
    feedSine(**a, t, 2, -23);   // 10–12
    const AudioFindings f = (*a)->finish();
    QVERIFY(std::abs(f.durationSeconds - 12.0) < 1e-3);
    QCOMPARE(f.silence.size(), 1);
    QVERIFY(std::abs(f.silence.first().startSeconds - 3.0) <= kAudioTol);
    QVERIFY(std::abs(f.silence.first().endSeconds - 5.0) <= kAudioTol);
    QCOMPARE(f.loud.size(), 1);
    QVERIFY2(std::abs(f.loud.first().span.startSeconds - 8.0) <= kLoudTol, qPrintable(QString::number(f.loud.first().span.startSeconds)));
    QVERIFY2(std::abs(f.loud.first().span.endSeconds - 10.0) <= kLoudTol, qPrintable(QString::number(f.loud.first().span.endSeconds)));
    QVERIFY2(std::abs(f.loud.first().maxLufs - (-13.0)) < 0.3, qPrintable(QString::number(f.loud.first().maxLufs)));
    // libebur128's meter on the same samples: the silence is gated out, the loud part counts.
    QVERIFY(f.loudness.integratedLufs > -23.0 && f.loudness.integratedLufs < -15.0);
    QVERIFY(std::abs(f.loudness.samplePeakDbfs - (-13.0)) < 0.1);
}

void TestQcAnalyzers::audioFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("faults");
    QTest::newRow("faults") << QStringLiteral("faults.mp4") << true;
    QTest::newRow("clean") << QStringLiteral("clean.mp4") << false;
}

void TestQcAnalyzers::audioFile()
{
    QFETCH(QString, file);
    QFETCH(bool, faults);
    AudioAnalyzerOptions o;
    o.minSilenceSeconds = 1.0;
    o.minLoudSeconds = 1.0;
    o.loudThresholdLu = 6;
    auto f = AudioAnalyzer::analyze({path(file)}, o, {}, CancelToken());
    QVERIFY2(f.ok(), f.ok() ? "" : qPrintable(f.error().toString()));
    QVERIFY(std::abs(f->durationSeconds - 12.0) < 0.05);
    QCOMPARE(f->channels, 2);
    // The programme level (median of the 100 ms windows) is the sine's −23 LUFS either way.
    QVERIFY2(std::abs(f->loudReferenceLufs - (-23.0)) < 1.0, qPrintable(QString::number(f->loudReferenceLufs)));
    QCOMPARE(f->silence.size(), faults ? 1 : 0);
    QCOMPARE(f->loud.size(), faults ? 1 : 0);
    if (!faults) {
        QVERIFY2(std::abs(f->loudness.integratedLufs - (-23.0)) < 1.0, qPrintable(QString::number(f->loudness.integratedLufs)));
        return;
    }
    QVERIFY2(std::abs(f->silence.first().startSeconds - 3.0) <= kAudioTol, qPrintable(QString::number(f->silence.first().startSeconds)));
    QVERIFY2(std::abs(f->silence.first().endSeconds - 7.0) <= kAudioTol, qPrintable(QString::number(f->silence.first().endSeconds)));
    QVERIFY2(std::abs(f->loud.first().span.startSeconds - 8.0) <= kLoudTol, qPrintable(QString::number(f->loud.first().span.startSeconds)));
    QVERIFY2(std::abs(f->loud.first().span.endSeconds - 10.0) <= kLoudTol, qPrintable(QString::number(f->loud.first().span.endSeconds)));
}

void TestQcAnalyzers::qualityAgainstSource()
{
    QList<QualityTarget> targets{{QStringLiteral("same"), {path(QStringLiteral("source.mkv"))}, 320, 180},
                                 {QStringLiteral("good"), {path(QStringLiteral("good.mp4"))}, 320, 180},
                                 {QStringLiteral("poor"), {path(QStringLiteral("poor.mp4"))}, 320, 180},
                                 {QStringLiteral("small"), {path(QStringLiteral("small.mp4"))}, 160, 90}};
    QualityOptions o;
    o.samplesPerSecond = 0; // every frame
    auto r = QualityAnalyzer::analyze(path(QStringLiteral("source.mkv")), targets, o, {}, CancelToken());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->renditions.size(), 4);
    for (const QualityFindings &q : r->renditions) {
        QVERIFY2(q.error.isEmpty(), qPrintable(q.error));
        QCOMPARE(q.framesCompared, 100);
        QCOMPARE(q.video.frames, qint64(100));
    }
    const QualityFindings &same = r->renditions[0], &good = r->renditions[1], &poor = r->renditions[2], &small = r->renditions[3];
    QCOMPARE(same.psnrAverageDb, kPsnrCapDb);
    QCOMPARE(same.ssimAverage, 1.0);
    QCOMPARE(same.ssimMin, 1.0);
    QVERIFY2(good.psnrAverageDb > 35 && good.ssimAverage > 0.95, qPrintable(QString::number(good.psnrAverageDb)));
    QVERIFY2(poor.psnrAverageDb < good.psnrAverageDb - 5, qPrintable(QString::number(poor.psnrAverageDb)));
    QVERIFY(poor.ssimAverage < good.ssimAverage);
    QVERIFY(poor.psnrMinDb <= poor.psnrAverageDb + 1e-9 && poor.ssimMin <= poor.ssimAverage + 1e-9);
    // Same windows and averaging as FFmpeg's ssim/psnr filters: the numbers agree.
    for (const QualityFindings *q : {&good, &poor}) {
        const auto [ffSsim, ffPsnr] = ffmpegSsimPsnr(path(q->name + QStringLiteral(".mp4")), path(QStringLiteral("source.mkv")));
        QVERIFY(ffSsim > 0);
        QVERIFY2(std::abs(q->ssimAverage - ffSsim) < 0.005, qPrintable(QStringLiteral("%1 vs ffmpeg %2").arg(q->ssimAverage).arg(ffSsim)));
        QVERIFY2(std::abs(q->psnrAverageDb - ffPsnr) < 0.1, qPrintable(QStringLiteral("%1 vs ffmpeg %2").arg(q->psnrAverageDb).arg(ffPsnr)));
    }
    // A smaller rung is compared with the source scaled to its size (bicubic): still close.
    QVERIFY2(small.psnrAverageDb > 30 && small.ssimAverage > 0.9, qPrintable(QString::number(small.psnrAverageDb)));
}

void TestQcAnalyzers::rules_data()
{
    QTest::addColumn<QcFindings>("findings");
    QTest::addColumn<QList<QcRule>>("rules");
    QTest::addColumn<bool>("loudnessEnabled");
    QTest::addColumn<QStringList>("checks");   // events expected, in order
    QTest::addColumn<QList<double>>("values"); // their values

    auto video = [](const QString &name, double duration, QList<TimeSpan> black = {}) {
        QcVideoFindings v;
        v.name = name;
        v.analysed = true;
        v.blackFreezeChecked = true;
        v.video.durationSeconds = duration;
        v.video.black = black;
        return v;
    };
    auto audio = [](double duration, double integrated, double truePeak) {
        QcAudioFindings a;
        a.name = QStringLiteral("aac");
        a.analysed = true;
        a.audio.durationSeconds = duration;
        a.audio.loudness.integratedLufs = integrated;
        a.audio.loudness.truePeakDbtp = truePeak;
        a.audio.loudReferenceLufs = -23;
        return a;
    };
    QcFindings base;
    base.video = {video(QStringLiteral("360p"), 12.0)};
    base.audio = {audio(12.0, -23.2, -3)};
    QTest::newRow("clean passes every rule") << base << defaultQcRules() << true << QStringList{} << QList<double>{};

    QcFindings black = base;
    black.video = {video(QStringLiteral("360p"), 12.0, {{4.0, 7.0}, {9.0, 10.5}})};
    QTest::newRow("black ≥ min duration only") << black << QList<QcRule>{rule(qccheck::Black, 0.1, 2.0)} << true
                                                << QStringList{QStringLiteral("black")} << QList<double>{3.0};
    QTest::newRow("two black rules: warn and fail") << black
        << QList<QcRule>{rule(qccheck::Black, 0.1, 1.0, QcSeverity::Warn), rule(qccheck::Black, 0.1, 2.5)} << true
        << QStringList{QStringLiteral("black"), QStringLiteral("black"), QStringLiteral("black")} << QList<double>{3.0, 1.5, 3.0};

    QcFindings loud = base;
    loud.audio = {audio(12.0, -30.0, 0.5)};
    QTest::newRow("loudness and true peak when normalising") << loud
        << QList<QcRule>{rule(qccheck::Loudness, 1.0), rule(qccheck::TruePeak, 0.0)} << true
        << QStringList{QStringLiteral("loudness"), QStringLiteral("true_peak")} << QList<double>{-30.0, 0.5};
    QTest::newRow("no loudness checks without normalisation") << loud
        << QList<QcRule>{rule(qccheck::Loudness, 1.0), rule(qccheck::TruePeak, 0.0)} << false << QStringList{} << QList<double>{};

    QcFindings durations = base;
    durations.video = {video(QStringLiteral("360p"), 12.0), video(QStringLiteral("720p"), 11.2)};
    durations.audio = {audio(11.0, -23, -3)};
    QTest::newRow("durations") << durations
        << QList<QcRule>{rule(qccheck::AvDuration, 0.5), rule(qccheck::RenditionDuration, 0.5)} << true
        << QStringList{QStringLiteral("av_duration_mismatch"), QStringLiteral("rendition_duration_mismatch")} << QList<double>{1.0, 0.8};

    QcFindings quality = base;
    quality.video.first().targetBitrateKbps = 800;
    quality.video.first().measuredBitrateBps = 1200000;
    quality.video.first().quality = QualityFindings{QStringLiteral("360p"), 24, 28.0, 22.0, 0.85, 0.7};
    QTest::newRow("bitrate, psnr, ssim") << quality
        << QList<QcRule>{rule(qccheck::Bitrate, 25), rule(qccheck::Psnr, 30), rule(qccheck::Ssim, 0.9)} << true
        << QStringList{QStringLiteral("bitrate"), QStringLiteral("psnr"), QStringLiteral("ssim")} << QList<double>{50.0, 28.0, 0.85};

    QcFindings errors = base;
    errors.sourceDecodeErrors = 2;
    errors.video.first().video.decodeErrors = 1;
    QcVideoFindings unreadable;
    unreadable.name = QStringLiteral("1080p");
    unreadable.error = QStringLiteral("could not read the rendition");
    errors.video.append(unreadable);
    QTest::newRow("decode errors and an unreadable rendition") << errors << QList<QcRule>{rule(qccheck::DecodeErrors, 0)} << true
        << QStringList{QStringLiteral("decode_errors"), QStringLiteral("decode_errors")} << QList<double>{1.0, 3.0};
}

void TestQcAnalyzers::rules()
{
    QFETCH(QcFindings, findings);
    QFETCH(QList<QcRule>, rules);
    QFETCH(bool, loudnessEnabled);
    QFETCH(QStringList, checks);
    QFETCH(QList<double>, values);
    QcInput input;
    input.loudnessEnabled = loudnessEnabled;
    const QcReport report = evaluateRules(findings, rules, input);
    QStringList got;
    for (const QcEvent &e : report.events) got << e.check;
    QCOMPARE(got, checks);
    for (int i = 0; i < values.size(); ++i) {
        const QcEvent &e = report.events[i];
        QVERIFY2(std::abs(e.value - values[i]) < 1e-6, qPrintable(QStringLiteral("%1: %2").arg(e.check).arg(e.value)));
        QVERIFY(!e.message.isEmpty() && !e.message.contains(u'\n'));
        QVERIFY(e.severity != QcSeverity::Invalid);
    }
    QCOMPARE(report.rules.size(), rules.size());
    QCOMPARE(report.passed(), report.count(QcSeverity::Fail) == 0);
    QVERIFY(report.metrics.value(QStringLiteral("renditions")).toObject().contains(QStringLiteral("360p")));
    if (checks.contains(QStringLiteral("black"))) {
        QCOMPARE(report.events.first().message, QStringLiteral("black picture for 3.0 s from 00:00:04.000 in 360p"));
        QCOMPARE(report.events.first().startSeconds, 4.0);
        QCOMPARE(report.events.first().endSeconds, 7.0);
    }
}

void TestQcAnalyzers::badFileIsAnError()
{
    auto v = VideoAnalyzer::analyze({path(QStringLiteral("notes.mp4"))}, {}, {}, CancelToken());
    QVERIFY(!v.ok());
    QVERIFY(v.error().code.startsWith(u"qc."));
    auto a = AudioAnalyzer::analyze({path(QStringLiteral("missing.mp4"))}, {}, {}, CancelToken());
    QVERIFY(!a.ok());
    auto q = QualityAnalyzer::analyze(path(QStringLiteral("notes.mp4")), {}, {}, {}, CancelToken());
    QVERIFY(!q.ok());
    QCOMPARE(q.error().code, QStringLiteral("qc.source_open"));
}

void TestQcAnalyzers::canceledAnalysisStops()
{
    CancelToken cancel;
    cancel.cancel();
    auto v = VideoAnalyzer::analyze({path(QStringLiteral("clean.mp4"))}, {}, {}, cancel);
    QVERIFY(!v.ok());
    auto a = AudioAnalyzer::analyze({path(QStringLiteral("clean.mp4"))}, {}, {}, cancel);
    QVERIFY(!a.ok());
}

void TestQcAnalyzers::runQcUnreadableRenditionFails()
{
    QcInput input;
    input.renditions = {QcRendition{QStringLiteral("360p"), QStringLiteral("video"), {path(QStringLiteral("notes.mp4"))}, 320, 180},
                        QcRendition{QStringLiteral("aac"), QStringLiteral("audio"), {path(QStringLiteral("clean.mp4"))}}};
    auto report = runQc(input, defaultQcRules(), {}, CancelToken());
    QVERIFY(report.ok());
    QVERIFY(!report->passed());
    QCOMPARE(report->events.first().check, QStringLiteral("decode_errors"));
    QCOMPARE(report->events.first().rendition, QStringLiteral("360p"));
}

void TestQcAnalyzers::runQcReportsProgressAndCancels()
{
    QcInput input;
    input.sourcePath = path(QStringLiteral("source.mkv"));
    input.sourceDurationSeconds = 4;
    input.renditions = {QcRendition{QStringLiteral("good"), QStringLiteral("video"), {path(QStringLiteral("good.mp4"))}, 320, 180},
                        QcRendition{QStringLiteral("small"), QStringLiteral("video"), {path(QStringLiteral("small.mp4"))}, 160, 90}};
    QList<double> percents;
    QMutex mutex;
    auto sink = [&](const ProgressEvent &e) {
        QMutexLocker lock(&mutex);
        QCOMPARE(e.stage, QStringLiteral("qc"));
        percents << e.percent;
    };
    auto report = runQc(input, defaultQcRules(), sink, CancelToken());
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().toString()));
    QVERIFY(report->passed());
    QVERIFY(!percents.isEmpty());
    QCOMPARE(percents.last(), 100.0);
    QVERIFY(std::is_sorted(percents.begin(), percents.end()));
    const QJsonObject metrics = report->metrics.value(QStringLiteral("renditions")).toObject();
    QVERIFY(metrics.value(QStringLiteral("good")).toObject().value(QStringLiteral("psnr_avg_db")).toDouble() > 35);
    QCOMPARE(metrics.value(QStringLiteral("small")).toObject().value(QStringLiteral("black_freeze_checked")).toBool(), true);
    QCOMPARE(metrics.value(QStringLiteral("good")).toObject().value(QStringLiteral("black_freeze_checked")).toBool(), false);

    CancelToken cancel;
    cancel.cancel();
    auto canceled = runQc(input, defaultQcRules(), {}, cancel);
    QVERIFY(!canceled.ok());
    QCOMPARE(canceled.error().code, QStringLiteral("canceled"));
}

QTEST_GUILESS_MAIN(TestQcAnalyzers)
#include "tst_qcanalyzers.moc"
