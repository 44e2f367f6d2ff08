// rendition-cli probe FILE... [--json] [--no-hash] [--loudness [--curve]]
// Human mode: one readable summary per file on stdout. --json: one JSON array of
// ProbeResult::toJson() on stdout. Either way every rejected file is named on stderr.
// --loudness measures every accepted file with audio (EBU R128: integrated, range, true
// peak, sample peak, duration): a "loudness" line in the summary, a "loudness" object in the
// JSON (with the momentary/short-term curve when --curve is given too).
// Exit: 0 no file has a fatal problem, 1 at least one has (or its loudness could not be
// measured), 2 usage error.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/media/Loudness.h"
#include "core/media/Probe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <optional>

namespace rendition::cli {

namespace {

QString formatBitrate(qint64 bps)
{
    if (bps <= 0) return QStringLiteral("unknown bitrate");
    if (bps >= 1000000) return QStringLiteral("%1 Mb/s").arg(bps / 1e6, 0, 'f', 2);
    return QStringLiteral("%1 kb/s").arg(bps / 1e3, 0, 'f', 0);
}

QString formatFrameRate(const StreamInfo &s)
{
    if (s.frameRateNum <= 0) return QStringLiteral("unknown fps");
    QString text = QStringLiteral("%1 fps").arg(s.frameRate(), 0, 'f', 3);
    if (s.frameRateDen != 1) text += QStringLiteral(" (%1/%2)").arg(s.frameRateNum).arg(s.frameRateDen);
    if (s.variableFrameRate) text += QStringLiteral(" VFR");
    return text;
}

QString describeStream(const StreamInfo &s)
{
    QStringList parts{QStringLiteral("#%1 %2").arg(s.index).arg(s.type), s.codec};
    if (!s.profile.isEmpty()) parts.last() += QStringLiteral(" (%1)").arg(s.profile);
    if (s.type == u"video") {
        parts << QStringLiteral("%1x%2").arg(s.width).arg(s.height)
              << QStringLiteral("SAR %1:%2 DAR %3:%4").arg(s.sarNum).arg(s.sarDen).arg(s.darNum).arg(s.darDen)
              << formatFrameRate(s);
        if (!s.pixelFormat.isEmpty()) parts << s.pixelFormat;
        if (s.bitDepth > 0) parts << QStringLiteral("%1-bit").arg(s.bitDepth);
        parts << s.fieldOrder;
        if (s.attachedPicture) parts << QStringLiteral("cover art");
    } else if (s.type == u"audio") {
        parts << QStringLiteral("%1 ch").arg(s.channels);
        if (!s.channelLayout.isEmpty()) parts << s.channelLayout;
        parts << QStringLiteral("%1 Hz").arg(s.sampleRate);
        if (!s.sampleFormat.isEmpty()) parts << s.sampleFormat;
    }
    if (s.bitrateBps > 0) parts << formatBitrate(s.bitrateBps);
    if (!s.language.isEmpty()) parts << QStringLiteral("lang %1").arg(s.language);
    if (s.isDefault) parts << QStringLiteral("default");
    return parts.join(QStringLiteral(", "));
}

QString formatLoudness(const LoudnessStats &l)
{
    QString text = QStringLiteral("%1 LUFS integrated, LRA %2 LU")
                       .arg(l.integratedLufs, 0, 'f', 1)
                       .arg(l.rangeLu, 0, 'f', 1);
    if (l.truePeakMeasured) text += QStringLiteral(", true peak %1 dBTP").arg(l.truePeakDbtp, 0, 'f', 1);
    text += QStringLiteral(", sample peak %1 dBFS, %2 s").arg(l.samplePeakDbfs, 0, 'f', 1).arg(l.durationSeconds, 0, 'f', 3);
    return text;
}

// Loudness of one probed file: measured, skipped (no audio), or failed.
struct FileLoudness {
    std::optional<LoudnessStats> stats;
    std::optional<Error> error;
    bool noAudio = false;
};

FileLoudness measureFile(const ProbeResult &r, bool withCurve)
{
    FileLoudness out;
    const bool hasAudio = std::any_of(r.streams.begin(), r.streams.end(), [](const StreamInfo &s) { return s.type == u"audio"; });
    if (!hasAudio) {
        out.noAudio = true;
        return out;
    }
    LoudnessMeasureOptions options;
    options.curveIntervalSeconds = withCurve ? 0.1 : 0.0;
    Result<LoudnessStats> stats = measureLoudness(r.path, options, {}, {});
    if (stats)
        out.stats = std::move(stats).value();
    else
        out.error = stats.error();
    return out;
}

QJsonObject loudnessJson(const FileLoudness &l, bool withCurve)
{
    if (l.stats) return l.stats->toJson(withCurve);
    if (l.noAudio) return {{QStringLiteral("skipped"), QStringLiteral("no audio stream")}};
    return {{QStringLiteral("error"), l.error->toJson()}};
}

void printLoudness(QTextStream &out, const FileLoudness &l)
{
    out << "  loudness:  ";
    if (l.stats)
        out << formatLoudness(*l.stats) << '\n';
    else if (l.noAudio)
        out << "n/a (no audio stream)\n";
    else
        out << "not measured: " << l.error->message << '\n';
}

void printSummary(QTextStream &out, const ProbeResult &r, const FileLoudness *loudness)
{
    out << r.path << '\n';
    if (!r.container.isEmpty())
        out << "  container: " << r.container << " (" << r.containerLong << ")\n"
            << "  duration:  " << QString::number(r.durationSeconds, 'f', 3) << " s, start "
            << QString::number(r.startSeconds, 'f', 3) << " s\n"
            << "  bitrate:   " << formatBitrate(r.bitrateBps) << '\n';
    if (!r.hasProblem(QString::fromLatin1(problem::NotFound)) && !r.hasProblem(QString::fromLatin1(problem::NotAFile)))
        out << "  size:      " << r.sizeBytes << " bytes\n";
    for (const StreamInfo &s : r.streams) out << "  stream " << describeStream(s) << '\n';
    out << "  sha256:    " << (r.sha256.isEmpty() ? QStringLiteral("(not computed)") : r.sha256) << '\n';
    if (r.problems.isEmpty()) out << "  problems:  none\n";
    for (const ProbeProblem &p : r.problems) {
        out << "  " << (p.severity == Severity::Fatal ? "FATAL  " : "warning") << ' ' << p.code;
        if (p.streamIndex >= 0) out << " (stream " << p.streamIndex << ')';
        out << ": " << p.message << '\n';
    }
    if (loudness) printLoudness(out, *loudness);
    out << "  verdict:   " << (r.hasFatal() ? "REJECTED" : "ok") << "\n\n";
}

} // namespace

int probeCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = args.value(0, QStringLiteral("rendition-cli probe"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Inspect media files and report problems that would stop or degrade a job."));
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print one JSON array (schema rendition.probe/1)."));
    const QCommandLineOption noHashOption(QStringLiteral("no-hash"),
                                          QStringLiteral("Skip the SHA-256 of each file."));
    const QCommandLineOption loudnessOption(
        QStringLiteral("loudness"),
        QStringLiteral("Measure EBU R128 loudness (integrated, range, true peak, sample peak) of every accepted file."));
    const QCommandLineOption curveOption(QStringLiteral("curve"),
                                         QStringLiteral("With --loudness --json: include the momentary/short-term curve."));
    parser.addOption(jsonOption);
    parser.addOption(noHashOption);
    parser.addOption(loudnessOption);
    parser.addOption(curveOption);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Media files to probe."),
                                 QStringLiteral("FILE..."));

    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err << program << ": no FILE given.\n\n" << usageText(parser, program);
        return kExitUsage;
    }

