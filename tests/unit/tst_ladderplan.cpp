// planLadder(): output sizes (square pixels, even, display aspect kept), upscale skipping,
// the all-rungs-too-large fallback, sources without video, rendition folder names; and
// expandName(). Probe results are built by hand; presets come from small JSON documents.

#include "core/pipeline/LadderPlan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace rendition;

namespace {

struct RungSpec {
    QString name;
    int width = 0;  // 0 = absent (derived)
    int height = 0; // 0 = absent (derived)
    bool keepAspect = true;
    QString codec = QStringLiteral("h264");
};

Preset makePreset(const QList<RungSpec> &rungs, const QString &renditionTemplate = QStringLiteral("{name}"))
{
    QJsonArray ladder;
    for (const RungSpec &r : rungs) {
        QJsonObject o{{"name", r.name}, {"codec", r.codec}, {"keep_aspect", r.keepAspect},
                      {"rate_control", QJsonObject{{"mode", "crf"}, {"crf", 23}}}};
        if (r.width) o.insert("width", r.width);
        if (r.height) o.insert("height", r.height);
        ladder.append(o);
    }
    const QJsonObject doc{{"schema", "rendition.preset/1"}, {"name", "unit"}, {"ladder", ladder},
                          {"naming", QJsonObject{{"asset", "{stem}"}, {"rendition", renditionTemplate}}}};
    Result<Preset> p = parsePreset(doc);
    if (!p) qFatal("test preset rejected: %s", qPrintable(p.error().message));
    return p.value();
}

StreamInfo videoStream(int w, int h, int sarNum = 1, int sarDen = 1)
{
    StreamInfo s;
    s.index = 0;
    s.type = QStringLiteral("video");
    s.codec = QStringLiteral("h264");
    s.width = w;
    s.height = h;
    s.sarNum = sarNum;
    s.sarDen = sarDen;
    s.frameRateNum = 25;
    s.pixelFormat = QStringLiteral("yuv420p");
    s.fieldOrder = QStringLiteral("progressive");
    return s;
}

StreamInfo audioStream(int index)
{
    StreamInfo s;
    s.index = index;
    s.type = QStringLiteral("audio");
    s.codec = QStringLiteral("aac");
    s.sampleRate = 48000;
    s.channels = 2;
    return s;
}

ProbeResult probeOf(const QList<StreamInfo> &streams)
{
    ProbeResult p;
    p.path = QStringLiteral("/media/source.mp4");
    p.durationSeconds = 10;
    p.streams = streams;
    return p;
}

QStringList plannedNames(const LadderPlan &plan)
{
    QStringList out;
    for (const PlannedRung &r : plan.rungs) out << r.rung.name;
    return out;
}

QStringList skippedNames(const LadderPlan &plan)
{
    QStringList out;
    for (const SkippedRung &s : plan.skipped) out << s.name;
    return out;
}

} // namespace

Q_DECLARE_METATYPE(RungSpec)
Q_DECLARE_METATYPE(rendition::StreamInfo)

class TestLadderPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void displaySizeOfStream_data();
    void displaySizeOfStream();
    void sizes_data();
    void sizes();
    void upscaleRungsAreSkipped_data();
    void upscaleRungsAreSkipped();
    void allRungsTooLargeKeepsSmallest_data();
    void allRungsTooLargeKeepsSmallest();
    void sourceWithoutVideo_data();
    void sourceWithoutVideo();
    void renditionNames_data();
    void renditionNames();
    void expandNameSanitizes_data();
    void expandNameSanitizes();
    void expandNameInsertsValuesLiterally();
};

void TestLadderPlan::displaySizeOfStream_data()
{
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("sarNum");
    QTest::addColumn<int>("sarDen");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("square") << 1920 << 1080 << 1 << 1 << QSize(1920, 1080);
    QTest::newRow("PAL 16:9 anamorphic") << 720 << 576 << 64 << 45 << QSize(1024, 576);
    QTest::newRow("NTSC 4:3") << 720 << 480 << 8 << 9 << QSize(640, 480);
    QTest::newRow("unknown SAR 0:0 = square") << 1280 << 720 << 0 << 0 << QSize(1280, 720);
    QTest::newRow("bad SAR 1:0 = square") << 1280 << 720 << 1 << 0 << QSize(1280, 720);
}

