// Loudness measurement: EBU Tech 3341 (integrated loudness, true peak) and Tech 3342 (loudness
// range) conformance on signals generated with ffmpeg aevalsrc at exact amplitudes; the
// streaming meter (block-size independence, curve, silence, true peak against libebur128);
// measureLoudness's paths (video skipped, downmix, no audio, bad file, progress, cancel); and
// `rendition-cli probe --loudness`.

#include "core/media/Loudness.h"

#include <ebur128.h>

extern "C" {
#include <libavutil/log.h>
}

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace rendition;

namespace {

struct Segment {
    double dbfs;
    double seconds;
};

QString num(double v)
{
    return QString::number(v, 'g', 17);
}

double amplitude(double dbfs)
{
    return std::pow(10.0, dbfs / 20.0);
}

// 1 kHz sine whose amplitude steps through `segments`: A1 until T1, A2 until T2, ...
QString sineSequence(const QList<Segment> &segments, double hz = 1000)
{
    QString amp = num(amplitude(segments.last().dbfs));
    double end = 0;
    for (const Segment &s : segments)
        end += s.seconds;
    for (qsizetype i = segments.size() - 2; i >= 0; --i) {
        end -= segments[i + 1].seconds;
        amp = QStringLiteral("if(lt(t,%1),%2,%3)").arg(num(end), num(amplitude(segments[i].dbfs)), amp);
    }
    return QStringLiteral("%1*sin(2*PI*%2*t)").arg(amp, num(hz));
}

double totalSeconds(const QList<Segment> &segments)
{
    double total = 0;
    for (const Segment &s : segments)
        total += s.seconds;
    return total;
}

bool runFfmpeg(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("ffmpeg"),
            QStringList{QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                        QStringLiteral("error"), QStringLiteral("-y")} +
                args);
    if (!p.waitForFinished(300000)) return false;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("ffmpeg %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
        return false;
    }
    return true;
}

// One float WAV from aevalsrc: one expression per channel of `layout`.
// `then`: filters after the source (e.g. ",afade=...").
bool generate(const QString &path, const QStringList &exprs, const QString &layout, double seconds,
              const QString &then = {})
{
    const QString src =
        QStringLiteral("aevalsrc=exprs='%1':c=%2:s=48000:d=%3").arg(exprs.join(u'|'), layout, num(seconds)) + then;
    return runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), src, QStringLiteral("-c:a"),
                      QStringLiteral("pcm_f32le"), path});
}

// Noise + tones with a slow envelope: something with peaks, gating and a range.
std::vector<float> programme(size_t frames, int channels, int rate, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.05f);
    std::vector<float> x(frames * size_t(channels));
    for (size_t i = 0; i < frames; ++i) {
        const double t = double(i) / rate;
        const double env = 0.55 + 0.45 * std::sin(2 * M_PI * 0.3 * t);
        for (int c = 0; c < channels; ++c)
            x[i * size_t(channels) + size_t(c)] =
                float(env * (0.3 * std::sin(2 * M_PI * (220.0 + 110 * c) * t) + 0.1 * std::sin(2 * M_PI * 3150 * t))) +
                noise(rng);
    }
    return x;
}

