// Loudness normalization: the plan (gain, limiter, reduce-gain), the normalizer's no-delay
// contract, the true-peak limiter, and end to end: varied material measured, normalized to
// -23 and -16 LUFS under -1 dBTP, encoded to AAC 128k with ffmpeg, and measured again:
// |I - target| <= 0.5 LU and true peak <= ceiling on the encoded file.

#include "core/media/Loudness.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace rendition;

namespace {

constexpr double kCeiling = -1.0;

bool runFfmpeg(const QStringList &args, QByteArray *stdoutData = nullptr)
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
    if (stdoutData) *stdoutData = p.readAllStandardOutput();
    return true;
}

AVChannelLayout stereoLayout()
{
    AVChannelLayout l{};
    av_channel_layout_default(&l, 2);
    return l;
}

// Planar stereo buffers.
struct Planar {
    std::vector<float> left, right;
    size_t frames() const { return left.size(); }
    const float *const *planes() const
    {
        m_planes[0] = left.data();
        m_planes[1] = right.data();
        return m_planes;
    }

private:
    mutable const float *m_planes[2] = {};
};

Planar deinterleave(const float *x, size_t frames)
{
    Planar p;
    p.left.resize(frames);
    p.right.resize(frames);
    for (size_t i = 0; i < frames; ++i) {
        p.left[i] = x[2 * i];
        p.right[i] = x[2 * i + 1];
    }
    return p;
}

// Runs `in` through a normalizer in push blocks of `pushBlock`, pulling in blocks of `pullBlock`.
Planar normalize(LoudnessNormalizer &n, const Planar &in, int pushBlock, int pullBlock)
{
    Planar out;
    std::vector<float> l(static_cast<size_t>(pullBlock)), r(static_cast<size_t>(pullBlock));
    float *const dst[2] = {l.data(), r.data()};
    auto drain = [&] {
        while (n.available() > 0) {
            const int got = n.pull(dst, pullBlock);
            out.left.insert(out.left.end(), l.begin(), l.begin() + got);
            out.right.insert(out.right.end(), r.begin(), r.begin() + got);
        }
    };
    for (size_t done = 0; done < in.frames(); done += size_t(pushBlock)) {
        const int count = int(std::min(size_t(pushBlock), in.frames() - done));
        const float *src[2] = {in.left.data() + done, in.right.data() + done};
        n.push(src, count);
        drain();
    }
    n.finish();
    drain();
    return out;
}

LoudnessStats meter(const Planar &p)
{
    auto m = LoudnessMeter::create(stereoLayout(), 48000, true, 0);
    if (!m) return {};
    (void)(*m)->addPlanar(p.planes(), p.frames());
    return (*m)->result();
}

// A loud programme: tones with an envelope plus short transients near full scale.
Planar hotProgramme(double seconds)
{
    const size_t frames = size_t(48000 * seconds);
    Planar p;
    p.left.resize(frames);
    p.right.resize(frames);
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    for (size_t i = 0; i < frames; ++i) {
        const double t = double(i) / 48000;
        const double bed = 0.15 * std::sin(2 * M_PI * 220 * t) +
                           0.1 * std::sin(2 * M_PI * 1250 * t) * (0.5 + 0.5 * std::sin(2 * M_PI * 0.7 * t));
        const double hit = 0.72 * std::exp(-300 * std::fmod(t, 0.43)) * std::sin(2 * M_PI * 3100 * t);
        p.left[i] = float(bed + hit + 0.02 * noise(rng));
        p.right[i] = float(0.9 * bed - hit + 0.02 * noise(rng));
    }
    return p;
}

} // namespace

class TestLoudnessNorm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void plan_data();
    void plan();
    void createRejectsBadInput();
    void noNetDelay_data();
    void noNetDelay();
    void limiterHoldsTruePeak();
    void safetyNetForReducedGain();
    void encodedAac_data();
    void encodedAac();

private:
    QTemporaryDir m_dir;
};

void TestLoudnessNorm::initTestCase()
{
    av_log_set_level(AV_LOG_QUIET);
    QVERIFY(m_dir.isValid());
}