void TestLadderPlan::displaySizeOfStream()
{
    QFETCH(int, w);
    QFETCH(int, h);
    QFETCH(int, sarNum);
    QFETCH(int, sarDen);
    QFETCH(QSize, expected);
    int dw = 0, dh = 0;
    displaySize(videoStream(w, h, sarNum, sarDen), &dw, &dh);
    QCOMPARE(QSize(dw, dh), expected);
}

void TestLadderPlan::sizes_data()
{
    QTest::addColumn<QSize>("source");
    QTest::addColumn<QSize>("sar");
    QTest::addColumn<QSize>("rung"); // 0 = absent
    QTest::addColumn<bool>("keepAspect");
    QTest::addColumn<QSize>("expected");
    const QSize sq(1, 1), pal(64, 45), ntsc(8, 9);
    QTest::newRow("16:9 1080p -> 720p") << QSize(1920, 1080) << sq << QSize(1280, 720) << true << QSize(1280, 720);
    QTest::newRow("16:9 1080p -> 360p") << QSize(1920, 1080) << sq << QSize(640, 360) << true << QSize(640, 360);
    QTest::newRow("16:9 same size kept") << QSize(1920, 1080) << sq << QSize(1920, 1080) << true << QSize(1920, 1080);
    QTest::newRow("16:9 in square box") << QSize(1920, 1080) << sq << QSize(1280, 1280) << true << QSize(1280, 720);
    QTest::newRow("4:3 in 16:9 box, keep") << QSize(1440, 1080) << sq << QSize(1280, 720) << true << QSize(960, 720);
    QTest::newRow("4:3 in 16:9 box, stretch") << QSize(1440, 1080) << sq << QSize(1280, 720) << false << QSize(1280, 720);
    QTest::newRow("4:3 height only") << QSize(640, 480) << sq << QSize(0, 360) << true << QSize(480, 360);
    QTest::newRow("4:3 width only") << QSize(1440, 1080) << sq << QSize(800, 0) << true << QSize(800, 600);
    QTest::newRow("anamorphic PAL height only") << QSize(720, 576) << pal << QSize(0, 576) << true << QSize(1024, 576);
    QTest::newRow("anamorphic PAL 16:9 box") << QSize(720, 576) << pal << QSize(640, 360) << true << QSize(640, 360);
    QTest::newRow("anamorphic PAL width only") << QSize(720, 576) << pal << QSize(854, 0) << true << QSize(854, 480);
    QTest::newRow("anamorphic PAL stretch") << QSize(720, 576) << pal << QSize(640, 480) << false << QSize(640, 480);
    QTest::newRow("anamorphic NTSC height only") << QSize(720, 480) << ntsc << QSize(0, 360) << true << QSize(480, 360);
    QTest::newRow("portrait in landscape box") << QSize(1080, 1920) << sq << QSize(1280, 720) << true << QSize(406, 720);
    QTest::newRow("portrait height only") << QSize(1080, 1920) << sq << QSize(0, 1280) << true << QSize(720, 1280);
    QTest::newRow("portrait width only") << QSize(1080, 1920) << sq << QSize(720, 0) << true << QSize(720, 1280);
    QTest::newRow("portrait stretch") << QSize(1080, 1920) << sq << QSize(720, 720) << false << QSize(720, 720);
    QTest::newRow("width only, odd height rounded even") << QSize(1920, 1080) << sq << QSize(250, 0) << true << QSize(250, 140);
    QTest::newRow("height only, width rounded even") << QSize(1920, 1080) << sq << QSize(0, 250) << true << QSize(444, 250);
    QTest::newRow("scope 2.39 width only") << QSize(1920, 804) << sq << QSize(1280, 0) << true << QSize(1280, 536);
    QTest::newRow("unknown SAR treated square") << QSize(1280, 720) << QSize(0, 0) << QSize(0, 360) << true << QSize(640, 360);
}

