// Probe / ingest validation: good media (real values), bad media (problem code + severity),
// cancel and timeout paths, JSON round trip, and the `rendition-cli probe` subcommand.

#include "core/media/Probe.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <QtConcurrent>

using namespace rendition;

namespace {

const QString kGood = QStringLiteral(RENDITION_FIXTURES "/good/");
const QString kBad = QStringLiteral(RENDITION_FIXTURES "/bad/");
const QString kUnicodeName = QStringLiteral("Zürich café — take 2.mp4");

QStringList problemCodes(const ProbeResult &r)
{
    QStringList codes;
    for (const ProbeProblem &p : r.problems) codes << p.code;
    codes.sort();
    return codes;
}

Severity severityOf(const ProbeResult &r, const QString &code)
{
    for (const ProbeProblem &p : r.problems)
        if (p.code == code) return p.severity;
    return Severity::Invalid;
}

QString sha256sum(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("sha256sum"), {path});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    return QString::fromLatin1(p.readAllStandardOutput()).section(u' ', 0, 0);
}

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RENDITION_CLI), args);
    CliRun run;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

} // namespace

class TestProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goodMedia_data();
    void goodMedia();
    void badMedia_data();
    void badMedia();
    void unicodeAndSpaces();
    void notFound();
    void variableFrameRateStream();
    void subtitlesAreTyped();
    void hashSkipped();
    void concurrentProbes();
    void cancelBeforeStart();
    void cancelWhileRunning();
    void cancelHash();
    void analysisTimeout();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonRejectsBadInput_data();
    void jsonRejectsBadInput();
    void cliExitCodes_data();
    void cliExitCodes();
    void cliJson();
    void cliHumanSummary();
};

void TestProbe::initTestCase()
{
    av_log_set_level(AV_LOG_QUIET);
    QVERIFY2(QFileInfo::exists(kGood + QStringLiteral("bars_1080p25.mp4")), "fixtures not generated");
    QVERIFY2(QFileInfo::exists(kBad + QStringLiteral("vfr.mkv")), "bad fixtures not generated");
    QVERIFY(QFileInfo::exists(QStringLiteral(RENDITION_CLI)));
}

void TestProbe::goodMedia_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("container");
    QTest::addColumn<double>("duration");
    QTest::addColumn<QString>("vcodec"); // empty: no video expected
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QSize>("fps");   // num x den
    QTest::addColumn<QSize>("sar");
    QTest::addColumn<QSize>("dar");
    QTest::addColumn<QString>("fieldOrder");
    QTest::addColumn<int>("channels"); // 0: no audio expected
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QStringList>("warnings");

    const QString mp4 = QStringLiteral("mov,mp4,m4a,3gp,3g2,mj2");
    const QString mkv = QStringLiteral("matroska,webm");
    const QString prog = QStringLiteral("progressive");
    QTest::newRow("1080p25") << "bars_1080p25.mp4" << mp4 << 12.0 << "h264" << "Main" << QSize(1920, 1080)
                             << QSize(25, 1) << QSize(1, 1) << QSize(16, 9) << prog << 2 << "stereo"
                             << QStringList{};
    QTest::newRow("720p29.97") << "ntsc_720p2997.mp4" << mp4 << 8.008 << "h264" << "Main" << QSize(1280, 720)
                               << QSize(30000, 1001) << QSize(1, 1) << QSize(16, 9) << prog << 2 << "stereo"
                               << QStringList{};
    QTest::newRow("23.976 mkv") << "film_23976.mkv" << mkv << 8.0 << "h264" << "Constrained Baseline"
                                << QSize(1280, 720) << QSize(24000, 1001) << QSize(1, 1) << QSize(16, 9)
                                << prog << 1 << "mono" << QStringList{};
    QTest::newRow("59.94") << "sport_5994.mp4" << mp4 << 6.006 << "h264" << "Constrained Baseline"
                           << QSize(640, 360) << QSize(60000, 1001) << QSize(1, 1) << QSize(16, 9) << prog << 1
                           << "mono" << QStringList{};
    QTest::newRow("anamorphic interlaced")
        << "pal_anamorphic_interlaced.mp4" << mp4 << 8.0 << "h264" << "Main" << QSize(720, 576) << QSize(25, 1)
        << QSize(64, 45) << QSize(16, 9) << "tt" << 1 << "mono" << QStringList{QStringLiteral("interlaced")};
    QTest::newRow("audio only") << "audio_only.m4a" << mp4 << 5.0 << "" << "" << QSize() << QSize() << QSize()
                                << QSize() << "" << 1 << "mono" << QStringList{QStringLiteral("no_video_stream")};
    QTest::newRow("video only") << "video_only.mp4" << mp4 << 5.0 << "h264" << "Constrained Baseline"
                                << QSize(640, 360) << QSize(25, 1) << QSize(1, 1) << QSize(16, 9) << prog << 0
                                << "" << QStringList{QStringLiteral("no_audio_stream")};
}

