#include "core/pipeline/QcRules.h"

#include <QJsonArray>

#include <cmath>

namespace rendition {

namespace {

using namespace qccheck;

QString num(double v, int decimals) { return QString::number(v, 'f', decimals); }

QcEvent makeEvent(const QcRule &rule, const QString &rendition, double value, const QString &message)
{
    QcEvent e;
    e.check = rule.check;
    e.severity = rule.severity;
    e.rendition = rendition;
    e.value = value;
    e.threshold = rule.threshold;
    e.message = message;
    return e;
}

void spanEvents(QList<QcEvent> &out, const QcRule &rule, const QString &rendition, const QList<TimeSpan> &spans, const QString &what)
{
    for (const TimeSpan &s : spans) {
        if (s.durationSeconds() < rule.minDurationSeconds - 1e-9) continue;
        QcEvent e = makeEvent(rule, rendition, s.durationSeconds(),
                              QStringLiteral("%1 for %2 s from %3 in %4").arg(what, num(s.durationSeconds(), 1), formatProgramTime(s.startSeconds), rendition));
        e.startSeconds = std::max(0.0, s.startSeconds);
        e.endSeconds = std::max(0.0, s.endSeconds);
        out.append(e);
    }
}

void loudnessEvents(QList<QcEvent> &out, const QcRule &rule, const QcAudioFindings &a, const QcInput &input)
{
    const LoudnessStats &l = a.audio.loudness;
    if (rule.check == QLatin1String(Loudness)) {
        const double deviation = l.integratedLufs - input.targetLufs;
        if (std::abs(deviation) > rule.threshold)
            out.append(makeEvent(rule, a.name, l.integratedLufs,
                                 QStringLiteral("integrated loudness %1 LUFS is %2 LU %3 the %4 LUFS target in %5")
                                     .arg(num(l.integratedLufs, 1), num(std::abs(deviation), 1), deviation > 0 ? QStringLiteral("above") : QStringLiteral("below"),
                                          num(input.targetLufs, 1), a.name)));
    } else if (rule.check == QLatin1String(TruePeak)) {
        if (l.truePeakDbtp > input.ceilingDbtp + rule.threshold)
            out.append(makeEvent(rule, a.name, l.truePeakDbtp,
                                 QStringLiteral("true peak %1 dBTP is over the %2 dBTP ceiling in %3").arg(num(l.truePeakDbtp, 1), num(input.ceilingDbtp, 1), a.name)));
    }
}

void loudSectionEvents(QList<QcEvent> &out, const QcRule &rule, const QcAudioFindings &a, bool againstTarget)
{
    for (const LoudSpan &s : a.audio.loud) {
        const double d = s.span.durationSeconds();
        if (d < rule.minDurationSeconds - 1e-9) continue;
        const double above = s.maxLufs - a.audio.loudReferenceLufs;
        if (above <= rule.threshold) continue;
        QcEvent e = makeEvent(rule, a.name, above,
                              QStringLiteral("loud section for %1 s from %2 in %3, up to %4 LU above the %5 (%6 LUFS)")
                                  .arg(num(d, 1), formatProgramTime(s.span.startSeconds), a.name, num(above, 1),
                                       againstTarget ? QStringLiteral("target") : QStringLiteral("programme loudness"),
                                       num(a.audio.loudReferenceLufs, 1)));
        e.startSeconds = std::max(0.0, s.span.startSeconds);
        e.endSeconds = std::max(0.0, s.span.endSeconds);
        out.append(e);
    }
}

void bitrateEvent(QList<QcEvent> &out, const QcRule &rule, const QString &name, int targetKbps, double measuredBps)
{
    if (targetKbps <= 0 || measuredBps <= 0) return;
    const double target = targetKbps * 1000.0;
    const double percent = std::abs(measuredBps - target) / target * 100.0;
    if (percent <= rule.threshold) return;
    out.append(makeEvent(rule, name, percent,
                         QStringLiteral("measured bitrate %1 kb/s is %2% %3 the %4 kb/s target in %5")
                             .arg(num(measuredBps / 1000.0, 0), num(percent, 0), measuredBps > target ? QStringLiteral("over") : QStringLiteral("under"))
                             .arg(targetKbps).arg(name)));
}

int renditionDecodeErrors(const QcVideoFindings &v)
{
    return v.analysed ? v.video.decodeErrors : 0;
}

} // namespace

const QcRule *firstRule(const QList<QcRule> &rules, const char *check)
{
    for (const QcRule &r : rules)
        if (r.check == QLatin1String(check) && r.severity != QcSeverity::Invalid) return &r;
    return nullptr;
}

double smallestMinDuration(const QList<QcRule> &rules, const char *check)
{
    double m = -1;
    for (const QcRule &r : rules)
        if (r.check == QLatin1String(check) && r.severity != QcSeverity::Invalid) m = m < 0 ? r.minDurationSeconds : std::min(m, r.minDurationSeconds);
    return std::max(0.0, m);
}

QString formatProgramTime(double seconds)
{
    const qint64 ms = std::llround(std::max(0.0, seconds) * 1000.0);
    return QStringLiteral("%1:%2:%3.%4").arg(ms / 3600000, 2, 10, QLatin1Char('0')).arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0')).arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

QcReport evaluateRules(const QcFindings &findings, const QList<QcRule> &rules, const QcInput &input)
{
    QcReport report;
    report.rules = rules;
    report.metrics = qcMetrics(findings);
    QList<QcEvent> &out = report.events;

    for (const QcVideoFindings &v : findings.video)
        if (!v.error.isEmpty())
            out.append(QcEvent{QString::fromLatin1(DecodeErrors), QcSeverity::Fail, v.name, -1, -1, 1, 0,
                               QStringLiteral("%1 could not be decoded: %2").arg(v.name, v.error)});
    for (const QcAudioFindings &a : findings.audio)
        if (!a.error.isEmpty())
            out.append(QcEvent{QString::fromLatin1(DecodeErrors), QcSeverity::Fail, a.name, -1, -1, 1, 0,
                               QStringLiteral("%1 could not be decoded: %2").arg(a.name, a.error)});

    double longestVideo = -1, shortestVideo = -1;
    QString longestName, shortestName;
    for (const QcVideoFindings &v : findings.video) {
        if (!v.analysed) continue;
        if (longestVideo < 0 || v.video.durationSeconds > longestVideo) longestVideo = v.video.durationSeconds, longestName = v.name;
        if (shortestVideo < 0 || v.video.durationSeconds < shortestVideo) shortestVideo = v.video.durationSeconds, shortestName = v.name;
    }

    for (const QcRule &rule : rules) {
        if (rule.severity == QcSeverity::Invalid) continue;
        const QString &c = rule.check;
        for (const QcVideoFindings &v : findings.video) {
            if (!v.analysed) continue;
            if (c == QLatin1String(Black) && v.blackFreezeChecked) spanEvents(out, rule, v.name, v.video.black, QStringLiteral("black picture"));
            if (c == QLatin1String(Freeze) && v.blackFreezeChecked) spanEvents(out, rule, v.name, v.video.frozen, QStringLiteral("frozen picture"));
            if (c == QLatin1String(Bitrate)) bitrateEvent(out, rule, v.name, v.targetBitrateKbps, v.measuredBitrateBps);
        }
        for (const QcVideoFindings &v : findings.video) {
            if (!v.quality || v.quality->framesCompared == 0) continue;
            const QualityFindings &q = *v.quality;
            if (c == QLatin1String(Psnr) && q.psnrAverageDb < rule.threshold)
                out.append(makeEvent(rule, v.name, q.psnrAverageDb, QStringLiteral("average PSNR-Y %1 dB is below %2 dB in %3 (lowest %4 dB)")
                                                                        .arg(num(q.psnrAverageDb, 1), num(rule.threshold, 1), v.name, num(q.psnrMinDb, 1))));
            if (c == QLatin1String(Ssim) && q.ssimAverage < rule.threshold)
                out.append(makeEvent(rule, v.name, q.ssimAverage, QStringLiteral("average SSIM-Y %1 is below %2 in %3 (lowest %4)")
                                                                      .arg(num(q.ssimAverage, 3), num(rule.threshold, 3), v.name, num(q.ssimMin, 3))));
        }
        for (const QcAudioFindings &a : findings.audio) {
            if (!a.analysed) continue;
            if (c == QLatin1String(Silence)) spanEvents(out, rule, a.name, a.audio.silence, QStringLiteral("silence"));
            if (input.loudnessEnabled && (c == QLatin1String(Loudness) || c == QLatin1String(TruePeak))) loudnessEvents(out, rule, a, input);
            if (c == QLatin1String(LoudSection)) loudSectionEvents(out, rule, a, input.loudnessEnabled);
            if (c == QLatin1String(Bitrate)) bitrateEvent(out, rule, a.name, a.targetBitrateKbps, a.measuredBitrateBps);
            if (c == QLatin1String(AvDuration) && longestVideo >= 0) {
                const double diff = std::abs(longestVideo - a.audio.durationSeconds);
                if (diff > rule.threshold)
                    out.append(makeEvent(rule, a.name, diff, QStringLiteral("audio %1 is %2 s %3 than the video (%4 s against %5 s)")
                                                                 .arg(a.name, num(diff, 2), a.audio.durationSeconds < longestVideo ? QStringLiteral("shorter") : QStringLiteral("longer"),
                                                                      num(a.audio.durationSeconds, 2), num(longestVideo, 2))));
            }
        }
        if (c == QLatin1String(RenditionDuration) && longestVideo >= 0 && longestVideo - shortestVideo > rule.threshold)
            out.append(makeEvent(rule, QString(), longestVideo - shortestVideo,
                                 QStringLiteral("video renditions differ in duration by %1 s (%2 %3 s, %4 %5 s)")
                                     .arg(num(longestVideo - shortestVideo, 2), shortestName, num(shortestVideo, 2), longestName, num(longestVideo, 2))));
        if (c == QLatin1String(DecodeErrors)) {
            int total = findings.sourceDecodeErrors;
            QStringList parts{QStringLiteral("source %1").arg(findings.sourceDecodeErrors)};
            for (const QcVideoFindings &v : findings.video)
                if (const int n = renditionDecodeErrors(v); n > 0) total += n, parts << QStringLiteral("%1 %2").arg(v.name).arg(n);
            for (const QcAudioFindings &a : findings.audio)
                if (a.analysed && a.audio.decodeErrors > 0) total += a.audio.decodeErrors, parts << QStringLiteral("%1 %2").arg(a.name).arg(a.audio.decodeErrors);
            if (total > rule.threshold)
                out.append(makeEvent(rule, QString(), total, QStringLiteral("%1 decode errors (%2)").arg(total).arg(parts.join(QStringLiteral(", ")))));
        }
    }
    return report;
}

QJsonObject qcMetrics(const QcFindings &findings)
{
    QJsonObject renditions;
    for (const QcVideoFindings &v : findings.video) {
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("video")}, {QStringLiteral("width"), v.width}, {QStringLiteral("height"), v.height}};
        if (v.analysed) {
            o.insert(QStringLiteral("duration_s"), v.video.durationSeconds);
            o.insert(QStringLiteral("frames"), v.video.frames);
            o.insert(QStringLiteral("decode_errors"), renditionDecodeErrors(v));
            o.insert(QStringLiteral("black_freeze_checked"), v.blackFreezeChecked);
        }
        if (v.measuredBitrateBps > 0) o.insert(QStringLiteral("measured_bitrate_bps"), std::round(v.measuredBitrateBps));
        if (v.targetBitrateKbps > 0) o.insert(QStringLiteral("target_bitrate_kbps"), v.targetBitrateKbps);
        if (v.quality && v.quality->framesCompared > 0) {
            o.insert(QStringLiteral("frames_compared"), v.quality->framesCompared);
            o.insert(QStringLiteral("psnr_avg_db"), v.quality->psnrAverageDb);
            o.insert(QStringLiteral("psnr_min_db"), v.quality->psnrMinDb);
            o.insert(QStringLiteral("ssim_avg"), v.quality->ssimAverage);
            o.insert(QStringLiteral("ssim_min"), v.quality->ssimMin);
        }
        if (!v.note.isEmpty()) o.insert(QStringLiteral("note"), v.note);
        if (!v.error.isEmpty()) o.insert(QStringLiteral("error"), v.error);
        renditions.insert(v.name, o);
    }
    for (const QcAudioFindings &a : findings.audio) {
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("audio")}};
        if (a.analysed) {
            const LoudnessStats &l = a.audio.loudness;
            o.insert(QStringLiteral("duration_s"), a.audio.durationSeconds);
            o.insert(QStringLiteral("channels"), a.audio.channels);
            o.insert(QStringLiteral("sample_rate"), a.audio.sampleRate);
            o.insert(QStringLiteral("decode_errors"), a.audio.decodeErrors);
            o.insert(QStringLiteral("integrated_lufs"), l.integratedLufs);
            o.insert(QStringLiteral("lra_lu"), l.rangeLu);
            o.insert(QStringLiteral("true_peak_dbtp"), l.truePeakDbtp);
            o.insert(QStringLiteral("sample_peak_dbfs"), l.samplePeakDbfs);
            o.insert(QStringLiteral("loud_reference_lufs"), a.audio.loudReferenceLufs);
        }
        if (a.measuredBitrateBps > 0) o.insert(QStringLiteral("measured_bitrate_bps"), std::round(a.measuredBitrateBps));
        if (a.targetBitrateKbps > 0) o.insert(QStringLiteral("target_bitrate_kbps"), a.targetBitrateKbps);
        if (!a.error.isEmpty()) o.insert(QStringLiteral("error"), a.error);
        renditions.insert(a.name, o);
    }
    QJsonObject quality{{QStringLiteral("samples_per_s"), findings.qualitySamplesPerSecond}};
    if (!findings.qualityNote.isEmpty()) quality.insert(QStringLiteral("note"), findings.qualityNote);
    return {{QStringLiteral("renditions"), renditions},
            {QStringLiteral("source_decode_errors"), findings.sourceDecodeErrors},
            {QStringLiteral("quality"), quality}};
}

} // namespace rendition
