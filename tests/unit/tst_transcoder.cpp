// transcode() and runAsset() in-process on a small generated source with a one-rung
// 320x180 H.264 preset: segment records match the files, progress is monotonic per stage,
// cancel from the progress sink leaves nothing behind, bad input is rejected at ingest,
// a preset without audio gives video only. Also BlockingQueue: order, close, cancel.

#include "core/media/Probe.h"
#include "core/pipeline/AssetPipeline.h"
#include "core/pipeline/LadderPlan.h"
#include "core/pipeline/Transcoder.h"
#include "core/util/BlockingQueue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <thread>

using namespace rendition;
using namespace std::chrono_literals;

namespace {

const QString kSource = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 6 s 640x360 59.94 + AAC

Preset tinyPreset(bool withAudio)
{
    QByteArray doc = R"({"schema": "rendition.preset/1", "name": "tiny",
        "ladder": [{"name": "180p", "codec": "h264", "width": 320, "height": 180, "speed": "veryfast",
                    "rate_control": {"mode": "crf", "crf": 30}}],
        "packaging": {"segment_duration_s": 2, "hls": true, "dash": true})";
    doc += withAudio ? R"(, "audio": [{"name": "aac", "codec": "aac", "bitrate_kbps": 64}]})" : "}";
    Result<Preset> p = parsePreset(doc);
    if (!p) qFatal("test preset rejected: %s", qPrintable(p.error().message));
    return p.value();
}

AssetRunOptions runOptions(const QString &outRoot)
{
    AssetRunOptions o;
    o.outRoot = outRoot;
    o.probe.hash = HashMode::Skip;
    return o;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// Thread-safe event log for a ProgressSink.
struct EventLog {
    QMutex mutex;
    QList<ProgressEvent> events;
    ProgressSink sink(std::function<void(const ProgressEvent &)> also = {})
    {
        return [this, also](const ProgressEvent &e) {
            {
                QMutexLocker lock(&mutex);
                events.append(e);
            }
            if (also) also(e);
        };
    }
};

// Compares a track's records with what is on disk: names, sizes, init segment.
void checkTrackFiles(const TrackRecord &t)
{
    QDir dir(t.dir);
    QVERIFY2(dir.exists(), qPrintable(t.dir));
    QStringList onDisk = dir.entryList({QStringLiteral("seg_*.m4s")}, QDir::Files, QDir::Name);
    QStringList recorded;
    qint64 sum = 0;
    for (const SegmentRecord &s : t.segments) {
        recorded << s.file;
        QCOMPARE(QFileInfo(dir.filePath(s.file)).size(), s.bytes);
        QVERIFY(s.durationTs > 0);
        sum += s.bytes;
    }
    QCOMPARE(onDisk, recorded);
    QCOMPARE(sum, t.totalBytes);
    QCOMPARE(t.initFile, QStringLiteral("init.mp4"));
    QFile init(dir.filePath(t.initFile));
    QVERIFY(init.open(QIODevice::ReadOnly));
    QCOMPARE(init.readAll(), t.initBytes);
    for (int i = 1; i < t.segments.size(); ++i) // one timeline, no gaps or overlaps
        QCOMPARE(t.segments[i].startPts, t.segments[i - 1].startPts + t.segments[i - 1].durationTs);
}

} // namespace

class TestTranscoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void transcodeRecordsMatchFiles();
    void runAssetPublishesWithMonotonicProgress();
    void cancelFromProgressSinkLeavesNothing_data();
    void cancelFromProgressSinkLeavesNothing();
    void badInputIsRejectedAtIngest_data();
    void badInputIsRejectedAtIngest();
    void presetWithoutAudioGivesVideoOnly();

    void queueKeepsOrder_data();
    void queueKeepsOrder();
    void queueCloseDrainsThenEnds();
    void queueCancelUnblocksPush();
    void queueCancelUnblocksPop();
    void queueCloseUnblocksPop();

private:
    std::unique_ptr<QTemporaryDir> m_out;
};

void TestTranscoder::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kSource), "fixtures missing: build the 'fixtures' target");
}

void TestTranscoder::init()
{
    m_out = std::make_unique<QTemporaryDir>();
    QVERIFY(m_out->isValid());
}