void TestLadderPlan::sizes()
{
    QFETCH(QSize, source);
    QFETCH(QSize, sar);
    QFETCH(QSize, rung);
    QFETCH(bool, keepAspect);
    QFETCH(QSize, expected);
    const Preset preset = makePreset({{QStringLiteral("r"), rung.width(), rung.height(), keepAspect}});
    const LadderPlan plan = planLadder(preset, probeOf({videoStream(source.width(), source.height(), sar.width(), sar.height()), audioStream(1)}));
    QVERIFY2(plan.skipped.isEmpty(), qPrintable(plan.skipped.value(0).reason));
    QCOMPARE(plan.rungs.size(), 1);
    const PlannedRung &p = plan.rungs.first();
    QCOMPARE(QSize(p.width, p.height), expected);
    QVERIFY2(p.width % 2 == 0 && p.height % 2 == 0, "output dimensions must be even");
    QCOMPARE(p.rung.name, QStringLiteral("r"));
    QVERIFY(p.note.isEmpty());
}

void TestLadderPlan::upscaleRungsAreSkipped_data()
{
    QTest::addColumn<QSize>("source");
    QTest::addColumn<QSize>("sar");
    QTest::addColumn<QStringList>("planned");
    QTest::addColumn<QStringList>("skipped");
    QTest::addColumn<QString>("firstReasonSizes"); // "<rung WxH> ... <source WxH>"
    const QStringList all{"1080p", "720p", "360p"};
    QTest::newRow("640x360 source") << QSize(640, 360) << QSize(1, 1) << QStringList{"360p"} << QStringList{"1080p", "720p"}
                                    << QStringLiteral("1920x1080|640x360");
    QTest::newRow("1280x720 source") << QSize(1280, 720) << QSize(1, 1) << QStringList{"720p", "360p"} << QStringList{"1080p"}
                                     << QStringLiteral("1920x1080|1280x720");
    QTest::newRow("1080p source keeps all") << QSize(1920, 1080) << QSize(1, 1) << all << QStringList{} << QString();
    QTest::newRow("anamorphic uses display size") << QSize(720, 576) << QSize(64, 45) << QStringList{"360p"}
                                                  << QStringList{"1080p", "720p"} << QStringLiteral("1920x1080|1024x576");
    QTest::newRow("one pixel short tolerated") << QSize(1279, 719) << QSize(1, 1) << QStringList{"720p", "360p"}
                                               << QStringList{"1080p"} << QStringLiteral("1920x1080|1279x719");
}

void TestLadderPlan::upscaleRungsAreSkipped()
{
    QFETCH(QSize, source);
    QFETCH(QSize, sar);
    QFETCH(QStringList, planned);
    QFETCH(QStringList, skipped);
    QFETCH(QString, firstReasonSizes);
    const Preset preset = makePreset({{"1080p", 1920, 1080}, {"720p", 1280, 720}, {"360p", 640, 360}});
    const LadderPlan plan = planLadder(preset, probeOf({videoStream(source.width(), source.height(), sar.width(), sar.height())}));
    QCOMPARE(plannedNames(plan), planned);
    QCOMPARE(skippedNames(plan), skipped);
    for (const SkippedRung &s : plan.skipped) QVERIFY2(s.reason.contains(QStringLiteral("upscale")), qPrintable(s.reason));
    if (!firstReasonSizes.isEmpty()) {
        const QString reason = plan.skipped.first().reason;
        for (const QString &size : firstReasonSizes.split(u'|')) QVERIFY2(reason.contains(size), qPrintable(reason + " lacks " + size));
    }
    QCOMPARE(plan.skippedJson().size(), skipped.size());
    if (!skipped.isEmpty()) QCOMPARE(plan.skippedJson().first().toObject().value("rung").toString(), skipped.first());
}

