// The pipeline stages of a `run` end to end: loudness normalization measured on the
// encoded AAC (before/after in the manifest, curves in loudness.json), thumbnails
// referenced from the manifest and the DASH MPD, and QC gating the publish (a failing
// rule keeps the version for review and leaves `current` alone).

#include "tests/integration/IntegrationHelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace itest;

class TestStages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loudnessNormalizedOnEncodedAudio_data();
    void loudnessNormalizedOnEncodedAudio();
    void thumbnailsReferencedFromManifestAndMpd();
    void qcFailureKeepsVersionButNotCurrent();

private:
    QString makeQuietSource();
    QJsonObject stagePreset(const QString &name, double targetLufs, bool thumbnails, const QJsonArray &rules);

    QTemporaryDir m_tmp;
    QString m_source;
};

void TestStages::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_source = makeQuietSource();
    QVERIFY(!m_source.isEmpty());
}

// 8 s, 640x360: a tone at about -33 LUFS with a louder burst, so the gain is large and non-trivial.
QString TestStages::makeQuietSource()
{
    const QString path = m_tmp.filePath(QStringLiteral("quiet.mp4"));
    const ProcessResult r = runProcess(
        QStringLiteral("ffmpeg"),
        {QStringLiteral("-nostdin"), QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"),
         QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc2=size=640x360:rate=25:duration=8"),
         QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
         QStringLiteral("aevalsrc=0.03*sin(2*PI*440*t)+0.2*sin(2*PI*1000*t)*between(t\\,5\\,6):s=48000:d=8"),
         QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"), QStringLiteral("-g"),
         QStringLiteral("25"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), QStringLiteral("-c:a"), QStringLiteral("aac"),
         QStringLiteral("-b:a"), QStringLiteral("192k"), QStringLiteral("-ac"), QStringLiteral("2"), QStringLiteral("-shortest"), path},
        120000);
    return r.finished && r.exitCode == 0 ? path : QString();
}

QJsonObject TestStages::stagePreset(const QString &name, double targetLufs, bool thumbnails, const QJsonArray &rules)
{
    PresetSpec spec{name, {{QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
    spec.segmentSeconds = 2;
    QJsonObject p = presetJson(spec);
    p.insert(QStringLiteral("loudness"), QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("target_lufs"), targetLufs},
                                                     {QStringLiteral("true_peak_dbtp"), -1.0},
                                                     {QStringLiteral("over_ceiling"), QStringLiteral("limit")}});
    p.insert(QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("enabled"), thumbnails}, {QStringLiteral("interval_s"), 1.0},
                                                       {QStringLiteral("columns"), 4}, {QStringLiteral("rows"), 1}});
    if (!rules.isEmpty()) p.insert(QStringLiteral("qc"), QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("rules"), rules}});
    return p;
}

void TestStages::loudnessNormalizedOnEncodedAudio_data()
{
    QTest::addColumn<double>("target");
    QTest::newRow("EBU R128 -23") << -23.0;
    QTest::newRow("streaming -14") << -14.0;
}

void TestStages::loudnessNormalizedOnEncodedAudio()
{
    QFETCH(double, target);
    const QString name = QStringLiteral("loud%1").arg(int(-target));
    const QString preset = writePreset(m_tmp.path(), stagePreset(name, target, false, {}));
    const QString out = m_tmp.filePath(QStringLiteral("out-") + name);
    const ProcessResult run = runRendition(preset, out, {m_source});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QString version = QDir(out).filePath(QStringLiteral("quiet/current"));
    const QJsonObject loud = readManifest(version).value(QStringLiteral("loudness")).toObject();
    QCOMPARE(loud.value(QStringLiteral("target_lufs")).toDouble(), target);
    const double before = loud.value(QStringLiteral("before")).toObject().value(QStringLiteral("integrated_lufs")).toDouble();
    QVERIFY2(before < -25 && before > -40, qPrintable(QString::number(before)));
    QVERIFY(std::abs(loud.value(QStringLiteral("gain_db")).toDouble() - (target - before)) < 0.05
            || loud.value(QStringLiteral("limiter")).toBool());
    const QJsonObject after = loud.value(QStringLiteral("renditions")).toArray().at(0).toObject().value(QStringLiteral("after")).toObject();
    const double integrated = after.value(QStringLiteral("integrated_lufs")).toDouble();
    const double truePeak = after.value(QStringLiteral("true_peak_dbtp")).toDouble();
    QVERIFY2(std::abs(integrated - target) <= 0.5, qPrintable(QStringLiteral("after %1 LUFS").arg(integrated)));
    QVERIFY2(truePeak <= -1.0, qPrintable(QStringLiteral("true peak %1 dBTP").arg(truePeak)));
    // The curves file carries momentary and short-term values, before and after.
    const QJsonObject curves = readJsonObject(QDir(version).filePath(QStringLiteral("loudness.json")));
    const QJsonObject sourceCurve = curves.value(QStringLiteral("source")).toObject().value(QStringLiteral("curve")).toObject();
    const QJsonArray times = sourceCurve.value(QStringLiteral("time_s")).toArray();
    QVERIFY2(times.size() >= 70, qPrintable(QString::number(times.size()))); // 100 ms points over 8 s
    QCOMPARE(sourceCurve.value(QStringLiteral("momentary_lufs")).toArray().size(), times.size());
    QCOMPARE(sourceCurve.value(QStringLiteral("short_term_lufs")).toArray().size(), times.size());
    // The burst at 5-6 s is louder than the tone around it.
    QVERIFY(sourceCurve.value(QStringLiteral("momentary_lufs")).toArray().at(58).toDouble()
            > sourceCurve.value(QStringLiteral("momentary_lufs")).toArray().at(30).toDouble() + 6);
}