void TestProbe::goodMedia()
{
    QFETCH(QString, file);
    QFETCH(QString, container);
    QFETCH(double, duration);
    QFETCH(QString, vcodec);
    QFETCH(QString, profile);
    QFETCH(QSize, size);
    QFETCH(QSize, fps);
    QFETCH(QSize, sar);
    QFETCH(QSize, dar);
    QFETCH(QString, fieldOrder);
    QFETCH(int, channels);
    QFETCH(QString, layout);
    QFETCH(QStringList, warnings);

    const QString path = kGood + file;
    const ProbeResult r = probe(path);
    QCOMPARE(r.path, QFileInfo(path).absoluteFilePath());
    QCOMPARE(problemCodes(r), warnings);
    QVERIFY(!r.hasFatal());
    QCOMPARE(r.container, container);
    QVERIFY2(qAbs(r.durationSeconds - duration) < 0.1, qPrintable(QString::number(r.durationSeconds)));
    QCOMPARE(r.sizeBytes, QFileInfo(path).size());
    QVERIFY(r.bitrateBps > 0);
    QCOMPARE(r.sha256, sha256sum(path));
    QCOMPARE(r.sha256.size(), 64);

    const StreamInfo *v = r.bestVideo();
    if (vcodec.isEmpty()) {
        QVERIFY(!v);
    } else {
        QVERIFY(v);
        QCOMPARE(v->type, QStringLiteral("video"));
        QCOMPARE(v->codec, vcodec);
        QCOMPARE(v->profile, profile);
        QCOMPARE(QSize(v->width, v->height), size);
        QCOMPARE(QSize(v->frameRateNum, v->frameRateDen), fps);
        QCOMPARE(QSize(v->sarNum, v->sarDen), sar);
        QCOMPARE(QSize(v->darNum, v->darDen), dar);
        QCOMPARE(v->fieldOrder, fieldOrder);
        QCOMPARE(v->pixelFormat, QStringLiteral("yuv420p"));
        QCOMPARE(v->bitDepth, 8);
        QVERIFY(!v->variableFrameRate);
        QVERIFY(!v->attachedPicture);
    }
    const StreamInfo *a = r.bestAudio();
    if (channels == 0) {
        QVERIFY(!a);
    } else {
        QVERIFY(a);
        QCOMPARE(a->codec, QStringLiteral("aac"));
        QCOMPARE(a->profile, QStringLiteral("LC"));
        QCOMPARE(a->channels, channels);
        QCOMPARE(a->channelLayout, layout);
        QCOMPARE(a->sampleRate, 48000);
        QCOMPARE(a->sampleFormat, QStringLiteral("fltp"));
        QVERIFY(a->durationSeconds > duration - 0.2);
    }
}

void TestProbe::badMedia_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Severity>("severity");

    const auto fatal = Severity::Fatal;
    const auto warning = Severity::Warning;
    QTest::newRow("empty") << "empty.mp4" << problem::EmptyFile << fatal;
    QTest::newRow("text renamed .mp4") << "text_renamed.mp4" << problem::NotMedia << fatal;
    QTest::newRow("random bytes .mov") << "random_bytes.mov" << problem::NotMedia << fatal;
    QTest::newRow("directory named .mp4") << "dir.mp4" << problem::NotAFile << fatal;
    QTest::newRow("truncated, moov at end") << "truncated_moov_at_end.mp4" << problem::Truncated << fatal;
    QTest::newRow("truncated faststart mov") << "truncated_faststart.mov" << problem::Truncated << fatal;
    QTest::newRow("truncated mkv") << "truncated.mkv" << problem::Truncated << fatal;
    QTest::newRow("header only") << "header_only.mp4" << problem::Truncated << fatal;
    QTest::newRow("no tracks") << "no_tracks.mp4" << problem::NotMedia << fatal;
    QTest::newRow("subtitles only") << "subtitles_only.mkv" << problem::NotMedia << fatal;
    QTest::newRow("one frame") << "one_frame.mp4" << problem::ZeroDuration << fatal;
    QTest::newRow("16000x16000") << "absurd_16000x16000.y4m" << problem::DimensionsOutOfRange << fatal;
    QTest::newRow("30000x30000") << "absurd_30000x30000.y4m" << problem::Unreadable << fatal;
    QTest::newRow("8x8") << "tiny_8x8.mkv" << problem::DimensionsOutOfRange << fatal;
    QTest::newRow("unknown codec") << "unknown_codec.mov" << problem::UnsupportedCodec << fatal;
    QTest::newRow("odd dimensions") << "odd_641x359.mp4" << problem::OddDimensions << warning;
    QTest::newRow("variable frame rate") << "vfr.mkv" << problem::VariableFrameRate << warning;
}