void TestLadderPlan::allRungsTooLargeKeepsSmallest_data()
{
    QTest::addColumn<QList<RungSpec>>("rungs");
    QTest::addColumn<QSize>("source");
    QTest::addColumn<QSize>("sar");
    QTest::addColumn<QString>("kept");
    QTest::addColumn<QSize>("expected"); // display size; the output is even and within 1 px of it
    QTest::newRow("both dims") << QList<RungSpec>{{"1080p", 1920, 1080}, {"720p", 1280, 720}} << QSize(426, 240) << QSize(1, 1)
                               << QStringLiteral("720p") << QSize(426, 240);
    QTest::newRow("smallest listed first") << QList<RungSpec>{{"720p", 1280, 720}, {"1080p", 1920, 1080}} << QSize(426, 240)
                                           << QSize(1, 1) << QStringLiteral("720p") << QSize(426, 240);
    QTest::newRow("anamorphic source size") << QList<RungSpec>{{"1080p", 1920, 1080}, {"720p", 1280, 720}} << QSize(720, 576)
                                            << QSize(64, 45) << QStringLiteral("720p") << QSize(1024, 576);
    QTest::newRow("odd source made even") << QList<RungSpec>{{"720p", 1280, 720}} << QSize(321, 181) << QSize(1, 1)
                                          << QStringLiteral("720p") << QSize(321, 181);
    // Width-only rungs: the smallest is the one with the smallest width, wherever it is listed.
    QTest::newRow("width-only rungs") << QList<RungSpec>{{"uhd", 3840, 0}, {"hd", 1920, 0}} << QSize(640, 360) << QSize(1, 1)
                                      << QStringLiteral("hd") << QSize(640, 360);
    QTest::newRow("mixed width-only and height-only") << QList<RungSpec>{{"tall", 0, 1080}, {"narrow", 1280, 0}} << QSize(640, 360)
                                                      << QSize(1, 1) << QStringLiteral("narrow") << QSize(640, 360);
}

void TestLadderPlan::allRungsTooLargeKeepsSmallest()
{
    QFETCH(QList<RungSpec>, rungs);
    QFETCH(QSize, source);
    QFETCH(QSize, sar);
    QFETCH(QString, kept);
    QFETCH(QSize, expected);
    const LadderPlan plan = planLadder(makePreset(rungs), probeOf({videoStream(source.width(), source.height(), sar.width(), sar.height())}));
    QCOMPARE(plannedNames(plan), QStringList{kept});
    const PlannedRung &p = plan.rungs.first();
    QVERIFY2(qAbs(p.width - expected.width()) <= 1 && qAbs(p.height - expected.height()) <= 1,
             qPrintable(QStringLiteral("%1x%2").arg(p.width).arg(p.height)));
    QVERIFY(p.width % 2 == 0 && p.height % 2 == 0);
    QVERIFY2(!p.note.isEmpty(), "the kept rung must say why its size differs from the preset");
    QVERIFY(!skippedNames(plan).contains(kept));
    QCOMPARE(plan.skipped.size(), rungs.size() - 1);
    QCOMPARE(p.dirName, kept);
}

void TestLadderPlan::sourceWithoutVideo_data()
{
    QTest::addColumn<QList<StreamInfo>>("streams");
    StreamInfo cover = videoStream(600, 600);
    cover.attachedPicture = true;
    QTest::newRow("audio only") << QList<StreamInfo>{audioStream(0)};
    QTest::newRow("no streams") << QList<StreamInfo>{};
    QTest::newRow("cover art only") << QList<StreamInfo>{cover, audioStream(1)};
    QTest::newRow("video without size") << QList<StreamInfo>{videoStream(0, 0), audioStream(1)};
}