void TestLoudnessNorm::plan_data()
{
    QTest::addColumn<double>("integrated");
    QTest::addColumn<double>("truePeak");
    QTest::addColumn<double>("target");
    QTest::addColumn<int>("mode");
    QTest::addColumn<double>("gain");
    QTest::addColumn<bool>("limiter");
    QTest::addColumn<double>("predicted");
    QTest::addColumn<QString>("note");
    const int limit = int(OverCeiling::Limit), reduce = int(OverCeiling::ReduceGain);
    QTest::newRow("quiet, room to spare") << -30.0 << -12.0 << -23.0 << limit << 7.0 << false << -5.0 << "";
    QTest::newRow("loud, attenuate") << -10.0 << 0.5 << -23.0 << limit << -13.0 << false << -12.5 << "";
    QTest::newRow("exactly at the ceiling") << -20.0 << -5.0 << -16.0 << limit << 4.0 << false << -1.0 << "";
    QTest::newRow("over, limit") << -20.0 << -0.5 << -16.0 << limit << 4.0 << true << 3.5
                                 << "limiter holds it under -1.0 dBTP";
    QTest::newRow("over, reduce gain") << -20.0 << -0.5 << -16.0 << reduce << -0.5 << false << -1.0
                                       << "gain reduced by 4.5 dB to keep true peak under -1.0 dBTP";
    QTest::newRow("silence") << -120.0 << -120.0 << -23.0 << limit << 0.0 << false << -120.0 << "silent";
}

void TestLoudnessNorm::plan()
{
    QFETCH(double, integrated);
    QFETCH(double, truePeak);
    QFETCH(double, target);
    QFETCH(int, mode);
    QFETCH(double, gain);
    QFETCH(bool, limiter);
    QFETCH(double, predicted);
    QFETCH(QString, note);
    LoudnessStats s;
    s.integratedLufs = integrated;
    s.truePeakDbtp = truePeak;
    s.truePeakMeasured = true;
    s.samplePeakDbfs = truePeak - 0.5;
    const NormalizationPlan p = planNormalization(s, target, kCeiling, OverCeiling(mode));
    QVERIFY2(std::fabs(p.gainDb - gain) < 1e-9, qPrintable(QString::number(p.gainDb)));
    QCOMPARE(p.limiter, limiter);
    QVERIFY2(std::fabs(p.predictedTruePeakDbtp - predicted) < 1e-9,
             qPrintable(QString::number(p.predictedTruePeakDbtp)));
    if (note.isEmpty())
        QVERIFY2(p.note.isEmpty(), qPrintable(p.note));
    else
        QVERIFY2(p.note.contains(note), qPrintable(p.note));
    const QJsonObject j = p.toJson();
    QCOMPARE(j.value(QStringLiteral("limiter")).toBool(), limiter);
    QVERIFY(std::fabs(j.value(QStringLiteral("gain_db")).toDouble() - gain) < 0.01);
    QVERIFY(j.contains(QStringLiteral("predicted_true_peak_dbtp")));
}

void TestLoudnessNorm::createRejectsBadInput()
{
    NormalizationPlan plan;
    auto none = LoudnessNormalizer::create(0, 48000, plan, kCeiling);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("loudness.normalizer"));
    plan.gainDb = std::nan("");
    QVERIFY(!LoudnessNormalizer::create(2, 48000, plan, kCeiling).ok());
}

void TestLoudnessNorm::noNetDelay_data()
{
    QTest::addColumn<bool>("limiter");
    QTest::addColumn<int>("pushBlock");
    QTest::addColumn<int>("pullBlock");
    for (bool limiter : {false, true})
        for (auto [push, pull] : {std::pair{1, 1}, {97, 1024}, {1024, 13}, {4099, 4096}, {1 << 20, 1 << 20}})
            QTest::addRow("%s push %d pull %d", limiter ? "limiter" : "gain only", push, pull)
                << limiter << push << pull;
}

