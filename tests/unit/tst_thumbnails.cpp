// makeThumbnails(): cue layout and exact times, sheet and poster sizes (read back by decoding
// the JPEGs), letterboxing of anamorphic and 4:3 sources, tile content against a source whose
// colour encodes the time, the cost proof (decoded frames ~ tiles), bad input, cancel,
// unwritable output, and the `rendition-cli thumbnails` subcommand.

#include "core/media/FFmpegPtr.h"
#include "core/media/JpegWriter.h"
#include "core/media/SpriteSheet.h"
#include "core/media/Probe.h"
#include "core/media/Thumbnails.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <unistd.h>

Q_DECLARE_METATYPE(rendition::ThumbnailOptions)

using namespace rendition;

namespace {

const QString kGood = QStringLiteral(RENDITION_FIXTURES "/good/");
const QString kBad = QStringLiteral(RENDITION_FIXTURES "/bad/");

// Colours of the generated "clock" source: one per 2 s segment, saturated and far apart.
struct Rgb {
    int r, g, b;
};
const QList<Rgb> kSegmentColours = {{255, 0, 0}, {0, 200, 0}, {0, 0, 255}, {255, 255, 255}, {255, 255, 0}, {0, 255, 255}};
constexpr double kSegmentSeconds = 2.0;

bool runFfmpeg(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"),
                                                  QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y")}
                                          + args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning("ffmpeg failed: %s", p.readAllStandardError().constData());
        return false;
    }
    return true;
}

// A decoded JPEG as packed RGB24.
struct Image {
    int width = 0, height = 0;
    QByteArray rgb;
    bool isNull() const { return rgb.isEmpty(); }
    Rgb average(int x0, int y0, int w, int h) const
    {
        qint64 sum[3] = {};
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x)
                for (int c = 0; c < 3; ++c) sum[c] += quint8(rgb[(y * width + x) * 3 + c]);
        const qint64 n = qint64(w) * h;
        return Rgb{int(sum[0] / n), int(sum[1] / n), int(sum[2] / n)};
    }
    int luma(int x0, int y0, int w, int h) const
    {
        const Rgb a = average(x0, y0, w, h);
        return (a.r * 299 + a.g * 587 + a.b * 114) / 1000;
    }
};

