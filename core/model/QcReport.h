#pragma once
// Automated QC: rules (from the preset), events (what was found, when, how bad) and the
// report written to qc.json (schema "rendition.qc/1"). A report with any Fail event
// does not pass; the job then ends QC-failed and `current` is not moved.

#include "core/util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace rendition {

inline constexpr auto kQcSchema = "rendition.qc/1";

enum class QcSeverity { Invalid = 0, Warn, Fail };
QString qcSeverityName(QcSeverity s);           // "warn" | "fail"
QcSeverity qcSeverityFromName(const QString &s);

// Stable check names (used in presets, qc.json and tests).
namespace qccheck {
inline constexpr auto Black = "black";                 // threshold: pixel luma level 0..1 (0.1); min_duration_s
inline constexpr auto Freeze = "freeze";               // threshold: noise tolerance in dB (-60); min_duration_s
inline constexpr auto Silence = "silence";             // threshold: level in dBFS (-60); min_duration_s
inline constexpr auto Loudness = "loudness";           // threshold: tolerance in LU around the target (1.0)
inline constexpr auto TruePeak = "true_peak";          // threshold: allowed dB over the ceiling (0.0)
inline constexpr auto LoudSection = "loud_section";    // threshold: LU above the target (6); min_duration_s
inline constexpr auto AvDuration = "av_duration_mismatch";        // threshold: max seconds (0.5)
inline constexpr auto RenditionDuration = "rendition_duration_mismatch"; // threshold: max seconds (0.5)
inline constexpr auto Bitrate = "bitrate";             // threshold: max deviation from target in percent (25)
inline constexpr auto Psnr = "psnr";                   // threshold: minimum average PSNR-Y in dB (30)
inline constexpr auto Ssim = "ssim";                   // threshold: minimum average SSIM-Y 0..1 (0.90)
inline constexpr auto DecodeErrors = "decode_errors";  // threshold: max count (0)
} // namespace qccheck

QStringList qcCheckNames();

struct QcRule {
    QString check;
    double threshold = 0;
    double minDurationSeconds = 0; // for segment checks (black, freeze, silence, loud_section)
    QcSeverity severity = QcSeverity::Invalid;
    QJsonObject toJson() const;
};

// The rules a preset gets when it does not list its own.
QList<QcRule> defaultQcRules();

struct QcEvent {
    QString check;
    QcSeverity severity = QcSeverity::Invalid;
    QString rendition;          // empty: about the whole package
    double startSeconds = -1;   // program time (same clock as the source); -1 when not a time span
    double endSeconds = -1;
    double value = 0;           // the measured value (duration, LU, dB, percent ...)
    double threshold = 0;       // the rule's threshold it was compared with
    QString message;            // one plain sentence for an operator
    QJsonObject toJson() const;
    static QcEvent fromJson(const QJsonObject &o);
};

struct QcReport {
    QList<QcEvent> events;
    QJsonObject metrics;        // per rendition: duration, bitrate, psnr, ssim; loudness; frames checked
    QList<QcRule> rules;        // the rules applied

    bool passed() const;        // no Fail event
    int count(QcSeverity s) const;
    QJsonObject toJson() const;        // {"schema": "rendition.qc/1", ...}
    QJsonObject summaryJson() const;   // for manifest.json: passed, fail/warn counts, first events
    static Result<QcReport> fromJson(const QJsonObject &o);
};

} // namespace rendition