// Quiet input: the limiter (forced on) never acts, so the output must be exactly input × gain,
// frame for frame — any delay or lost/duplicated frame shows.
void TestLoudnessNorm::noNetDelay()
{
    QFETCH(bool, limiter);
    QFETCH(int, pushBlock);
    QFETCH(int, pullBlock);
    const size_t frames = 48000 * 2 + 77;
    Planar in;
    in.left.resize(frames);
    in.right.resize(frames);
    for (size_t i = 0; i < frames; ++i) {
        in.left[i] = float(0.1 * std::sin(0.01 * double(i)) + 0.001 * double(i % 17));
        in.right[i] = float(0.05 * std::cos(0.003 * double(i)));
    }
    NormalizationPlan plan;
    plan.gainDb = 6.0;
    plan.limiter = limiter;
    plan.predictedTruePeakDbtp = -14.0;
    auto n = LoudnessNormalizer::create(2, 48000, plan, kCeiling);
    QVERIFY(n.ok());
    QCOMPARE((*n)->limiting(), limiter);
    QCOMPARE((*n)->latencyFrames() > 0, limiter);
    if (limiter && pushBlock == 1) { // the look-ahead is held back until finish()
        const float *src[2] = {in.left.data(), in.right.data()};
        for (int i = 0; i < 1000; ++i) {
            const float *at[2] = {src[0] + i, src[1] + i};
            (*n)->push(at, 1);
        }
        QCOMPARE((*n)->available(), 1000 - (*n)->latencyFrames());
        n = LoudnessNormalizer::create(2, 48000, plan, kCeiling);
    }
    const Planar out = normalize(**n, in, pushBlock, pullBlock);
    QCOMPARE(out.frames(), frames);
    const float g = float(std::pow(10.0, 6.0 / 20.0));
    for (size_t i = 0; i < frames; ++i) {
        QCOMPARE(out.left[i], in.left[i] * g);
        QCOMPARE(out.right[i], in.right[i] * g);
    }
    QCOMPARE((*n)->maxGainReductionDb(), 0.0);
}

void TestLoudnessNorm::limiterHoldsTruePeak()
{
    const Planar in = hotProgramme(20);
    const LoudnessStats before = meter(in);
    QVERIFY(before.truePeakDbtp > -3.0);
    const NormalizationPlan plan = planNormalization(before, before.integratedLufs + 8.0, kCeiling, OverCeiling::Limit);
    QVERIFY(plan.limiter);
    auto n = LoudnessNormalizer::create(2, 48000, plan, kCeiling);
    QVERIFY(n.ok());
    const Planar out = normalize(**n, in, 1024, 4096);
    QCOMPARE(out.frames(), in.frames());
    const LoudnessStats after = meter(out);
    QVERIFY2(after.truePeakDbtp <= kCeiling - LoudnessNormalizer::kEncoderMarginDb,
             qPrintable(QString::number(after.truePeakDbtp)));
    QVERIFY((*n)->maxGainReductionDb() > 3.0);
    // The limiter only shaves peaks: loudness still rises by most of the gain.
    QVERIFY2(after.integratedLufs > before.integratedLufs + 5.0, qPrintable(QString::number(after.integratedLufs)));
}

// A reduce-gain plan lands the true peak exactly on the ceiling; the normalizer still keeps
// the encoder margin.
void TestLoudnessNorm::safetyNetForReducedGain()
{
    const Planar in = hotProgramme(10);
    const LoudnessStats before = meter(in);
    const NormalizationPlan plan =
        planNormalization(before, before.integratedLufs + 8.0, kCeiling, OverCeiling::ReduceGain);
    QVERIFY(!plan.limiter);
    QVERIFY(plan.gainDb < 8.0);
    auto n = LoudnessNormalizer::create(2, 48000, plan, kCeiling);
    QVERIFY(n.ok());
    QVERIFY((*n)->limiting());
    const LoudnessStats after = meter(normalize(**n, in, 4096, 4096));
    QVERIFY(after.truePeakDbtp <= kCeiling - LoudnessNormalizer::kEncoderMarginDb);
    // Only the encoder margin (+ the limiter's own 0.1 dB) is taken off the peaks.
    QVERIFY2((*n)->maxGainReductionDb() > 0.0 &&
                 (*n)->maxGainReductionDb() < LoudnessNormalizer::kEncoderMarginDb + 0.2,
             qPrintable(QString::number((*n)->maxGainReductionDb())));
}