Image decodeImage(const QString &path)
{
    Image image;
    AVFormatContext *raw = nullptr;
    if (avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr) < 0) return image;
    av::FormatInputPtr fmt(raw);
    if (avformat_find_stream_info(raw, nullptr) < 0 || raw->nb_streams < 1) return image;
    const AVCodec *codec = avcodec_find_decoder(raw->streams[0]->codecpar->codec_id);
    av::CodecContextPtr dec = av::makeCodecContext(codec);
    avcodec_parameters_to_context(dec.get(), raw->streams[0]->codecpar);
    if (avcodec_open2(dec.get(), codec, nullptr) < 0) return image;
    av::PacketPtr packet = av::makePacket();
    av::FramePtr frame = av::makeFrame();
    bool got = false;
    while (!got && av_read_frame(raw, packet.get()) >= 0) {
        avcodec_send_packet(dec.get(), packet.get());
        av_packet_unref(packet.get());
        got = avcodec_receive_frame(dec.get(), frame.get()) >= 0;
    }
    if (!got) {
        avcodec_send_packet(dec.get(), nullptr);
        got = avcodec_receive_frame(dec.get(), frame.get()) >= 0;
    }
    if (!got) return image;
    image.width = frame->width;
    image.height = frame->height;
    image.rgb.resize(qsizetype(image.width) * image.height * 3);
    av::SwsPtr sws(sws_getContext(frame->width, frame->height, AVPixelFormat(frame->format), frame->width, frame->height,
                                  AV_PIX_FMT_RGB24, SWS_POINT, nullptr, nullptr, nullptr));
    uint8_t *dst[4] = {reinterpret_cast<uint8_t *>(image.rgb.data()), nullptr, nullptr, nullptr};
    const int stride[4] = {image.width * 3, 0, 0, 0};
    sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst, stride);
    return image;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QString vttTime(double seconds)
{
    const qint64 ms = std::llround(seconds * 1000.0);
    return QStringLiteral("%1:%2:%3.%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

ThumbnailOptions options(double interval, int tileW = 160, int tileH = 90, int columns = 10, int rows = 10)
{
    ThumbnailOptions o;
    o.intervalSeconds = interval;
    o.tileWidth = tileW;
    o.tileHeight = tileH;
    o.columns = columns;
    o.rows = rows;
    return o;
}

bool near(const Rgb &a, const Rgb &b, int tolerance)
{
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

QByteArray describe(const Rgb &c) { return QStringLiteral("(%1,%2,%3)").arg(c.r).arg(c.g).arg(c.b).toUtf8(); }

} // namespace

class TestThumbnails : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void letterboxGeometry_data();
    void letterboxGeometry();
    void qualityMapping_data();
    void qualityMapping();

    void cuesSheetsAndTrack_data();
    void cuesSheetsAndTrack();
    void posterSize_data();
    void posterSize();
    void tilesAreLetterboxed_data();
    void tilesAreLetterboxed();
    void tileShowsTheNearestKeyframe_data();
    void tileShowsTheNearestKeyframe();
    void progressIsMonotonic();

    void badInputIsAnError_data();
    void badInputIsAnError();
    void badOptionsAreAnError_data();
    void badOptionsAreAnError();
    void unwritableOutputIsAnError_data();
    void unwritableOutputIsAnError();
    void cancelLeavesNothing_data();
    void cancelLeavesNothing();

    void cliWritesThumbnails();
    void cliExitCodes_data();
    void cliExitCodes();

private:
    QTemporaryDir m_media;                   // generated sources for this test
    std::unique_ptr<QTemporaryDir> m_out;    // fresh output folder per test function
    QString m_clock;                         // colour changes every 2 s, keyframe every 1 s, 12 s
};

void TestThumbnails::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kGood + QStringLiteral("bars_1080p25.mp4")), "fixtures missing: build the 'fixtures' target");
    QVERIFY(m_media.isValid());
    av_log_set_level(AV_LOG_QUIET);

    // The clock: 6 colour segments of 2 s at 25 fps, H.264 with B-frames, a keyframe every
    // second exactly (no scene-cut keyframes), so the keyframe nearest t is at round(t).
    m_clock = m_media.filePath(QStringLiteral("clock.mp4"));
    QStringList args;
    QString graph;
    for (int i = 0; i < kSegmentColours.size(); ++i) {
        const Rgb &c = kSegmentColours[i];
        args << QStringLiteral("-f") << QStringLiteral("lavfi") << QStringLiteral("-i")
             << QStringLiteral("color=c=0x%1%2%3:s=320x180:r=25:d=2")
                    .arg(c.r, 2, 16, QLatin1Char('0')).arg(c.g, 2, 16, QLatin1Char('0')).arg(c.b, 2, 16, QLatin1Char('0'));
        graph += QStringLiteral("[%1:v]").arg(i);
    }
    graph += QStringLiteral("concat=n=%1:v=1:a=0,format=yuv420p[v]").arg(kSegmentColours.size());
    args << QStringLiteral("-filter_complex") << graph << QStringLiteral("-map") << QStringLiteral("[v]")
         << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset") << QStringLiteral("ultrafast")
         << QStringLiteral("-bf") << QStringLiteral("2") << QStringLiteral("-g") << QStringLiteral("25")
         << QStringLiteral("-keyint_min") << QStringLiteral("25") << QStringLiteral("-sc_threshold") << QStringLiteral("0")
         << m_clock;
    QVERIFY(runFfmpeg(args));
    // The same stream in Matroska (cues index) and MPEG-TS (no index: search by time).
    for (const char *ext : {"mkv", "ts"})
        QVERIFY(runFfmpeg({QStringLiteral("-i"), m_clock, QStringLiteral("-c"), QStringLiteral("copy"),
                           m_media.filePath(QStringLiteral("clock.") + QLatin1String(ext))}));

    // Flat white pictures with various pixel shapes, for the letterbox checks.
    const struct {
        const char *name, *size, *sar;
    } flats[] = {{"white_pal_169.mp4", "720x576", "64/45"},
                 {"white_pal_43.mp4", "720x576", "16/15"},
                 {"white_square_43.mp4", "640x480", "1"},
                 {"white_square_235.mp4", "940x400", "1"}};
    for (const auto &f : flats)
        QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("color=c=white:s=%1:r=25:d=4,setsar=%2,format=yuv420p")
                               .arg(QLatin1String(f.size), QLatin1String(f.sar)),
                           QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                           QStringLiteral("ultrafast"), m_media.filePath(QLatin1String(f.name))}));
}

void TestThumbnails::init()
{
    m_out = std::make_unique<QTemporaryDir>();
    QVERIFY(m_out->isValid());
}

