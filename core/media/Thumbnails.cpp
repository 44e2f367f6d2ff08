#include "core/media/Thumbnails.h"

#include "core/media/JpegWriter.h"
#include "core/media/KeyframeGrabber.h"
#include "core/media/SpriteSheet.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

#include <cmath>

namespace rendition {

namespace {

constexpr int kMaxTiles = 100000;
const QString kPosterName = QStringLiteral("poster.jpg");
const QString kVttName = QStringLiteral("thumbnails.vtt");

QString sheetName(int sheet) { return QStringLiteral("sprite_%1.jpg").arg(sheet); }

// WebVTT timestamp, HH:MM:SS.mmm.
QString vttTime(double seconds)
{
    const qint64 ms = std::llround(std::max(0.0, seconds) * 1000.0);
    return QStringLiteral("%1:%2:%3.%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

Status validate(const ThumbnailOptions &o)
{
    auto bad = [](const QString &what) { return makeError(QStringLiteral("thumbnails.options"), what); };
    if (!(o.intervalSeconds >= 0.04) || !std::isfinite(o.intervalSeconds))
        return bad(QStringLiteral("the thumbnail interval must be at least 0.04 s"));
    if (o.tileWidth < 16 || o.tileHeight < 16 || o.tileWidth > 4096 || o.tileHeight > 4096 || o.tileWidth % 2 || o.tileHeight % 2)
        return bad(QStringLiteral("tile sizes must be even numbers from 16 to 4096"));
    if (o.columns < 1 || o.rows < 1 || qint64(o.columns) * o.tileWidth > 16384 || qint64(o.rows) * o.tileHeight > 16384)
        return bad(QStringLiteral("a sprite sheet must have at least one tile and fit in 16384x16384 pixels"));
    if (o.jpegQuality < 1 || o.jpegQuality > 100) return bad(QStringLiteral("JPEG quality must be between 1 and 100"));
    if (o.posterWidth < 16) return bad(QStringLiteral("the poster width must be at least 16 pixels"));
    if (o.decoderThreads < 1) return bad(QStringLiteral("the decoder needs at least one thread"));
    return {};
}

// Files written by one call: removed again unless the call succeeds.
class WrittenFiles {
public:
    explicit WrittenFiles(QString dir) : m_dir(std::move(dir)) {}
    ~WrittenFiles()
    {
        if (!m_keep)
            for (const QString &name : m_names) QFile::remove(QDir(m_dir).filePath(name));
    }
    QString add(const QString &name)
    {
        m_names << name;
        return QDir(m_dir).filePath(name);
    }
    void keep() { m_keep = true; }

private:
    QString m_dir;
    QStringList m_names;
    bool m_keep = false;
};

Status writeText(const QString &path, const QByteArray &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return makeError(QStringLiteral("thumbnails.write"),
                         QStringLiteral("could not write the file (%1); check that the output folder is writable")
                             .arg(file.errorString()),
                         path);
    return {};
}

QByteArray makeVtt(const QList<ThumbnailCue> &cues)
{
    QString text = QStringLiteral("WEBVTT\n");
    for (const ThumbnailCue &c : cues)
        text += QStringLiteral("\n%1 --> %2\n%3#xywh=%4,%5,%6,%7\n")
                    .arg(vttTime(c.startSeconds), vttTime(c.endSeconds), sheetName(c.sheet))
                    .arg(c.x).arg(c.y).arg(c.width).arg(c.height);
    return text.toUtf8();
}

// Poster: the display aspect at posterWidth, never wider than the display width, even sizes.
Status writePoster(const AVFrame *frame, AVRational sar, const ThumbnailOptions &o, const QString &path)
{
    const double displayWidth = frame->width * av_q2d(sar);
    const int width = std::max(2, int(std::min<double>(o.posterWidth, displayWidth)) / 2 * 2);
    const int height = std::max(2, int(std::lround(width * frame->height / displayWidth / 2.0)) * 2);
    av::FramePtr poster = makeBlackPicture(width, height);
    if (!poster) return makeError(QStringLiteral("thumbnails.memory"), QStringLiteral("out of memory for the poster"), path);
    PictureScaler scaler;
    if (Status s = scaler.draw(frame, poster.get(), letterbox(frame->width, frame->height, sar, width, height)); !s)
        return s;
    return writeJpeg(poster.get(), path, o.jpegQuality);
}

} // namespace

QJsonObject ThumbnailResult::toJson() const
{
    QJsonArray cueArray;
    for (const ThumbnailCue &c : cues)
        cueArray.append(QJsonObject{{QStringLiteral("start_s"), c.startSeconds},
                                    {QStringLiteral("end_s"), c.endSeconds},
                                    {QStringLiteral("sheet"), sheets.value(c.sheet)},
                                    {QStringLiteral("x"), c.x},
                                    {QStringLiteral("y"), c.y},
                                    {QStringLiteral("w"), c.width},
                                    {QStringLiteral("h"), c.height},
                                    {QStringLiteral("frame_s"), c.frameSeconds}});
    return QJsonObject{
        {QStringLiteral("poster"), poster},
        {QStringLiteral("sheets"), QJsonArray::fromStringList(sheets)},
        {QStringLiteral("vtt"), vtt},
        {QStringLiteral("duration_s"), durationSeconds},
        {QStringLiteral("frames_decoded"), framesDecoded},
        {QStringLiteral("missing_tiles"), missingTiles},
        {QStringLiteral("options"),
         QJsonObject{{QStringLiteral("interval_s"), options.intervalSeconds},
                     {QStringLiteral("tile_width"), options.tileWidth},
                     {QStringLiteral("tile_height"), options.tileHeight},
                     {QStringLiteral("columns"), options.columns},
                     {QStringLiteral("rows"), options.rows},
                     {QStringLiteral("jpeg_quality"), options.jpegQuality},
                     {QStringLiteral("poster_s"), options.posterSeconds},
                     {QStringLiteral("poster_width"), options.posterWidth}}},
        {QStringLiteral("cues"), cueArray},
    };
}

Result<ThumbnailResult> makeThumbnails(const QString &source, const QString &outDir, const ThumbnailOptions &options,
                                       const ProgressSink &progress, const CancelToken &cancel)
{
    if (Status s = validate(options); !s) return Error{s.error().code, s.error().message, source};
    if (!QFileInfo(outDir).isDir())
        return makeError(QStringLiteral("thumbnails.write"),
                         QStringLiteral("the output folder does not exist; create it first"), outDir);
    Result<std::unique_ptr<KeyframeGrabber>> opened = KeyframeGrabber::open(source, options.decoderThreads, cancel);
    if (!opened) return opened.error();
    KeyframeGrabber &grabber = **opened;

    ThumbnailResult result;
    result.options = options;
    result.durationSeconds = grabber.durationSeconds();
    const double duration = result.durationSeconds;
    const double interval = options.intervalSeconds;
    const qint64 tiles = qint64(std::ceil(duration / interval - 1e-9));
    if (tiles > kMaxTiles)
        return makeError(QStringLiteral("thumbnails.options"),
                         QStringLiteral("%1 tiles is too many; use a longer interval").arg(tiles), source);
    const double posterAt = options.posterSeconds >= 0 ? std::min(options.posterSeconds, duration) : 0.1 * duration;
    const int64_t posterKey = grabber.nearestKeyframe(posterAt);
    const AVRational sar = grabber.sampleAspectRatio();

    WrittenFiles written(outDir);
    SpriteSheet sheet(options.columns, options.rows, options.tileWidth, options.tileHeight);
    av::FramePtr picture;       // the last decoded picture, reused while tiles map to its keyframe
    int64_t pictureKey = AV_NOPTS_VALUE;
    av::FramePtr posterPicture; // kept when a tile decodes the poster's keyframe
    auto report = [&](double done) {
        if (progress)
            progress(ProgressEvent{QStringLiteral("thumbnails"), QFileInfo(source).fileName(), 100.0 * done / (tiles + 1)});
    };

    for (qint64 k = 0; k < tiles; ++k) {
        if (cancel.isCanceled())
            return makeError(QStringLiteral("canceled"), QStringLiteral("making thumbnails was canceled"), source);
        const double start = k * interval;
        int64_t key = grabber.nearestKeyframe(start);
        // Long GOPs: when the nearest keyframe is more than half an interval away the tile
        // would show another moment, so decode forward to the exact time instead (cost: up
        // to one GOP per tile, still independent of the title's duration).
        const bool exact = key != AV_NOPTS_VALUE && std::abs(grabber.keyframeSeconds(key) - start) > interval / 2 + 0.001;
        if (exact) key = AV_NOPTS_VALUE; // a picture that is not a keyframe is never reused
        if (!picture || key == AV_NOPTS_VALUE || key != pictureKey) {
            Result<av::FramePtr> grabbed = exact ? grabber.grabExact(start) : grabber.grab(start, interval / 2);
            if (grabbed) {
                picture = std::move(*grabbed);
                pictureKey = key;
            } else if (grabbed.error().code == u"canceled") {
                return grabbed.error();
            } else {
                ++result.missingTiles; // a damaged stretch: keep showing the previous picture
            }
        }
        if (picture && key != AV_NOPTS_VALUE && key == posterKey && !posterPicture) posterPicture = av::refFrame(picture.get());

        const int slot = int(k % sheet.capacity());
        const int sheetIndex = int(k / sheet.capacity());
        if (slot == 0)
            if (Status s = sheet.begin(); !s) return Error{s.error().code, s.error().message, source};
        if (picture)
            if (Status s = sheet.put(slot, picture.get(), sar); !s) return Error{s.error().code, s.error().message, source};
        const PictureRect rect = sheet.tileRect(slot);
        result.cues.append(ThumbnailCue{start, std::min((k + 1) * interval, duration), sheetIndex, rect.x, rect.y,
                                        rect.width, rect.height, picture ? grabber.frameSeconds(picture.get()) : -1.0});
        if (slot == sheet.capacity() - 1 || k == tiles - 1) {
            av::FramePtr full = sheet.finish(slot + 1);
            const QString name = sheetName(sheetIndex);
            if (Status s = writeJpeg(full.get(), written.add(name), options.jpegQuality); !s) return s.error();
            result.sheets << name;
        }
        report(k + 1);
    }
    if (grabber.framesDecoded() == 0)
        return makeError(QStringLiteral("thumbnails.decode"),
                         QStringLiteral("no video picture could be decoded; the file is probably damaged"), source);

    if (!posterPicture) {
        Result<av::FramePtr> grabbed = grabber.grab(posterAt, interval / 2);
        if (!grabbed && grabbed.error().code == u"canceled") return grabbed.error();
        if (grabbed) posterPicture = std::move(*grabbed);
        else if (picture) posterPicture = std::move(picture); // damaged there: the last good picture
        else return grabbed.error();
    }
    if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("making thumbnails was canceled"), source);
    if (Status s = writePoster(posterPicture.get(), sar, options, written.add(kPosterName)); !s) return s.error();
    result.poster = kPosterName;
    if (Status s = writeText(written.add(kVttName), makeVtt(result.cues)); !s) return s.error();
    result.vtt = kVttName;
    result.framesDecoded = grabber.framesDecoded();
    report(tiles + 1);
    written.keep();
    return result;
}

} // namespace rendition
