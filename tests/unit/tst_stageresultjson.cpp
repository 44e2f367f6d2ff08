// The exact JSON of stage results carried by checkpoints: every value a resumed job continues
// with comes back bit-identical (doubles, 64-bit counts, init segments), paths follow the
// staging folder, rungs/renditions are looked up in the plan/preset, the DRM part never holds
// the key (it comes from the key store), and garbled data fails with checkpoint.invalid.

#include "core/media/cenc/Keys.h"
#include "core/pipeline/StageResultJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;

namespace {

// Through text and back, as a checkpoint file goes.
QJsonObject viaText(const QJsonObject &o) { return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object(); }

struct Fixture {
    Preset preset;
    LadderPlan plan;
    TranscodeResult result;
};

Fixture makeFixture(const QString &staging)
{
    Fixture f;
    f.preset.audio = {AudioRendition{QStringLiteral("aac-128k"), AudioCodec::Aac, 128, 2, 48000, QStringLiteral("en")}};
    PlannedRung rung;
    rung.rung.name = QStringLiteral("720p");
    rung.width = 1280;
    rung.height = 720;
    rung.dirName = QStringLiteral("720p");
    f.plan.rungs = {rung};
    VideoOutput v;
    v.planned = rung;
    v.encoder = EncoderChoice{QStringLiteral("libx264"), QStringLiteral("auto"), false, QStringLiteral("no NVENC device")};
    v.codecString = QStringLiteral("avc1.4d401f");
    v.frameRate = AVRational{30000, 1001};
    v.track.dir = staging + QStringLiteral("/720p");
    v.track.initFile = QStringLiteral("init.mp4");
    v.track.initBytes = QByteArray("\x00\x00\x00\x18" "ftypcmfc\xff\x01", 14);
    v.track.timeBase = AVRational{1, 90000};
    v.track.segments = {{QStringLiteral("seg_00001.m4s"), 9007199254740000LL, 180180, 123456}, {QStringLiteral("seg_00002.m4s"), 180180, 90090, 654321}};
    v.track.totalBytes = 777777;
    v.track.packets = 240;
    AudioOutput a;
    a.rendition = f.preset.audio.first();
    a.dirName = QStringLiteral("aac-128k");
    a.encoder = QStringLiteral("aac");
    a.codecString = QStringLiteral("mp4a.40.2");
    a.language = QStringLiteral("en");
    a.limiterReductionDb = -0.12345678901234567;
    a.track.dir = staging + QStringLiteral("/aac-128k");
    a.track.timeBase = AVRational{1, 48000};
    f.result.video = {v};
    f.result.audio = {a};
    f.result.startOffsetSeconds = 0.06673340006673341;
    f.result.framesDecoded = 240;
    f.result.decodeErrors = 1;
    f.result.deinterlaced = true;
    return f;
}

} // namespace

class TestStageResultJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transcodeRoundTripsExactly();
    void transcodeFollowsTheStagingFolder();
    void transcodeRefusesUnknownRenditions();
    void loudnessRoundTripsExactly();
    void thumbnailsRoundTrip();
    void drmKeepsTheKeyOut();
    void garbledDataFails_data();
    void garbledDataFails();
};

void TestStageResultJson::transcodeRoundTripsExactly()
{
    const Fixture f = makeFixture(QStringLiteral("/out/clip/.staging-job-1"));
    const QJsonObject json = viaText(transcodeToJson(f.result, QStringLiteral("/out/clip/.staging-job-1")));
    const Result<TranscodeResult> back = transcodeFromJson(json, QStringLiteral("/out/clip/.staging-job-1"), f.plan, f.preset);
    QVERIFY2(back.ok(), qPrintable(back ? QString() : back.error().toString()));
    const VideoOutput &v = back->video.first();
    QCOMPARE(v.planned.width, 1280);
    QCOMPARE(v.encoder.fallbackReason, QStringLiteral("no NVENC device"));
    QCOMPARE(v.frameRate.num, 30000);
    QCOMPARE(v.track.dir, QStringLiteral("/out/clip/.staging-job-1/720p"));
    QCOMPARE(v.track.initBytes, f.result.video.first().track.initBytes);
    QCOMPARE(v.track.segments.first().startPts, 9007199254740000LL);
    QCOMPARE(v.track.segments.at(1).bytes, 654321);
    QCOMPARE(v.track.packets, 240);
    const AudioOutput &a = back->audio.first();
    QCOMPARE(a.rendition.language, QStringLiteral("en"));
    QCOMPARE(a.limiterReductionDb, -0.12345678901234567); // bit-identical
    QCOMPARE(back->startOffsetSeconds, 0.06673340006673341);
    QCOMPARE(back->decodeErrors, 1);
    QVERIFY(back->deinterlaced);
    QCOMPARE(transcodeOutputs(*back, QStringLiteral("/out/clip/.staging-job-1")), (QStringList{QStringLiteral("720p"), QStringLiteral("aac-128k")}));
}

