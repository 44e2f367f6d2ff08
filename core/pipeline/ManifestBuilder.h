#pragma once
// Builds manifest.json (schema "rendition.manifest/1") for a package: the probe, the
// preset snapshot, every rendition with target and measured bitrates, segment counts
// and playlists, skipped rungs and why, the package entry points, encoders actually
// used (with fallback notes) and tool versions.

#include "core/media/Thumbnails.h"
#include "core/model/ProbeResult.h"
#include "core/model/QcReport.h"
#include "core/pipeline/LadderPlan.h"
#include "core/pipeline/LoudnessStage.h"
#include "core/pipeline/PlaylistWriter.h"
#include "core/pipeline/Transcoder.h"

#include <QJsonObject>

namespace rendition {

inline constexpr auto kManifestSchema = "rendition.manifest/1";

struct ManifestInputs {
    QString assetName;
    const ProbeResult *probe = nullptr;
    const Preset *preset = nullptr;
    const LadderPlan *plan = nullptr;
    const TranscodeResult *result = nullptr;
    PackageEntryPoints entry;
    double elapsedSeconds = 0;
    const LoudnessOutcome *loudness = nullptr;   // null: loudness stage off or no audio
    const ThumbnailResult *thumbnails = nullptr; // null: thumbnails off or no video
    const QcReport *qc = nullptr;                // null: QC off
    QString status;                              // "published" | "qc_failed"
};

QJsonObject buildManifest(const ManifestInputs &in);

QJsonObject toolVersions();

} // namespace rendition