AVChannelLayout defaultLayout(int channels)
{
    AVChannelLayout l{};
    av_channel_layout_default(&l, channels);
    return l;
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

class TestLoudness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ebuIntegrated_data();
    void ebuIntegrated();
    void ebuTruePeak_data();
    void ebuTruePeak();
    void ebuRange_data();
    void ebuRange();
    void truePeakMatchesLibebur128_data();
    void truePeakMatchesLibebur128();
    void meterBlockSizes_data();
    void meterBlockSizes();
    void curveMatchesLibebur128();
    void silence();
    void videoIsNeverDecoded();
    void downmix();
    void badInput_data();
    void badInput();
    void progress();
    void cancel_data();
    void cancel();
    void cli();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestLoudness::initTestCase()
{
    av_log_set_level(AV_LOG_QUIET);
    QVERIFY(m_dir.isValid());
    // EBU Tech 3341 (v3) minimum-requirement signals, 48 kHz 1 kHz sines unless noted.
    struct Sequence {
        const char *name;
        QList<Segment> segments;
    };
    const QList<Sequence> stereo{
        {"3341-1", {{-23, 20}}},
        {"3341-2", {{-33, 20}}},
        {"3341-3", {{-36, 10}, {-23, 60}, {-36, 10}}},                       // relative gate
        {"3341-4", {{-72, 10}, {-36, 10}, {-23, 60}, {-36, 10}, {-72, 10}}}, // absolute + relative gate
        {"3341-5", {{-26, 20}, {-20, 20.1}, {-26, 20}}},
        // EBU Tech 3342 loudness range signals.
        {"3342-1", {{-20, 20}, {-30, 20}}},
        {"3342-2", {{-20, 20}, {-15, 20}}},
        {"3342-3", {{-40, 20}, {-20, 20}}},
        {"3342-4", {{-50, 20}, {-35, 20}, {-20, 20}, {-35, 20}, {-50, 20}}},
    };
    for (const Sequence &s : stereo) {
        const QString e = sineSequence(s.segments);
        QVERIFY2(generate(file(QString::fromLatin1(s.name) + QStringLiteral(".wav")), {e, e}, QStringLiteral("stereo"),
                          totalSeconds(s.segments)),
                 s.name);
    }
    // 3341 case 6: 5.0, L/R -28 dBFS, C -24, Ls/Rs -30 (surround weighted +1.5 dB).
    const QString l28 = sineSequence({{-28, 20}}), c24 = sineSequence({{-24, 20}}), s30 = sineSequence({{-30, 20}});
    QVERIFY(generate(file(QStringLiteral("3341-6.wav")), {l28, l28, c24, s30, s30}, QStringLiteral("5.0"), 20));
    // Our variant of case 6: 5.1 with a loud LFE (-10 dBFS 50 Hz) that must be ignored.
    QVERIFY(generate(file(QStringLiteral("3341-6-lfe.wav")),
                     {l28, l28, c24, QStringLiteral("0.316*sin(2*PI*50*t)"), s30, s30}, QStringLiteral("5.1"), 20));
    // 3341 cases 15–19: true peak, sines at fractions of fs with phase offsets that put the
    // peak between samples (peak amplitude 0.5, or 1.41 in case 19). The cases test the
    // steady-state inter-sample peak, so the sine fades in over 10 ms: switched on abruptly
    // at a non-zero sample, the reconstructed onset really overshoots (libebur128 itself reads
    // -5.66 dBTP for case 17 then), which is not what these cases are about.
    const QList<QPair<QString, QString>> tp{
        {QStringLiteral("3341-15"), QStringLiteral("0.5*sin(2*PI*12000*t)")},
        {QStringLiteral("3341-16"), QStringLiteral("0.5*sin(2*PI*12000*t+PI/4)")},
        {QStringLiteral("3341-17"), QStringLiteral("0.5*sin(2*PI*8000*t+PI/3)")},
        {QStringLiteral("3341-18"), QStringLiteral("0.5*sin(2*PI*6000*t+3*PI/8)")},
        {QStringLiteral("3341-19"), QStringLiteral("1.41*sin(2*PI*12000*t+PI/4)")},
    };
    for (const auto &[name, e] : tp)
        QVERIFY(generate(file(name + QStringLiteral(".wav")), {e, e}, QStringLiteral("stereo"), 3,
                         QStringLiteral(",afade=t=in:d=0.01")));

    // Other inputs.
    QVERIFY(generate(file(QStringLiteral("silence.wav")), {QStringLiteral("0"), QStringLiteral("0")},
                     QStringLiteral("stereo"), 5));
    QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                       QStringLiteral("testsrc=size=320x240:rate=25:duration=2"), QStringLiteral("-c:v"),
                       QStringLiteral("mpeg4"), file(QStringLiteral("video-only.mp4"))}));
    // Video + float audio (-23 dBFS stereo sine, 20 s): the video must be discarded unread.
    QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                       QStringLiteral("testsrc=size=320x240:rate=25:duration=20"), QStringLiteral("-i"),
                       file(QStringLiteral("3341-1.wav")), QStringLiteral("-c:v"), QStringLiteral("mpeg4"),
                       QStringLiteral("-c:a"), QStringLiteral("pcm_f32le"), file(QStringLiteral("av.mkv"))}));
    // A long FLAC (integer samples: exercises the conversion path) for progress and cancel.
    QVERIFY(runFfmpeg({QStringLiteral("-i"), file(QStringLiteral("3342-4.wav")), QStringLiteral("-c:a"),
                       QStringLiteral("flac"), QStringLiteral("-sample_fmt"), QStringLiteral("s32"),
                       file(QStringLiteral("long.flac"))}));
    QFile garbage(file(QStringLiteral("not media.mp4")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(4096, 'x'));
}

