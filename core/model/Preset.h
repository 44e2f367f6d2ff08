#pragma once
// A preset is data: a bitrate ladder, audio renditions, GOP policy, packaging and
// output naming, serialized as versioned JSON ("schema": "rendition.preset/1").
//
// Parsing never stops at the first problem: parsePreset() collects every problem
// with its JSON path ("ladder[2].height: must be even") and fails with all of them.
// toJson() is canonical (fixed key order via QJsonObject, defaults written out), so
// the same preset always hashes the same (used for idempotency keys).

#include "core/model/QcReport.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rendition {

inline constexpr auto kPresetSchema = "rendition.preset/1";

enum class VideoCodec { Invalid = 0, H264, Hevc, Av1 };
enum class RateControlMode { Invalid = 0, Crf, CappedCrf, Vbr, Cbr };
enum class AudioCodec { Invalid = 0, Aac, Opus };
enum class HlsSegmentFormat { Invalid = 0, Fmp4, MpegTs };
enum class Deinterlace { Invalid = 0, Auto, Off, On }; // Auto: only when the source is flagged interlaced

QString videoCodecName(VideoCodec c);          // "h264" | "hevc" | "av1"
VideoCodec videoCodecFromName(const QString &s);
QString rateControlName(RateControlMode m);    // "crf" | "capped_crf" | "vbr" | "cbr"
RateControlMode rateControlFromName(const QString &s);
QString audioCodecName(AudioCodec c);          // "aac" | "opus"
AudioCodec audioCodecFromName(const QString &s);
QString hlsSegmentFormatName(HlsSegmentFormat f); // "fmp4" | "mpegts"
HlsSegmentFormat hlsSegmentFormatFromName(const QString &s);
QString deinterlaceName(Deinterlace d);        // "auto" | "off" | "on"
Deinterlace deinterlaceFromName(const QString &s);

struct RateControl {
    RateControlMode mode = RateControlMode::Invalid;
    int crf = -1;           // crf, capped_crf
    int bitrateKbps = 0;    // vbr, cbr: target
    int maxKbps = 0;        // capped_crf (required), vbr (>= target); cbr: = target
    int bufsizeKbps = 0;    // VBV buffer; 0 = 2 × max (or 2 × target for cbr)
};

struct Rung {
    QString name;              // unique in the ladder; [A-Za-z0-9_-]+, becomes a folder name
    VideoCodec codec = VideoCodec::Invalid;
    int width = 0;             // 0 = derived from height and the source aspect
    int height = 0;            // 0 = derived from width and the source aspect
    bool keepAspect = true;    // fit inside width×height preserving the display aspect
    RateControl rateControl;
    QString profile;           // "high", "main", "main10"; empty = encoder default
    QString level;             // "4.1"; empty = encoder default
    QString speed;             // x264/x265 preset ("veryfast") or SVT-AV1 preset ("8")
    QString encoder = QStringLiteral("software"); // "software" | "auto" | an FFmpeg encoder name
    QString audio;             // name of the audio rendition paired in HLS; empty = first
};

struct AudioRendition {
    QString name;              // unique; becomes a folder name
    AudioCodec codec = AudioCodec::Invalid;
    int bitrateKbps = 0;
    int channels = 2;          // 1, 2 or 6
    int sampleRate = 48000;
    QString language;          // empty = from the source stream
};

struct GopPolicy {
    int keyframesPerSegment = 1; // GOP length = segment duration / this
    bool sceneCut = false;       // extra keyframes on scene cuts (breaks rung alignment when true)
    int bFrames = 3;             // max consecutive B-frames (0..16)
};

struct Packaging {
    double segmentDurationSeconds = 4.0;
    bool hls = true;
    bool dash = true;
    HlsSegmentFormat hlsSegmentFormat = HlsSegmentFormat::Fmp4;
    bool progressiveMp4 = false; // one self-contained MP4 per rung (editing proxies)
};

