#include "core/preview/ThumbnailTrack.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace rendition {

namespace {

// "hh:mm:ss.ttt" or "mm:ss.ttt" → milliseconds, -1 when malformed.
qint64 parseVttTime(QStringView text)
{
    static const QRegularExpression re(QStringLiteral(R"(^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$)"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch()) return -1;
    const qint64 hours = m.captured(1).isEmpty() ? 0 : m.captured(1).toLongLong();
    return ((hours * 60 + m.captured(2).toLongLong()) * 60 + m.captured(3).toLongLong()) * 1000 +
           m.captured(4).toLongLong();
}

Error vttError(const QString &sourceName, int line, const QString &what)
{
    return makeError(QStringLiteral("thumbnails.vtt"), what, QStringLiteral("%1, line %2").arg(sourceName).arg(line));
}

} // namespace

Result<ThumbnailTrack> ThumbnailTrack::parse(const QByteArray &text, const QString &baseDir, const QString &sourceName)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    if (lines.isEmpty() || !lines.first().trimmed().startsWith(QStringLiteral("WEBVTT")))
        return vttError(sourceName, 1, QStringLiteral("not a WebVTT file (the first line must start with WEBVTT)"));
    static const QRegularExpression payloadRe(QStringLiteral(R"(^(.+)#xywh=(\d+),(\d+),(\d+),(\d+)$)"));
    const QDir base(baseDir);
    ThumbnailTrack track;
    for (int i = 1; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (!line.contains(QStringLiteral("-->"))) continue; // blank lines, cue identifiers, NOTE blocks
        const QStringList parts = line.split(QStringLiteral("-->"));
        const qint64 startMs = parseVttTime(parts.value(0));
        const qint64 endMs = parseVttTime(parts.value(1).trimmed().section(u' ', 0, 0));
        if (startMs < 0 || endMs < startMs)
            return vttError(sourceName, i + 1, QStringLiteral("malformed cue timing \"%1\"").arg(line));
        const QString payload = lines.value(i + 1).trimmed();
        const QRegularExpressionMatch m = payloadRe.match(payload);
        if (!m.hasMatch())
            return vttError(sourceName, i + 2,
                            QStringLiteral("the cue must name a sprite tile as <file>#xywh=x,y,w,h"));
        ThumbnailTile tile;
        tile.startMs = startMs;
        tile.endMs = endMs;
        tile.sheetPath = QDir::cleanPath(base.absoluteFilePath(m.captured(1)));
        tile.x = m.captured(2).toInt();
        tile.y = m.captured(3).toInt();
        tile.width = m.captured(4).toInt();
        tile.height = m.captured(5).toInt();
        track.m_tiles.append(tile);
        ++i;
    }
    std::stable_sort(track.m_tiles.begin(), track.m_tiles.end(),
                     [](const ThumbnailTile &a, const ThumbnailTile &b) { return a.startMs < b.startMs; });
    return track;
}

Result<ThumbnailTrack> ThumbnailTrack::load(const QString &vttPath)
{
    QFile f(vttPath);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("thumbnails.read"),
                         QStringLiteral("cannot read the thumbnail track (%1)").arg(f.errorString()), vttPath);
    return parse(f.readAll(), QFileInfo(vttPath).absolutePath(), vttPath);
}

int ThumbnailTrack::indexAt(qint64 timeMs) const
{
    if (m_tiles.isEmpty()) return -1;
    // First tile starting after timeMs; the one before it covers timeMs (or the first tile).
    const auto it = std::upper_bound(m_tiles.cbegin(), m_tiles.cend(), timeMs,
                                     [](qint64 t, const ThumbnailTile &tile) { return t < tile.startMs; });
    return it == m_tiles.cbegin() ? 0 : int(it - m_tiles.cbegin()) - 1;
}

const ThumbnailTile *ThumbnailTrack::tileAt(qint64 timeMs) const
{
    const int i = indexAt(timeMs);
    return i < 0 ? nullptr : &m_tiles.at(i);
}

QStringList ThumbnailTrack::sheetPaths() const
{
    QStringList out;
    QSet<QString> seen;
    for (const ThumbnailTile &t : m_tiles)
        if (!seen.contains(t.sheetPath)) {
            seen.insert(t.sheetPath);
            out.append(t.sheetPath);
        }
    return out;
}

} // namespace rendition