void TestLoudness::ebuIntegrated_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("expected");
    QTest::newRow("3341-1 -23 dBFS") << "3341-1" << -23.0;
    QTest::newRow("3341-2 -33 dBFS") << "3341-2" << -33.0;
    QTest::newRow("3341-3 relative gate") << "3341-3" << -23.0;
    QTest::newRow("3341-4 absolute gate") << "3341-4" << -23.0;
    QTest::newRow("3341-5 -26/-20/-26") << "3341-5" << -23.0;
    QTest::newRow("3341-6 5.0") << "3341-6" << -23.0;
    QTest::newRow("3341-6 5.1 loud LFE") << "3341-6-lfe" << -23.0;
}

void TestLoudness::ebuIntegrated()
{
    QFETCH(QString, name);
    QFETCH(double, expected);
    Result<LoudnessStats> r = measureLoudness(file(name + QStringLiteral(".wav")), {}, {}, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QVERIFY2(std::fabs(r->integratedLufs - expected) <= 0.1, qPrintable(QString::number(r->integratedLufs)));
}

void TestLoudness::ebuTruePeak_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("expected");
    QTest::newRow("3341-15 fs/4 0°") << "3341-15" << -6.0;
    QTest::newRow("3341-16 fs/4 45°") << "3341-16" << -6.0;
    QTest::newRow("3341-17 fs/6 60°") << "3341-17" << -6.0;
    QTest::newRow("3341-18 fs/8 67.5°") << "3341-18" << -6.0;
    QTest::newRow("3341-19 fs/4 45° +3 dB") << "3341-19" << 3.0;
}

void TestLoudness::ebuTruePeak()
{
    QFETCH(QString, name);
    QFETCH(double, expected);
    Result<LoudnessStats> r = measureLoudness(file(name + QStringLiteral(".wav")), {}, {}, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QVERIFY(r->truePeakMeasured);
    // Tech 3341 tolerance: +0.2 / -0.4 dB.
    QVERIFY2(r->truePeakDbtp <= expected + 0.2 && r->truePeakDbtp >= expected - 0.4,
             qPrintable(QString::number(r->truePeakDbtp)));
    QVERIFY(r->samplePeakDbfs <= r->truePeakDbtp);
}

void TestLoudness::ebuRange_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("expected");
    QTest::newRow("3342-1 -20/-30") << "3342-1" << 10.0;
    QTest::newRow("3342-2 -20/-15") << "3342-2" << 5.0;
    QTest::newRow("3342-3 -40/-20") << "3342-3" << 20.0;
    QTest::newRow("3342-4 -50/-35/-20/-35/-50") << "3342-4" << 15.0;
}

void TestLoudness::ebuRange()
{
    QFETCH(QString, name);
    QFETCH(double, expected);
    Result<LoudnessStats> r = measureLoudness(file(name + QStringLiteral(".wav")), {}, {}, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QVERIFY2(std::fabs(r->rangeLu - expected) <= 1.0, qPrintable(QString::number(r->rangeLu)));
}

void TestLoudness::truePeakMatchesLibebur128_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    QTest::newRow("48 kHz stereo (4×)") << 48000 << 2;
    QTest::newRow("44.1 kHz 5.1 (4×)") << 44100 << 6;
    QTest::newRow("96 kHz mono (2×)") << 96000 << 1;
    QTest::newRow("192 kHz stereo (1×)") << 192000 << 2;
}