void TestTranscoder::transcodeRecordsMatchFiles()
{
    ProbeOptions po;
    po.hash = HashMode::Skip;
    const ProbeResult probed = probe(kSource, po);
    QVERIFY(!probed.hasFatal());
    const Preset preset = tinyPreset(true);
    TranscodeJob job{kSource, probed, preset, planLadder(preset, probed), m_out->path()};
    QCOMPARE(job.plan.rungs.size(), 1);
    Result<TranscodeResult> r = transcode(job, {}, CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));

    QCOMPARE(r->video.size(), 1);
    QCOMPARE(r->audio.size(), 1);
    const VideoOutput &v = r->video.first();
    QCOMPARE(QSize(v.planned.width, v.planned.height), QSize(320, 180));
    QCOMPARE(v.encoder.encoder, QStringLiteral("libx264"));
    QVERIFY2(QRegularExpression("^avc1\\.[0-9a-f]{6}$").match(v.codecString).hasMatch(), qPrintable(v.codecString));
    QCOMPARE(r->audio.first().codecString, QStringLiteral("mp4a.40.2"));
    QVERIFY2(qAbs(r->framesDecoded - 360) <= 2, qPrintable(QString::number(r->framesDecoded)));
    QVERIFY(r->startOffsetSeconds > 0);

    for (const TrackRecord *t : {&v.track, &std::as_const(r->audio).first().track}) {
        checkTrackFiles(*t);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(t->segments.size(), 3); // 6 s in 2 s segments
        QVERIFY2(qAbs(t->durationSeconds() - probed.durationSeconds) < 0.1, qPrintable(QString::number(t->durationSeconds())));
    }
    QCOMPARE(entries(m_out->path()), (QStringList{"180p", "aac"}));
}

void TestTranscoder::runAssetPublishesWithMonotonicProgress()
{
    EventLog log;
    Result<PublishedAsset> r = runAsset(kSource, tinyPreset(true), runOptions(m_out->path()), log.sink(), CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->assetName, QStringLiteral("sport_5994"));
    QCOMPARE(r->version, QStringLiteral("v1"));
    QCOMPARE(r->manifest.value("version").toString(), QStringLiteral("v1"));
    QCOMPARE(entries(r->assetDir), (QStringList{"current", "v1"})); // no staging left
    QCOMPARE(QFileInfo(QDir(r->assetDir).filePath("current")).symLinkTarget(), r->versionDir);
    for (const char *f : {"manifest.json", "master.m3u8", "manifest.mpd", "180p/playlist.m3u8", "180p/init.mp4", "aac/playlist.m3u8"})
        QVERIFY2(QFileInfo::exists(QDir(r->versionDir).filePath(f)), f);

    QMutexLocker lock(&log.mutex);
    QHash<QString, double> last;
    QStringList order;
    int transcodeEvents = 0, withFps = 0;
    for (const ProgressEvent &e : std::as_const(log.events)) {
        QVERIFY2(e.percent >= last.value(e.stage, 0.0), qPrintable(QStringLiteral("%1 went back to %2").arg(e.stage).arg(e.percent)));
        QVERIFY(e.percent >= 0 && e.percent <= 100);
        last.insert(e.stage, e.percent);
        if (!order.contains(e.stage)) order << e.stage;
        if (e.stage == u"transcode") {
            ++transcodeEvents;
            // fps 0 means "n/a": allowed only before the first frame is encoded (the 0% event).
            QVERIFY2(e.fps > 0 || e.percent == 0, qPrintable(QStringLiteral("fps %1 at %2%").arg(e.fps).arg(e.percent)));
            if (e.fps > 0) ++withFps;
        }
    }
    QVERIFY(transcodeEvents >= 2);
    QVERIFY(withFps >= 1);
    QCOMPARE(order.first(), QStringLiteral("probe"));
    QCOMPARE(order.last(), QStringLiteral("publish"));
    QVERIFY(order.indexOf("transcode") < order.indexOf("package"));
    for (const char *stage : {"transcode", "package", "publish"}) QCOMPARE(last.value(stage), 100.0);
}

