#pragma once
// Internal: reading, checking and writing the pipeline-stage sections of a preset
// ("loudness", "thumbnails", "qc"). Used by PresetValidator.cpp and Preset.cpp only.

#include "model/Preset.h"
#include "model/PresetReader.h"

namespace rendition::detail {

void readLoudness(PresetReader &top, LoudnessPolicy &out, QList<PresetIssue> &issues);
void readThumbnails(PresetReader &top, ThumbnailPolicy &out, QList<PresetIssue> &issues);
void readQc(PresetReader &top, QcPolicy &out, QList<PresetIssue> &issues);

QJsonObject loudnessToJson(const LoudnessPolicy &p);
QJsonObject thumbnailsToJson(const ThumbnailPolicy &p);
QJsonObject qcToJson(const QcPolicy &p);

} // namespace rendition::detail
