#pragma once
// Internal: reading, checking and writing the pipeline-stage sections of a preset
// ("loudness", "thumbnails", "qc", "drm"). Used by PresetValidator.cpp and Preset.cpp only.

#include "core/model/Preset.h"
#include "core/model/PresetReader.h"

namespace rendition::detail {

void readLoudness(PresetReader &top, LoudnessPolicy &out, QList<PresetIssue> &issues);
void readThumbnails(PresetReader &top, ThumbnailPolicy &out, QList<PresetIssue> &issues);
void readQc(PresetReader &top, QcPolicy &out, QList<PresetIssue> &issues);
// "drm" needs the packaging and the ladder (already read) for its cross-field rules: cenc needs
// fMP4 segments and no av1 rung, hls-aes128 needs MPEG-TS HLS only, neither allows progressive MP4.
void readDrm(PresetReader &top, const Packaging &packaging, const QList<Rung> &ladder, DrmPolicy &out,
             QList<PresetIssue> &issues);

QJsonObject loudnessToJson(const LoudnessPolicy &p);
QJsonObject thumbnailsToJson(const ThumbnailPolicy &p);
QJsonObject qcToJson(const QcPolicy &p);
QJsonObject drmToJson(const DrmPolicy &p);

} // namespace rendition::detail