void TestLoudnessNorm::encodedAac_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("exprs");   // aevalsrc expressions, one per channel
    QTest::addColumn<QString>("filters"); // after the source
    QTest::addColumn<double>("target");

    const QString music = QStringLiteral("0.25*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.5*t))+0.15*sin(2*PI*554*t)*exp(-4*"
                                         "mod(t,0.5))+0.08*sin(2*PI*1760*t)*exp(-8*mod(t,0.25))|"
                                         "0.22*sin(2*PI*277*t)*(0.6+0.4*sin(2*PI*0.4*t))+0.15*sin(2*PI*659*t)*exp(-4*"
                                         "mod(t+0.25,0.5))+0.08*sin(2*PI*2217*t)*exp(-8*mod(t,0.25))");
    const QString quiet =
        QStringLiteral("0.0085*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.5*t))+0.005*sin(2*PI*554*t)*exp(-4*mod(t,0.5))|"
                       "0.0085*sin(2*PI*277*t)*(0.6+0.4*sin(2*PI*0.4*t))+0.005*sin(2*PI*659*t)*exp(-4*mod(t,0.5))");
    const QString bursts =
        QStringLiteral("(2*random(0)-1)*if(lt(mod(t,2),0.6),0.7,0.03)|(2*random(1)-1)*if(lt(mod(t,2),0.6),0.7,0.03)");
    // A bed around -18 LUFS with an accent every 2 s that reaches ~0 dBFS (film effects,
    // acoustic music): peaks sparse enough that limiting them leaves the loudness alone.
    const QString hot = QStringLiteral(
        "0.1*sin(2*PI*330*t)+0.1*sin(2*PI*495*t)*(0.5+0.5*sin(2*PI*0.3*t))+0.92*exp(-400*mod(t,2))*sin(2*PI*2500*t)|"
        "0.1*sin(2*PI*392*t)+0.1*sin(2*PI*587*t)*(0.5+0.5*sin(2*PI*0.3*t))-0.92*exp(-400*mod(t,2))*sin(2*PI*2500*t)");
    const QString surround =
        QStringLiteral("0.2*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.5*t))|0.2*sin(2*PI*277*t)*(0.6+0.4*sin(2*PI*0.4*t))|"
                       "0.3*sin(2*PI*180*t)*(0.5+0.5*sin(2*PI*3*t))*lt(mod(t,3),2)|0.4*sin(2*PI*40*t)|"
                       "0.05*(2*random(0)-1)|0.05*(2*random(1)-1)");
    const struct {
        const char *name;
        QString layout, exprs, filters;
    } materials[] = {
        {"music-like multi-tone", QStringLiteral("stereo"), music, {}},
        {"very quiet (about -45 LUFS)", QStringLiteral("stereo"), quiet, {}},
        // Band-limited like real programme: a 128k AAC encoder's low-pass would otherwise
        // remove loudness that white noise has above 16 kHz.
        {"noise bursts", QStringLiteral("stereo"), bursts, QStringLiteral(",lowpass=f=5000,lowpass=f=5000")},
        {"hot, high crest", QStringLiteral("stereo"), hot, {}},
        {"5.1 downmixed to stereo", QStringLiteral("5.1"), surround, QStringLiteral(",lowpass=f=5000")},
    };
    for (const auto &m : materials)
        for (double target : {-23.0, -16.0})
            QTest::addRow("%s to %g LUFS", m.name, target)
                << QString::fromLatin1(m.name) << m.layout << m.exprs << m.filters << target;
}

