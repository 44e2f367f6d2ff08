#pragma once
// Read-only view of one published version folder (OUT/<asset>/vN/) for review and preview:
// the manifest's renditions with their files and per-segment sizes on disk, the QC report
// (qc.json), the loudness curves (loudness.json), the scrub-thumbnail track and, for a
// protected version, where its key lives (OUT/<asset>/keys/vN.json).
//
// Contract
//  - open() reads manifest.json and every file the manifest says the version has (qc.json
//    when it records a QC report, loudness.json when it records curves, the thumbnail VTT when
//    it records thumbnails). Any of them missing, unreadable or not valid JSON is an error that
//    names that file; nothing is left half-loaded. Segment sizes are the files' sizes on disk.
//  - The content key is read only on request (readKey), never kept in this object, never put
//    in an Error.
//  - Plain data after open(): copyable, safe to hand to another thread. Times are seconds in
//    program time (the source's clock); sizes bytes; bitrates bits per second.

#include "core/media/RenditionReader.h"
#include "core/model/ProbeResult.h"
#include "core/model/QcReport.h"
#include "core/preview/ThumbnailTrack.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rendition {

struct PackageSegment {
    QString path;            // absolute
    double startSeconds = 0; // cumulative from the rendition's start (program time)
    double durationSeconds = 0;
    qint64 bytes = 0; // size on disk
    double bitrateBps() const { return durationSeconds > 0 ? bytes * 8.0 / durationSeconds : 0; }
};

struct PackageRendition {
    QString name;
    QString type; // "video" | "audio"
    QString codec;
    int width = 0, height = 0;
    double frameRate = 0; // frames per second (video), 0 when unknown
    int targetBitrateKbps = 0;
    double durationSeconds = 0;
    QString initPath; // CMAF init segment; empty for MPEG-TS and progressive MP4
    QList<PackageSegment> segments;
    QString progressivePath; // single MP4 file (progressive packaging); segments then empty

    bool isVideo() const { return type == u"video"; }
    // Files in playback order starting at segment `firstSegment` (init first when there is one).
    QStringList filesFrom(int firstSegment) const;
    // Index of the segment covering `seconds` (clamped to the first/last); 0 when unsegmented.
    int segmentIndexAt(double seconds) const;
};

struct LoudnessCurve {
    QString label; // "source" or the rendition name
    QList<double> timeSeconds;
    QList<double> momentaryLufs;
    QList<double> shortTermLufs;
};

struct PackageLoudness {
    bool present = false;
    double targetLufs = 0;
    double toleranceLu = 1.0;    // the QC loudness rule's threshold (±LU around the target)
    QList<LoudnessCurve> curves; // source first, then renditions
};

class VersionPackage {
public:
    // Errors: "review.manifest" (manifest.json missing/corrupt/not a Rendition manifest),
    // "review.qc", "review.loudness", "thumbnails.read" / "thumbnails.vtt" — context = the file.
    static Result<VersionPackage> open(const QString &versionDir);
    // What a user names when asking to review: a version folder (has manifest.json) is itself;
    // an asset folder (OUT/<asset>/) means its newest complete version (highest vN with a
    // manifest.json, approved or not). Returns the absolute version folder. Error
    // "review.target" naming `path`: missing, not a folder, or neither kind of folder.
    static Result<QString> resolveVersionDir(const QString &path);

    QString versionDir() const { return m_versionDir; }
    QString assetName() const { return m_assetName; }
    QString versionName() const; // "v3"
    const ProbeResult &source() const { return m_source; }
    double durationSeconds() const { return m_durationSeconds; }
    double startOffsetSeconds() const { return m_startOffsetSeconds; }
    QString segmentFormat() const { return m_segmentFormat; } // "cmaf" | "mpegts" | "mp4"
    const QList<PackageRendition> &renditions() const { return m_renditions; }
    const PackageRendition *rendition(const QString &name) const;
    const PackageRendition *smallestVideo() const;
    bool hasQc() const { return m_hasQc; }
    const QcReport &qc() const { return m_qc; }
    const PackageLoudness &loudness() const { return m_loudness; }
    const ThumbnailTrack &thumbnails() const { return m_thumbnails; }

    QString drmScheme() const { return m_drmScheme; } // "" / "none" | "cenc" | "hls-aes128"
    bool isProtected() const { return !m_drmScheme.isEmpty() && m_drmScheme != u"none"; }
    QString keyStorePath() const; // OUT/<asset>/keys/vN.json
    // The reader key for this version (kind None when unprotected). Errors "review.key"
    // naming the key file: missing, unreadable, wrong schema, no 16-byte key.
    Result<RenditionKey> readKey() const;

private:
    Status loadManifest();
    Status loadQc();
    Status loadLoudness(const QString &fileName);
    Status loadThumbnails(const QJsonObject &thumbnails);

    QString m_versionDir;
    QString m_assetName;
    ProbeResult m_source;
    double m_durationSeconds = 0;
    double m_startOffsetSeconds = 0;
    QString m_segmentFormat;
    QList<PackageRendition> m_renditions;
    bool m_hasQc = false;
    QcReport m_qc;
    PackageLoudness m_loudness;
    ThumbnailTrack m_thumbnails;
    QString m_drmScheme;
};

// Reads a JSON object file; errors use `code` and name the file ("cannot read", "not valid
// JSON at offset N: …", "not a JSON object").
Result<QJsonObject> readJsonObjectFile(const QString &path, const QString &code);

} // namespace rendition
