// rendition-cli qc FILE --preset P [--json]
// FILE is a published version folder (with manifest.json: every rendition is checked, and
// PSNR/SSIM against the manifest's source when it is still there) or a plain media file
// (checked as one video and one audio rendition of itself: no PSNR/SSIM, no bitrate target).
// The preset gives the rules (qc.rules) and the loudness target and ceiling (loudness).
// Human mode: one line per event and PASSED/FAILED; --json: the qc.json object on stdout.
// Exit: 0 passed, 1 failed (a fail event) or unreadable input, 2 usage error.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/media/Probe.h"
#include "core/model/Preset.h"
#include "core/pipeline/QcRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace rendition::cli {

namespace {

// QC input from a published version folder's manifest.json.
Result<QcInput> inputFromManifest(const QString &versionDir)
{
    const QString path = QDir(versionDir).filePath(QStringLiteral("manifest.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return makeError(QStringLiteral("qc.manifest"), QStringLiteral("cannot read manifest.json"), path);
    const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
    if (m.value(QStringLiteral("schema")).toString() != u"rendition.manifest/1")
        return makeError(QStringLiteral("qc.manifest"), QStringLiteral("not a Rendition manifest (schema must be rendition.manifest/1)"), path);
    const QDir dir(versionDir);
    const QJsonObject source = m.value(QStringLiteral("source")).toObject();
    const QJsonObject package = m.value(QStringLiteral("package")).toObject();
    QcInput in;
    in.sourcePath = source.value(QStringLiteral("path")).toString();
    in.sourceDurationSeconds = source.value(QStringLiteral("duration_s")).toDouble();
    in.startOffsetSeconds = package.value(QStringLiteral("start_offset_s")).toDouble();
    in.sourceDecodeErrors = m.value(QStringLiteral("decode_errors")).toInt();
    in.deinterlaceSource = m.value(QStringLiteral("deinterlaced")).toBool();
    const QString progressive = package.value(QStringLiteral("mp4")).toString();
    for (const QJsonValue &v : m.value(QStringLiteral("renditions")).toArray()) {
        const QJsonObject o = v.toObject();
        QcRendition r;
        r.name = o.value(QStringLiteral("name")).toString();
        r.type = o.value(QStringLiteral("type")).toString();
        r.width = o.value(QStringLiteral("width")).toInt();
        r.height = o.value(QStringLiteral("height")).toInt();
        r.durationSeconds = o.value(QStringLiteral("duration_s")).toDouble();
        r.measuredBitrateBps = o.value(QStringLiteral("measured_average_bps")).toDouble();
        const QString rc = o.value(QStringLiteral("rate_control")).toString();
        if (r.type == u"video" && (rc == u"vbr" || rc == u"cbr")) r.targetBitrateKbps = o.value(QStringLiteral("target_bitrate_kbps")).toInt();
        if (const QString init = o.value(QStringLiteral("init")).toString(); !init.isEmpty()) r.files << dir.filePath(init);
        for (const QJsonValue &s : o.value(QStringLiteral("segments")).toArray())
            r.files << dir.filePath(s.toObject().value(QStringLiteral("file")).toString());
        if (r.files.isEmpty() && !progressive.isEmpty()) r.files << dir.filePath(progressive);
        if (r.files.isEmpty())
            return makeError(QStringLiteral("qc.manifest"), QStringLiteral("rendition \"%1\" lists no files").arg(r.name), path);
        in.renditions.append(r);
    }
    if (in.renditions.isEmpty()) return makeError(QStringLiteral("qc.manifest"), QStringLiteral("the manifest lists no renditions"), path);
    return in;
}

// QC input for a plain media file: its first video and audio streams as renditions.
Result<QcInput> inputFromFile(const QString &file)
{
    ProbeOptions options;
    options.hash = HashMode::Skip;
    const ProbeResult p = probe(file, options);
    if (p.hasFatal()) {
        for (const ProbeProblem &problem : p.problems)
            if (problem.severity == Severity::Fatal) return makeError(QStringLiteral("qc.input"), problem.message, file);
    }
    QcInput in;
    in.sourceDurationSeconds = p.durationSeconds;
    in.startOffsetSeconds = p.startSeconds;
    const QString path = QFileInfo(file).absoluteFilePath();
    const QString stem = QFileInfo(file).fileName();
    bool video = false, audio = false;
    for (const StreamInfo &s : p.streams) {
        if (s.type == u"video" && !s.attachedPicture && !video) {
            video = true;
            in.renditions.append(QcRendition{stem + QStringLiteral(" video"), QStringLiteral("video"), {path}, s.width, s.height});
        } else if (s.type == u"audio" && !audio) {
            audio = true;
            in.renditions.append(QcRendition{stem + QStringLiteral(" audio"), QStringLiteral("audio"), {path}});
        }
    }
    if (in.renditions.isEmpty()) return makeError(QStringLiteral("qc.input"), QStringLiteral("the file has neither video nor audio to check"), file);
    return in;
}

} // namespace

int qcCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = args.value(0, QStringLiteral("rendition-cli qc"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check a published package or a media file against a preset's QC rules."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption presetOption(QStringLiteral("preset"), QStringLiteral("Built-in preset name or preset file."), QStringLiteral("NAME|FILE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the report as JSON (schema rendition.qc/1)."));
    parser.addOption(presetOption);
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A published version folder (with manifest.json) or a media file."));

    auto usage = [&](const QString &message) {
        err << program << ": " << message << "\n\n" << usageText(parser, program);
        return kExitUsage;
    };
    if (!parser.parse(args)) return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        out << usageText(parser, program);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1) return usage(QStringLiteral("give exactly one FILE."));
    if (!parser.isSet(presetOption)) return usage(QStringLiteral("--preset is required."));
    const Result<Preset> preset = loadPreset(parser.value(presetOption));
    if (!preset) {
        err << program << ": " << preset.error().toString() << '\n';
        return kExitUsage;
    }

    const QString file = parser.positionalArguments().first();
    const QFileInfo info(file);
    if (!info.exists()) {
        err << program << ": " << file << ": no such file or folder; give a version folder or a media file.\n";
        return kExitFailed;
    }
    Result<QcInput> input = info.isDir() ? inputFromManifest(info.absoluteFilePath()) : inputFromFile(file);
    if (!input) {
        err << program << ": " << input.error().toString() << '\n';
        return kExitFailed;
    }
    input->loudnessEnabled = preset->loudness.enabled;
    input->targetLufs = preset->loudness.targetLufs;
    input->ceilingDbtp = preset->loudness.truePeakDbtp;

    const Result<QcReport> report = runQc(*input, preset->qc.rules, {}, CancelToken());
    if (!report) {
        err << program << ": " << report.error().toString() << '\n';
        return kExitFailed;
    }
    if (parser.isSet(jsonOption)) {
        out << QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented);
    } else {
        for (const QcEvent &e : report->events) out << qcSeverityName(e.severity) << ' ' << e.check << ": " << e.message << '\n';
        out << (report->passed() ? "PASSED" : "FAILED") << " (" << report->count(QcSeverity::Fail) << " fail, "
            << report->count(QcSeverity::Warn) << " warn)\n";
    }
    return report->passed() ? kExitOk : kExitFailed;
}

} // namespace rendition::cli