void TestThumbnails::letterboxGeometry_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("sarNum");
    QTest::addColumn<int>("sarDen");
    QTest::addColumn<int>("boxWidth");
    QTest::addColumn<int>("boxHeight");
    QTest::addColumn<QList<int>>("rect"); // x, y, w, h

    QTest::newRow("1080p in 16:9 box") << 1920 << 1080 << 1 << 1 << 160 << 90 << QList<int>{0, 0, 160, 90};
    QTest::newRow("PAL 16:9 anamorphic fills") << 720 << 576 << 64 << 45 << 160 << 90 << QList<int>{0, 0, 160, 90};
    QTest::newRow("PAL 4:3 pillarboxed") << 720 << 576 << 16 << 15 << 160 << 90 << QList<int>{20, 0, 120, 90};
    QTest::newRow("square 4:3 pillarboxed") << 640 << 480 << 1 << 1 << 160 << 90 << QList<int>{20, 0, 120, 90};
    QTest::newRow("2.35 letterboxed") << 940 << 400 << 1 << 1 << 160 << 90 << QList<int>{0, 10, 160, 68};
    QTest::newRow("portrait 9:16") << 1080 << 1920 << 1 << 1 << 160 << 90 << QList<int>{54, 0, 50, 90};
    QTest::newRow("unknown SAR is square") << 1280 << 720 << 0 << 1 << 96 << 54 << QList<int>{0, 0, 96, 54};
}

void TestThumbnails::letterboxGeometry()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, sarNum);
    QFETCH(int, sarDen);
    QFETCH(int, boxWidth);
    QFETCH(int, boxHeight);
    QFETCH(QList<int>, rect);
    const PictureRect r = letterbox(width, height, AVRational{sarNum, sarDen}, boxWidth, boxHeight);
    QCOMPARE((QList<int>{r.x, r.y, r.width, r.height}), rect);
    QVERIFY(r.x % 2 == 0 && r.y % 2 == 0 && r.width % 2 == 0 && r.height % 2 == 0);
}

void TestThumbnails::qualityMapping_data()
{
    QTest::addColumn<int>("quality");
    QTest::addColumn<int>("qscale");
    QTest::newRow("worst") << 1 << 31;
    QTest::newRow("below range clamps") << -5 << 31;
    QTest::newRow("middle") << 50 << 17;
    QTest::newRow("default 80") << 80 << 8;
    QTest::newRow("best") << 100 << 2;
    QTest::newRow("above range clamps") << 300 << 2;
}

void TestThumbnails::qualityMapping()
{
    QFETCH(int, quality);
    QFETCH(int, qscale);
    QCOMPARE(jpegQscale(quality), qscale);
}

void TestThumbnails::cuesSheetsAndTrack_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<double>("interval");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("maxDistance"); // |picture time − cue start| bound: half the GOP

    // bars_1080p25 has a keyframe every 2 s; the others use x264's default GOP (250 frames),
    // i.e. one keyframe for the whole file, so every tile shows the first picture.
    QTest::newRow("1080p25 2s one sheet") << kGood + QStringLiteral("bars_1080p25.mp4") << 2.0 << 10 << 10 << 1.0;
    QTest::newRow("1080p25 1s 2x2 sheets") << kGood + QStringLiteral("bars_1080p25.mp4") << 1.0 << 2 << 2 << 1.0;
    QTest::newRow("1080p25 0.7s partial rows") << kGood + QStringLiteral("bars_1080p25.mp4") << 0.7 << 4 << 3 << 1.0;
    QTest::newRow("29.97 1.5s") << kGood + QStringLiteral("ntsc_720p2997.mp4") << 1.5 << 3 << 2 << 8.0;
    QTest::newRow("anamorphic interlaced") << kGood + QStringLiteral("pal_anamorphic_interlaced.mp4") << 2.0 << 5 << 5 << 8.0;
    QTest::newRow("video only") << kGood + QStringLiteral("video_only.mp4") << 1.0 << 3 << 3 << 5.0;
    QTest::newRow("matroska 23.976") << kGood + QStringLiteral("film_23976.mkv") << 2.5 << 2 << 2 << 8.0;
}