void TestLoudness::truePeakMatchesLibebur128()
{
    QFETCH(int, rate);
    QFETCH(int, channels);
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.0f, 0.3f);
    const size_t frames = size_t(rate) * 3;
    std::vector<float> x(frames * size_t(channels));
    for (float &v : x)
        v = noise(rng);
    ebur128_state *ref = ebur128_init(unsigned(channels), static_cast<unsigned long>(rate), EBUR128_MODE_TRUE_PEAK);
    QVERIFY(ref);
    QCOMPARE(ebur128_add_frames_float(ref, x.data(), frames), int(EBUR128_SUCCESS));
    TruePeakDetector ours(channels, rate);
    for (size_t done = 0; done < frames; done += 1001)
        ours.addInterleaved(x.data() + done * size_t(channels), std::min<size_t>(1001, frames - done));
    for (int c = 0; c < channels; ++c) {
        double expected = 0, sample = 0;
        ebur128_true_peak(ref, unsigned(c), &expected);
        ebur128_sample_peak(ref, unsigned(c), &sample);
        const double got = std::max(ours.peak(c), sample);
        QVERIFY2(std::fabs(got - expected) <= 1e-5 * expected,
                 qPrintable(QStringLiteral("ch %1: %2 vs %3").arg(c).arg(got).arg(expected)));
    }
    ebur128_destroy(&ref);
}

void TestLoudness::meterBlockSizes_data()
{
    QTest::addColumn<int>("block");
    QTest::addColumn<bool>("planar");
    for (int block : {1, 7, 333, 4799, 4801, 48001})
        for (bool planar : {false, true})
            QTest::addRow("%d %s", block, planar ? "planar" : "interleaved") << block << planar;
}

void TestLoudness::meterBlockSizes()
{
    QFETCH(int, block);
    QFETCH(bool, planar);
    const int rate = 48000, channels = 2;
    const size_t frames = size_t(rate) * 12 + 123;
    const std::vector<float> x = programme(frames, channels, rate, 3);
    const AVChannelLayout layout = defaultLayout(channels);

    auto whole = LoudnessMeter::create(layout, rate, true);
    QVERIFY(whole.ok());
    QVERIFY((*whole)->addInterleaved(x.data(), frames).ok());
    const LoudnessStats a = (*whole)->result();

    auto pieces = LoudnessMeter::create(layout, rate, true);
    QVERIFY(pieces.ok());
    std::vector<float> left(frames), right(frames);
    for (size_t i = 0; i < frames; ++i) {
        left[i] = x[2 * i];
        right[i] = x[2 * i + 1];
    }
    for (size_t done = 0; done < frames; done += size_t(block)) {
        const size_t n = std::min(size_t(block), frames - done);
        const float *planes[2] = {left.data() + done, right.data() + done};
        QVERIFY(planar ? (*pieces)->addPlanar(planes, n).ok() : (*pieces)->addInterleaved(x.data() + 2 * done, n).ok());
    }
    const LoudnessStats b = (*pieces)->result();
    QVERIFY(a.integratedLufs > -30 && a.integratedLufs < -10); // a real measurement, not a default
    QCOMPARE(b.integratedLufs, a.integratedLufs);
    QCOMPARE(b.rangeLu, a.rangeLu);
    QCOMPARE(b.truePeakDbtp, a.truePeakDbtp);
    QCOMPARE(b.samplePeakDbfs, a.samplePeakDbfs);
    QCOMPARE(b.durationSeconds, a.durationSeconds);
    QCOMPARE(b.curve.size(), a.curve.size());
    QCOMPARE(a.curve.size(), qsizetype(frames / 4800));
    for (qsizetype i = 0; i < a.curve.size(); ++i) {
        QCOMPARE(b.curve[i].timeSeconds, a.curve[i].timeSeconds);
        QCOMPARE(b.curve[i].momentaryLufs, a.curve[i].momentaryLufs);
        QCOMPARE(b.curve[i].shortTermLufs, a.curve[i].shortTermLufs);
    }
}

