#pragma once
// What the probe learned about one file: container, streams, checksum and problems.
// Serialized to JSON (schema "rendition.probe/1") for manifests, the CLI and job specs.

#include "core/util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace rendition {

enum class Severity { Invalid = 0, Warning, Fatal };

QString severityName(Severity s);           // "warning" | "fatal"
Severity severityFromName(const QString &s); // Invalid when unknown

// Stable problem codes (never rename: tools and tests match on them).
namespace problem {
inline constexpr auto NotFound = "not_found";
inline constexpr auto NotAFile = "not_a_file";
inline constexpr auto EmptyFile = "empty_file";
inline constexpr auto NotMedia = "not_media";
inline constexpr auto Truncated = "truncated";
inline constexpr auto Unreadable = "unreadable";
inline constexpr auto NoVideoStream = "no_video_stream";
inline constexpr auto NoAudioStream = "no_audio_stream";
inline constexpr auto ZeroDuration = "zero_duration";
inline constexpr auto UnsupportedCodec = "unsupported_codec";
inline constexpr auto DimensionsOutOfRange = "dimensions_out_of_range";
inline constexpr auto OddDimensions = "odd_dimensions";
inline constexpr auto VariableFrameRate = "variable_frame_rate";
inline constexpr auto Interlaced = "interlaced";
inline constexpr auto DecodeErrors = "decode_errors";
inline constexpr auto ProbeTimeout = "probe_timeout";
} // namespace problem

struct ProbeProblem {
    QString code;     // one of rendition::problem::*
    QString message;  // one plain sentence for an operator
    Severity severity = Severity::Invalid;
    int streamIndex = -1; // -1: about the whole file

    QJsonObject toJson() const;
    static ProbeProblem fromJson(const QJsonObject &o);
};

struct StreamInfo {
    int index = -1;
    QString type;        // "video" | "audio" | "subtitle" | "data" | "attachment"
    QString codec;       // FFmpeg short name: "h264", "aac"
    QString codecLong;
    QString profile;     // "High", "LC" ... empty when unknown
    qint64 bitrateBps = 0;
    double durationSeconds = 0;
    QString language;    // ISO 639-2 from the "language" tag, empty when absent
    bool isDefault = false;

    // video
    int width = 0;
    int height = 0;
    int sarNum = 1, sarDen = 1;     // sample (pixel) aspect ratio, 1:1 when unknown
    int darNum = 0, darDen = 0;     // display aspect ratio, reduced
    int frameRateNum = 0, frameRateDen = 1; // average frame rate
    bool variableFrameRate = false;
    QString pixelFormat;  // "yuv420p"
    int bitDepth = 0;
    QString fieldOrder;   // "progressive" | "tt" | "bb" | "tb" | "bt" | "unknown"
    bool attachedPicture = false; // cover art, not a real video stream

    // audio
    int sampleRate = 0;
    int channels = 0;
    QString channelLayout; // "stereo", "5.1(side)"
    QString sampleFormat;

    double frameRate() const { return frameRateDen ? double(frameRateNum) / frameRateDen : 0.0; }
    bool isInterlaced() const
    {
        return fieldOrder == u"tt" || fieldOrder == u"bb" || fieldOrder == u"tb" || fieldOrder == u"bt";
    }
    QJsonObject toJson() const;
    static StreamInfo fromJson(const QJsonObject &o);
};

struct ProbeResult {
    QString path;          // absolute path as probed
    QString container;     // "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
    QString containerLong;
    double durationSeconds = 0;
    qint64 bitrateBps = 0;
    qint64 sizeBytes = 0;
    QString sha256;        // lowercase hex; empty when not computed
    double startSeconds = 0;
    QList<StreamInfo> streams;
    QList<ProbeProblem> problems;

    bool hasFatal() const;
    // Why this file cannot be processed — THE rejection sentence every front end shows: code
    // "ingest.<first fatal problem's code>", message every fatal problem's message joined by
    // "; ", context the file. An empty Error (no code) when nothing is fatal.
    Error rejection() const;
    bool hasProblem(const QString &code) const;
    // The stream the pipeline will use (highest resolution real video / most channels audio), or nullptr.
    const StreamInfo *bestVideo() const;
    const StreamInfo *bestAudio() const;
    int subtitleCount() const;

    QJsonObject toJson() const; // {"schema": "rendition.probe/1", ...}
    static Result<ProbeResult> fromJson(const QJsonObject &o);
};

} // namespace rendition