void TestThumbnails::cuesSheetsAndTrack()
{
    QFETCH(QString, source);
    QFETCH(double, interval);
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(double, maxDistance);
    const ThumbnailOptions o = options(interval, 160, 90, columns, rows);
    const Result<ThumbnailResult> r = makeThumbnails(source, m_out->path(), o, {}, CancelToken());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));

    // Cues: ceil(duration / interval), exact contiguous times, row-major slots, sheets in order.
    const double duration = r->durationSeconds;
    QVERIFY(duration > 1);
    const int expectedCues = int(std::ceil(duration / interval - 1e-9));
    QCOMPARE(r->cues.size(), expectedCues);
    const int perSheet = columns * rows;
    double lastKeyframe = 0; // past the last keyframe, tiles show it whatever the distance
    for (const ThumbnailCue &c : r->cues) lastKeyframe = std::max(lastKeyframe, c.frameSeconds);
    for (int k = 0; k < r->cues.size(); ++k) {
        const ThumbnailCue &c = r->cues[k];
        QCOMPARE(c.startSeconds, k * interval);
        QCOMPARE(c.endSeconds, std::min((k + 1) * interval, duration));
        if (k > 0) QCOMPARE(c.startSeconds, r->cues[k - 1].endSeconds);
        QCOMPARE(c.sheet, k / perSheet);
        QCOMPARE(c.x, k % perSheet % columns * 160);
        QCOMPARE(c.y, k % perSheet / columns * 90);
        QCOMPARE(c.width, 160);
        QCOMPARE(c.height, 90);
        // The picture shown is the keyframe nearest the cue when one lies within half an
        // interval, else the picture at the cue time itself: never further than that.
        const bool pastLast = c.startSeconds > lastKeyframe && c.frameSeconds == lastKeyframe;
        const double allowed = std::min(maxDistance, interval / 2 + 0.05);
        QVERIFY2(c.frameSeconds >= 0 && (pastLast || std::abs(c.frameSeconds - c.startSeconds) <= allowed + 1e-6),
                 qPrintable(QStringLiteral("cue %1 at %2 shows %3").arg(k).arg(c.startSeconds).arg(c.frameSeconds)));
        if (k > 0) QVERIFY(c.frameSeconds >= r->cues[k - 1].frameSeconds);
    }
    QCOMPARE(r->cues.last().endSeconds, duration);

    // Sheets: full ones columns×tile by rows×tile; the last is cropped to the rows it uses.
    const int sheets = (expectedCues + perSheet - 1) / perSheet;
    QCOMPARE(r->sheets.size(), sheets);
    for (int s = 0; s < sheets; ++s) {
        QCOMPARE(r->sheets[s], QStringLiteral("sprite_%1.jpg").arg(s));
        const Image image = decodeImage(QDir(m_out->path()).filePath(r->sheets[s]));
        QVERIFY2(!image.isNull(), qPrintable(r->sheets[s]));
        const int tilesHere = std::min(perSheet, expectedCues - s * perSheet);
        const int rowsUsed = (tilesHere + columns - 1) / columns;
        QCOMPARE(image.width, columns * 160);
        QCOMPARE(image.height, rowsUsed * 90);
        for (const ThumbnailCue &c : r->cues)
            if (c.sheet == s) QVERIFY(c.x + c.width <= image.width && c.y + c.height <= image.height);
    }

    // The WebVTT track says the same thing as the cue list.
    QFile vtt(QDir(m_out->path()).filePath(r->vtt));
    QVERIFY(vtt.open(QIODevice::ReadOnly));
    const QStringList blocks = QString::fromUtf8(vtt.readAll()).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
    QCOMPARE(blocks.first().trimmed(), QStringLiteral("WEBVTT"));
    QCOMPARE(blocks.size() - 1, expectedCues);
    static const QRegularExpression cueRe(QStringLiteral(
        "^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) --> (\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d)\\n(sprite_\\d+\\.jpg)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)$"));
    for (int k = 0; k < expectedCues; ++k) {
        const QRegularExpressionMatch m = cueRe.match(blocks[k + 1].trimmed());
        QVERIFY2(m.hasMatch(), qPrintable(blocks[k + 1]));
        const ThumbnailCue &c = r->cues[k];
        QCOMPARE(m.captured(1), vttTime(k * interval));
        QCOMPARE(m.captured(2), vttTime(std::min((k + 1) * interval, duration)));
        if (k > 0) QCOMPARE(m.captured(1), cueRe.match(blocks[k].trimmed()).captured(2)); // contiguous
        QCOMPARE(m.captured(3), r->sheets[c.sheet]);
        QCOMPARE((QList<int>{m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), m.captured(7).toInt()}),
                 (QList<int>{c.x, c.y, c.width, c.height}));
    }

    // Cost proof. Where the keyframes fall within half an interval of the cues (bars: GOP 2 s,
    // interval 2 s) each tile costs one decoded picture. Elsewhere a tile decodes forward from
    // its GOP's keyframe to the cue time, continuing (not re-seeking) within a GOP, so the
    // whole run never decodes more than the title once plus one picture per tile.
    const ProbeResult info = probe(source, ProbeOptions{HashMode::Skip});
    const int titleFrames = int(std::ceil(info.durationSeconds * info.bestVideo()->frameRate()));
    const int bound = interval >= 2.0 && source.endsWith(u"bars_1080p25.mp4") ? 2 * expectedCues + 2 : titleFrames + 2 * expectedCues + 2;
    QVERIFY2(r->framesDecoded <= bound,
             qPrintable(QStringLiteral("%1 frames decoded for %2 tiles (bound %3)").arg(r->framesDecoded).arg(expectedCues).arg(bound)));
    QVERIFY(r->framesDecoded >= 1);
    QCOMPARE(r->missingTiles, 0);

    // Exactly the promised files, nothing temporary left behind.
    QStringList expectedFiles = r->sheets;
    expectedFiles << QStringLiteral("poster.jpg") << QStringLiteral("thumbnails.vtt");
    expectedFiles.sort();
    QCOMPARE(entries(m_out->path()), expectedFiles);

    const QJsonObject json = r->toJson();
    QCOMPARE(json.value(QStringLiteral("cues")).toArray().size(), expectedCues);
    QCOMPARE(json.value(QStringLiteral("frames_decoded")).toInt(), r->framesDecoded);
}