void TestProbe::badMedia()
{
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(Severity, severity);

    QElapsedTimer timer;
    timer.start();
    const ProbeResult r = probe(kBad + file);
    QVERIFY2(timer.elapsed() < 10000, "probe must stay bounded on bad input");
    QVERIFY2(r.hasProblem(code), qPrintable(problemCodes(r).join(u',')));
    QCOMPARE(severityOf(r, code), severity);
    QCOMPARE(r.hasFatal(), severity == Severity::Fatal);
    for (const ProbeProblem &p : r.problems) {
        QVERIFY(!p.message.isEmpty());
        QVERIFY2(p.message.endsWith(u'.') || p.message.endsWith(u')'), qPrintable(p.message));
    }
}

void TestProbe::unicodeAndSpaces()
{
    const QString path = kGood + kUnicodeName;
    const ProbeResult r = probe(path);
    QVERIFY2(!r.hasFatal(), qPrintable(problemCodes(r).join(u',')));
    QCOMPARE(r.path, QFileInfo(path).absoluteFilePath());
    QVERIFY(r.bestVideo());
    QCOMPARE(r.bestVideo()->frameRateNum, 60000);
    QCOMPARE(r.sha256, sha256sum(kGood + QStringLiteral("sport_5994.mp4"))); // it is a byte copy
}

void TestProbe::notFound()
{
    const ProbeResult r = probe(kBad + QStringLiteral("does not exist.mp4"));
    QCOMPARE(problemCodes(r), QStringList{problem::NotFound});
    QCOMPARE(severityOf(r, problem::NotFound), Severity::Fatal);
    QVERIFY(r.streams.isEmpty());
}

void TestProbe::variableFrameRateStream()
{
    const ProbeResult vfr = probe(kBad + QStringLiteral("vfr.mkv"), {});
    QVERIFY(vfr.bestVideo());
    QVERIFY(vfr.bestVideo()->variableFrameRate);
    QVERIFY(vfr.bestAudio()); // audio is intact: only a warning
    // Container rates alone cannot tell: FFmpeg still reports an average of 25 fps.
    QCOMPARE(vfr.bestVideo()->frameRateNum, 25);
    const ProbeResult cfr = probe(kGood + QStringLiteral("film_23976.mkv"), {});
    QVERIFY(!cfr.bestVideo()->variableFrameRate); // 41/42 ms ticks of Matroska rounding are not VFR
}

void TestProbe::subtitlesAreTyped()
{
    const ProbeResult r = probe(kBad + QStringLiteral("subtitles_only.mkv"));
    QCOMPARE(r.streams.size(), 1);
    QCOMPARE(r.streams[0].type, QStringLiteral("subtitle"));
    QCOMPARE(r.streams[0].codec, QStringLiteral("subrip"));
    QCOMPARE(r.subtitleCount(), 1);
    QVERIFY(!r.bestVideo());
    QVERIFY(!r.bestAudio());
}

void TestProbe::hashSkipped()
{
    ProbeOptions options;
    options.hash = HashMode::Skip;
    const ProbeResult r = probe(kGood + QStringLiteral("video_only.mp4"), options);
    QVERIFY(r.sha256.isEmpty());
    QVERIFY(!r.hasFatal());
}

void TestProbe::concurrentProbes()
{
    const QStringList files{kGood + "ntsc_720p2997.mp4", kGood + "film_23976.mkv", kBad + "vfr.mkv",
                            kBad + "truncated.mkv", kBad + "unknown_codec.mov", kGood + kUnicodeName};
    ProbeOptions options;
    options.hash = HashMode::Skip;
    const QList<ProbeResult> parallel =
        QtConcurrent::blockingMapped(files, [&](const QString &f) { return probe(f, options); });
    QCOMPARE(parallel.size(), files.size());
    for (qsizetype i = 0; i < files.size(); ++i)
        QCOMPARE(parallel[i].toJson(), probe(files[i], options).toJson());
}

