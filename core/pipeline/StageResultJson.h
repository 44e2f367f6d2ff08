#pragma once
// Exact JSON forms of the stage results a checkpoint carries (StageCheckpoint's `data`), so
// a resumed job continues with the very values the interrupted run computed. Unlike the
// manifest's toJson() views these are lossless: doubles are written in full (QJson writes
// the shortest round-trip form), so e.g. the loudness gain applied on resume is bit-identical.
//
// Paths inside (track folders) are stored relative to the staging folder and made absolute
// again against the staging folder given when reading. Parts that are data of the job
// (ladder rung, audio rendition, loudness policy) are looked up in the plan/preset rather
// than copied; a result naming a rung or rendition the plan does not have fails to read.
// DrmOutcome is stored WITHOUT its key: the key lives only in the key store
// (OUT/<asset>/keys/<staging>.json, 0600) and is read back from there (readKeyStore).
//
// Reading fails with code "checkpoint.invalid" and a message naming the missing/bad field.
// Pure functions, any thread.

#include "core/media/Thumbnails.h"
#include "core/pipeline/DrmStage.h"
#include "core/pipeline/LoudnessStage.h"
#include "core/pipeline/Transcoder.h"

#include <QJsonObject>

namespace rendition {

QJsonObject thumbnailsToJson(const ThumbnailResult &r);
Result<ThumbnailResult> thumbnailsFromJson(const QJsonObject &o);

QJsonObject loudnessToJson(const LoudnessOutcome &r);
Result<LoudnessOutcome> loudnessFromJson(const QJsonObject &o, const LoudnessPolicy &policy);

QJsonObject transcodeToJson(const TranscodeResult &r, const QString &stagingDir);
Result<TranscodeResult> transcodeFromJson(const QJsonObject &o, const QString &stagingDir, const LadderPlan &plan, const Preset &preset);

// Folders and files (relative to staging) holding the result's media: the stage's roots.
QStringList transcodeOutputs(const TranscodeResult &r, const QString &stagingDir);

QJsonObject drmToJson(const DrmOutcome &r); // never the key
Result<DrmOutcome> drmFromJson(const QJsonObject &o, const cenc::ContentKey &key);

// Reads the content key of a key store file written by writeKeyStore(); it must hold the
// key with `kid` (hex). Errors never contain key material: "drm.key_store" + path.
Result<cenc::ContentKey> readKeyStore(const QString &path, const QString &kidHex);

} // namespace rendition