void TestStageResultJson::transcodeFollowsTheStagingFolder()
{
    const Fixture f = makeFixture(QStringLiteral("/a/.staging-job-1"));
    const Result<TranscodeResult> back = transcodeFromJson(transcodeToJson(f.result, QStringLiteral("/a/.staging-job-1")), QStringLiteral("/b/.staging-job-1"), f.plan, f.preset);
    QVERIFY(back.ok());
    QCOMPARE(back->audio.first().track.dir, QStringLiteral("/b/.staging-job-1/aac-128k"));
}

void TestStageResultJson::transcodeRefusesUnknownRenditions()
{
    Fixture f = makeFixture(QStringLiteral("/s"));
    const QJsonObject json = transcodeToJson(f.result, QStringLiteral("/s"));
    LadderPlan other = f.plan;
    other.rungs.first().dirName = QStringLiteral("1080p"); // the plan changed: never graft old outputs on it
    Result<TranscodeResult> r = transcodeFromJson(json, QStringLiteral("/s"), other, f.preset);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("checkpoint.invalid"));
    QVERIFY(r.error().message.contains(QStringLiteral("720p")));
    Preset noAudio = f.preset;
    noAudio.audio.clear();
    r = transcodeFromJson(json, QStringLiteral("/s"), f.plan, noAudio);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(QStringLiteral("aac-128k")));
}

void TestStageResultJson::loudnessRoundTripsExactly()
{
    LoudnessOutcome o;
    o.source.integratedLufs = -18.123456789012345;
    o.source.truePeakDbtp = -0.3;
    o.source.truePeakMeasured = true;
    o.source.channels = 2;
    o.source.sampleRate = 48000;
    o.source.curve = {{0.4, -20.1, -120}, {0.5, -19.987654321, -21.5}};
    o.plan.gainDb = -4.876543210987654; // decides every output sample: must not be rounded
    o.plan.limiter = true;
    o.plan.predictedTruePeakDbtp = -5.17;
    o.plan.note = QStringLiteral("limited");
    LoudnessOutcome::Rendition r;
    r.name = QStringLiteral("aac-128k");
    r.after.integratedLufs = -23.01;
    r.limiterReductionDb = -0.25;
    o.renditions = {r};
    LoudnessPolicy policy;
    policy.enabled = true;
    policy.targetLufs = -23;
    const Result<LoudnessOutcome> back = loudnessFromJson(viaText(loudnessToJson(o)), policy);
    QVERIFY(back.ok());
    QCOMPARE(back->plan.gainDb, -4.876543210987654);
    QVERIFY(back->plan.limiter);
    QCOMPARE(back->plan.note, QStringLiteral("limited"));
    QCOMPARE(back->source.integratedLufs, -18.123456789012345);
    QVERIFY(back->source.truePeakMeasured);
    QCOMPARE(back->source.curve.size(), 2);
    QCOMPARE(back->source.curve.at(1).momentaryLufs, -19.987654321);
    QCOMPARE(back->renditions.first().after.integratedLufs, -23.01);
    QCOMPARE(back->policy.targetLufs, -23.0);
    QCOMPARE(back->curvesJson(), o.curvesJson()); // loudness.json comes out the same
}

void TestStageResultJson::thumbnailsRoundTrip()
{
    ThumbnailResult t;
    t.poster = QStringLiteral("poster.jpg");
    t.sheets = {QStringLiteral("sprite_0.jpg"), QStringLiteral("sprite_1.jpg")};
    t.vtt = QStringLiteral("thumbnails.vtt");
    t.cues = {ThumbnailCue{0, 2, 0, 0, 0, 160, 90, 0}, ThumbnailCue{2, 4, 1, 160, 0, 160, 90, 2.002}};
    t.options.columns = 5;
    t.durationSeconds = 4.004;
    t.framesDecoded = 3;
    t.missingTiles = 1;
    const Result<ThumbnailResult> back = thumbnailsFromJson(viaText(thumbnailsToJson(t)));
    QVERIFY(back.ok());
    QCOMPARE(back->toJson(), t.toJson()); // what the manifest shows is unchanged
    QCOMPARE(back->cues.at(1).sheet, 1);
}

