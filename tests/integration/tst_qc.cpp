// `rendition-cli qc` end to end on fault-injected media generated with ffmpeg lavfi:
// black picture, a frozen picture, silence, a section 10 LU too loud, a quiet programme,
// audio a second short; each must come out as the right event at the right time (±1 frame
// for video, ±50 ms for audio) and a clean source as PASSED. Then a published package:
// events at program times (the package's start offset removed), PSNR/SSIM per rendition.
// Plus the usage and bad-input paths.

#include "tests/integration/IntegrationHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace itest;

namespace {

constexpr double kVideoTol = 0.04 + 1e-6; // one frame at 25 fps
constexpr double kAudioTol = 0.05;

const char *kVideo = "testsrc2=size=640x360:rate=25:duration=12,noise=alls=12:allf=t+u";
// 1 kHz sine, upmixed to stereo by -ac 2 (−3 dB per channel): about −23 LUFS.
const char *kAudio = "sine=frequency=1000:sample_rate=48000:samples_per_frame=480:duration=%1,volume=-2dB";

// A 12 s 640x360 H.264 + AAC stereo file with `videoFilter` / `audioFilter` appended.
bool makeFaultSource(const QString &path, const QString &videoFilter, const QString &audioFilter, int audioSeconds = 12)
{
    QString v = QString::fromLatin1(kVideo);
    if (!videoFilter.isEmpty()) v += u',' + videoFilter;
    QString a = QString::fromLatin1(kAudio).arg(audioSeconds);
    if (!audioFilter.isEmpty()) a += u',' + audioFilter;
    const ProcessResult r = runProcess(QStringLiteral("ffmpeg"),
                                       {QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                                        QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), v,
                                        QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), a, QStringLiteral("-c:v"),
                                        QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"), QStringLiteral("-pix_fmt"),
                                        QStringLiteral("yuv420p"), QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-ac"),
                                        QStringLiteral("2"), QStringLiteral("-b:a"), QStringLiteral("128k"), path},
                                       120000);
    return r.finished && r.exitCode == 0 && QFileInfo(path).size() > 0;
}

QJsonObject qcRule(const QString &check, double threshold, double minDuration, const QString &severity)
{
    return {{QStringLiteral("check"), check}, {QStringLiteral("threshold"), threshold},
            {QStringLiteral("min_duration_s"), minDuration}, {QStringLiteral("severity"), severity}};
}

// A 2-rung preset whose every QC rule has `severity` and sensitive thresholds.
QJsonObject qcPreset(const QString &name, const QString &severity, bool loudness)
{
    QJsonObject p = presetJson({name, {{QStringLiteral("360p"), 640, 360, vbr(800, 1200)}, {QStringLiteral("180p"), 320, 180, vbr(300, 450)}}});
    p.insert(QStringLiteral("loudness"), QJsonObject{{QStringLiteral("enabled"), loudness}, {QStringLiteral("target_lufs"), -23.0},
                                                    {QStringLiteral("true_peak_dbtp"), -1.0}, {QStringLiteral("over_ceiling"), QStringLiteral("limit")}});
    p.insert(QStringLiteral("qc"), QJsonObject{{QStringLiteral("enabled"), true},
                                               {QStringLiteral("rules"), QJsonArray{qcRule(QStringLiteral("black"), 0.1, 1.0, severity),
                                                                                     qcRule(QStringLiteral("freeze"), -60, 1.0, severity),
                                                                                     qcRule(QStringLiteral("silence"), -60, 1.0, severity),
                                                                                     qcRule(QStringLiteral("loudness"), 1.0, 0, severity),
                                                                                     qcRule(QStringLiteral("true_peak"), 0, 0, severity),
                                                                                     qcRule(QStringLiteral("loud_section"), 6, 1.0, severity),
                                                                                     qcRule(QStringLiteral("av_duration_mismatch"), 0.5, 0, severity),
                                                                                     qcRule(QStringLiteral("rendition_duration_mismatch"), 0.5, 0, severity),
                                                                                     qcRule(QStringLiteral("bitrate"), 25, 0, severity),
                                                                                     qcRule(QStringLiteral("psnr"), 30, 0, severity),
                                                                                     qcRule(QStringLiteral("ssim"), 0.9, 0, severity),
                                                                                     qcRule(QStringLiteral("decode_errors"), 0, 0, severity)}}});
    return p;
}