void TestThumbnails::posterSize_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("posterWidth");
    QTest::addColumn<double>("posterSeconds");
    QTest::addColumn<QSize>("size");

    QTest::newRow("1080p down to 1280") << kGood + QStringLiteral("bars_1080p25.mp4") << 1280 << -1.0 << QSize(1280, 720);
    QTest::newRow("1080p never upscaled") << kGood + QStringLiteral("bars_1080p25.mp4") << 4000 << 5.0 << QSize(1920, 1080);
    QTest::newRow("anamorphic PAL at display aspect") << kGood + QStringLiteral("pal_anamorphic_interlaced.mp4") << 1280
                                                      << -1.0 << QSize(1024, 576);
    QTest::newRow("odd width made even") << kGood + QStringLiteral("ntsc_720p2997.mp4") << 641 << 1.0 << QSize(640, 360);
    QTest::newRow("poster past the end") << kGood + QStringLiteral("video_only.mp4") << 320 << 999.0 << QSize(320, 180);
}

void TestThumbnails::posterSize()
{
    QFETCH(QString, source);
    QFETCH(int, posterWidth);
    QFETCH(double, posterSeconds);
    QFETCH(QSize, size);
    ThumbnailOptions o = options(4.0);
    o.posterWidth = posterWidth;
    o.posterSeconds = posterSeconds;
    const Result<ThumbnailResult> r = makeThumbnails(source, m_out->path(), o, {}, CancelToken());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->poster, QStringLiteral("poster.jpg"));
    const Image poster = decodeImage(QDir(m_out->path()).filePath(r->poster));
    QCOMPARE(QSize(poster.width, poster.height), size);
}

void TestThumbnails::tilesAreLetterboxed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<int>>("active"); // x, y, w, h of the picture in a 160x90 tile

    QTest::newRow("PAL 16:9 anamorphic fills the tile") << QStringLiteral("white_pal_169.mp4") << QList<int>{0, 0, 160, 90};
    QTest::newRow("PAL 4:3 pillarboxed") << QStringLiteral("white_pal_43.mp4") << QList<int>{20, 0, 120, 90};
    QTest::newRow("square 4:3 pillarboxed") << QStringLiteral("white_square_43.mp4") << QList<int>{20, 0, 120, 90};
    QTest::newRow("2.35 letterboxed") << QStringLiteral("white_square_235.mp4") << QList<int>{0, 10, 160, 68};
}