void TestLoudness::curveMatchesLibebur128()
{
    const int rate = 48000, channels = 2, block = 4800;
    const size_t frames = size_t(rate) * 10;
    const std::vector<float> x = programme(frames, channels, rate, 11);
    auto meter = LoudnessMeter::create(defaultLayout(channels), rate, false, 0.1);
    QVERIFY(meter.ok());
    QVERIFY((*meter)->addInterleaved(x.data(), frames).ok());
    const LoudnessStats s = (*meter)->result();
    QVERIFY(!s.truePeakMeasured);
    QCOMPARE(s.curve.size(), qsizetype(frames / block));

    ebur128_state *ref = ebur128_init(channels, rate, EBUR128_MODE_M | EBUR128_MODE_S);
    for (qsizetype i = 0; i < s.curve.size(); ++i) {
        ebur128_add_frames_float(ref, x.data() + size_t(i) * block * channels, block);
        double m = 0, st = 0;
        ebur128_loudness_momentary(ref, &m);
        ebur128_loudness_shortterm(ref, &st);
        QVERIFY2(std::fabs(s.curve[i].momentaryLufs - std::max(m, -120.0)) < 1e-3, qPrintable(QString::number(i)));
        QVERIFY2(std::fabs(s.curve[i].shortTermLufs - std::max(st, -120.0)) < 1e-3, qPrintable(QString::number(i)));
        QCOMPARE(s.curve[i].timeSeconds, (i + 1) * 0.1);
    }
    ebur128_destroy(&ref);

    // Every 0.5 s: one point per five blocks, the same values.
    auto coarse = LoudnessMeter::create(defaultLayout(channels), rate, false, 0.5);
    QVERIFY(coarse.ok());
    QVERIFY((*coarse)->addInterleaved(x.data(), frames).ok());
    const LoudnessStats c = (*coarse)->result();
    QCOMPARE(c.curve.size(), s.curve.size() / 5);
    QCOMPARE(c.curve[3].shortTermLufs, s.curve[19].shortTermLufs);
}

void TestLoudness::silence()
{
    auto meter = LoudnessMeter::create(defaultLayout(2), 48000, true);
    QVERIFY(meter.ok());
    const std::vector<float> zeros(48000 * 2 * 5, 0.0f);
    QVERIFY((*meter)->addInterleaved(zeros.data(), 48000 * 5).ok());
    for (const LoudnessStats &s :
         {(*meter)->result(), *measureLoudness(file(QStringLiteral("silence.wav")), {}, {}, {})}) {
        QCOMPARE(s.integratedLufs, -120.0);
        QCOMPARE(s.rangeLu, 0.0);
        QCOMPARE(s.truePeakDbtp, -120.0);
        QCOMPARE(s.samplePeakDbfs, -120.0);
        QCOMPARE(s.durationSeconds, 5.0);
        QVERIFY(!s.curve.isEmpty());
        QCOMPARE(s.curve.last().momentaryLufs, -120.0);
        QCOMPARE(s.curve.last().shortTermLufs, -120.0);
        const QJsonObject j = s.toJson(false);
        QCOMPARE(j.value(QStringLiteral("integrated_lufs")).toDouble(), -120.0);
        QVERIFY(!j.contains(QStringLiteral("curve")));
    }
}

void TestLoudness::videoIsNeverDecoded()
{
    Result<LoudnessStats> r = measureLoudness(file(QStringLiteral("av.mkv")), {}, {}, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QVERIFY(std::fabs(r->integratedLufs + 23.0) <= 0.1);
    QCOMPARE(r->channels, 2);
    QVERIFY(std::fabs(r->durationSeconds - 20.0) < 0.05);
}

void TestLoudness::downmix()
{
    LoudnessMeasureOptions options;
    options.downmixChannels = 2;
    Result<LoudnessStats> r = measureLoudness(file(QStringLiteral("3341-6.wav")), options, {}, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->channels, 2);
    QCOMPARE(r->sampleRate, 48000);
    // The stereo downmix folds C and the surrounds in at -3 dB: louder than a plain L/R pair
    // at -28 dBFS, and not the 5.0 value any more.
    QVERIFY2(r->integratedLufs > -28.0 && r->integratedLufs < -18.0, qPrintable(QString::number(r->integratedLufs)));
    QVERIFY(std::fabs(r->integratedLufs + 23.0) > 0.2);
}

void TestLoudness::badInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("code");
    QTest::newRow("no audio stream") << "video-only.mp4"
                                     << "loudness.no_audio";
    QTest::newRow("not media") << "not media.mp4"
                               << "loudness.open";
    QTest::newRow("missing") << "missing.wav"
                             << "loudness.open";
}

void TestLoudness::badInput()
{
    QFETCH(QString, name);
    QFETCH(QString, code);
    Result<LoudnessStats> r = measureLoudness(file(name), {}, {}, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(name), qPrintable(r.error().message)); // names the file
    QCOMPARE(r.error().context, file(name));

    LoudnessMeasureOptions options;
    options.streamIndex = 0; // the video stream, or nothing
    if (name == u"video-only.mp4") {
        Result<LoudnessStats> v = measureLoudness(file(name), options, {}, {});
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, QStringLiteral("loudness.no_audio"));
    }
}