QList<QJsonObject> eventsOf(const QJsonObject &report, const QString &check = {})
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : report.value(QStringLiteral("events")).toArray())
        if (check.isEmpty() || v.toObject().value(QStringLiteral("check")).toString() == check) out.append(v.toObject());
    return out;
}

QStringList failChecks(const QJsonObject &report)
{
    QStringList out;
    for (const QJsonObject &e : eventsOf(report))
        if (e.value(QStringLiteral("severity")).toString() == u"fail" && !out.contains(e.value(QStringLiteral("check")).toString()))
            out << e.value(QStringLiteral("check")).toString();
    out.sort();
    return out;
}

QString near(const QJsonObject &e, double start, double end)
{
    return QStringLiteral("got %1..%2, want %3..%4: %5").arg(e.value(QStringLiteral("start_s")).toDouble()).arg(e.value(QStringLiteral("end_s")).toDouble())
        .arg(start).arg(end).arg(e.value(QStringLiteral("message")).toString());
}

} // namespace

class TestQc : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void faultInFile_data();
    void faultInFile();
    void humanOutputOneLinePerEvent();
    void publishedPackageAtProgramTimes();
    void usageAndBadInput_data();
    void usageAndBadInput();

private:
    QString fixture(const QString &name) const { return m_tmp.filePath(name + QStringLiteral(".mp4")); }
    QTemporaryDir m_tmp;
    QString m_failPreset;
    QString m_warnPreset;
};

void TestQc::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_failPreset = writePreset(m_tmp.path(), qcPreset(QStringLiteral("itest-qc-fail"), QStringLiteral("fail"), true));
    m_warnPreset = writePreset(m_tmp.path(), qcPreset(QStringLiteral("itest-qc-warn"), QStringLiteral("warn"), false));
    QVERIFY(!m_failPreset.isEmpty() && !m_warnPreset.isEmpty());
    const QString black = QStringLiteral("drawbox=enable='between(t,4,6.999)':color=black:t=fill");
    const QString freeze = QStringLiteral("split[a][b];[a][b]freezeframes=first=%1:last=%2:replace=%1");
    const QString silence = QStringLiteral("volume=enable='between(t,3,6.999)':volume=0");
    QVERIFY(makeFaultSource(fixture(QStringLiteral("clean")), {}, {}));
    QVERIFY(makeFaultSource(fixture(QStringLiteral("black")), black, {}));
    QVERIFY(makeFaultSource(fixture(QStringLiteral("freeze")), freeze.arg(100).arg(149), {})); // 4.0–6.0 s
    QVERIFY(makeFaultSource(fixture(QStringLiteral("silence")), {}, silence));
    QVERIFY(makeFaultSource(fixture(QStringLiteral("loud")), {}, QStringLiteral("volume=enable='between(t,5,6.999)':volume=10dB")));
    QVERIFY(makeFaultSource(fixture(QStringLiteral("quiet")), {}, QStringLiteral("volume=-7dB")));
    QVERIFY(makeFaultSource(fixture(QStringLiteral("short_audio")), {}, {}, 11));
    QVERIFY(makeFaultSource(fixture(QStringLiteral("combo")), black + u',' + freeze.arg(225).arg(274), silence)); // freeze 9–11 s
}