// Transcode progress comes every 500 ms: the small source finishes before the second report,
// so the "past 20%" row uses the 12 s 1080p source; the first row cancels on the first
// transcode event (after the first decoded frame), which is mid-transcode on any machine.
void TestTranscoder::cancelFromProgressSinkLeavesNothing_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<double>("threshold"); // cancel at the first transcode event with percent >= this
    QTest::addColumn<QString>("asset");
    QTest::newRow("first transcode event") << kSource << 0.0 << "sport_5994";
    QTest::newRow("past 20%") << QStringLiteral(RENDITION_FIXTURES "/good/bars_1080p25.mp4") << 20.000001 << "bars_1080p25";
}

void TestTranscoder::cancelFromProgressSinkLeavesNothing()
{
    QFETCH(QString, source);
    QFETCH(double, threshold);
    QFETCH(QString, asset);
    CancelToken cancel;
    double canceledAt = -1;
    QElapsedTimer sinceCancel;
    EventLog log;
    auto onEvent = [&](const ProgressEvent &e) {
        if (e.stage == u"transcode" && e.percent >= threshold && !cancel.isCanceled()) {
            canceledAt = e.percent;
            sinceCancel.start();
            cancel.cancel();
        }
    };
    Result<PublishedAsset> r = runAsset(source, tinyPreset(true), runOptions(m_out->path()), log.sink(onEvent), cancel);
    QVERIFY2(canceledAt >= threshold, "no transcode progress event at the threshold arrived");
    if (threshold == 0) QCOMPARE(canceledAt, 0.0);
    else if (canceledAt >= 100) qWarning("the transcode finished before a mid-way progress report; canceled after it");
    QVERIFY2(!r.ok(), "a canceled run must not publish");
    QCOMPARE(r.error().code, QStringLiteral("canceled"));
    QVERIFY(!r.error().message.isEmpty());
    QVERIFY2(sinceCancel.elapsed() < 2000, qPrintable(QStringLiteral("took %1 ms to stop").arg(sinceCancel.elapsed())));
    const QStringList left = entries(QDir(m_out->path()).filePath(asset));
    QVERIFY2(left.filter(QRegularExpression("^v\\d+$")).isEmpty(), qPrintable(left.join(", ")));
    QVERIFY2(left.filter(QRegularExpression("^\\.staging")).isEmpty(), qPrintable(left.join(", ")));
    QVERIFY(!left.contains("current"));
    QMutexLocker lock(&log.mutex);
    for (const ProgressEvent &e : std::as_const(log.events)) QVERIFY2(e.stage != u"publish", "published after cancel");
}

void TestTranscoder::badInputIsRejectedAtIngest_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::newRow("text renamed .mp4") << RENDITION_FIXTURES "/bad/text_renamed.mp4" << "ingest.not_media";
    QTest::newRow("empty file") << RENDITION_FIXTURES "/bad/empty.mp4" << "ingest.empty_file";
    QTest::newRow("missing file") << RENDITION_FIXTURES "/bad/does_not_exist.mp4" << "ingest.not_found";
    QTest::newRow("truncated, moov lost") << RENDITION_FIXTURES "/bad/truncated_moov_at_end.mp4" << "ingest.";
}

void TestTranscoder::badInputIsRejectedAtIngest()
{
    QFETCH(QString, path);
    QFETCH(QString, code);
    EventLog log;
    Result<PublishedAsset> r = runAsset(path, tinyPreset(true), runOptions(m_out->path()), log.sink(), CancelToken());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().code.startsWith(code), qPrintable(r.error().code));
    QVERIFY2(r.error().context.contains(QFileInfo(path).fileName()), qPrintable(r.error().context));
    QVERIFY(!r.error().message.isEmpty());
    QCOMPARE(entries(m_out->path()), QStringList()); // nothing was created
    QMutexLocker lock(&log.mutex);
    for (const ProgressEvent &e : std::as_const(log.events)) QVERIFY(e.stage == u"probe");
}