void TestLadderPlan::sourceWithoutVideo()
{
    QFETCH(QList<StreamInfo>, streams);
    const LadderPlan plan = planLadder(makePreset({{"720p", 1280, 720}, {"360p", 640, 360}}), probeOf(streams));
    QVERIFY(plan.rungs.isEmpty());
    QCOMPARE(skippedNames(plan), (QStringList{"720p", "360p"}));
    for (const SkippedRung &s : plan.skipped) QVERIFY2(s.reason.contains(QStringLiteral("no video")), qPrintable(s.reason));
}

void TestLadderPlan::renditionNames_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("name") << "{name}" << "h264" << QStringList{"hd", "sd"};
    QTest::newRow("all tokens") << "{name}_{width}x{height}_{codec}" << "h264" << QStringList{"hd_1280x720_h264", "sd_640x360_h264"};
    QTest::newRow("height only") << "{height}p" << "h264" << QStringList{"720p", "360p"};
    QTest::newRow("hevc codec token") << "{codec}-{name}" << "hevc" << QStringList{"hevc-hd", "hevc-sd"};
    QTest::newRow("planned size, not preset size") << "{name}_{width}" << "av1" << QStringList{"hd_1280", "sd_640"};
}

void TestLadderPlan::renditionNames()
{
    QFETCH(QString, pattern);
    QFETCH(QString, codec);
    QFETCH(QStringList, expected);
    RungSpec hd{"hd", 0, 720, true, codec}, sd{"sd", 0, 360, true, codec};
    const LadderPlan plan = planLadder(makePreset({hd, sd}, pattern), probeOf({videoStream(1920, 1080)}));
    QStringList dirs;
    for (const PlannedRung &p : plan.rungs) dirs << p.dirName;
    QCOMPARE(dirs, expected);
}

void TestLadderPlan::expandNameSanitizes_data()
{
    using Tokens = QHash<QString, QString>;
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<Tokens>("tokens");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "{name}" << Tokens{{"name", "720p"}} << "720p";
    QTest::newRow("repeated token") << "{name}-{name}" << Tokens{{"name", "a"}} << "a-a";
    QTest::newRow("unknown token kept") << "{name}{foo}" << Tokens{{"name", "a"}} << "a{foo}";
    QTest::newRow("slash in pattern") << "a/b" << Tokens{} << "a_b";
    QTest::newRow("slash in value") << "{stem}" << Tokens{{"stem", "../../etc"}} << ".._.._etc";
    QTest::newRow("backslash") << "{stem}" << Tokens{{"stem", "a\\b"}} << "a_b";
    QTest::newRow("control chars") << "x\ty\n{stem}" << Tokens{{"stem", QString("a") + QChar(0x7f) + QChar(0x1b)}} << "x_y_a__";
    QTest::newRow("dot-dot value") << "{stem}" << Tokens{{"stem", ".."}} << "_";
    QTest::newRow("dot value") << "{stem}" << Tokens{{"stem", "."}} << "_";
    QTest::newRow("unicode kept") << "{stem}" << Tokens{{"stem", "Zürich café — take 2"}} << "Zürich café — take 2";
}

void TestLadderPlan::expandNameSanitizes()
{
    using Tokens = QHash<QString, QString>;
    QFETCH(QString, pattern);
    QFETCH(Tokens, tokens);
    QFETCH(QString, expected);
    const QString out = expandName(pattern, tokens);
    QCOMPARE(out, expected);
    QVERIFY(!out.contains(u'/'));
}

// A file named "{preset}.mp4" must not have its stem re-expanded: values are literal text.
// (With sequential replacement the result depends on QHash order, i.e. on the process.)
void TestLadderPlan::expandNameInsertsValuesLiterally()
{
    const QHash<QString, QString> tokens{{"stem", "{preset}"}, {"preset", "{stem}"}};
    QCOMPARE(expandName(QStringLiteral("{stem}-{preset}"), tokens), QStringLiteral("{preset}-{stem}"));
}

QTEST_GUILESS_MAIN(TestLadderPlan)
#include "tst_ladderplan.moc"