void TestQc::faultInFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("failing"); // every check with a fail event, sorted
    QTest::addColumn<QString>("check");       // the one whose event is measured
    QTest::addColumn<double>("start");        // -1: not a span
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<double>("value");        // for non-span events
    QTest::newRow("clean") << QStringLiteral("clean") << QStringList{} << QString() << -1.0 << -1.0 << 0.0 << 0.0;
    QTest::newRow("black 4-7 s") << QStringLiteral("black") << QStringList{QStringLiteral("black")} << QStringLiteral("black") << 4.0 << 7.0 << kVideoTol << 0.0;
    QTest::newRow("frozen 4-6 s") << QStringLiteral("freeze") << QStringList{QStringLiteral("freeze")} << QStringLiteral("freeze") << 4.0 << 6.0 << kVideoTol << 0.0;
    QTest::newRow("silence 3-7 s") << QStringLiteral("silence") << QStringList{QStringLiteral("silence")} << QStringLiteral("silence") << 3.0 << 7.0 << kAudioTol << 0.0;
    // The loud section also lifts the integrated loudness 4 LU over the target.
    QTest::newRow("10 LU loud 5-7 s") << QStringLiteral("loud") << QStringList{QStringLiteral("loud_section"), QStringLiteral("loudness")}
                                      << QStringLiteral("loud_section") << 5.0 << 7.0 << kAudioTol << 0.0;
    QTest::newRow("quiet -30 LUFS") << QStringLiteral("quiet") << QStringList{QStringLiteral("loudness")} << QStringLiteral("loudness") << -1.0 << -1.0 << 1.0 << -30.0;
    QTest::newRow("audio 1 s short") << QStringLiteral("short_audio") << QStringList{QStringLiteral("av_duration_mismatch")}
                                     << QStringLiteral("av_duration_mismatch") << -1.0 << -1.0 << 0.05 << 1.0;
}

void TestQc::faultInFile()
{
    QFETCH(QString, name);
    QFETCH(QStringList, failing);
    QFETCH(QString, check);
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, tolerance);
    QFETCH(double, value);
    const ProcessResult r = runCli({QStringLiteral("qc"), fixture(name), QStringLiteral("--preset"), m_failPreset, QStringLiteral("--json")});
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    const QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report.value(QStringLiteral("schema")).toString(), QStringLiteral("rendition.qc/1"));
    QCOMPARE(failChecks(report), failing);
    QCOMPARE(r.exitCode, failing.isEmpty() ? 0 : 1);
    QCOMPARE(report.value(QStringLiteral("passed")).toBool(), failing.isEmpty());
    if (check.isEmpty()) return;
    const QList<QJsonObject> events = eventsOf(report, check);
    QCOMPARE(events.size(), 1);
    const QJsonObject &e = events.first();
    QVERIFY(!e.value(QStringLiteral("message")).toString().isEmpty());
    if (start >= 0) {
        QVERIFY2(std::abs(e.value(QStringLiteral("start_s")).toDouble() - start) <= tolerance, qPrintable(near(e, start, end)));
        QVERIFY2(std::abs(e.value(QStringLiteral("end_s")).toDouble() - end) <= tolerance, qPrintable(near(e, start, end)));
    } else {
        QVERIFY2(std::abs(e.value(QStringLiteral("value")).toDouble() - value) <= tolerance, qPrintable(e.value(QStringLiteral("message")).toString()));
    }
}

void TestQc::humanOutputOneLinePerEvent()
{
    const ProcessResult r = runCli({QStringLiteral("qc"), fixture(QStringLiteral("black")), QStringLiteral("--preset"), m_failPreset});
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
    const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(QStringLiteral("fail black: black picture for 3.0 s from 00:00:04.000 in ")), qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("FAILED (1 fail, 0 warn)"));
    const ProcessResult clean = runCli({QStringLiteral("qc"), fixture(QStringLiteral("clean")), QStringLiteral("--preset"), m_failPreset});
    QCOMPARE(clean.exitCode, 0);
    QCOMPARE(QString::fromUtf8(clean.out).trimmed(), QStringLiteral("PASSED (0 fail, 0 warn)"));
}