void TestLoudness::progress()
{
    QList<ProgressEvent> events;
    Result<LoudnessStats> r =
        measureLoudness(file(QStringLiteral("long.flac")), {}, [&](const ProgressEvent &e) { events.append(e); }, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QVERIFY(std::fabs(r->rangeLu - 15.0) <= 1.0); // the 3342-4 signal, through FLAC s32
    QVERIFY(events.size() >= 2);
    double last = -1;
    for (const ProgressEvent &e : events) {
        QCOMPARE(e.stage, QStringLiteral("loudness"));
        QVERIFY(e.percent >= last && e.percent <= 100.0);
        last = e.percent;
    }
    QCOMPARE(events.last().percent, 100.0);
}

void TestLoudness::cancel_data()
{
    QTest::addColumn<bool>("before");
    QTest::newRow("before start") << true;
    QTest::newRow("from the progress callback") << false;
}

void TestLoudness::cancel()
{
    QFETCH(bool, before);
    CancelToken token;
    if (before) token.cancel();
    int events = 0;
    Result<LoudnessStats> r = measureLoudness(
        file(QStringLiteral("long.flac")), {},
        [&](const ProgressEvent &) {
            ++events;
            token.cancel();
        },
        token);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("canceled"));
    QVERIFY(r.error().message.contains(QStringLiteral("long.flac")));
    QCOMPARE(events, before ? 0 : 1);
}

void TestLoudness::cli()
{
    const QString wav = file(QStringLiteral("3341-1.wav"));
    CliRun json = runCli({QStringLiteral("probe"), QStringLiteral("--loudness"), QStringLiteral("--no-hash"),
                          QStringLiteral("--json"), wav});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    const QJsonObject loud =
        QJsonDocument::fromJson(json.out).array().at(0).toObject().value(QStringLiteral("loudness")).toObject();
    QVERIFY2(std::fabs(loud.value(QStringLiteral("integrated_lufs")).toDouble(1) + 23.0) <= 0.1, json.out.constData());
    QVERIFY(std::fabs(loud.value(QStringLiteral("true_peak_dbtp")).toDouble(1) + 23.0) <= 0.2);
    QVERIFY(std::fabs(loud.value(QStringLiteral("duration_s")).toDouble() - 20.0) < 0.01);
    QVERIFY(loud.contains(QStringLiteral("range_lu")) && loud.contains(QStringLiteral("sample_peak_dbfs")));
    QVERIFY(!loud.contains(QStringLiteral("curve")));

    CliRun curve = runCli({QStringLiteral("probe"), QStringLiteral("--loudness"), QStringLiteral("--curve"),
                           QStringLiteral("--no-hash"), QStringLiteral("--json"), wav});
    QCOMPARE(curve.exitCode, 0);
    const QJsonObject points = QJsonDocument::fromJson(curve.out)
                                   .array()
                                   .at(0)
                                   .toObject()
                                   .value(QStringLiteral("loudness"))
                                   .toObject()
                                   .value(QStringLiteral("curve"))
                                   .toObject();
    QCOMPARE(points.value(QStringLiteral("time_s")).toArray().size(), 200);
    QCOMPARE(points.value(QStringLiteral("short_term_lufs")).toArray().size(), 200);
    QVERIFY(std::fabs(points.value(QStringLiteral("momentary_lufs")).toArray().last().toDouble() + 23.0) <= 0.1);

    CliRun human = runCli({QStringLiteral("probe"), QStringLiteral("--loudness"), QStringLiteral("--no-hash"), wav});
    QCOMPARE(human.exitCode, 0);
    QVERIFY2(human.out.contains("loudness:  -23.0 LUFS integrated"), human.out.constData());
    QVERIFY(human.out.contains("true peak -23.0 dBTP"));

    CliRun usage = runCli({QStringLiteral("probe"), QStringLiteral("--curve"), wav});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY(usage.err.contains("--curve needs --loudness"));

    CliRun plain = runCli({QStringLiteral("probe"), QStringLiteral("--no-hash"), wav});
    QCOMPARE(plain.exitCode, 0);
    QVERIFY(!plain.out.contains("loudness:"));
}

QTEST_GUILESS_MAIN(TestLoudness)
#include "tst_loudness.moc"
