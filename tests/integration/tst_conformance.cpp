// Output conformance (issue #17): one timeline for every rung and exact A/V sync, checked by
// tools no one here wrote. Each row generates a flash-and-beep source (FlashBeep.h), packages
// it with rendition-cli, then
//  - tests/conformance/check.mjs reads the package with GPAC's mp4box.js, hls-parser (strict)
//    and mpd-parser and reports named rules (CMAF, DASH-IF IOP, Apple HLS authoring, one
//    timeline) plus every track's sample times; every rule must hold;
//  - every rendition is decoded back with FFmpeg (libav, init + segments back to back, as a
//    player receives them): the flash and the burst must keep the source's timing (A/V within
//    2 ms, start and end of the title), and every rung must decode to identical picture times.
// The worst A/V offset and the worst cross-rung difference are printed (FFmpeg-decoded and per
// the parsers). The default rows are a small real subset; RENDITION_TEST_FULL=1 runs every
// built-in preset × 23.976/25/29.97/50/59.94 fps and the rest of the matrix.
//
// Needs node and tests/conformance/node_modules (scripts/install-deps.sh); skipped without.

#include "tests/integration/FlashBeep.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace itest;

namespace {

const QString kCheckDir = QStringLiteral(RENDITION_SOURCE_DIR "/tests/conformance");
constexpr double kAvToleranceS = 0.002;    // issue #17: A/V within 2 ms
constexpr double kPictureToleranceS = 5e-4; // pictures keep their source time (sub-ms rounding only)

struct Case {
    FlashBeepSpec source;
    QString preset;           // a built-in name, or empty for `custom`
    QJsonObject custom;       // full preset JSON
};

struct Worst {
    double avFfmpegS = 0, avParsersS = 0, crossRungFfmpegS = 0, crossRungParsersS = 0, sourceTimingS = 0;
    int packages = 0, rules = 0;
};

QJsonObject quickPreset(const QString &name, QList<RungSpec> ladder, int bFrames, bool audio = true, double segmentS = 1)
{
    PresetSpec spec{name, std::move(ladder)};
    spec.bFrames = bFrames;
    spec.audio = audio;
    spec.segmentSeconds = segmentS;
    QJsonObject p = presetJson(spec);
    const QJsonObject off{{QStringLiteral("enabled"), false}};
    p.insert(QStringLiteral("thumbnails"), off);
    p.insert(QStringLiteral("qc"), off);
    return p;
}

// Three rungs whose encoders reorder differently: baseline (no B-frames), main and high with
// the preset's B-frames (x264 pyramid), at different speeds.
QList<RungSpec> mixedProfiles(int w)
{
    return {{QStringLiteral("low"), w / 2, w * 9 / 32, vbr(300, 450), QStringLiteral("h264"), QStringLiteral("ultrafast"),
             QStringLiteral("software"), QStringLiteral("baseline")},
            {QStringLiteral("mid"), w * 3 / 4, w * 27 / 64, vbr(600, 900), QStringLiteral("h264"), QStringLiteral("veryfast"),
             QStringLiteral("software"), QStringLiteral("main")},
            {QStringLiteral("top"), w, w * 9 / 16, vbr(900, 1350), QStringLiteral("h264"), QStringLiteral("faster"),
             QStringLiteral("software"), QStringLiteral("high")}};
}

} // namespace

Q_DECLARE_METATYPE(Case)

class TestConformance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matrix_data();
    void matrix();
    void cleanupTestCase();

private:
    QTemporaryDir m_tmp;
    QString m_node;
    Worst m_worst;
};

void TestConformance::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (m_node.isEmpty()) QSKIP("node is not installed (scripts/install-deps.sh installs nodejs)");
    for (const char *dep : {"mp4box/package.json", "hls-parser/package.json", "mpd-parser/package.json", "@xmldom/xmldom/package.json"})
        if (!QFileInfo::exists(kCheckDir + QStringLiteral("/node_modules/") + QLatin1String(dep)))
            QSKIP(qPrintable(QStringLiteral("tests/conformance/node_modules/%1 is missing (scripts/install-deps.sh runs npm ci there)").arg(QLatin1String(dep))));
    QVERIFY(m_tmp.isValid());
}