void TestQc::publishedPackageAtProgramTimes()
{
    const QString out = m_tmp.filePath(QStringLiteral("packages"));
    const ProcessResult run = runRendition(m_warnPreset, out, {fixture(QStringLiteral("combo"))});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QString version = out + QStringLiteral("/combo/v1");
    QVERIFY(readManifest(version).value(QStringLiteral("package")).toObject().value(QStringLiteral("start_offset_s")).toDouble() > 0);

    const ProcessResult r = runCli({QStringLiteral("qc"), version, QStringLiteral("--preset"), m_failPreset, QStringLiteral("--json")});
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
    const QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(failChecks(report), (QStringList{QStringLiteral("black"), QStringLiteral("freeze"), QStringLiteral("silence")}));
    const struct { const char *check; double start, end, tolerance; const char *rendition; } expected[] = {
        {"black", 4.0, 7.0, kVideoTol, "180p"}, {"freeze", 9.0, 11.0, kVideoTol, "180p"}, {"silence", 3.0, 7.0, kAudioTol, "aac-128k"}};
    for (const auto &x : expected) {
        const QList<QJsonObject> events = eventsOf(report, QString::fromLatin1(x.check));
        QCOMPARE(events.size(), 1);
        const QJsonObject &e = events.first();
        QCOMPARE(e.value(QStringLiteral("rendition")).toString(), QString::fromLatin1(x.rendition)); // black/freeze: smallest rung
        QVERIFY2(std::abs(e.value(QStringLiteral("start_s")).toDouble() - x.start) <= x.tolerance, qPrintable(near(e, x.start, x.end)));
        QVERIFY2(std::abs(e.value(QStringLiteral("end_s")).toDouble() - x.end) <= x.tolerance, qPrintable(near(e, x.start, x.end)));
    }
    const QJsonObject metrics = report.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("renditions")).toObject();
    for (const QString &rung : {QStringLiteral("360p"), QStringLiteral("180p")}) {
        const QJsonObject m = metrics.value(rung).toObject();
        QCOMPARE(m.value(QStringLiteral("frames")).toInt(), 300);
        QVERIFY2(std::abs(m.value(QStringLiteral("duration_s")).toDouble() - 12.0) < 0.05, qPrintable(rung));
        QVERIFY(m.value(QStringLiteral("frames_compared")).toInt() >= 12); // ≥ 1 frame per second
        QVERIFY2(m.value(QStringLiteral("psnr_avg_db")).toDouble() > 30, qPrintable(rung));
        QVERIFY(m.value(QStringLiteral("psnr_min_db")).toDouble() <= m.value(QStringLiteral("psnr_avg_db")).toDouble());
        QVERIFY2(m.value(QStringLiteral("ssim_avg")).toDouble() > 0.9 && m.value(QStringLiteral("ssim_avg")).toDouble() <= 1.0, qPrintable(rung));
        QVERIFY(m.value(QStringLiteral("measured_bitrate_bps")).toDouble() > 0);
    }
    const QJsonObject audio = metrics.value(QStringLiteral("aac-128k")).toObject();
    QVERIFY(std::abs(audio.value(QStringLiteral("integrated_lufs")).toDouble() - (-23.0)) < 1.5);
    QVERIFY(audio.contains(QStringLiteral("lra_lu")) && audio.contains(QStringLiteral("true_peak_dbtp")));
}

void TestQc::usageAndBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("no FILE") << QStringList{QStringLiteral("--preset"), QStringLiteral("web-h264-ladder")} << 2;
    QTest::newRow("no preset") << QStringList{QStringLiteral("@clean")} << 2;
    QTest::newRow("unknown preset") << QStringList{QStringLiteral("@clean"), QStringLiteral("--preset"), QStringLiteral("no-such-preset")} << 2;
    QTest::newRow("unknown option") << QStringList{QStringLiteral("@clean"), QStringLiteral("--frobnicate")} << 2;
    QTest::newRow("missing file") << QStringList{QStringLiteral("@nothing-here"), QStringLiteral("--preset"), QStringLiteral("web-h264-ladder")} << 1;
    QTest::newRow("not media") << QStringList{QStringLiteral("@notes"), QStringLiteral("--preset"), QStringLiteral("web-h264-ladder")} << 1;
    QTest::newRow("folder without manifest") << QStringList{QStringLiteral("@"), QStringLiteral("--preset"), QStringLiteral("web-h264-ladder")} << 1;
}

void TestQc::usageAndBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFile notes(m_tmp.filePath(QStringLiteral("notes.mp4")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("delivery notes, not a video\n");
    notes.close();
    for (QString &a : args)
        if (a.startsWith(u'@')) a = a.size() == 1 ? m_tmp.path() : fixture(a.mid(1)); // "@name" → a file in the temp dir
    const ProcessResult r = runCli(QStringList{QStringLiteral("qc")} + args);
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(!r.err.trimmed().isEmpty()); // says what was wrong
}

QTEST_GUILESS_MAIN(TestQc)
#include "tst_qc.moc"
