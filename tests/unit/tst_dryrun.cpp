// Dry-run estimates (core/pipeline/DryRun): size from bitrate × duration, the crf heuristic,
// capped crf, container overhead, skipped rungs with reasons, encoder choice and fallback,
// the time model (cores, speed, hardware), audio, rejected sources, cancel, and a real probe
// of a generated fixture.

#include "core/media/VideoEncoder.h"
#include "core/pipeline/DryRun.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace rendition;

namespace {

QJsonObject rungJson(const QString &name, int height, const QJsonObject &rc,
                     const QString &codec = QStringLiteral("h264"), const QString &speed = QString())
{
    return {{"name", name}, {"codec", codec}, {"height", height}, {"rate_control", rc}, {"speed", speed}};
}

QJsonObject vbr(int kbps)
{
    return {{"mode", "vbr"}, {"bitrate_kbps", kbps}};
}
QJsonObject crf(int value)
{
    return {{"mode", "crf"}, {"crf", value}};
}

Preset makePreset(const QJsonArray &ladder, const QJsonObject &packaging = {}, const QJsonArray &audio = {})
{
    QJsonObject doc{{"schema", "rendition.preset/1"}, {"name", "unit"}, {"ladder", ladder}, {"audio", audio}};
    if (!packaging.isEmpty()) doc.insert("packaging", packaging);
    Result<Preset> p = parsePreset(doc);
    if (!p) qFatal("test preset rejected: %s", qPrintable(p.error().message));
    return p.value();
}

ProbeResult probeOf(int w, int h, double seconds, bool withAudio = true)
{
    ProbeResult p;
    p.path = QStringLiteral("/media/source.mp4");
    p.durationSeconds = seconds;
    StreamInfo v;
    v.index = 0;
    v.type = QStringLiteral("video");
    v.width = w;
    v.height = h;
    v.frameRateNum = 25;
    v.frameRateDen = 1;
    p.streams.append(v);
    if (withAudio) {
        StreamInfo a;
        a.index = 1;
        a.type = QStringLiteral("audio");
        a.channels = 2;
        a.sampleRate = 48000;
        p.streams.append(a);
    }
    return p;
}

EncoderChoice software(VideoCodec codec, const QString &preference)
{
    return {softwareEncoderFor(codec), preference, false, {}};
}

DryRunOptions softwareOnly(int cores = 2)
{
    return {cores, software};
}

} // namespace

class TestDryRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vbrSizeIsBitrateTimesDuration()
    {
        const Preset p = makePreset({rungJson("720p", 720, vbr(1000))});
        const DryRunResult r = estimateDryRun(p, probeOf(1280, 720, 10, false), softwareOnly());
        QVERIFY(r.ok());
        QCOMPARE(r.rungs.size(), 1);
        QVERIFY(r.rungs[0].bitrateFromPreset);
        QCOMPARE(r.rungs[0].videoKbps, 1000.0);
        QCOMPARE(r.rungs[0].estimatedBytes, qint64(1000 * 1000 / 8 * 10 * 1.02)); // fMP4 overhead 2 %
        QCOMPARE(r.estimatedBytes, r.rungs[0].estimatedBytes);
    }

    void mpegTsHasMoreOverhead()
    {
        const QJsonObject ts{{"hls", true}, {"dash", false}, {"hls_segment_format", "mpegts"}};
        const Preset p = makePreset({rungJson("720p", 720, vbr(1000))}, ts);
        const DryRunResult r = estimateDryRun(p, probeOf(1280, 720, 10, false), softwareOnly());
        QCOMPARE(r.rungs[0].estimatedBytes, qint64(1000 * 1000 / 8 * 10 * 1.06));
    }

    void crfHeuristic()
    {
        // Reference point: h264 crf 23 at 1080p is 0.080 bits per pixel.
        QCOMPARE(qRound(estimateCrfKbps(VideoCodec::H264, 23, 1920, 1080, 25)), qRound(0.08 * 1920 * 1080 * 25 / 1000));
        // Six crf steps halve the bitrate.
        QCOMPARE(qRound(estimateCrfKbps(VideoCodec::H264, 29, 1920, 1080, 25) * 2),
                 qRound(estimateCrfKbps(VideoCodec::H264, 23, 1920, 1080, 25)));
        QVERIFY(estimateCrfKbps(VideoCodec::H264, 18, 1280, 720, 25) >
                estimateCrfKbps(VideoCodec::H264, 23, 1280, 720, 25));
        // HEVC and AV1 at their default crf need fewer bits than H.264 at its own.
        const double h264 = estimateCrfKbps(VideoCodec::H264, 23, 1920, 1080, 25);
        QVERIFY(estimateCrfKbps(VideoCodec::Hevc, 28, 1920, 1080, 25) < h264);
        QVERIFY(estimateCrfKbps(VideoCodec::Av1, 35, 1920, 1080, 25) < h264);
        // Smaller pictures: fewer bits in total, more per pixel.
        const double small = estimateCrfKbps(VideoCodec::H264, 23, 640, 360, 25);
        QVERIFY(small < h264);
        QVERIFY(small / (640 * 360) > h264 / (1920 * 1080));
        // A CRF rung's size comes from the heuristic, not from the preset.
        const Preset p = makePreset({rungJson("1080p", 1080, crf(23))});
        const DryRunResult r = estimateDryRun(p, probeOf(1920, 1080, 10, false), softwareOnly());
        QVERIFY(!r.rungs[0].bitrateFromPreset);
        QCOMPARE(qRound(r.rungs[0].videoKbps), qRound(h264));
    }

    void cappedCrfIsLimitedByMax()
    {
        const RateControl capped{RateControlMode::CappedCrf, 18, 0, 1500, 0};
        QCOMPARE(estimateRungKbps(capped, VideoCodec::H264, 1920, 1080, 25), 1500.0);
        const RateControl loose{RateControlMode::CappedCrf, 30, 0, 50000, 0};
        QCOMPARE(estimateRungKbps(loose, VideoCodec::H264, 1920, 1080, 25),
                 estimateCrfKbps(VideoCodec::H264, 30, 1920, 1080, 25));
    }

    void skippedRungsHaveReasons()
    {
        const Preset p = makePreset(
            {rungJson("360p", 360, vbr(800)), rungJson("720p", 720, vbr(3000)), rungJson("1080p", 1080, vbr(5500))});
        const DryRunResult r = estimateDryRun(p, probeOf(1280, 720, 8), softwareOnly());
        QCOMPARE(r.rungs.size(), 2);
        QCOMPARE(r.rungs[0].planned.rung.name, QStringLiteral("360p"));
        QCOMPARE(r.rungs[0].planned.width, 640);
        QCOMPARE(r.skipped.size(), 1);
        QCOMPARE(r.skipped[0].name, QStringLiteral("1080p"));
        QVERIFY2(r.skipped[0].reason.contains(QLatin1String("upscale")), qPrintable(r.skipped[0].reason));
    }

    void timeModel()
    {
        const Preset fast = makePreset({rungJson("720p", 720, vbr(3000), "h264", "veryfast")});
        const Preset slow = makePreset({rungJson("720p", 720, vbr(3000), "h264", "slower")});
        const ProbeResult src = probeOf(1280, 720, 10, false);
        const DryRunResult oneCore = estimateDryRun(fast, src, softwareOnly(1));
        const DryRunResult twoCores = estimateDryRun(fast, src, softwareOnly(2));
        QVERIFY(oneCore.estimatedSeconds > 0);
        QCOMPARE(qRound(oneCore.rungs[0].estimatedSeconds * 1000), qRound(twoCores.rungs[0].estimatedSeconds * 2000));
        QVERIFY(estimateDryRun(slow, src, softwareOnly(2)).estimatedSeconds > twoCores.estimatedSeconds);
        // Decode is part of the total.
        QVERIFY(twoCores.decodeSeconds > 0);
        QCOMPARE(twoCores.estimatedSeconds, twoCores.decodeSeconds + twoCores.rungs[0].estimatedSeconds);
        // HEVC is slower than H.264 at the same speed.
        const Preset hevc = makePreset({rungJson("720p", 720, vbr(3000), "hevc", "veryfast")});
        QVERIFY(estimateDryRun(hevc, src, softwareOnly(2)).estimatedSeconds > twoCores.estimatedSeconds);
    }

    void encoderChoiceAndFallback()
    {
        const Preset p = makePreset({rungJson("720p", 720, vbr(3000), "h264", "slow")});
        const ProbeResult src = probeOf(1280, 720, 10, false);
        DryRunOptions hw{2, [](VideoCodec, const QString &pref) {
                             return EncoderChoice{"h264_vaapi", pref, true, {}};
                         }};
        const DryRunResult onDevice = estimateDryRun(p, src, hw);
        QCOMPARE(onDevice.rungs[0].encoder.encoder, QStringLiteral("h264_vaapi"));
        QVERIFY(onDevice.estimatedSeconds < estimateDryRun(p, src, softwareOnly(2)).estimatedSeconds);
        DryRunOptions fallback{2, [](VideoCodec, const QString &pref) {
                                   return EncoderChoice{"libx264", pref, false, "no working hardware encoder"};
                               }};
        const DryRunResult r = estimateDryRun(p, src, fallback);
        QCOMPARE(r.rungs[0].encoder.fallbackReason, QStringLiteral("no working hardware encoder"));
    }

    void audioOnlyWhenTheSourceHasAudio()
    {
        const QJsonArray audio{QJsonObject{{"name", "aac-128k"}, {"codec", "aac"}, {"bitrate_kbps", 128}}};
        const Preset p = makePreset({rungJson("720p", 720, vbr(1000))}, {}, audio);
        const DryRunResult with = estimateDryRun(p, probeOf(1280, 720, 10, true), softwareOnly());
        QCOMPARE(with.audio.size(), 1);
        QCOMPARE(with.audio[0].estimatedBytes, qint64(128 * 1000 / 8 * 10 * 1.02));
        QCOMPARE(with.estimatedBytes, with.rungs[0].estimatedBytes + with.audio[0].estimatedBytes);
        QVERIFY(estimateDryRun(p, probeOf(1280, 720, 10, false), softwareOnly()).audio.isEmpty());
    }

    void fatalProbeIsRejected()
    {
        ProbeResult bad = probeOf(1280, 720, 10);
        bad.problems.append({QStringLiteral("truncated"), QStringLiteral("The file ends early."), Severity::Fatal, -1});
        const Preset p = makePreset({rungJson("720p", 720, vbr(1000))});
        const DryRunResult r = estimateDryRun(p, bad, softwareOnly());
        QVERIFY(!r.ok());
        QCOMPARE(r.error.code, QStringLiteral("ingest.truncated")); // the one rejection sentence (ProbeResult::rejection)
        QCOMPARE(r.error.message, QStringLiteral("The file ends early."));
        QCOMPARE(r.error.context, bad.path);
        QVERIFY(r.rungs.isEmpty());
    }

    void realFixture()
    {
        const QString path = QStringLiteral(RENDITION_FIXTURES "/good/ntsc_720p2997.mp4");
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const DryRunResult r = dryRunFile(path, loadPreset(QStringLiteral("web-h264-ladder")).value());
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QStringList planned;
        for (const RungEstimate &e : r.rungs) {
            planned << e.planned.rung.name;
            QVERIFY(!e.encoder.encoder.isEmpty());
            QCOMPARE(e.encoder.requested, QStringLiteral("auto"));
            // "auto" on a machine without a working device falls back and says why.
            if (!e.encoder.hardware && !hardwareEncodersFor(VideoCodec::H264).isEmpty())
                QVERIFY(!e.encoder.fallbackReason.isEmpty());
        }
        QCOMPARE(planned, (QStringList{"360p", "540p", "720p"}));
        QCOMPARE(r.skipped.size(), 1);
        QCOMPARE(r.skipped[0].name, QStringLiteral("1080p"));
        QVERIFY(qAbs(r.durationSeconds - 8.0) < 0.2);
        QVERIFY(qAbs(r.sourceFrameRate - 29.97) < 0.01);
        QCOMPARE(r.audio.size(), 1);
        QVERIFY(r.estimatedBytes > 0);
        QVERIFY(r.estimatedSeconds > 0);
        qInfo("dry run of %s: %lld bytes, %.1f s (estimates)", qPrintable(path), r.estimatedBytes, r.estimatedSeconds);
    }

    void badFileAndCancel()
    {
        const Preset p = loadPreset(QStringLiteral("web-h264-ladder")).value();
        const QString bad = QStringLiteral(RENDITION_FIXTURES "/bad/text_renamed.mp4");
        const DryRunResult r = dryRunFile(bad, p, softwareOnly());
        QVERIFY(!r.ok());
        QCOMPARE(r.error.context, bad);
        QVERIFY(!r.error.message.isEmpty());

        CancelToken cancel;
        cancel.cancel();
        const DryRunResult canceled =
            dryRunFile(QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"), p, softwareOnly(), cancel);
        QCOMPARE(canceled.error.code, QStringLiteral("canceled"));
    }
};

QTEST_GUILESS_MAIN(TestDryRun)
#include "tst_dryrun.moc"