struct Naming {
    QString asset = QStringLiteral("{stem}");    // tokens: {stem} {preset}
    QString rendition = QStringLiteral("{name}"); // tokens: {name} {width} {height} {codec}
};

enum class TruePeakPolicy { Invalid = 0, Limit, ReduceGain };
QString truePeakPolicyName(TruePeakPolicy p);          // "limit" | "reduce_gain"
TruePeakPolicy truePeakPolicyFromName(const QString &s);

// Static-gain normalization to a target (EBU R128 -23, ATSC A/85 -24, streaming -16/-14).
struct LoudnessPolicy {
    bool enabled = false;
    double targetLufs = -23.0;
    double truePeakDbtp = -1.0;                       // ceiling
    TruePeakPolicy overCeiling = TruePeakPolicy::Limit; // what to do when gain would cross it
};

struct ThumbnailPolicy {
    bool enabled = false;
    double intervalSeconds = 2.0;
    int tileWidth = 160;
    int tileHeight = 90;
    int columns = 10;
    int rows = 10;
    int jpegQuality = 80;
};

// Content protection of the published package.
enum class DrmScheme { Invalid = 0, None, Cenc, HlsAes128 };
QString drmSchemeName(DrmScheme s);           // "none" | "cenc" | "hls-aes128"
DrmScheme drmSchemeFromName(const QString &s);
enum class KeySource { Invalid = 0, Generate, KeyFile, Cpix };
QString keySourceName(KeySource s);           // "generate" | "key_file" | "cpix"
KeySource keySourceFromName(const QString &s);

struct DrmPolicy {
    DrmScheme scheme = DrmScheme::None;
    KeySource keySource = KeySource::Generate;
    QString keyFile;                 // key_file / cpix: path of the KID:KEY file or CPIX document
    bool widevine = false;           // ClearKey is always signalled; these add their PSSH
    bool playReady = false;
    QString widevineProvider;
    QString contentId;               // Widevine content_id (UTF-8), optional
    QString playReadyLaUrl;          // optional
    QString keyUri = QStringLiteral("/keys/{kid}"); // HLS key URI (AES-128, ClearKey identity); {kid} = hex KID
};

struct QcPolicy {
    bool enabled = true;
    QList<QcRule> rules = defaultQcRules();
    // Manual approval gate: a job publishes its version without moving `current` and waits
    // as "awaiting_approval" until approved (see core/queue/Approval.h). Written to JSON
    // only when true, so presets without it keep their canonical bytes (idempotency keys).
    bool requireApproval = false;
};

struct Preset {
    QString name;
    QString description;
    int version = 1;
    Deinterlace deinterlace = Deinterlace::Auto;
    GopPolicy gop;
    QList<Rung> ladder;
    QList<AudioRendition> audio; // empty = video only
    Packaging packaging;
    Naming naming;
    LoudnessPolicy loudness;
    ThumbnailPolicy thumbnails;
    QcPolicy qc;
    DrmPolicy drm;

    const AudioRendition *audioNamed(const QString &name) const;
    QJsonObject toJson() const;         // canonical, defaults included
    QByteArray canonicalJson() const;   // compact bytes of toJson(), for hashing
};

struct PresetIssue {
    QString path;    // JSON path: "ladder[2].height", "packaging", "" for the document
    QString message; // "must be even"
    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
};

// Checks a JSON document against the schema and every rule; returns all problems (empty = valid).
QList<PresetIssue> validatePreset(const QJsonObject &json);

// Parses and validates. On failure the Error's code is "preset.invalid" and its message
// lists every issue, one per line; `issues` (if given) receives them as data.
Result<Preset> parsePreset(const QJsonObject &json, QList<PresetIssue> *issues = nullptr);
Result<Preset> parsePreset(const QByteArray &jsonText, QList<PresetIssue> *issues = nullptr);

// Built-ins ship in resources (":/presets/NAME.json") and are read-only.
QStringList builtinPresetNames();
// Loads a built-in by name, or a preset file by path (anything containing '/' or ending ".json").
Result<Preset> loadPreset(const QString &nameOrPath);

} // namespace rendition