void TestConformance::matrix_data()
{
    QTest::addColumn<Case>("c");
    auto row = [](const QString &name, const Case &c) { QTest::newRow(qPrintable(name)) << c; };
    const bool full = qEnvironmentVariableIsSet("RENDITION_TEST_FULL");

    // The case: web-h264-ladder (360p main + 540p high, B-frames 3, loudness on).
    row(QStringLiteral("web-h264-ladder 29.97"), {{QStringLiteral("30000/1001"), 960, 540, 3}, QStringLiteral("web-h264-ladder"), {}});
    // Rungs that reorder differently (baseline / main / high), B-frames 3, 25 fps.
    row(QStringLiteral("mixed profiles bf3 25"), {{QStringLiteral("25"), 640, 360, 3}, {}, quickPreset(QStringLiteral("mixed-bf3"), mixedProfiles(640), 3)});
    // Variable frame rate (30/50 ms frames) into two rungs.
    {
        FlashBeepSpec s{QStringLiteral("25"), 320, 240, 3};
        s.vfr = true;
        s.container = QStringLiteral("mkv");
        row(QStringLiteral("vfr"), {s, {}, quickPreset(QStringLiteral("vfr"), {{QStringLiteral("240p"), 320, 240, vbr(400, 600)}, {QStringLiteral("120p"), 160, 120, vbr(150, 225)}}, 3)});
    }
    // Audio only and video only.
    {
        FlashBeepSpec s{QStringLiteral("25"), 0, 0, 3};
        s.video = false;
        s.container = QStringLiteral("mov");
        row(QStringLiteral("audio only"), {s, {}, quickPreset(QStringLiteral("audio-only"), {{QStringLiteral("360p"), 640, 360, vbr(800, 1200)}}, 3)});
        FlashBeepSpec v{QStringLiteral("50"), 480, 270, 2};
        v.audio = false;
        row(QStringLiteral("video only bf0 50"), {v, {}, quickPreset(QStringLiteral("video-only"), mixedProfiles(640), 0, false)});
    }
    if (!full) return;

    const QStringList rates{QStringLiteral("24000/1001"), QStringLiteral("25"), QStringLiteral("30000/1001"), QStringLiteral("50"), QStringLiteral("60000/1001")};
    for (const QString &preset : {QStringLiteral("web-h264-ladder"), QStringLiteral("web-h264-cenc"), QStringLiteral("proxy-edit"),
                                  QStringLiteral("av1-ladder"), QStringLiteral("hevc-4k-ladder")}) {
        for (const QString &rate : rates) {
            const bool big = preset == u"hevc-4k-ladder"; // its smallest rung is 1080p
            row(QStringLiteral("%1 %2").arg(preset, rate), {{rate, big ? 1920 : 1280, big ? 1080 : 720, 2}, preset, {}});
        }
    }
    for (int bf : {0, 1, 3})
        for (const QString &rate : rates)
            row(QStringLiteral("full mixed profiles bf%1 %2").arg(bf).arg(rate), // "full": not the default row's folder
                {{rate, 640, 360, 2}, {}, quickPreset(QStringLiteral("mixed-bf%1").arg(bf), mixedProfiles(640), bf)});
    {
        FlashBeepSpec odd{QStringLiteral("25"), 642, 362, 3};
        row(QStringLiteral("odd size 642x362"), {odd, {}, quickPreset(QStringLiteral("odd"), {{QStringLiteral("a"), 642, 362, vbr(800, 1200)}, {QStringLiteral("b"), 322, 182, vbr(300, 450)}}, 3)});
        FlashBeepSpec anam{QStringLiteral("25"), 720, 576, 3};
        anam.sar = QStringLiteral("64:45");
        row(QStringLiteral("non-square pixels 64:45"), {anam, {}, quickPreset(QStringLiteral("anamorphic"), mixedProfiles(640), 3)});
        FlashBeepSpec il = anam;
        il.interlaced = true;
        row(QStringLiteral("interlaced tff"), {il, {}, quickPreset(QStringLiteral("interlaced"), mixedProfiles(640), 3)});
        FlashBeepSpec vfr{QStringLiteral("25"), 640, 360, 6};
        vfr.vfr = true;
        vfr.container = QStringLiteral("mkv");
        row(QStringLiteral("vfr 6 s mixed profiles"), {vfr, {}, quickPreset(QStringLiteral("vfr-mixed"), mixedProfiles(640), 3, true, 2)});
        FlashBeepSpec longer{QStringLiteral("30000/1001"), 640, 360, 12};
        row(QStringLiteral("12 s 4 s segments"), {longer, {}, quickPreset(QStringLiteral("long"), mixedProfiles(640), 3, true, 4)});
    }
}