void TestThumbnails::tilesAreLetterboxed()
{
    QFETCH(QString, name);
    QFETCH(QList<int>, active);
    const Result<ThumbnailResult> r = makeThumbnails(m_media.filePath(name), m_out->path(), options(2.0), {}, CancelToken());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    const Image sheet = decodeImage(QDir(m_out->path()).filePath(QStringLiteral("sprite_0.jpg")));
    QVERIFY(!sheet.isNull());
    const int ax = active[0], ay = active[1], aw = active[2], ah = active[3];
    const int m = 3; // keep clear of JPEG ringing at the edges
    for (const ThumbnailCue &c : r->cues) {
        // The active picture is white right up to its edges...
        QVERIFY2(sheet.luma(c.x + ax + m, c.y + ay + m, aw - 2 * m, ah - 2 * m) > 235, "active area not white");
        QVERIFY(sheet.luma(c.x + ax, c.y + ay, 2, ah) > 200);           // left edge column
        QVERIFY(sheet.luma(c.x + ax + aw - 2, c.y + ay, 2, ah) > 200);  // right edge column
        QVERIFY(sheet.luma(c.x + ax, c.y + ay, aw, 2) > 200);           // top edge row
        QVERIFY(sheet.luma(c.x + ax, c.y + ay + ah - 2, aw, 2) > 200);  // bottom edge row
        // ...and the bars are black.
        if (ax > m) {
            QVERIFY2(sheet.luma(c.x, c.y, ax - m, 90) < 20, "left bar not black");
            QVERIFY2(sheet.luma(c.x + ax + aw + m, c.y, 160 - ax - aw - m, 90) < 20, "right bar not black");
        }
        if (ay > m) {
            QVERIFY2(sheet.luma(c.x, c.y, 160, ay - m) < 20, "top bar not black");
            QVERIFY2(sheet.luma(c.x, c.y + ay + ah + m, 160, 90 - ay - ah - m) < 20, "bottom bar not black");
        }
    }
}

void TestThumbnails::tileShowsTheNearestKeyframe_data()
{
    QTest::addColumn<QString>("container");
    QTest::addColumn<double>("interval");
    // Distinct keyframes + poster. Past the last Matroska cue (11 s) tiles are searched by
    // time (+1 each); without an index every tile is (tiles + poster).
    QTest::addColumn<int>("maxDecoded");

    for (const char *container : {"mp4", "mkv"}) {
        const QString c = QLatin1String(container);
        QTest::addRow("%s 2 s: one keyframe per tile", container) << c << 2.0 << 6 + 1;
        QTest::addRow("%s 3 s: keyframes at 0 3 6 9", container) << c << 3.0 << 4 + 1;
        // 0.4 s tiles: cues within 0.2 s of a keyframe share it; the others decode forward to
        // the cue inside their 1 s GOP (at most the 300-frame title once, plus the poster).
        QTest::addRow("%s 0.4 s: keyframes or exact pictures", container) << c << 0.4 << 300 + 30 + 1;
    }
    QTest::newRow("ts 2 s: no index, search by time") << QStringLiteral("ts") << 2.0 << 6 + 1;
    QTest::newRow("ts 0.4 s: no index, search by time") << QStringLiteral("ts") << 0.4 << 30 + 1;
}

void TestThumbnails::tileShowsTheNearestKeyframe()
{
    QFETCH(QString, container);
    QFETCH(double, interval);
    QFETCH(int, maxDecoded);
    const bool indexed = container != u"ts";
    const QString source = m_media.filePath(QStringLiteral("clock.") + container);
    const Result<ThumbnailResult> r = makeThumbnails(source, m_out->path(), options(interval, 64, 36, 8, 8), {}, CancelToken());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(r->cues.size(), int(std::ceil(r->durationSeconds / interval - 1e-9)));
    QVERIFY(std::abs(r->durationSeconds - 12.0) < 0.05);
    const Image sheet = decodeImage(QDir(m_out->path()).filePath(QStringLiteral("sprite_0.jpg")));
    QVERIFY(!sheet.isNull());
    for (const ThumbnailCue &c : r->cues) {
        // Keyframes every second, the last at 11 s: the nearest to t is at round(t) (ties go
        // to the earlier one). Searching by time, it may not lie before t − interval / 2.
        double keyframe = std::ceil(c.startSeconds - 0.5 - 1e-9);
        if (!indexed && keyframe < c.startSeconds - interval / 2 - 1e-9) keyframe += 1;
        keyframe = std::min(11.0, keyframe);
        // With an index, a keyframe more than half an interval away is not used: the tile is
        // decoded at the cue time exactly.
        // (Matroska's index ends at its last cue, 11 s: later tiles are searched by time.)
        const bool indexedHere = indexed && !(container == u"mkv" && c.startSeconds > 11.0);
        if (indexedHere && std::abs(keyframe - c.startSeconds) > interval / 2 + 0.001) keyframe = c.startSeconds;
        QVERIFY2(std::abs(c.frameSeconds - keyframe) < 0.001,
                 qPrintable(QStringLiteral("cue at %1 shows %2, expected %3").arg(c.startSeconds).arg(c.frameSeconds).arg(keyframe)));
        const Rgb expected = kSegmentColours[int(keyframe / kSegmentSeconds)];
        const Rgb got = sheet.average(c.x + 4, c.y + 4, c.width - 8, c.height - 8);
        QVERIFY2(near(got, expected, 24),
                 "cue at " + QByteArray::number(c.startSeconds) + " shows " + describe(got) + ", expected " + describe(expected));
    }
    QVERIFY2(r->framesDecoded <= maxDecoded,
             qPrintable(QStringLiteral("%1 frames decoded, at most %2 expected").arg(r->framesDecoded).arg(maxDecoded)));

    // The poster (10% of 12 s = 1.2 s → keyframe at 1 s) is in the first colour.
    const Image poster = decodeImage(QDir(m_out->path()).filePath(r->poster));
    QCOMPARE(QSize(poster.width, poster.height), QSize(320, 180));
    QVERIFY(near(poster.average(8, 8, 304, 164), kSegmentColours[0], 24));
}