void TestProbe::cancelBeforeStart()
{
    CancelToken cancel;
    cancel.cancel();
    QElapsedTimer timer;
    timer.start();
    const ProbeResult r = probe(kGood + QStringLiteral("bars_1080p25.mp4"), {}, cancel);
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(r.hasFatal());
    QCOMPARE(severityOf(r, problem::Unreadable), Severity::Fatal);
    QVERIFY(r.sha256.isEmpty());
}

void TestProbe::cancelWhileRunning()
{
    CancelToken cancel;
    QFuture<ProbeResult> future = QtConcurrent::run([cancel] {
        return probe(kGood + QStringLiteral("bars_1080p25.mp4"), {}, cancel);
    });
    cancel.cancel();
    QElapsedTimer timer;
    timer.start();
    const ProbeResult r = future.result();
    QVERIFY(timer.elapsed() < 5000);
    // Either the cancel landed (fatal unreadable, no checksum) or the probe had already finished.
    if (r.hasFatal()) {
        QCOMPARE(severityOf(r, problem::Unreadable), Severity::Fatal);
        QVERIFY(r.sha256.isEmpty());
    } else {
        QCOMPARE(r.sha256.size(), 64);
    }
}

void TestProbe::cancelHash()
{
    CancelToken cancel;
    cancel.cancel();
    const Result<QString> digest = sha256File(kGood + QStringLiteral("bars_1080p25.mp4"), cancel);
    QVERIFY(!digest.ok());
    QCOMPARE(digest.error().code, QStringLiteral("probe.canceled"));

    const Result<QString> missing = sha256File(kBad + QStringLiteral("nope.bin"));
    QVERIFY(!missing.ok());
    const Result<QString> empty = sha256File(kBad + QStringLiteral("empty.mp4"));
    QVERIFY(empty.ok());
    QCOMPARE(empty.value(), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestProbe::analysisTimeout()
{
    ProbeOptions options;
    options.maxAnalyzeMs = 0; // the budget is spent before the first read
    options.hash = HashMode::Skip;
    const ProbeResult r = probe(kGood + QStringLiteral("bars_1080p25.mp4"), options);
    QCOMPARE(problemCodes(r), QStringList{problem::ProbeTimeout});
    QCOMPARE(severityOf(r, problem::ProbeTimeout), Severity::Fatal);
}

void TestProbe::jsonRoundTrip_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("anamorphic") << kGood + "pal_anamorphic_interlaced.mp4";
    QTest::newRow("mkv") << kGood + "film_23976.mkv";
    QTest::newRow("audio only") << kGood + "audio_only.m4a";
    QTest::newRow("unicode") << kGood + kUnicodeName;
    QTest::newRow("vfr") << kBad + "vfr.mkv";
    QTest::newRow("subtitles") << kBad + "subtitles_only.mkv";
    QTest::newRow("truncated") << kBad + "truncated_faststart.mov";
    QTest::newRow("not found") << kBad + "missing.mp4";
}

void TestProbe::jsonRoundTrip()
{
    QFETCH(QString, path);
    ProbeOptions options;
    options.hash = HashMode::Skip;
    const ProbeResult r = probe(path, options);
    const QJsonObject json = r.toJson();
    QCOMPARE(json.value(u"schema").toString(), QStringLiteral("rendition.probe/1"));
    QCOMPARE(json.value(u"path").toString(), r.path);
    QCOMPARE(json.value(u"streams").toArray().size(), r.streams.size());
    // Through text, as the CLI and job specs carry it.
    const QJsonObject reparsed = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
    const Result<ProbeResult> back = ProbeResult::fromJson(reparsed);
    QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().toString()));
    QCOMPARE(back->toJson(), json);
    QCOMPARE(problemCodes(*back), problemCodes(r));
    QCOMPARE(back->hasFatal(), r.hasFatal());
    if (const StreamInfo *v = r.bestVideo()) {
        QVERIFY(back->bestVideo());
        QCOMPARE(back->bestVideo()->sarNum, v->sarNum);
        QCOMPARE(back->bestVideo()->darDen, v->darDen);
        QCOMPARE(back->bestVideo()->frameRateDen, v->frameRateDen);
        QCOMPARE(back->bestVideo()->fieldOrder, v->fieldOrder);
    }
}

