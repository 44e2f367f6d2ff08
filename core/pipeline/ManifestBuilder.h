#pragma once
// Builds manifest.json (schema "rendition.manifest/1") for a package: the probe, the
// preset snapshot, every rendition with target and measured bitrates, segment counts
// and playlists, skipped rungs and why, the package entry points, encoders actually
// used (with fallback notes) and tool versions.

#include "model/ProbeResult.h"
#include "pipeline/LadderPlan.h"
#include "pipeline/PlaylistWriter.h"
#include "pipeline/Transcoder.h"

#include <QJsonObject>

namespace rendition {

inline constexpr auto kManifestSchema = "rendition.manifest/1";

QJsonObject buildManifest(const QString &assetName, const ProbeResult &probe, const Preset &preset, const LadderPlan &plan,
                          const TranscodeResult &result, const PackageEntryPoints &entry, double elapsedSeconds);

QJsonObject toolVersions();

} // namespace rendition