void TestTranscoder::presetWithoutAudioGivesVideoOnly()
{
    Result<PublishedAsset> r = runAsset(kSource, tinyPreset(false), runOptions(m_out->path()), {}, CancelToken());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    const QStringList files = entries(r->versionDir);
    QCOMPARE(files, (QStringList{"180p", "manifest.json", "manifest.mpd", "master.m3u8", "qc.json"}));
    QFile master(QDir(r->versionDir).filePath("master.m3u8"));
    QVERIFY(master.open(QIODevice::ReadOnly));
    const QByteArray m3u8 = master.readAll();
    QVERIFY(!m3u8.contains("#EXT-X-MEDIA:"));
    QVERIFY(!m3u8.contains("mp4a"));
    QVERIFY(m3u8.contains("RESOLUTION=320x180"));
    QFile mpd(QDir(r->versionDir).filePath("manifest.mpd"));
    QVERIFY(mpd.open(QIODevice::ReadOnly));
    QVERIFY(!mpd.readAll().contains("contentType=\"audio\""));
}

// ---- BlockingQueue -------------------------------------------------------------------------

void TestTranscoder::queueKeepsOrder_data()
{
    QTest::addColumn<int>("capacity");
    QTest::newRow("capacity 1") << 1;
    QTest::newRow("capacity 3") << 3;
    QTest::newRow("capacity larger than the stream") << 1000;
}

void TestTranscoder::queueKeepsOrder()
{
    QFETCH(int, capacity);
    constexpr int kItems = 500;
    BlockingQueue<int> q{size_t(capacity), CancelToken()};
    std::thread producer([&q] {
        for (int i = 0; i < kItems; ++i) q.push(i);
        q.close();
    });
    QList<int> got;
    while (std::optional<int> v = q.pop()) got << *v;
    producer.join();
    QCOMPARE(got.size(), kItems);
    for (int i = 0; i < kItems; ++i) QCOMPARE(got[i], i);
}

void TestTranscoder::queueCloseDrainsThenEnds()
{
    BlockingQueue<QString> q{4, CancelToken()};
    QVERIFY(q.push("a") && q.push("b") && q.push("c"));
    q.close();
    QVERIFY(!q.push("d")); // closed: refused
    QCOMPARE(q.pop().value_or("?"), QStringLiteral("a"));
    QCOMPARE(q.pop().value_or("?"), QStringLiteral("b"));
    QCOMPARE(q.pop().value_or("?"), QStringLiteral("c"));
    QVERIFY(!q.pop().has_value());
    QVERIFY(!q.pop().has_value()); // stays ended
}

void TestTranscoder::queueCancelUnblocksPush()
{
    CancelToken cancel;
    BlockingQueue<int> q(1, cancel);
    QVERIFY(q.push(1));
    auto blocked = std::async(std::launch::async, [&q] { return q.push(2); }); // full: blocks
    QVERIFY(blocked.wait_for(150ms) == std::future_status::timeout);
    QElapsedTimer t;
    t.start();
    cancel.cancel();
    QVERIFY2(blocked.wait_for(1s) == std::future_status::ready, "push still blocked 1 s after cancel");
    QVERIFY(!blocked.get());
    QVERIFY(t.elapsed() < 1000);
    QVERIFY(!q.pop().has_value()); // canceled: queued items are dropped
}

void TestTranscoder::queueCancelUnblocksPop()
{
    CancelToken cancel;
    BlockingQueue<int> q(2, cancel);
    auto blocked = std::async(std::launch::async, [&q] { return q.pop(); }); // empty: blocks
    QVERIFY(blocked.wait_for(150ms) == std::future_status::timeout);
    cancel.cancel();
    QVERIFY2(blocked.wait_for(1s) == std::future_status::ready, "pop still blocked 1 s after cancel");
    QVERIFY(!blocked.get().has_value());
    QVERIFY(!q.push(3));
}

void TestTranscoder::queueCloseUnblocksPop()
{
    BlockingQueue<int> q{2, CancelToken()};
    auto blocked = std::async(std::launch::async, [&q] { return q.pop(); });
    QVERIFY(blocked.wait_for(150ms) == std::future_status::timeout);
    q.close();
    QVERIFY2(blocked.wait_for(1s) == std::future_status::ready, "pop still blocked 1 s after close");
    QVERIFY(!blocked.get().has_value());
}

QTEST_GUILESS_MAIN(TestTranscoder)
#include "tst_transcoder.moc"