    ProbeOptions options;
    options.hash = parser.isSet(noHashOption) ? HashMode::Skip : HashMode::Compute;
    const bool json = parser.isSet(jsonOption);
    const bool loudness = parser.isSet(loudnessOption);
    const bool curve = parser.isSet(curveOption);
    if (curve && !loudness) {
        err << program << ": --curve needs --loudness.\n\n" << usageText(parser, program);
        return kExitUsage;
    }

    QJsonArray results;
    int rejected = 0;
    int unmeasured = 0;
    for (const QString &file : files) {
        const ProbeResult r = probe(file, options);
        std::optional<FileLoudness> level;
        if (loudness && !r.hasFatal()) level = measureFile(r, curve && json);
        if (level && level->error) {
            ++unmeasured;
            err << program << ": " << file << ": " << level->error->code << ": " << level->error->message << '\n';
        }
        if (json) {
            QJsonObject o = r.toJson();
            if (level) o.insert(QStringLiteral("loudness"), loudnessJson(*level, curve));
            results.append(o);
        } else {
            printSummary(out, r, level ? &*level : nullptr);
        }
        if (!r.hasFatal()) continue;
        ++rejected;
        for (const ProbeProblem &p : r.problems)
            if (p.severity == Severity::Fatal)
                err << program << ": " << file << ": " << p.code << ": " << p.message << '\n';
    }
    if (json) out << QJsonDocument(results).toJson(QJsonDocument::Indented);
    out.flush();
    if (rejected > 0)
        err << program << ": " << rejected << " of " << files.size() << " file(s) rejected.\n";
    if (unmeasured > 0)
        err << program << ": the loudness of " << unmeasured << " file(s) could not be measured.\n";
    return rejected > 0 || unmeasured > 0 ? kExitFailed : kExitOk;
}

} // namespace rendition::cli
