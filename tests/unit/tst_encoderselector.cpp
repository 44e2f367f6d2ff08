// EncoderSelector: hardware candidates are proved by encoding, software is the fallback
// with a reason, results are cached. Written to pass on a GPU-less machine (the usual
// case here) and on one where a hardware encoder really works: then the assertions are
// about consistency (hardware == true implies the probe said usable, no fallback reason).

#include "core/media/EncoderSelector.h"
#include "core/media/VideoEncoder.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace rendition;

namespace {

bool anyHardwareUsable(VideoCodec codec)
{
    for (const QString &name : hardwareEncodersFor(codec))
        if (probeEncoder(name, codec).usable) return true;
    return false;
}

} // namespace

Q_DECLARE_METATYPE(rendition::VideoCodec)

class TestEncoderSelector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void probesAreCached(); // first: its encoder must not have been probed yet
    void softwareEncoders_data();
    void softwareEncoders();
    void chooseAuto_data();
    void chooseAuto();
    void chooseNamedHardware_data();
    void chooseNamedHardware();
    void chooseSoftware_data();
    void chooseSoftware();
    void unknownEncoderFallsBack();
    void probeSoftwareEncoder_data();
    void probeSoftwareEncoder();
    void probeUnknownEncoder();
    void probeAllHardwareEncodersIsConsistent();
    void choiceJson();
};

