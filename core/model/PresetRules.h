#pragma once
// Internal to preset validation (core/model/Preset*.cpp): the rules for single fields
// that need more than a type check — preset and folder names, naming templates, rung
// size, rate control and the codec-specific profile, level, speed and encoder. Each
// reports its problems through the PresetReader of the object the field belongs to.

#include "core/model/PresetReader.h"

namespace rendition::detail {

constexpr IntRange kBitrateKbps{16, 200000};

void checkPresetName(PresetReader &r, const QString &name);
// Rung and audio names become folder names.
void checkFolderName(PresetReader &r, const QString &name);
// A naming template is one folder name with {token}s; returns whether it is usable.
bool checkTemplate(PresetReader &r, const QString &key, const QString &text, const QStringList &tokens);

// A rung's width or height: 0 (derived from the source) or an even 16..8192.
Read readDimension(PresetReader &r, const QString &key, int &out);
// The rung's "rate_control" object: which fields each mode needs, allows and how they relate.
void readRateControl(PresetReader &rung, VideoCodec codec, RateControl &rc, QList<PresetIssue> &issues);
void checkProfile(PresetReader &r, VideoCodec codec, const QString &profile);
// Levels as written in specs: "4.1", "5" (= "5.0"), and H.264's "1b".
void checkLevel(PresetReader &r, VideoCodec codec, const QString &level);
// Speed is the x264/x265 preset for H.264/HEVC and the SVT-AV1 preset (0 slowest .. 13) for AV1.
void checkSpeed(PresetReader &r, VideoCodec codec, const QString &speed);
// "software", "auto", or an FFmpeg encoder for the rung's codec.
void checkEncoder(PresetReader &r, VideoCodec codec, const QString &encoder);

} // namespace rendition::detail