void TestThumbnails::progressIsMonotonic()
{
    QList<ProgressEvent> events;
    const Result<ThumbnailResult> r = makeThumbnails(
        m_clock, m_out->path(), options(1.0), [&](const ProgressEvent &e) { events << e; }, CancelToken());
    QVERIFY(r.ok());
    QVERIFY(events.size() >= r->cues.size());
    double last = -1;
    for (const ProgressEvent &e : events) {
        QCOMPARE(e.stage, QStringLiteral("thumbnails"));
        QVERIFY(e.percent >= last && e.percent <= 100);
        last = e.percent;
    }
    QCOMPARE(last, 100.0);
}

void TestThumbnails::badInputIsAnError_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("code");

    QTest::newRow("audio only") << kGood + QStringLiteral("audio_only.m4a") << QStringLiteral("thumbnails.no_video");
    QTest::newRow("subtitles only") << kBad + QStringLiteral("subtitles_only.mkv") << QStringLiteral("thumbnails.no_video");
    QTest::newRow("text renamed") << kBad + QStringLiteral("text_renamed.mp4") << QStringLiteral("thumbnails.open");
    QTest::newRow("empty file") << kBad + QStringLiteral("empty.mp4") << QStringLiteral("thumbnails.open");
    QTest::newRow("moov lost") << kBad + QStringLiteral("truncated_moov_at_end.mp4") << QStringLiteral("thumbnails.open");
    QTest::newRow("directory") << kBad + QStringLiteral("dir.mp4") << QStringLiteral("thumbnails.open");
    QTest::newRow("missing") << kGood + QStringLiteral("no_such_file.mp4") << QStringLiteral("thumbnails.open");
    QTest::newRow("unknown codec") << kBad + QStringLiteral("unknown_codec.mov") << QStringLiteral("thumbnails.no_decoder");
}

void TestThumbnails::badInputIsAnError()
{
    QFETCH(QString, source);
    QFETCH(QString, code);
    const Result<ThumbnailResult> r = makeThumbnails(source, m_out->path(), options(1.0), {}, CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().context, source); // names the file
    QVERIFY(r.error().toString().contains(QFileInfo(source).fileName()));
    QVERIFY(!r.error().message.isEmpty());
    QCOMPARE(entries(m_out->path()), QStringList());
}

void TestThumbnails::badOptionsAreAnError_data()
{
    QTest::addColumn<ThumbnailOptions>("opts");
    ThumbnailOptions o;
    o.intervalSeconds = 0;
    QTest::newRow("zero interval") << o;
    o = {};
    o.tileWidth = 161;
    QTest::newRow("odd tile width") << o;
    o = {};
    o.columns = 0;
    QTest::newRow("no columns") << o;
    o = {};
    o.jpegQuality = 101;
    QTest::newRow("quality above 100") << o;
    o = {};
    o.columns = 200;
    QTest::newRow("sheet too wide") << o;
}

void TestThumbnails::badOptionsAreAnError()
{
    QFETCH(ThumbnailOptions, opts);
    const Result<ThumbnailResult> r =
        makeThumbnails(kGood + QStringLiteral("video_only.mp4"), m_out->path(), opts, {}, CancelToken());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("thumbnails.options"));
    QCOMPARE(entries(m_out->path()), QStringList());
}

void TestThumbnails::unwritableOutputIsAnError_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing folder") << QStringLiteral("missing");
    QTest::newRow("a file, not a folder") << QStringLiteral("file");
    QTest::newRow("read-only folder") << QStringLiteral("readonly");
    QTest::newRow("/proc") << QStringLiteral("proc");
}

