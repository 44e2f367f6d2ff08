#pragma once
// Runs ONE asset through the engine in-process:
//   probe → validate → plan → (loudness analysis ∥ thumbnails) → transcode (+ package,
//   normalize) → re-measure loudness → playlists → QC → manifest → publish.
// Thumbnails keep running alongside the transcode. Progress goes to the sink as stage
// events (the sink is serialised here, so it may be a plain function); cancel is honoured
// between and inside stages. On any failure or cancel the staging folder is removed and
// nothing is published. A QC failure publishes the version for review without moving
// `current` and returns status QcFailed.

#include "media/Probe.h"
#include "model/Preset.h"
#include "util/Progress.h"

#include <QJsonObject>
#include <QString>

namespace rendition {

struct AssetRunOptions {
    QString outRoot;          // OUT: the asset lands in OUT/<asset>/<version>/
    QString assetName;        // empty: assetNameFor(source, preset)
    ProbeOptions probe;
};

struct PublishedAsset {
    enum class Status { Invalid = 0, Published, QcFailed };
    Status status = Status::Invalid;
    QString assetName;
    QString assetDir;     // OUT/<asset>
    QString version;      // "v1"
    QString versionDir;   // OUT/<asset>/v1
    QJsonObject manifest; // as written
};

// `probed` may carry a probe already made for this source (the scanner's); else it probes.
Result<PublishedAsset> runAsset(const QString &source, const Preset &preset, const AssetRunOptions &options,
                                const ProgressSink &progress, const CancelToken &cancel,
                                const ProbeResult *probed = nullptr);

// The asset folder name for a source under a preset's naming template.
QString assetNameFor(const QString &source, const Preset &preset);

// Asset names for a batch, one per probe. Different sources that would share a name
// (clip.mp4 in two folders) get "-<first 8 hex of their SHA-256>" appended, so one never
// publishes over the other; the same content under two paths keeps one name.
QStringList assetNamesFor(const QList<ProbeResult> &sources, const Preset &preset);

} // namespace rendition