void TestConformance::matrix()
{
    QFETCH(Case, c);
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    const QString name = QString(tag).replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), QStringLiteral("_"));
    const QString source = m_tmp.filePath(name + u'.' + c.source.container);
    QVERIFY2(makeFlashBeepSource(source, c.source), "could not make the source");

    // The source as FFmpeg decodes it: where the flashes and bursts are.
    const DecodedMarks srcV = c.source.video ? decodeMarks(source, AVMEDIA_TYPE_VIDEO) : DecodedMarks{};
    const DecodedMarks srcA = c.source.audio ? decodeMarks(source, AVMEDIA_TYPE_AUDIO) : DecodedMarks{};
    if (c.source.video) QCOMPARE(int(srcV.flashes.size()), 2);
    if (c.source.audio) QCOMPARE(int(srcA.onsets.size()), 2);

    QString preset = c.preset;
    if (preset.isEmpty()) preset = writePreset(m_tmp.path(), c.custom);
    const QString out = m_tmp.filePath(QStringLiteral("out-") + name);
    // x265 at 1080p50 runs below 1 fps on a busy 2-core machine: more than runRendition's 4 min.
    const ProcessResult run = runCli({QStringLiteral("run"), QStringLiteral("--preset"), preset, QStringLiteral("--out"), out, source}, 1200000);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QString version = QDir(out).filePath(name + QStringLiteral("/v1"));
    const QJsonObject manifest = readManifest(version);
    const double offsetS = manifest.value(QStringLiteral("package")).toObject().value(QStringLiteral("start_offset_s")).toDouble();
    const QJsonArray renditions = manifest.value(QStringLiteral("renditions")).toArray();
    QVERIFY(!renditions.isEmpty());
    ++m_worst.packages;

    // Independent parsers.
    QJsonObject facts;
    const QString mp4 = manifest.value(QStringLiteral("package")).toObject().value(QStringLiteral("mp4")).toString();
    if (mp4.isEmpty()) {
        const ProcessResult check = runProcess(m_node, {kCheckDir + QStringLiteral("/check.mjs"), version}, 120000);
        QVERIFY2(check.finished && check.exitCode == 0, qPrintable(check.describe()));
        const QJsonObject report = QJsonDocument::fromJson(check.out).object();
        const QJsonArray rules = report.value(QStringLiteral("rules")).toArray();
        QVERIFY(rules.size() > 10);
        QStringList failed;
        for (const QJsonValue &r : rules)
            if (!r[QStringLiteral("ok")].toBool())
                failed << r[QStringLiteral("rule")].toString() + QStringLiteral(": ") + r[QStringLiteral("detail")].toString();
        m_worst.rules += int(rules.size());
        QVERIFY2(failed.isEmpty(), qPrintable(failed.join(u'\n')));
        facts = report.value(QStringLiteral("tracks")).toObject();
        m_worst.crossRungParsersS = std::max(m_worst.crossRungParsersS, report[QStringLiteral("figures")][QStringLiteral("worst_cross_rung_s")].toDouble());
    }
    const bool encrypted = manifest.value(QStringLiteral("preset")).toObject().value(QStringLiteral("drm")).toObject()
                               .value(QStringLiteral("scheme")).toString(QStringLiteral("none")) != u"none";
    if (encrypted) return; // the keys live apart from the package: parsers only (box timing, edit list)

    // FFmpeg decodes every rendition.
    QList<DecodedMarks> videos;
    QStringList videoDirs;
    DecodedMarks audio;
    QString audioDir;
    for (const QJsonValue &v : renditions) {
        const QString dir = v[QStringLiteral("dir")].toString();
        QString file = QDir(version).filePath(mp4);
        if (mp4.isEmpty()) {
            file = m_tmp.filePath(name + u'_' + dir + QStringLiteral(".mp4"));
            QVERIFY(joinRendition(QDir(version).filePath(dir), file));
        }
        const bool isVideo = v[QStringLiteral("type")].toString() == u"video";
        DecodedMarks m = decodeMarks(file, isVideo ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO);
        QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
        if (isVideo) { videos << m; videoDirs << dir; }
        else if (audioDir.isEmpty()) { audio = m; audioDir = dir; }
    }
    QCOMPARE(!videos.isEmpty(), c.source.video);
    QCOMPARE(!audioDir.isEmpty(), c.source.audio);

    double worstAv = 0, worstAvParsers = 0, worstCross = 0;
    for (int r = 0; r < videos.size(); ++r) {
        const DecodedMarks &v = videos[r];
        QCOMPARE(v.framePts.size(), videos.first().framePts.size());
        for (size_t i = 0; i < v.framePts.size(); ++i) worstCross = std::max(worstCross, std::abs(v.framePts[i] - videos.first().framePts[i]));
        QCOMPARE(int(v.flashes.size()), 2);
        for (int k = 0; k < 2; ++k) {
            const double err = v.flashes[size_t(k)] - offsetS - srcV.flashes[size_t(k)];
            m_worst.sourceTimingS = std::max(m_worst.sourceTimingS, std::abs(err));
            QVERIFY2(std::abs(err) < kPictureToleranceS, qPrintable(QStringLiteral("%1 flash %2 at %3 s, source %4 s (+ offset %5)")
                                                                 .arg(videoDirs[r]).arg(k).arg(v.flashes[size_t(k)]).arg(srcV.flashes[size_t(k)]).arg(offsetS)));
        }
        if (!facts.isEmpty()) { // the parsers' time of the same pictures
            const QJsonArray pts = facts[videoDirs[r]][QStringLiteral("pts_s")].toArray();
            QCOMPARE(size_t(pts.size()), v.framePts.size());
            for (size_t i = 0; i < v.framePts.size(); ++i)
                QVERIFY2(std::abs(pts[int(i)].toDouble() - (v.framePts[i] - offsetS)) < 1e-6,
                         qPrintable(QStringLiteral("%1 picture %2: mp4box %3 s, FFmpeg %4 s").arg(videoDirs[r]).arg(i).arg(pts[int(i)].toDouble()).arg(v.framePts[i] - offsetS)));
        }
    }
    QVERIFY2(worstCross == 0, qPrintable(QStringLiteral("rungs decode to different picture times (worst %1 s)").arg(worstCross)));

    if (!audioDir.isEmpty()) {
        QCOMPARE(int(audio.onsets.size()), 2);
        // Parser time of a decoded sample: the first sample's composition time (mp4box) plus the
        // samples FFmpeg decoded before it, plus any it trimmed at the start itself.
        const double trimmed = std::isnan(audio.firstAudioPacketPts) ? 0 : audio.firstAudioPts - audio.firstAudioPacketPts;
        const double firstSample = facts.isEmpty() ? NAN : facts[audioDir][QStringLiteral("first_sample_s")].toDouble();
        for (int k = 0; k < 2; ++k) {
            const double ffmpegOnset = audio.onsets[size_t(k)] - offsetS;
            const double timingErr = ffmpegOnset - srcA.onsets[size_t(k)];
            m_worst.sourceTimingS = std::max(m_worst.sourceTimingS, std::abs(timingErr));
            QVERIFY2(std::abs(timingErr) <= kAvToleranceS, qPrintable(QStringLiteral("burst %1 at %2 s, source %3 s").arg(k).arg(ffmpegOnset).arg(srcA.onsets[size_t(k)])));
            const double parserOnset = firstSample + trimmed + double(audio.onsetSampleIndex[size_t(k)]) / audio.sampleRate;
            for (int r = 0; r < videos.size(); ++r) {
                const double srcAv = srcA.onsets[size_t(k)] - srcV.flashes[size_t(k)];
                const double av = (ffmpegOnset - (videos[r].flashes[size_t(k)] - offsetS)) - srcAv;
                worstAv = std::max(worstAv, std::abs(av));
                QVERIFY2(std::abs(av) <= kAvToleranceS, qPrintable(QStringLiteral("%1: burst %2 is %3 ms off its flash (source %4 ms)")
                                                                 .arg(videoDirs[r]).arg(k).arg(av * 1000 + srcAv * 1000).arg(srcAv * 1000)));
                if (!facts.isEmpty()) {
                    const QJsonArray pts = facts[videoDirs[r]][QStringLiteral("pts_s")].toArray();
                    const auto idx = std::find(videos[r].framePts.begin(), videos[r].framePts.end(), videos[r].flashes[size_t(k)]) - videos[r].framePts.begin();
                    const double avp = (parserOnset - pts[int(idx)].toDouble()) - srcAv;
                    worstAvParsers = std::max(worstAvParsers, std::abs(avp));
                    QVERIFY2(std::abs(avp) <= kAvToleranceS, qPrintable(QStringLiteral("%1 per the parsers: burst %2 is %3 ms off its flash").arg(videoDirs[r]).arg(k).arg(avp * 1000)));
                }
            }
        }
    }
    m_worst.avFfmpegS = std::max(m_worst.avFfmpegS, worstAv);
    m_worst.avParsersS = std::max(m_worst.avParsersS, worstAvParsers);
    m_worst.crossRungFfmpegS = std::max(m_worst.crossRungFfmpegS, worstCross);
    qInfo().noquote() << QStringLiteral("%1: %2 video + %3 audio renditions, A/V %4 ms (FFmpeg) %5 ms (parsers), cross-rung %6 ms")
                             .arg(tag).arg(videos.size()).arg(audioDir.isEmpty() ? 0 : 1)
                             .arg(worstAv * 1000, 0, 'f', 3).arg(worstAvParsers * 1000, 0, 'f', 3).arg(worstCross * 1000, 0, 'f', 3);
}

void TestConformance::cleanupTestCase()
{
    qInfo().noquote() << QStringLiteral("WORST over %1 packages (%2 parser rules): A/V offset %3 ms FFmpeg-decoded, %4 ms per mp4box.js; "
                                        "cross-rung picture time %5 ms FFmpeg-decoded, %6 ms per mp4box.js; source timing kept within %7 ms")
                             .arg(m_worst.packages).arg(m_worst.rules).arg(m_worst.avFfmpegS * 1000, 0, 'f', 3)
                             .arg(m_worst.avParsersS * 1000, 0, 'f', 3).arg(m_worst.crossRungFfmpegS * 1000, 0, 'f', 3)
                             .arg(m_worst.crossRungParsersS * 1000, 0, 'f', 3).arg(m_worst.sourceTimingS * 1000, 0, 'f', 3);
}

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