void TestThumbnails::unwritableOutputIsAnError()
{
    QFETCH(QString, kind);
    QString outDir = m_out->filePath(QStringLiteral("out"));
    if (kind == u"file") {
        QFile f(outDir);
        QVERIFY(f.open(QIODevice::WriteOnly));
    } else if (kind == u"readonly") {
        if (geteuid() == 0) QSKIP("root ignores folder permissions");
        QVERIFY(QDir().mkpath(outDir));
        QVERIFY(QFile::setPermissions(outDir, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    } else if (kind == u"proc") {
        outDir = QStringLiteral("/proc");
    }
    const Result<ThumbnailResult> r =
        makeThumbnails(kGood + QStringLiteral("video_only.mp4"), outDir, options(1.0), {}, CancelToken());
    if (kind == u"readonly") QFile::setPermissions(outDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("thumbnails.write"));
    QVERIFY2(r.error().context.startsWith(outDir), qPrintable(r.error().context)); // names the folder or file
    if (kind == u"readonly") QCOMPARE(entries(outDir), QStringList());
}

void TestThumbnails::cancelLeavesNothing_data()
{
    QTest::addColumn<int>("cancelAfterEvents"); // 0 = canceled before the call
    QTest::newRow("before start") << 0;
    QTest::newRow("after the first tile") << 1;
    QTest::newRow("after several sheets") << 5;
}

void TestThumbnails::cancelLeavesNothing()
{
    QFETCH(int, cancelAfterEvents);
    CancelToken cancel;
    if (cancelAfterEvents == 0) cancel.cancel();
    int events = 0;
    const ProgressSink sink = [&](const ProgressEvent &) {
        if (++events == cancelAfterEvents) cancel.cancel();
    };
    // One tile per sheet, so sheets are already on disk when the cancel comes.
    const Result<ThumbnailResult> r = makeThumbnails(m_clock, m_out->path(), options(1.0, 160, 90, 1, 1), sink, cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("canceled"));
    QCOMPARE(r.error().context, m_clock);
    QVERIFY(events <= std::max(cancelAfterEvents, 0)); // stopped at once
    QCOMPARE(entries(m_out->path()), QStringList());    // no sheet, no temp file, no track
}

void TestThumbnails::cliWritesThumbnails()
{
    const QString out = m_out->filePath(QStringLiteral("made/by/cli"));
    QProcess p;
    p.start(QStringLiteral(RENDITION_CLI),
            {QStringLiteral("thumbnails"), kGood + QStringLiteral("bars_1080p25.mp4"), QStringLiteral("--out"), out,
             QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--tile"), QStringLiteral("96x54"),
             QStringLiteral("--grid"), QStringLiteral("4x2"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(json.value(QStringLiteral("cues")).toArray().size(), 12);
    QCOMPARE(json.value(QStringLiteral("sheets")).toArray().size(), 2);
    // 1 s tiles on a 2 s GOP: every other tile decodes forward within its GOP (≤ the title's 300 frames).
    QVERIFY(json.value(QStringLiteral("frames_decoded")).toInt() <= 300 + 2 * 12 + 2);
    const Image sheet = decodeImage(QDir(out).filePath(QStringLiteral("sprite_0.jpg")));
    QCOMPARE(QSize(sheet.width, sheet.height), QSize(4 * 96, 2 * 54));
    QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("thumbnails.vtt"))));
}

void TestThumbnails::cliExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");

    const QString video = kGood + QStringLiteral("video_only.mp4");
    QTest::newRow("audio only fails") << QStringList{kGood + QStringLiteral("audio_only.m4a"), QStringLiteral("--out"),
                                                     QStringLiteral("@OUT@")}
                                      << 1 << QStringLiteral("audio_only.m4a");
    QTest::newRow("no --out") << QStringList{video} << 2 << QStringLiteral("--out");
    QTest::newRow("no file") << QStringList{QStringLiteral("--out"), QStringLiteral("@OUT@")} << 2 << QStringLiteral("FILE");
    QTest::newRow("bad tile") << QStringList{video, QStringLiteral("--out"), QStringLiteral("@OUT@"), QStringLiteral("--tile"),
                                             QStringLiteral("big")}
                              << 2 << QStringLiteral("--tile");
    QTest::newRow("odd tile rejected") << QStringList{video, QStringLiteral("--out"), QStringLiteral("@OUT@"),
                                                      QStringLiteral("--tile"), QStringLiteral("161x90")}
                                       << 2 << QStringLiteral("even");
}

void TestThumbnails::cliExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    args.replaceInStrings(QStringLiteral("@OUT@"), m_out->path());
    args.prepend(QStringLiteral("thumbnails"));
    QProcess p;
    p.start(QStringLiteral(RENDITION_CLI), args);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), exitCode);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestThumbnails)
#include "tst_thumbnails.moc"
