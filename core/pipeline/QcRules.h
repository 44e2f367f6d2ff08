#pragma once
// Internal to the QC stage (QcRunner.cpp and its tests): what the analysers found, per
// rendition, and the pure function that turns findings + the preset's rules into a
// QcReport (events with one-sentence messages, and the metrics object).
//
// Rule semantics (threshold units in model/QcReport.h):
// - black / freeze / silence / loud_section: one event per span ≥ min_duration_s;
//   value = span duration in s (loud_section: LU above the reference, its loudest 100 ms).
// - loudness (|I − target| > threshold, value = I in LUFS) and true_peak (TP > ceiling +
//   threshold, value = TP in dBTP): only when loudness normalisation is on — without it
//   the preset promises no level. loud_section then measures against the programme's
//   own typical (median) loudness instead of the target.
// - av_duration_mismatch: |longest video − audio| per audio rendition; value = difference in s.
// - rendition_duration_mismatch: longest − shortest video rendition; value in s.
// - bitrate: |measured − target| / target × 100 for renditions with a target; value in %.
// - psnr / ssim: average below threshold per compared rendition; value = the average.
// - decode_errors: source + every rendition's errors > threshold; value = the count.
// - A rendition that could not be read at all is always a Fail "decode_errors" event.
// Several rules for the same check each apply (e.g. a warn at 2 s and a fail at 10 s).

#include "core/media/qc/AudioAnalyzer.h"
#include "core/media/qc/QualityAnalyzer.h"
#include "core/media/qc/VideoAnalyzer.h"
#include "core/pipeline/QcRunner.h"

#include <optional>

namespace rendition {

struct QcVideoFindings {
    QString name;
    int width = 0;
    int height = 0;
    int targetBitrateKbps = 0;
    double measuredBitrateBps = 0;
    bool analysed = false;          // VideoAnalyzer findings are valid
    bool blackFreezeChecked = false; // this rendition was searched for black/frozen picture
    VideoFindings video;
    std::optional<QualityFindings> quality;
    QString error;                  // non-empty: the rendition could not be read
    QString note;                   // why something was not checked
};

struct QcAudioFindings {
    QString name;
    int targetBitrateKbps = 0;
    double measuredBitrateBps = 0;
    bool analysed = false;
    AudioFindings audio;
    QString error;
};

struct QcFindings {
    QList<QcVideoFindings> video;
    QList<QcAudioFindings> audio;
    int sourceDecodeErrors = 0;     // from the transcode plus QC's own source decode
    QString qualityNote;            // why PSNR/SSIM were not measured, when they were not
    double qualitySamplesPerSecond = 0;
};

// The first rule for `check`, if any (it configures the analyser's levels).
const QcRule *firstRule(const QList<QcRule> &rules, const char *check);
// The smallest min_duration_s over the rules for `check` (0 when none).
double smallestMinDuration(const QList<QcRule> &rules, const char *check);

QcReport evaluateRules(const QcFindings &findings, const QList<QcRule> &rules, const QcInput &input);
QJsonObject qcMetrics(const QcFindings &findings);

// "00:01:04.040"
QString formatProgramTime(double seconds);

} // namespace rendition
