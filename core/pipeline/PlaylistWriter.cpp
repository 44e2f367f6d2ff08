#include "core/pipeline/PlaylistWriter.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <cmath>

namespace rendition {

namespace {

Status saveText(const QString &path, const QString &text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit())
        return makeError(QStringLiteral("package.write"), QStringLiteral("could not write the playlist: %1").arg(f.errorString()), path);
    return {};
}

QString seconds(double s, int decimals = 6) { return QString::number(s, 'f', decimals); }

QString isoDuration(double s) { return QStringLiteral("PT%1S").arg(QString::number(s, 'f', 3)); }

QString mediaPlaylist(const TrackRecord &t, bool fmp4, const PlaylistDrm *drm)
{
    double maxSeg = 0;
    for (const SegmentRecord &s : t.segments) maxSeg = std::max(maxSeg, s.durationTs * av_q2d(t.timeBase));
    QString out;
    QTextStream ts(&out);
    ts << "#EXTM3U\n#EXT-X-VERSION:" << (fmp4 ? 7 : 3) << '\n'
       // RFC 8216: every EXTINF rounded to the nearest integer must be <= the target duration.
       << "#EXT-X-TARGETDURATION:" << std::max<qint64>(1, std::llround(maxSeg)) << '\n'
       << "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n";
    // Keys before the MAP: hls.js attaches the keys in force at EXT-X-MAP to the init segment.
    if (drm)
        for (const QString &line : drm->hlsKeyLines) ts << line << '\n';
    if (fmp4) ts << "#EXT-X-MAP:URI=\"" << t.initFile << "\"\n";
    for (const SegmentRecord &s : t.segments) ts << "#EXTINF:" << seconds(s.durationTs * av_q2d(t.timeBase)) << ",\n" << s.file << '\n';
    ts << "#EXT-X-ENDLIST\n";
    return out;
}

QString audioGroupId(const QString &name) { return QStringLiteral("aud_") + name; }

const AudioOutput *audioFor(const TranscodeResult &r, const Rung &rung)
{
    for (const AudioOutput &a : r.audio)
        if (a.rendition.name == rung.audio) return &a;
    return r.audio.isEmpty() ? nullptr : &r.audio.first();
}

QString masterPlaylist(const TranscodeResult &r)
{
    QString out;
    QTextStream ts(&out);
    ts << "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n";
    bool first = true;
    for (const AudioOutput &a : r.audio) {
        ts << "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"" << audioGroupId(a.rendition.name) << "\",NAME=\"" << a.rendition.name
           << "\",LANGUAGE=\"" << a.language << "\",DEFAULT=" << (first ? "YES" : "NO") << ",AUTOSELECT=YES,CHANNELS=\""
           << a.rendition.channels << "\",URI=\"" << a.dirName << "/playlist.m3u8\"\n";
        first = false;
    }
    for (const VideoOutput &v : r.video) {
        MeasuredBitrate b = measure(v.track);
        QString codecs = v.codecString;
        const AudioOutput *a = audioFor(r, v.planned.rung);
        if (a) {
            const MeasuredBitrate ab = measure(a->track);
            b.peakBps += ab.peakBps;
            b.averageBps += ab.averageBps;
            codecs += u',' + a->codecString;
        }
        ts << "#EXT-X-STREAM-INF:BANDWIDTH=" << b.peakBps << ",AVERAGE-BANDWIDTH=" << b.averageBps << ",CODECS=\"" << codecs
           << "\",RESOLUTION=" << v.planned.width << 'x' << v.planned.height << ",FRAME-RATE=" << seconds(av_q2d(v.frameRate), 3);
        if (a) ts << ",AUDIO=\"" << audioGroupId(a->rendition.name) << '"';
        ts << '\n' << v.planned.dirName << "/playlist.m3u8\n";
    }
    if (r.video.isEmpty()) { // audio-only package: each audio rendition is a variant
        for (const AudioOutput &a : r.audio) {
            const MeasuredBitrate b = measure(a.track);
            ts << "#EXT-X-STREAM-INF:BANDWIDTH=" << b.peakBps << ",AVERAGE-BANDWIDTH=" << b.averageBps << ",CODECS=\""
               << a.codecString << "\"\n" << a.dirName << "/playlist.m3u8\n";
        }
    }
    return out;
}

QString segmentTimeline(const TrackRecord &t)
{
    QString out;
    QTextStream ts(&out);
    ts << "          <SegmentTimeline>\n";
    for (int i = 0; i < t.segments.size();) {
        const SegmentRecord &s = t.segments[i];
        int repeat = 0;
        while (i + repeat + 1 < t.segments.size() && t.segments[i + repeat + 1].durationTs == s.durationTs) ++repeat;
        ts << "            <S t=\"" << s.startPts << "\" d=\"" << s.durationTs << '"';
        if (repeat) ts << " r=\"" << repeat << '"';
        ts << "/>\n";
        i += repeat + 1;
    }
    ts << "          </SegmentTimeline>\n";
    return out;
}

QString segmentTemplate(const TrackRecord &t, const QString &dir, qint64 ptoTicks)
{
    return QStringLiteral("        <SegmentTemplate timescale=\"%1\" presentationTimeOffset=\"%2\" initialization=\"%3/%4\" "
                          "media=\"%3/seg_$Number%05d$.m4s\" startNumber=\"1\">\n")
               .arg(t.timeBase.den / std::max(1, t.timeBase.num)).arg(ptoTicks).arg(dir, t.initFile)
           + segmentTimeline(t) + QStringLiteral("        </SegmentTemplate>\n");
}

qint64 ptoFor(const TrackRecord &t, double offsetSeconds) { return std::llround(offsetSeconds / av_q2d(t.timeBase)); }

// DASH-IF IOP thumbnail tiles: one "segment" per sprite sheet, each covering
// columns × rows × interval seconds.
QString imageAdaptationSet(const ThumbnailResult &t, int id)
{
    const ThumbnailOptions &o = t.options;
    const int sheetW = o.tileWidth * o.columns, sheetH = o.tileHeight * o.rows;
    const double sheetSeconds = o.intervalSeconds * o.columns * o.rows;
    const qint64 bandwidth = std::max<qint64>(1, std::llround(12000.0 * o.columns * o.rows / sheetSeconds));
    return QStringLiteral("    <AdaptationSet id=\"%1\" contentType=\"image\" mimeType=\"image/jpeg\">\n"
                          "      <SupplementalProperty schemeIdUri=\"http://dashif.org/guidelines/thumbnail_tile\" value=\"%2x%3\"/>\n"
                          "      <Representation id=\"thumbnails\" bandwidth=\"%4\" width=\"%5\" height=\"%6\">\n"
                          "        <SegmentTemplate media=\"thumbnails/sprite_$Number$.jpg\" duration=\"%7\" timescale=\"1000\" startNumber=\"0\"/>\n"
                          "      </Representation>\n"
                          "    </AdaptationSet>\n")
        .arg(id).arg(o.columns).arg(o.rows).arg(bandwidth).arg(sheetW).arg(sheetH).arg(std::llround(sheetSeconds * 1000));
}

// Indents a block of XML lines to sit inside an AdaptationSet.
QString indented(const QString &xml, int spaces)
{
    QString out;
    const QString pad(spaces, u' ');
    for (const QString &line : xml.split(u'\n', Qt::SkipEmptyParts)) out += pad + line.trimmed() + u'\n';
    return out;
}

QString mpd(const TranscodeResult &r, const Preset &preset, const ThumbnailResult *thumbnails, const PlaylistDrm *drm)
{
    const QString protection = drm ? indented(drm->mpdContentProtection, 6) : QString();
    double duration = 0;
    for (const VideoOutput &v : r.video) duration = std::max(duration, v.track.durationSeconds());
    for (const AudioOutput &a : r.audio) duration = std::max(duration, a.track.durationSeconds());
    QString out;
    QTextStream ts(&out);
    ts << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       << "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"" << (drm && !drm->mpdNamespaces.isEmpty() ? u' ' + drm->mpdNamespaces : QString())
       << " profiles=\"urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019\" "
       << "type=\"static\" mediaPresentationDuration=\"" << isoDuration(duration) << "\" minBufferTime=\""
       << isoDuration(preset.packaging.segmentDurationSeconds) << "\">\n"
       << "  <Period id=\"0\" start=\"PT0S\">\n";
    if (!r.video.isEmpty()) {
        int maxW = 0, maxH = 0;
        for (const VideoOutput &v : r.video) { maxW = std::max(maxW, v.planned.width); maxH = std::max(maxH, v.planned.height); }
        ts << "    <AdaptationSet id=\"0\" contentType=\"video\" mimeType=\"video/mp4\" segmentAlignment=\"true\" startWithSAP=\"1\" "
           << "maxWidth=\"" << maxW << "\" maxHeight=\"" << maxH << "\">\n" << protection;
        for (const VideoOutput &v : r.video) {
            const AVRational fr = v.frameRate;
            ts << "      <Representation id=\"" << v.planned.dirName << "\" codecs=\"" << v.codecString << "\" bandwidth=\""
               << measure(v.track).peakBps << "\" width=\"" << v.planned.width << "\" height=\"" << v.planned.height
               << "\" sar=\"1:1\" frameRate=\"" << fr.num << (fr.den != 1 ? QStringLiteral("/%1").arg(fr.den) : QString()) << "\">\n"
               << segmentTemplate(v.track, v.planned.dirName, ptoFor(v.track, r.startOffsetSeconds)) << "      </Representation>\n";
        }
        ts << "    </AdaptationSet>\n";
    }
    int id = 1;
    for (const AudioOutput &a : r.audio) {
        ts << "    <AdaptationSet id=\"" << id++ << "\" contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"" << a.language
           << "\" segmentAlignment=\"true\" startWithSAP=\"1\">\n" << protection
           << "      <Representation id=\"" << a.dirName << "\" codecs=\"" << a.codecString << "\" bandwidth=\""
           << measure(a.track).peakBps << "\" audioSamplingRate=\"" << a.track.timeBase.den << "\">\n"
           << "        <AudioChannelConfiguration schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\""
           << a.rendition.channels << "\"/>\n"
           << segmentTemplate(a.track, a.dirName, ptoFor(a.track, r.startOffsetSeconds)) << "      </Representation>\n"
           << "    </AdaptationSet>\n";
    }
    if (thumbnails && !thumbnails->sheets.isEmpty()) ts << imageAdaptationSet(*thumbnails, id);
    ts << "  </Period>\n</MPD>\n";
    return out;
}

} // namespace

