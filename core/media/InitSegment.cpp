#include "core/media/InitSegment.h"

#include "core/media/cenc/Box.h"

#include <algorithm>

namespace rendition {

using cenc::Box;
using cenc::fourcc;

namespace {

Error badInit(const QString &context, const QString &what)
{
    return makeError(QStringLiteral("package.init"), QStringLiteral("the init segment is not as expected: %1").arg(what), context);
}

// Offsets of timescale/duration inside a full box's body (after version/flags) for mvhd/mdhd.
struct TimeFields {
    int timescaleAt = 0;
    int durationAt = 0;
    bool wideDuration = false;
};

TimeFields headerTimeFields(const Box &b)
{
    return b.version() == 1 ? TimeFields{4 + 16, 4 + 16 + 4, true} : TimeFields{4 + 8, 4 + 8 + 4, false};
}

quint64 readDuration(const QByteArray &body, int at, bool wide)
{
    return wide ? cenc::be::read64(body.constData() + at) : cenc::be::read32(body.constData() + at);
}

void writeDuration(QByteArray &body, int at, bool wide, quint64 v)
{
    if (wide) cenc::be::write64(body.data() + at, v);
    else cenc::be::write32(body.data() + at, quint32(std::min<quint64>(v, 0xffffffffu)));
}

} // namespace

quint32 initMediaTimescale(const QByteArray &init)
{
    auto roots = cenc::parseBoxes(init);
    if (!roots) return 0;
    const Box *mdhd = cenc::findPath(*roots, {fourcc("moov"), fourcc("trak"), fourcc("mdia"), fourcc("mdhd")});
    if (!mdhd) return 0;
    const TimeFields f = headerTimeFields(*mdhd);
    if (mdhd->body.size() < f.timescaleAt + 4) return 0;
    return cenc::be::read32(mdhd->body.constData() + f.timescaleAt);
}

Result<QByteArray> finishInitSegment(const QByteArray &init, qint64 mediaStartTicks, const QString &context)
{
    auto parsed = cenc::parseBoxes(init);
    if (!parsed) return parsed.error();
    std::vector<Box> roots = std::move(parsed).value();
    Box *ftyp = cenc::findPath(roots, {fourcc("ftyp")});
    Box *moov = cenc::findPath(roots, {fourcc("moov")});
    if (!ftyp || !moov) return badInit(context, QStringLiteral("no ftyp or moov box"));
    std::vector<Box *> traks = moov->childrenOfType(fourcc("trak"));
    if (traks.size() != 1) return badInit(context, QStringLiteral("%1 tracks instead of one").arg(traks.size()));
    Box *trak = traks.front();
    Box *mvhd = moov->child(fourcc("mvhd"));
    Box *tkhd = trak->child(fourcc("tkhd"));
    Box *mdhd = cenc::findPath(*trak, {fourcc("mdia"), fourcc("mdhd")});
    if (!mvhd || !tkhd || !mdhd) return badInit(context, QStringLiteral("no mvhd, tkhd or mdhd"));
    const TimeFields mv = headerTimeFields(*mvhd), md = headerTimeFields(*mdhd);
    const TimeFields tk{0, tkhd->version() == 1 ? 4 + 16 + 8 : 4 + 8 + 8, tkhd->version() == 1};
    if (mvhd->body.size() < mv.durationAt + 8 || mdhd->body.size() < md.durationAt + 4 || tkhd->body.size() < tk.durationAt + 8)
        return badInit(context, QStringLiteral("a header box is too short"));

    // ftyp: iso6 / 0 / iso6 cmfc mp41
    QByteArray brands;
    for (quint32 b : {fourcc("iso6"), quint32(0), fourcc("iso6"), fourcc("cmfc"), fourcc("mp41")}) cenc::be::put32(brands, b);
    ftyp->body = brands;

    // mvhd timescale := media timescale; movie-timescale durations rescaled.
    const quint32 movieScale = cenc::be::read32(mvhd->body.constData() + mv.timescaleAt);
    const quint32 mediaScale = cenc::be::read32(mdhd->body.constData() + md.timescaleAt);
    if (!mediaScale) return badInit(context, QStringLiteral("the media timescale is 0"));
    auto rescaleAt = [&](Box *b, int at, bool wide) {
        const quint64 v = readDuration(b->body, at, wide);
        if (v == (wide ? ~quint64(0) : 0xffffffffu)) return; // "unknown"
        writeDuration(b->body, at, wide, movieScale ? quint64((static_cast<long double>(v) * mediaScale) / movieScale + 0.5L) : v);
    };
    rescaleAt(mvhd, mv.durationAt, mv.wideDuration);
    rescaleAt(tkhd, tk.durationAt, tk.wideDuration);
    if (Box *mehd = cenc::findPath(*moov, {fourcc("mvex"), fourcc("mehd")}); mehd && mehd->body.size() >= 8)
        rescaleAt(mehd, 4, mehd->version() == 1 && mehd->body.size() >= 12);
    cenc::be::write32(mvhd->body.data() + mv.timescaleAt, mediaScale);

    trak->removeChildren(fourcc("edts"));
    if (mediaStartTicks > 0) {
        QByteArray entries;
        cenc::be::put32(entries, 2);
        cenc::be::put64(entries, quint64(mediaStartTicks)); // empty edit: segment_duration
        cenc::be::put64(entries, ~quint64(0));              // media_time = -1
        cenc::be::put32(entries, 0x00010000);               // media_rate 1.0
        cenc::be::put64(entries, 0);                        // to the end of the fragmented track
        cenc::be::put64(entries, quint64(mediaStartTicks)); // media_time: the first audible sample
        cenc::be::put32(entries, 0x00010000);
        Box edts = Box::makeContainer(fourcc("edts"), {Box::fullBox(fourcc("elst"), 1, 0, entries)});
        // After tkhd, before mdia (ISO/IEC 14496-12 box order).
        auto it = std::find_if(trak->children.begin(), trak->children.end(), [](const Box &b) { return b.type == fourcc("tkhd"); });
        trak->children.insert(it == trak->children.end() ? trak->children.begin() : std::next(it), std::move(edts));
    }
    QByteArray out;
    for (const Box &b : roots) b.appendTo(out);
    return out;
}

} // namespace rendition