void TestProbe::jsonRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("context");
    QTest::newRow("wrong schema") << QByteArray(R"({"schema":"rendition.probe/99","path":"/a","streams":[],"problems":[]})")
                                  << "schema";
    QTest::newRow("no path") << QByteArray(R"({"schema":"rendition.probe/1","streams":[],"problems":[]})") << "path";
    QTest::newRow("streams not array") << QByteArray(R"({"schema":"rendition.probe/1","path":"/a","streams":{},"problems":[]})")
                                       << "streams";
    QTest::newRow("bad severity")
        << QByteArray(R"({"schema":"rendition.probe/1","path":"/a","streams":[],"problems":[{"code":"x","severity":"meh"}]})")
        << "problems[0]";
}

void TestProbe::jsonRejectsBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, context);
    const Result<ProbeResult> r = ProbeResult::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().context, context);
    QVERIFY(!r.error().message.isEmpty());
    QCOMPARE(severityFromName(QStringLiteral("fatal")), Severity::Fatal);
    QCOMPARE(severityName(Severity::Warning), QStringLiteral("warning"));
    QCOMPARE(severityFromName(QStringLiteral("FATAL")), Severity::Invalid);
}

void TestProbe::cliExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("good") << QStringList{"probe", "--no-hash", kGood + "ntsc_720p2997.mp4"} << 0;
    QTest::newRow("good, warnings only") << QStringList{"probe", kGood + "audio_only.m4a", kBad + "vfr.mkv"} << 0;
    QTest::newRow("bad") << QStringList{"probe", kBad + "truncated_moov_at_end.mp4"} << 1;
    QTest::newRow("good + bad") << QStringList{"probe", "--json", kGood + "video_only.mp4", kBad + "dir.mp4"} << 1;
    QTest::newRow("missing") << QStringList{"probe", kBad + "missing.mp4"} << 1;
    QTest::newRow("no file") << QStringList{"probe"} << 2;
    QTest::newRow("no file, json") << QStringList{"probe", "--json"} << 2;
    QTest::newRow("unknown option") << QStringList{"probe", "--frobnicate", kGood + "video_only.mp4"} << 2;
    QTest::newRow("help") << QStringList{"probe", "--help"} << 0;
}

void TestProbe::cliExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 2) QVERIFY(!run.err.isEmpty());
    if (exitCode == 1) {
        // stderr names every rejected file
        const QString last = args.last();
        QVERIFY2(QString::fromUtf8(run.err).contains(last), run.err.constData());
    }
}

void TestProbe::cliJson()
{
    const QString good = kGood + kUnicodeName;
    const QString bad = kBad + QStringLiteral("unknown_codec.mov");
    const CliRun run = runCli({QStringLiteral("probe"), QStringLiteral("--json"), good, bad});
    QCOMPARE(run.exitCode, 1);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(doc.isArray());
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), 2);

    const Result<ProbeResult> first = ProbeResult::fromJson(array[0].toObject());
    QVERIFY(first.ok());
    QCOMPARE(first->path, QFileInfo(good).absoluteFilePath());
    QCOMPARE(first->sha256, sha256sum(good));
    QVERIFY(!first->hasFatal());
    QCOMPARE(first->bestVideo()->width, 640);

    const Result<ProbeResult> second = ProbeResult::fromJson(array[1].toObject());
    QVERIFY(second.ok());
    QVERIFY(second->hasProblem(problem::UnsupportedCodec));
    QCOMPARE(severityOf(*second, problem::UnsupportedCodec), Severity::Fatal);
    QCOMPARE(second->streams.value(0).codec, QStringLiteral("unknown"));
    QVERIFY(QString::fromUtf8(run.err).contains(bad));
    QVERIFY(!QString::fromUtf8(run.err).contains(good));
}

void TestProbe::cliHumanSummary()
{
    const CliRun run = runCli({QStringLiteral("probe"), QStringLiteral("--no-hash"),
                               kGood + QStringLiteral("pal_anamorphic_interlaced.mp4")});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    for (const char *expected : {"720x576", "SAR 64:45 DAR 16:9", "25.000 fps", "tt", "interlaced", "48000 Hz",
                                 "mono", "h264 (Main)", "aac (LC)", "8-bit", "(not computed)"})
        QVERIFY2(out.contains(QLatin1String(expected)), expected);
    QVERIFY(run.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