void TestStages::thumbnailsReferencedFromManifestAndMpd()
{
    const QString preset = writePreset(m_tmp.path(), stagePreset(QStringLiteral("thumbs"), -23, true, {}));
    const QString out = m_tmp.filePath(QStringLiteral("out-thumbs"));
    const ProcessResult run = runRendition(preset, out, {m_source});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QDir version(QDir(out).filePath(QStringLiteral("quiet/current")));
    const QJsonObject thumbs = readManifest(version.path()).value(QStringLiteral("thumbnails")).toObject();
    const QDir dir(version.filePath(thumbs.value(QStringLiteral("dir")).toString()));
    QVERIFY(QFileInfo::exists(dir.filePath(thumbs.value(QStringLiteral("poster")).toString())));
    QVERIFY(QFileInfo::exists(dir.filePath(thumbs.value(QStringLiteral("vtt")).toString())));
    const QJsonArray sheets = thumbs.value(QStringLiteral("sheets")).toArray();
    QCOMPARE(sheets.size(), 2); // 8 tiles of 1 s on 4×1 sheets
    for (const QJsonValue &s : sheets) QVERIFY(QFileInfo::exists(dir.filePath(s.toString())));
    const QString vtt = QString::fromUtf8(readAll(dir.filePath(QStringLiteral("thumbnails.vtt"))));
    QVERIFY(vtt.startsWith(QStringLiteral("WEBVTT")));
    QCOMPARE(vtt.count(QStringLiteral("#xywh=")), 8);
    QVERIFY(vtt.contains(QStringLiteral("00:00:07.000 --> 00:00:08.000")));
    const QString mpd = QString::fromUtf8(readAll(version.filePath(QStringLiteral("manifest.mpd"))));
    QVERIFY(mpd.contains(QStringLiteral("contentType=\"image\"")));
    QVERIFY(mpd.contains(QStringLiteral("thumbnail_tile\" value=\"4x1\"")));
    QVERIFY(mpd.contains(QStringLiteral("thumbnails/sprite_$Number$.jpg")));
}

void TestStages::qcFailureKeepsVersionButNotCurrent()
{
    // An impossible PSNR floor makes QC fail on perfectly good output.
    const QJsonArray rules{QJsonObject{{QStringLiteral("check"), QStringLiteral("psnr")}, {QStringLiteral("threshold"), 99.0},
                                       {QStringLiteral("severity"), QStringLiteral("fail")}}};
    const QString preset = writePreset(m_tmp.path(), stagePreset(QStringLiteral("qcfail"), -23, false, rules));
    const QString out = m_tmp.filePath(QStringLiteral("out-qcfail"));
    const ProcessResult run = runRendition(preset, out, {m_source}, true);
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
    const QList<QJsonObject> failed = run.eventsOfType(QStringLiteral("qc_failed"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().value(QStringLiteral("version")).toString(), QStringLiteral("v1"));
    QVERIFY(run.eventsOfType(QStringLiteral("published")).isEmpty());
    const QString asset = QDir(out).filePath(QStringLiteral("quiet"));
    QCOMPARE(versionDirs(asset), QStringList{QStringLiteral("v1")});
    QVERIFY(!QFileInfo(QDir(asset).filePath(QStringLiteral("current"))).isSymLink());
    const QJsonObject manifest = readManifest(QDir(asset).filePath(QStringLiteral("v1")));
    QCOMPARE(manifest.value(QStringLiteral("status")).toString(), QStringLiteral("qc_failed"));
    const QJsonObject qc = readJsonObject(QDir(asset).filePath(QStringLiteral("v1/qc.json")));
    QCOMPARE(qc.value(QStringLiteral("schema")).toString(), QStringLiteral("rendition.qc/1"));
    QCOMPARE(qc.value(QStringLiteral("passed")).toBool(true), false);
    const QJsonObject event = qc.value(QStringLiteral("events")).toArray().at(0).toObject();
    QCOMPARE(event.value(QStringLiteral("check")).toString(), QStringLiteral("psnr"));
    QCOMPARE(event.value(QStringLiteral("severity")).toString(), QStringLiteral("fail"));
}

QTEST_GUILESS_MAIN(TestStages)
#include "tst_stages.moc"