void TestEncoderSelector::softwareEncoders_data()
{
    QTest::addColumn<VideoCodec>("codec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("h264") << VideoCodec::H264 << "libx264";
    QTest::newRow("hevc") << VideoCodec::Hevc << "libx265";
    QTest::newRow("av1") << VideoCodec::Av1 << "libsvtav1"; // Debian 12's FFmpeg 5.1 has SVT-AV1
}

void TestEncoderSelector::softwareEncoders()
{
    QFETCH(VideoCodec, codec);
    QFETCH(QString, expected);
    QCOMPARE(softwareEncoderFor(codec), expected);
    const EncoderChoice c = chooseEncoder(codec, QStringLiteral("software"));
    QCOMPARE(c.encoder, expected);
    QVERIFY(!c.hardware);
}

void TestEncoderSelector::chooseAuto_data()
{
    QTest::addColumn<VideoCodec>("codec");
    QTest::addColumn<QString>("software");
    QTest::newRow("h264") << VideoCodec::H264 << "libx264";
    QTest::newRow("hevc") << VideoCodec::Hevc << "libx265";
    QTest::newRow("av1") << VideoCodec::Av1 << "libsvtav1";
}

void TestEncoderSelector::chooseAuto()
{
    QFETCH(VideoCodec, codec);
    QFETCH(QString, software);
    const EncoderChoice c = chooseEncoder(codec, QStringLiteral("auto"));
    QCOMPARE(c.requested, QStringLiteral("auto"));
    if (c.hardware) { // a real GPU on this machine
        QVERIFY(hardwareEncodersFor(codec).contains(c.encoder));
        QVERIFY(probeEncoder(c.encoder, codec).usable);
        QVERIFY(c.fallbackReason.isEmpty());
        return;
    }
    QVERIFY(!anyHardwareUsable(codec));
    QCOMPARE(c.encoder, software);
    QVERIFY(!c.fallbackReason.isEmpty());
    QVERIFY2(c.fallbackReason.contains(software), qPrintable(c.fallbackReason));
    // Every candidate that was tried is named with its own reason.
    for (const QString &hw : hardwareEncodersFor(codec)) QVERIFY2(c.fallbackReason.contains(hw + u':'), qPrintable(c.fallbackReason));
}

void TestEncoderSelector::chooseNamedHardware_data()
{
    QTest::addColumn<VideoCodec>("codec");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("software");
    QTest::newRow("h264_nvenc") << VideoCodec::H264 << "h264_nvenc" << "libx264";
    QTest::newRow("h264_vaapi") << VideoCodec::H264 << "h264_vaapi" << "libx264";
    QTest::newRow("hevc_nvenc") << VideoCodec::Hevc << "hevc_nvenc" << "libx265";
}

void TestEncoderSelector::chooseNamedHardware()
{
    QFETCH(VideoCodec, codec);
    QFETCH(QString, requested);
    QFETCH(QString, software);
    const EncoderChoice c = chooseEncoder(codec, requested);
    QCOMPARE(c.requested, requested);
    const EncoderProbeResult probe = probeEncoder(requested, codec);
    QCOMPARE(c.hardware, probe.usable);
    if (probe.usable) {
        QCOMPARE(c.encoder, requested);
        QVERIFY(c.fallbackReason.isEmpty());
        return;
    }
    QCOMPARE(c.encoder, software);
    QVERIFY2(c.fallbackReason.contains(requested), qPrintable(c.fallbackReason));
    QVERIFY2(c.fallbackReason.contains(probe.detail), qPrintable(c.fallbackReason));
    QVERIFY(!probe.detail.isEmpty());
}

void TestEncoderSelector::chooseSoftware_data()
{
    QTest::addColumn<VideoCodec>("codec");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("expectedRequested");
    QTest::addColumn<QString>("expected");
    QTest::newRow("software") << VideoCodec::H264 << "software" << "software" << "libx264";
    QTest::newRow("empty = software") << VideoCodec::H264 << "" << "software" << "libx264";
    QTest::newRow("the software encoder by name") << VideoCodec::H264 << "libx264" << "libx264" << "libx264";
    QTest::newRow("hevc software") << VideoCodec::Hevc << "software" << "software" << "libx265";
    QTest::newRow("alternative AV1 software encoder") << VideoCodec::Av1 << "libaom-av1" << "libaom-av1" << "libaom-av1";
}

void TestEncoderSelector::chooseSoftware()
{
    QFETCH(VideoCodec, codec);
    QFETCH(QString, requested);
    QFETCH(QString, expectedRequested);
    QFETCH(QString, expected);
    const EncoderChoice c = chooseEncoder(codec, requested);
    QCOMPARE(c.encoder, expected);
    QCOMPARE(c.requested, expectedRequested);
    QVERIFY(!c.hardware);
    QVERIFY2(c.fallbackReason.isEmpty(), qPrintable(c.fallbackReason));
}

void TestEncoderSelector::unknownEncoderFallsBack()
{
    const QString bogus = QStringLiteral("h264_nonexistent_gpu");
    const EncoderChoice c = chooseEncoder(VideoCodec::H264, bogus);
    QCOMPARE(c.encoder, QStringLiteral("libx264"));
    QCOMPARE(c.requested, bogus);
    QVERIFY(!c.hardware);
    QVERIFY2(c.fallbackReason.contains(bogus), qPrintable(c.fallbackReason));
    const EncoderProbeResult r = probeEncoder(bogus, VideoCodec::H264);
    QVERIFY(!r.usable);
    QVERIFY2(r.detail.contains(bogus), qPrintable(r.detail)); // "this FFmpeg build has no encoder named …"
}

void TestEncoderSelector::probeSoftwareEncoder_data()
{
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<VideoCodec>("codec");
    QTest::newRow("libx264") << "libx264" << VideoCodec::H264;
    QTest::newRow("libx265") << "libx265" << VideoCodec::Hevc;
    QTest::newRow("libsvtav1") << "libsvtav1" << VideoCodec::Av1;
}

void TestEncoderSelector::probeSoftwareEncoder()
{
    QFETCH(QString, encoder);
    QFETCH(VideoCodec, codec);
    const EncoderProbeResult r = probeEncoder(encoder, codec);
    QCOMPARE(r.encoder, encoder);
    QVERIFY2(r.usable, qPrintable(r.detail));
    QVERIFY(!r.detail.isEmpty());
}

void TestEncoderSelector::probeUnknownEncoder()
{
    const EncoderProbeResult r = probeEncoder(QStringLiteral("no_such_encoder"), VideoCodec::H264);
    QCOMPARE(r.encoder, QStringLiteral("no_such_encoder"));
    QVERIFY(!r.usable);
    QVERIFY(!r.detail.isEmpty());
    QCOMPARE(r.toJson().value("usable").toBool(true), false);
}

void TestEncoderSelector::probesAreCached()
{
    // Runs first, so this call really opens libx265 and encodes a few frames.
    QElapsedTimer t;
    t.start();
    const EncoderProbeResult first = probeEncoder(QStringLiteral("libx265"), VideoCodec::Hevc);
    const qint64 firstNs = t.nsecsElapsed();
    QVERIFY2(first.usable, qPrintable(first.detail));
    t.restart();
    const EncoderProbeResult second = probeEncoder(QStringLiteral("libx265"), VideoCodec::Hevc);
    const qint64 secondNs = t.nsecsElapsed();
    QCOMPARE(second.encoder, first.encoder);
    QCOMPARE(second.usable, first.usable);
    QCOMPARE(second.detail, first.detail);
    QVERIFY2(secondNs < 5'000'000, qPrintable(QStringLiteral("cached probe took %1 ms").arg(secondNs / 1e6)));
    QVERIFY2(secondNs * 5 < firstNs, qPrintable(QStringLiteral("first %1 ns, second %2 ns").arg(firstNs).arg(secondNs)));

    // Choices built on cached probes are stable too.
    const EncoderChoice a = chooseEncoder(VideoCodec::H264, QStringLiteral("auto"));
    t.restart();
    const EncoderChoice b = chooseEncoder(VideoCodec::H264, QStringLiteral("auto"));
    QVERIFY(t.elapsed() < 50);
    QCOMPARE(b.toJson(), a.toJson());
}

void TestEncoderSelector::probeAllHardwareEncodersIsConsistent()
{
    const QList<EncoderProbeResult> all = probeAllHardwareEncoders();
    QStringList expected;
    for (VideoCodec c : {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Av1}) expected << hardwareEncodersFor(c);
    QStringList names;
    for (const EncoderProbeResult &r : all) {
        names << r.encoder;
        QVERIFY2(!r.detail.isEmpty(), qPrintable(r.encoder));
        const EncoderProbeResult again = probeEncoder(r.encoder, VideoCodec::H264); // cached: codec ignored
        QCOMPARE(again.usable, r.usable);
    }
    QCOMPARE(names, expected);
    QVERIFY(names.contains(QStringLiteral("h264_nvenc")));
}

void TestEncoderSelector::choiceJson()
{
    const EncoderChoice c = chooseEncoder(VideoCodec::H264, QStringLiteral("h264_nvenc"));
    const QJsonObject o = c.toJson();
    QCOMPARE(o.value("encoder").toString(), c.encoder);
    QCOMPARE(o.value("requested").toString(), QStringLiteral("h264_nvenc"));
    QCOMPARE(o.value("hardware").toBool(), c.hardware);
    QCOMPARE(o.contains("fallback_reason"), !c.fallbackReason.isEmpty());
}

QTEST_GUILESS_MAIN(TestEncoderSelector)
#include "tst_encoderselector.moc"
