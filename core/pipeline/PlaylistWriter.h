#pragma once
// HLS playlists and the DASH MPD, written from what the transcoder actually produced:
// segment durations and byte counts are measured, never assumed. All URIs are relative
// to the package root, so a package can be moved or served from anywhere.

#include "core/media/Thumbnails.h"
#include "core/pipeline/Transcoder.h"

#include <QString>

namespace rendition {

struct PackageEntryPoints {
    QString hlsMaster; // "master.m3u8" or empty
    QString dashMpd;   // "manifest.mpd" or empty
};

// Bandwidth figures for HLS/DASH and the manifest, measured from the output.
struct MeasuredBitrate {
    qint64 peakBps = 0;    // HLS BANDWIDTH (max segment bitrate)
    qint64 averageBps = 0; // HLS AVERAGE-BANDWIDTH
};
MeasuredBitrate measure(const TrackRecord &track);

// Content-protection signalling, already rendered (pipeline/DrmSignalling.h builds it).
struct PlaylistDrm {
    QStringList hlsKeyLines;       // #EXT-X-KEY lines for every media playlist
    QString mpdContentProtection;  // <ContentProtection> elements for every AdaptationSet
    QString mpdNamespaces;         // extra xmlns attributes for the MPD root
};

// Writes the media playlists, master.m3u8 and/or manifest.mpd into packageDir. Thumbnail
// sprites (optional, in packageDir/thumbnails) become a DASH-IF image AdaptationSet.
Result<PackageEntryPoints> writePlaylists(const TranscodeResult &result, const Preset &preset, const QString &packageDir,
                                          const ThumbnailResult *thumbnails = nullptr, const PlaylistDrm *drm = nullptr);

} // namespace rendition