void TestLoudnessNorm::encodedAac()
{
    QFETCH(QString, name);
    QFETCH(QString, layout);
    QFETCH(QString, exprs);
    QFETCH(QString, filters);
    QFETCH(double, target);
    const QString stem =
        m_dir.filePath(QString(name).replace(u' ', u'_').remove(u'(').remove(u')') + QString::number(int(target)));
    const QString source = stem + QStringLiteral("-src.wav");
    QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                       QStringLiteral("aevalsrc=exprs='%1':c=%2:s=48000:d=20").arg(exprs, layout) + filters,
                       QStringLiteral("-c:a"), QStringLiteral("pcm_f32le"), source}));

    // Measure (as the pipeline does: after the stereo downmix), plan, normalize.
    LoudnessMeasureOptions options;
    options.downmixChannels = 2;
    Result<LoudnessStats> measured = measureLoudness(source, options, {}, {});
    QVERIFY2(measured.ok(), measured.ok() ? "" : qPrintable(measured.error().toString()));
    if (name.startsWith(u"very quiet"))
        QVERIFY2(std::fabs(measured->integratedLufs + 45.0) < 2.0,
                 qPrintable(QString::number(measured->integratedLufs)));
    if (name.startsWith(u"hot"))
        QVERIFY2(measured->samplePeakDbfs > -0.5 && measured->truePeakDbtp - measured->integratedLufs > 15.0,
                 qPrintable(QStringLiteral("SP %1 TP %2 I %3")
                                .arg(measured->samplePeakDbfs)
                                .arg(measured->truePeakDbtp)
                                .arg(measured->integratedLufs)));
    const NormalizationPlan plan = planNormalization(*measured, target, kCeiling, OverCeiling::Limit);

    QByteArray raw;
    QVERIFY(runFfmpeg({QStringLiteral("-i"), source, QStringLiteral("-ac"), QStringLiteral("2"), QStringLiteral("-f"),
                       QStringLiteral("f32le"), QStringLiteral("-")},
                      &raw));
    const Planar in = deinterleave(reinterpret_cast<const float *>(raw.constData()), size_t(raw.size()) / 8);
    QCOMPARE(in.frames(), size_t(48000 * 20));
    auto n = LoudnessNormalizer::create(2, 48000, plan, kCeiling);
    QVERIFY(n.ok());
    const Planar out = normalize(**n, in, 1024, 1024);
    QCOMPARE(out.frames(), in.frames());
    const LoudnessStats normalized = meter(out);
    QVERIFY2(normalized.truePeakDbtp <= kCeiling - LoudnessNormalizer::kEncoderMarginDb,
             qPrintable(QString::number(normalized.truePeakDbtp)));

    // Encode to AAC 128k and measure what a listener gets.
    QByteArray interleaved(qsizetype(out.frames() * 8), Qt::Uninitialized);
    float *dst = reinterpret_cast<float *>(interleaved.data());
    for (size_t i = 0; i < out.frames(); ++i) {
        dst[2 * i] = out.left[i];
        dst[2 * i + 1] = out.right[i];
    }
    QFile pcm(stem + QStringLiteral("-norm.f32"));
    QVERIFY(pcm.open(QIODevice::WriteOnly));
    QCOMPARE(pcm.write(interleaved), interleaved.size());
    pcm.close();
    const QString aac = stem + QStringLiteral(".m4a");
    QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("f32le"), QStringLiteral("-ar"), QStringLiteral("48000"),
                       QStringLiteral("-ac"), QStringLiteral("2"), QStringLiteral("-i"), pcm.fileName(),
                       QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-b:a"), QStringLiteral("128k"),
                       aac}));
    Result<LoudnessStats> encoded = measureLoudness(aac, {}, {}, {});
    QVERIFY2(encoded.ok(), encoded.ok() ? "" : qPrintable(encoded.error().toString()));
    const QString detail = QStringLiteral("source I %1 TP %2; plan %3 dB%4; normalized I %5 TP %6; AAC I %7 TP %8")
                               .arg(measured->integratedLufs, 0, 'f', 2)
                               .arg(measured->truePeakDbtp, 0, 'f', 2)
                               .arg(plan.gainDb, 0, 'f', 2)
                               .arg(plan.limiter ? QStringLiteral(" + limiter") : QString())
                               .arg(normalized.integratedLufs, 0, 'f', 2)
                               .arg(normalized.truePeakDbtp, 0, 'f', 2)
                               .arg(encoded->integratedLufs, 0, 'f', 2)
                               .arg(encoded->truePeakDbtp, 0, 'f', 2);
    qInfo("%s", qPrintable(detail));
    QVERIFY2(std::fabs(encoded->integratedLufs - target) <= 0.5, qPrintable(detail));
    QVERIFY2(encoded->truePeakDbtp <= kCeiling, qPrintable(detail));
}

QTEST_GUILESS_MAIN(TestLoudnessNorm)
#include "tst_loudnessnorm.moc"