void TestStageResultJson::drmKeepsTheKeyOut()
{
    DrmOutcome d;
    d.scheme = DrmScheme::Cenc;
    d.key = cenc::generateContentKey().value();
    d.psshBoxes = {QByteArray("pssh-common"), QByteArray("pssh-widevine")};
    d.widevinePssh = d.psshBoxes.at(1);
    d.systems = {QStringLiteral("clearkey"), QStringLiteral("widevine")};
    d.keyUriTemplate = QStringLiteral("https://keys.example/{kid}");
    const QJsonObject json = viaText(drmToJson(d));
    const QByteArray keyHex = QByteArray(reinterpret_cast<const char *>(d.key.key.data()), 16).toHex();
    QVERIFY(!QJsonDocument(json).toJson().contains(keyHex)); // the secret stays in the key store

    QTemporaryDir tmp;
    const Result<QString> store = writeKeyStore(d, tmp.path(), QStringLiteral(".staging-job-1"), QStringLiteral("clip"));
    QVERIFY(store.ok());
    const Result<cenc::ContentKey> key = readKeyStore(*store, cenc::keyIdToHex(d.key.kid));
    QVERIFY(key.ok());
    QVERIFY(key->key == d.key.key);
    const Result<DrmOutcome> back = drmFromJson(json, *key);
    QVERIFY(back.ok());
    QCOMPARE(back->psshBoxes, d.psshBoxes);
    QCOMPARE(back->systems, d.systems);
    QCOMPARE(back->keyUriTemplate, d.keyUriTemplate);
    QCOMPARE(back->manifestJson(), d.manifestJson());

    // Another key store (a later attempt's key) does not fit this checkpoint.
    const Result<cenc::ContentKey> other = readKeyStore(*store, QStringLiteral("00000000000000000000000000000000"));
    QVERIFY(!other.ok());
    QCOMPARE(other.error().code, QStringLiteral("drm.key_store"));
    QVERIFY(!other.error().message.contains(QString::fromLatin1(keyHex)));
    cenc::ContentKey wrong = *key;
    wrong.kid[0] ^= 0xff;
    QVERIFY(!drmFromJson(json, wrong).ok());
    QCOMPARE(readKeyStore(tmp.filePath(QStringLiteral("missing.json")), QString()).error().code, QStringLiteral("drm.key_store"));
}

void TestStageResultJson::garbledDataFails_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("loudness without plan") << QStringLiteral("loudness");
    QTest::newRow("thumbnails with a short cue") << QStringLiteral("thumbnails");
    QTest::newRow("transcode with a string count") << QStringLiteral("transcode");
    QTest::newRow("transcode escaping the staging folder") << QStringLiteral("escape");
}

void TestStageResultJson::garbledDataFails()
{
    QFETCH(QString, what);
    Status s;
    if (what == u"loudness") {
        QJsonObject o = loudnessToJson(LoudnessOutcome{});
        o.remove(QStringLiteral("plan"));
        s = loudnessFromJson(o, {}).ok() ? Status() : Status(loudnessFromJson(o, {}).error());
    } else if (what == u"thumbnails") {
        ThumbnailResult t;
        t.cues = {ThumbnailCue{}};
        QJsonObject o = thumbnailsToJson(t);
        o.insert(QStringLiteral("cues"), QJsonArray{QJsonArray{1, 2}});
        const Result<ThumbnailResult> r = thumbnailsFromJson(o);
        if (!r) s = r.error();
    } else {
        const Fixture f = makeFixture(QStringLiteral("/s"));
        QJsonObject o = transcodeToJson(f.result, QStringLiteral("/s"));
        if (what == u"transcode") {
            o.insert(QStringLiteral("frames_decoded"), QStringLiteral("240"));
        } else {
            QJsonArray audio = o.value(QStringLiteral("audio")).toArray();
            QJsonObject a = audio.first().toObject();
            QJsonObject track = a.value(QStringLiteral("track")).toObject();
            track.insert(QStringLiteral("dir"), QStringLiteral("../../elsewhere"));
            a.insert(QStringLiteral("track"), track);
            audio[0] = a;
            o.insert(QStringLiteral("audio"), audio);
        }
        const Result<TranscodeResult> r = transcodeFromJson(o, QStringLiteral("/s"), f.plan, f.preset);
        if (!r) s = r.error();
    }
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("checkpoint.invalid"));
}

QTEST_GUILESS_MAIN(TestStageResultJson)
#include "tst_stageresultjson.moc"