MeasuredBitrate measure(const TrackRecord &track)
{
    return MeasuredBitrate{std::llround(track.peakSegmentBitrateBps()), std::llround(track.averageBitrateBps())};
}

Result<PackageEntryPoints> writePlaylists(const TranscodeResult &r, const Preset &preset, const QString &packageDir,
                                          const ThumbnailResult *thumbnails, const PlaylistDrm *drm)
{
    PackageEntryPoints entry;
    const Packaging &pk = preset.packaging;
    if (pk.progressiveMp4) return entry;
    const QDir root(packageDir);
    if (pk.hls) {
        const bool fmp4 = pk.dash || pk.hlsSegmentFormat == HlsSegmentFormat::Fmp4;
        for (const VideoOutput &v : r.video)
            if (Status s = saveText(root.filePath(v.planned.dirName + QStringLiteral("/playlist.m3u8")), mediaPlaylist(v.track, fmp4, drm)); !s) return s.error();
        for (const AudioOutput &a : r.audio)
            if (Status s = saveText(root.filePath(a.dirName + QStringLiteral("/playlist.m3u8")), mediaPlaylist(a.track, fmp4, drm)); !s) return s.error();
        entry.hlsMaster = QStringLiteral("master.m3u8");
        if (Status s = saveText(root.filePath(entry.hlsMaster), masterPlaylist(r)); !s) return s.error();
    }
    if (pk.dash) {
        entry.dashMpd = QStringLiteral("manifest.mpd");
        if (Status s = saveText(root.filePath(entry.dashMpd), mpd(r, preset, thumbnails, drm)); !s) return s.error();
    }
    return entry;
}

} // namespace rendition
